/// A token added on top of the model vocabulary (HF `AddedToken`), such as `<|im_start|>`.
public struct AddedToken: Sendable, Equatable {
    public let id: Int
    public let content: String
    /// Special tokens are skipped by `decode(_:skipSpecialTokens: true)`.
    public let isSpecial: Bool
    /// Only match when not surrounded by word characters.
    public let singleWord: Bool
    /// Swallow whitespace on the left / right of the match.
    public let leftStrip: Bool
    public let rightStrip: Bool
    /// Match against normalized text (using the normalized form of `content`) instead of raw text.
    public let normalized: Bool

    public init(
        id: Int, content: String, isSpecial: Bool, singleWord: Bool = false, leftStrip: Bool = false,
        rightStrip: Bool = false, normalized: Bool? = nil
    ) {
        self.id = id
        self.content = content
        self.isSpecial = isSpecial
        self.singleWord = singleWord
        self.leftStrip = leftStrip
        self.rightStrip = rightStrip
        // HF's default: special tokens are matched raw, other added tokens after normalization.
        self.normalized = normalized ?? !isSpecial
    }

    static func parse(_ node: JSONNode) throws(TokenizerError) -> AddedToken {
        let special = try node.bool("special", default: false)
        return AddedToken(
            id: try node.required("id").index, content: try node.required("content").string, isSpecial: special,
            singleWord: try node.bool("single_word", default: false), leftStrip: try node.bool("lstrip", default: false),
            rightStrip: try node.bool("rstrip", default: false), normalized: try node.optional("normalized")?.bool)
    }
}

/// A stretch of text after added-token extraction: either plain text or one added token.
enum TextSegment {
    case text(TextPiece)
    case added(AddedToken)
}

/// Finds added tokens in text, leftmost-longest over UTF-8 bytes like HF's Aho-Corasick matcher,
/// then applies `single_word`, `lstrip` and `rstrip` exactly as `AddedVocabulary::find_matches`.
struct AddedTokenMatcher: Sendable {
    private var children: [[UInt8: Int32]] = [[:]]
    private var terminal: [Int32] = [-1]
    private var tokens: [AddedToken] = []
    private var firstBytes = [Bool](repeating: false, count: 256)

    var isEmpty: Bool { tokens.isEmpty }

    /// `patterns` pairs the string to look for with the token it produces.
    init(patterns: [(String, AddedToken)]) {
        for (pattern, token) in patterns where !pattern.isEmpty {
            var node = 0
            for byte in pattern.utf8 {
                if let child = children[node][byte] {
                    node = Int(child)
                } else {
                    children.append([:])
                    terminal.append(-1)
                    children[node][byte] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            tokens.append(token)
            terminal[node] = Int32(tokens.count - 1)
            firstBytes[Int(pattern.utf8.first!)] = true
        }
    }

    /// Splits one piece into text and added-token segments (empty text segments are dropped).
    func split(_ piece: TextPiece) -> [TextSegment] {
        guard !tokens.isEmpty, !piece.text.isEmpty else { return piece.text.isEmpty ? [] : [.text(piece)] }
        let bytes = Array(piece.text.utf8)
        var segments: [TextSegment] = []
        var segmentStart = 0
        var position = 0
        func appendText(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            let text = String(decoding: bytes[range], as: UTF8.self)
            segments.append(.text(TextPiece(text: text, isAtOriginalStart: piece.isAtOriginalStart && range.lowerBound == 0)))
        }
        while position < bytes.count {
            guard firstBytes[Int(bytes[position])], let (tokenIndex, matchEnd) = longestMatch(in: bytes, at: position) else {
                position += 1
                continue
            }
            var start = position
            var stop = matchEnd
            let token = tokens[tokenIndex]
            // The underlying iterator resumes after the raw match even when it is discarded.
            position = matchEnd
            if token.singleWord {
                let startsClean = start == 0 || !Self.isWordScalar(before: start, in: bytes)
                let endsClean = stop == bytes.count || !Self.isWordScalar(at: stop, in: bytes)
                if !startsClean || !endsClean { continue }
            }
            if token.leftStrip { start = max(Self.whitespaceRunStart(endingAt: start, in: bytes), segmentStart) }
            if token.rightStrip { stop = Self.whitespaceRunEnd(startingAt: stop, in: bytes) }
            if segmentStart < start { appendText(segmentStart..<start) }
            segments.append(.added(token))
            segmentStart = stop
        }
        if segmentStart < bytes.count { appendText(segmentStart..<bytes.count) }
        return segments
    }

    private func longestMatch(in bytes: [UInt8], at start: Int) -> (Int, Int)? {
        var node = 0
        var best: (Int, Int)? = nil
        var index = start
        while index < bytes.count, let child = children[node][bytes[index]] {
            node = Int(child)
            index += 1
            if terminal[node] >= 0 { best = (Int(terminal[node]), index) }
        }
        return best
    }

    // MARK: Scalar helpers on valid UTF-8 byte arrays.

    private static func scalar(at offset: Int, in bytes: [UInt8]) -> (Unicode.Scalar, Int) {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) {
            return (scalar, UTF8.width(scalar))
        }
        return ("\u{FFFD}", 1)
    }

    private static func scalarStart(before offset: Int, in bytes: [UInt8]) -> Int {
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    private static func isWordScalar(before offset: Int, in bytes: [UInt8]) -> Bool {
        ScalarClass.isWordCharacter(scalar(at: scalarStart(before: offset, in: bytes), in: bytes).0)
    }

    private static func isWordScalar(at offset: Int, in bytes: [UInt8]) -> Bool {
        ScalarClass.isWordCharacter(scalar(at: offset, in: bytes).0)
    }

    private static func whitespaceRunStart(endingAt offset: Int, in bytes: [UInt8]) -> Int {
        var start = offset
        while start > 0 {
            let previous = scalarStart(before: start, in: bytes)
            guard ScalarClass.isWhitespace(scalar(at: previous, in: bytes).0) else { break }
            start = previous
        }
        return start
    }

    private static func whitespaceRunEnd(startingAt offset: Int, in bytes: [UInt8]) -> Int {
        var end = offset
        while end < bytes.count {
            let (scalar, width) = scalar(at: end, in: bytes)
            guard ScalarClass.isWhitespace(scalar) else { break }
            end += width
        }
        return end
    }
}

/// Splits normalized text into the pieces the model tokenizes independently (HF `pre_tokenizer`).
protocol PreTokenizer: Sendable {
    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece]
}

extension PreTokenizer {
    /// Convenience for tests and callers holding a single string.
    func preTokenize(text: String, isAtOriginalStart: Bool = true) -> [String] {
        guard !text.isEmpty else { return [] }
        return preTokenize([TextPiece(text: text, isAtOriginalStart: isAtOriginalStart)]).map(\.text)
    }
}

/// GPT-2 byte-level pre-tokenizer: optional prefix space, optional GPT-2 regex split, then
/// every byte replaced by its stand-in character.
struct ByteLevelPreTokenizer: PreTokenizer {
    static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    // Compiled once; the pattern is a constant known to be valid for ICU.
    private static let gpt2Regex = try! RegexPattern(oniguruma: gpt2Pattern)

    let addPrefixSpace: Bool
    let useRegex: Bool

    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece] {
        var output: [TextPiece] = []
        for var piece in pieces {
            // HF prepends to every split that reaches it (each section between added tokens).
            if addPrefixSpace && !piece.text.startsWithScalar(" ") { piece.text = " " + piece.text }
            let parts =
                useRegex
                ? TextSplitter.split(piece, matches: Self.gpt2Regex.findMatches(in: piece.text), behavior: .isolated)
                : [piece]
            for part in parts where !part.text.isEmpty {
                output.append(TextPiece(text: ByteLevelAlphabet.encode(part.text), isAtOriginalStart: part.isAtOriginalStart))
            }
        }
        return output
    }
}

/// Splits on a string or regex pattern with a delimiter behavior, optionally inverted.
struct SplitPreTokenizer: PreTokenizer {
    let pattern: RegexPattern
    let behavior: SplitDelimiterBehavior
    let invert: Bool

    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece] {
        pieces.flatMap { piece in
            TextSplitter.split(piece, matches: pattern.findMatches(in: piece.text), behavior: behavior, invert: invert)
        }
    }
}

/// Splits with a per-scalar predicate (Digits, Punctuation, WhitespaceSplit, CharDelimiterSplit).
struct ScalarSplitPreTokenizer: PreTokenizer {
    let isDelimiter: @Sendable (Unicode.Scalar) -> Bool
    let behavior: SplitDelimiterBehavior

    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece] {
        pieces.flatMap { piece in
            TextSplitter.split(
                piece, matches: TextSplitter.findMatches(in: piece.text, where: isDelimiter), behavior: behavior)
        }
    }
}

/// SentencePiece-style: spaces become the replacement ("▁"), optionally prepended, then split
/// before each replacement.
struct MetaspacePreTokenizer: PreTokenizer {
    enum PrependScheme: String { case first, never, always }

    let replacement: Unicode.Scalar
    let prependScheme: PrependScheme
    let split: Bool

    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece] {
        let replacementText = String(Character(replacement))
        var output: [TextPiece] = []
        for var piece in pieces {
            piece.text = String(scalars: piece.text.unicodeScalars.map { $0 == " " ? replacement : $0 })
            let startsWithReplacement = piece.text.startsWithScalar(replacement)
            switch prependScheme {
            case .always where !startsWithReplacement:
                piece.text = replacementText + piece.text
            case .first where !startsWithReplacement && piece.isAtOriginalStart:
                piece.text = replacementText + piece.text
            default:
                break
            }
            if split {
                let matches = TextSplitter.findMatches(in: piece.text) { $0 == replacement }
                output += TextSplitter.split(piece, matches: matches, behavior: .mergedWithNext)
            } else if !piece.text.isEmpty {
                output.append(piece)
            }
        }
        return output
    }
}

/// HF `Whitespace`: keeps runs of word characters and runs of other non-space characters.
struct WhitespacePreTokenizer: PreTokenizer {
    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece] {
        pieces.flatMap { piece in
            // Equivalent of splitting on Invert(`\w+|[^\w\s]+`) with Removed: classify each scalar
            // as word / space / other and keep maximal runs of word or other scalars.
            var kept: [TextMatch] = []
            let scalars = piece.text.unicodeScalars
            var runStart = scalars.startIndex
            var runKind = 0  // 0 none, 1 word, 2 other
            var index = scalars.startIndex
            func close(_ end: String.Index) {
                if runKind != 0 && runStart != end { kept.append(TextMatch(range: runStart..<end, isMatch: false)) }
            }
            while index != scalars.endIndex {
                let scalar = scalars[index]
                let kind = ScalarClass.isWordCharacter(scalar) ? 1 : (ScalarClass.isWhitespace(scalar) ? 0 : 2)
                if kind != runKind {
                    close(index)
                    runStart = index
                    runKind = kind
                }
                index = scalars.index(after: index)
            }
            close(scalars.endIndex)
            return kept.map {
                TextPiece(
                    text: piece.text.scalarSlice($0.range),
                    isAtOriginalStart: piece.isAtOriginalStart && $0.range.lowerBound == piece.text.startIndex)
            }
        }
    }
}

/// BERT: split on whitespace (removed), then isolate punctuation.
struct BertPreTokenizer: PreTokenizer {
    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece] {
        let words = ScalarSplitPreTokenizer(isDelimiter: ScalarClass.isWhitespace, behavior: .removed)
        let punctuation = ScalarSplitPreTokenizer(isDelimiter: ScalarClass.isPunctuation, behavior: .isolated)
        return punctuation.preTokenize(words.preTokenize(pieces))
    }
}

/// Applies pre-tokenizers in order.
struct SequencePreTokenizer: PreTokenizer {
    let preTokenizers: [any PreTokenizer]

    func preTokenize(_ pieces: [TextPiece]) -> [TextPiece] {
        preTokenizers.reduce(pieces) { $1.preTokenize($0) }
    }
}

/// Builds pre-tokenizers from tokenizer.json, keyed by `type`.
enum PreTokenizerFactory {
    static func make(_ node: JSONNode) throws(TokenizerError) -> any PreTokenizer {
        let type = try node.typeName
        switch type {
        case "ByteLevel":
            return ByteLevelPreTokenizer(
                addPrefixSpace: try node.bool("add_prefix_space", default: true),
                useRegex: try node.bool("use_regex", default: true))
        case "Split":
            return SplitPreTokenizer(
                pattern: try PatternField.parse(node.required("pattern")),
                behavior: try SplitDelimiterBehavior.parse(node.required("behavior")),
                invert: try node.bool("invert", default: false))
        case "Digits":
            let individual = try node.bool("individual_digits", default: false)
            return ScalarSplitPreTokenizer(isDelimiter: ScalarClass.isNumeric, behavior: individual ? .isolated : .contiguous)
        case "Punctuation":
            let behavior = try node.optional("behavior").map { node throws(TokenizerError) in try SplitDelimiterBehavior.parse(node) }
            return ScalarSplitPreTokenizer(isDelimiter: ScalarClass.isPunctuation, behavior: behavior ?? .isolated)
        case "WhitespaceSplit":
            return ScalarSplitPreTokenizer(isDelimiter: ScalarClass.isWhitespace, behavior: .removed)
        case "Whitespace":
            return WhitespacePreTokenizer()
        case "BertPreTokenizer":
            return BertPreTokenizer()
        case "CharDelimiterSplit":
            let delimiter = try node.character("delimiter")
            return ScalarSplitPreTokenizer(isDelimiter: { $0 == delimiter }, behavior: .removed)
        case "Metaspace":
            return try makeMetaspace(node)
        case "Sequence":
            return SequencePreTokenizer(
                preTokenizers: try node.required("pretokenizers").array.map { node throws(TokenizerError) in try make(node) })
        default:
            throw .unsupportedComponent(file: node.file, path: node.path, type: type)
        }
    }

    private static func makeMetaspace(_ node: JSONNode) throws(TokenizerError) -> MetaspacePreTokenizer {
        var scheme = MetaspacePreTokenizer.PrependScheme.always
        if let schemeNode = node.optional("prepend_scheme") {
            let name = try schemeNode.string
            guard let parsed = MetaspacePreTokenizer.PrependScheme(rawValue: name) else {
                throw schemeNode.invalid("unknown prepend_scheme '\(name)'")
            }
            scheme = parsed
        }
        // Files written before prepend_scheme existed use add_prefix_space: false for "never".
        if let legacy = node.optional("add_prefix_space"), try legacy.bool == false {
            guard scheme == .never || node.optional("prepend_scheme") == nil else {
                throw legacy.invalid("add_prefix_space does not match declared prepend_scheme")
            }
            scheme = .never
        }
        return MetaspacePreTokenizer(
            replacement: try node.character("replacement"), prependScheme: scheme,
            split: try node.bool("split", default: true))
    }
}

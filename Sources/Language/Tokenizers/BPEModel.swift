/// Byte-pair-encoding model with HF `tokenizers` semantics: unknown/byte-fallback handling,
/// continuing-subword prefix, end-of-word suffix, `ignore_merges`, and a word cache.
struct BPEModel: TokenizationModel {
    let vocabulary: Vocabulary
    let merges: MergeTable
    let unknownTokenId: Int?
    let fuseUnknown: Bool
    let byteFallback: Bool
    let ignoreMerges: Bool
    let continuingSubwordPrefix: String?
    let endOfWordSuffix: String?
    /// Ids of single-scalar tokens, the fast path when no prefix/suffix decorates characters.
    private let scalarIds: [Unicode.Scalar: Int32]
    /// Ids of the `<0xNN>` tokens, -1 where absent.
    private let byteTokenIds: [Int]
    private let cache = TokenizationCache()

    init(
        vocabulary: Vocabulary, merges: MergeTable, unknownTokenId: Int? = nil, fuseUnknown: Bool = false,
        byteFallback: Bool = false, ignoreMerges: Bool = false, continuingSubwordPrefix: String? = nil,
        endOfWordSuffix: String? = nil
    ) {
        self.vocabulary = vocabulary
        self.merges = merges
        self.unknownTokenId = unknownTokenId
        self.fuseUnknown = fuseUnknown
        self.byteFallback = byteFallback
        self.ignoreMerges = ignoreMerges
        self.continuingSubwordPrefix = continuingSubwordPrefix
        self.endOfWordSuffix = endOfWordSuffix
        var scalarIds: [Unicode.Scalar: Int32] = [:]
        for (key, id) in vocabulary.idsByToken {
            var scalars = key.text.unicodeScalars.makeIterator()
            if let first = scalars.next(), scalars.next() == nil { scalarIds[first] = Int32(id) }
        }
        self.scalarIds = scalarIds
        byteTokenIds = (0..<256).map { vocabulary.id(for: ByteFallbackToken.name(for: UInt8($0))) ?? -1 }
    }

    var vocabularySize: Int { vocabulary.count }

    func tokenToId(_ token: String) -> Int? { vocabulary.id(for: token) }

    func idToToken(_ id: Int) -> String? { vocabulary.token(for: id) }

    func tokenize(_ piece: String) -> [Int] {
        guard !piece.isEmpty else { return [] }
        if ignoreMerges, let id = vocabulary.id(for: piece) { return [id] }
        if let cached = cache.value(for: piece) { return cached }
        let ids = BPEMerger.merge(initialSymbols(piece), table: merges).map(Int.init)
        cache.store(ids, for: piece)
        return ids
    }

    /// One symbol per scalar (decorated with prefix/suffix), with byte fallback and unknowns.
    private func initialSymbols(_ piece: String) -> [Int32] {
        var symbols: [Int32] = []
        symbols.reserveCapacity(piece.unicodeScalars.count)
        var pendingUnknown: Int32? = nil
        let decorated = continuingSubwordPrefix != nil || endOfWordSuffix != nil
        let scalars = piece.unicodeScalars
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let nextIndex = scalars.index(after: index)
            var symbolText: String? = nil
            let id: Int32?
            if decorated {
                var text = String(Character(scalar))
                if index != scalars.startIndex, let prefix = continuingSubwordPrefix { text = prefix + text }
                if nextIndex == scalars.endIndex, let suffix = endOfWordSuffix { text += suffix }
                symbolText = text
                id = vocabulary.id(for: text).map { Int32($0) }
            } else {
                id = scalarIds[scalar]
            }
            index = nextIndex
            if let id {
                if let unknown = pendingUnknown {
                    symbols.append(unknown)
                    pendingUnknown = nil
                }
                symbols.append(id)
                continue
            }
            if byteFallback, let bytes = byteIds(for: symbolText ?? String(Character(scalar))) {
                // HF appends the bytes without flushing a pending unknown first; keep that order.
                symbols.append(contentsOf: bytes)
                continue
            }
            guard let unknownId = unknownTokenId.map({ Int32($0) }) else { continue }
            if let unknown = pendingUnknown, !fuseUnknown { symbols.append(unknown) }
            pendingUnknown = unknownId
        }
        if let unknown = pendingUnknown { symbols.append(unknown) }
        return symbols
    }

    private func byteIds(for text: String) -> [Int32]? {
        var ids: [Int32] = []
        for byte in text.utf8 {
            let id = byteTokenIds[Int(byte)]
            guard id >= 0 else { return nil }
            ids.append(Int32(id))
        }
        return ids
    }
}

/// Names of SentencePiece byte tokens ("<0x0A>").
enum ByteFallbackToken {
    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    static func name(for byte: UInt8) -> String {
        "<0x" + String(Character(hexDigits[Int(byte >> 4)])) + String(Character(hexDigits[Int(byte & 0xF)])) + ">"
    }

    /// The byte a `<0xNN>` token stands for, parsed the way HF's ByteFallback decoder does
    /// (exactly six bytes, `<0x`, two radix-16 characters accepted by Rust's `from_str_radix`, `>`).
    static func byte(of token: String) -> UInt8? {
        let utf8 = Array(token.utf8)
        guard utf8.count == 6, utf8[0] == 0x3C, utf8[1] == 0x30, utf8[2] == 0x78, utf8[5] == 0x3E else { return nil }
        func digit(_ value: UInt8) -> UInt8? {
            switch value {
            case 0x30...0x39: return value - 0x30
            case 0x41...0x46: return value - 0x41 + 10
            case 0x61...0x66: return value - 0x61 + 10
            default: return nil
            }
        }
        // Rust's from_str_radix also accepts a leading '+' ("<0x+A>" is byte 10).
        if utf8[3] == 0x2B { return digit(utf8[4]) }
        guard let high = digit(utf8[3]), let low = digit(utf8[4]) else { return nil }
        return high << 4 | low
    }
}

/// Reads a BPE `model` object from tokenizer.json.
enum BPEModelLoader {
    static func load(_ node: JSONNode) throws(TokenizerError) -> BPEModel {
        if let dropoutNode = node.optional("dropout") {
            let dropout = try dropoutNode.double
            // Dropout makes encoding random; only the deterministic setting is supported.
            guard dropout == 0 else { throw dropoutNode.invalid("BPE dropout \(dropout) is not supported (must be null)") }
        }
        var vocabulary = Vocabulary()
        for (token, idNode) in try node.required("vocab").members {
            vocabulary.insert(token, id: try idNode.index)
        }
        let prefix = try node.string("continuing_subword_prefix")
        let merges = try parseMerges(node.required("merges"))
        let table = try buildTable(merges, vocabulary: vocabulary, prefix: prefix, node: node)
        var unknownId: Int? = nil
        if let unknown = try node.string("unk_token") {
            // HF only fails when an unknown character is met; an absent id means "drop it" here.
            unknownId = vocabulary.id(for: unknown)
        }
        return BPEModel(
            vocabulary: vocabulary, merges: table, unknownTokenId: unknownId,
            fuseUnknown: try node.bool("fuse_unk", default: false),
            byteFallback: try node.bool("byte_fallback", default: false),
            ignoreMerges: try node.bool("ignore_merges", default: false),
            continuingSubwordPrefix: prefix, endOfWordSuffix: try node.string("end_of_word_suffix"))
    }

    /// Accepts both `["a", "b"]` pairs (tokenizers ≥ 0.20) and legacy `"a b"` strings.
    static func parseMerges(_ node: JSONNode) throws(TokenizerError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for element in try node.array {
            if case .array = element.value {
                let parts = try element.array
                guard parts.count == 2 else { throw element.invalid("a merge pair must have two strings") }
                pairs.append((try parts[0].string, try parts[1].string))
                continue
            }
            let line = try element.string
            if line.utf8.starts(with: "#version".utf8) { continue }
            // Split on scalars: a space followed by a combining mark is one Swift Character.
            let parts = line.unicodeScalars.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw element.invalid("merge \"\(line)\" is not two space-separated tokens") }
            pairs.append((String(String.UnicodeScalarView(parts[0])), String(String.UnicodeScalarView(parts[1]))))
        }
        return pairs
    }

    /// Resolves merges to ids; every side and every result must be in the vocabulary.
    static func buildTable(
        _ merges: [(String, String)], vocabulary: Vocabulary, prefix: String?, node: JSONNode
    ) throws(TokenizerError) -> MergeTable {
        var table = MergeTable()
        let prefixLength = prefix?.utf8.count ?? 0
        for (rank, (left, right)) in merges.enumerated() {
            guard let leftId = vocabulary.id(for: left), let rightId = vocabulary.id(for: right) else {
                throw node.invalid("merge \(rank) (\"\(left)\" \"\(right)\") uses a token missing from the vocab")
            }
            let rightBytes = Array(right.utf8)
            guard rightBytes.count >= prefixLength,
                let rest = String(strictUTF8: rightBytes[prefixLength...])
            else { throw node.invalid("merge \(rank) right side \"\(right)\" is shorter than the subword prefix") }
            guard let mergedId = vocabulary.id(for: left + rest) else {
                throw node.invalid("merge \(rank) result \"\(left + rest)\" is missing from the vocab")
            }
            table.insert(left: leftId, right: rightId, rank: rank, mergedId: mergedId)
        }
        return table
    }
}

/// Tokenizer metadata as stored in a GGUF file (`tokenizer.ggml.*`), as plain Swift values so
/// this module needs no GGUF reader.
public struct GGUFTokenizerMetadata: Sendable, Equatable {
    /// GGUF token types.
    public enum TokenType: Int32, Sendable {
        case normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6
    }

    /// `tokenizer.ggml.model`: "gpt2" (byte-level BPE) or "llama" (SentencePiece).
    public var model: String
    /// `tokenizer.ggml.pre`: the pre-tokenizer name (gpt2 models only).
    public var pre: String?
    public var tokens: [String]
    /// `"left right"` strings (gpt2 models only).
    public var merges: [String]
    public var tokenTypes: [Int32]?
    public var scores: [Float]?
    public var bosTokenId: Int?
    public var eosTokenId: Int?
    public var unknownTokenId: Int?
    public var paddingTokenId: Int?
    public var addBosToken: Bool?
    public var addEosToken: Bool?
    /// `tokenizer.ggml.add_space_prefix` (SentencePiece models; llama.cpp defaults it to true).
    public var addSpacePrefix: Bool?
    public var chatTemplate: String?

    public init(
        model: String, pre: String? = nil, tokens: [String], merges: [String] = [], tokenTypes: [Int32]? = nil,
        scores: [Float]? = nil, bosTokenId: Int? = nil, eosTokenId: Int? = nil, unknownTokenId: Int? = nil,
        paddingTokenId: Int? = nil, addBosToken: Bool? = nil, addEosToken: Bool? = nil, addSpacePrefix: Bool? = nil,
        chatTemplate: String? = nil
    ) {
        self.model = model
        self.pre = pre
        self.tokens = tokens
        self.merges = merges
        self.tokenTypes = tokenTypes
        self.scores = scores
        self.bosTokenId = bosTokenId
        self.eosTokenId = eosTokenId
        self.unknownTokenId = unknownTokenId
        self.paddingTokenId = paddingTokenId
        self.addBosToken = addBosToken
        self.addEosToken = addEosToken
        self.addSpacePrefix = addSpacePrefix
        self.chatTemplate = chatTemplate
    }

    /// Reads the `tokenizer.*` keys from a GGUF key/value dictionary whose values are Swift
    /// strings, booleans, integers or floats of any width, or arrays of those.
    public init(keyValues: [String: any Sendable]) throws(TokenizerError) {
        func string(_ key: String) throws(TokenizerError) -> String? {
            guard let value = keyValues[key] else { return nil }
            guard let text = value as? String else { throw .invalidGGUFMetadata(reason: "\(key) is not a string") }
            return text
        }
        func integer(_ key: String) throws(TokenizerError) -> Int? {
            guard let value = keyValues[key] else { return nil }
            guard let number = Self.integer(value), number >= 0 else {
                throw .invalidGGUFMetadata(reason: "\(key) is not a non-negative integer")
            }
            return number
        }
        func flag(_ key: String) throws(TokenizerError) -> Bool? {
            guard let value = keyValues[key] else { return nil }
            guard let bool = value as? Bool else { throw .invalidGGUFMetadata(reason: "\(key) is not a boolean") }
            return bool
        }
        func array(_ key: String) throws(TokenizerError) -> [any Sendable]? {
            guard let value = keyValues[key] else { return nil }
            guard let elements = Self.elements(value) else { throw .invalidGGUFMetadata(reason: "\(key) is not an array") }
            return elements
        }
        guard let model = try string("tokenizer.ggml.model") else {
            throw .invalidGGUFMetadata(reason: "missing tokenizer.ggml.model")
        }
        guard let tokenValues = try array("tokenizer.ggml.tokens") else {
            throw .invalidGGUFMetadata(reason: "missing tokenizer.ggml.tokens")
        }
        let tokens = try tokenValues.map { value throws(TokenizerError) -> String in
            guard let text = value as? String else { throw .invalidGGUFMetadata(reason: "tokenizer.ggml.tokens holds a non-string") }
            return text
        }
        let merges = try (try array("tokenizer.ggml.merges") ?? []).map { value throws(TokenizerError) -> String in
            guard let text = value as? String else { throw .invalidGGUFMetadata(reason: "tokenizer.ggml.merges holds a non-string") }
            return text
        }
        let types = try array("tokenizer.ggml.token_type")?.map { value throws(TokenizerError) -> Int32 in
            guard let number = Self.integer(value), let type = Int32(exactly: number) else {
                throw .invalidGGUFMetadata(reason: "tokenizer.ggml.token_type holds a non-integer")
            }
            return type
        }
        let scores = try array("tokenizer.ggml.scores")?.map { value throws(TokenizerError) -> Float in
            guard let number = Self.float(value) else { throw .invalidGGUFMetadata(reason: "tokenizer.ggml.scores holds a non-number") }
            return number
        }
        // The spec spells it unknown_token_id; some writers use unk_token_id.
        let unknownId = try integer("tokenizer.ggml.unknown_token_id")
        let alternativeUnknownId = try integer("tokenizer.ggml.unk_token_id")
        self.init(
            model: model, pre: try string("tokenizer.ggml.pre"), tokens: tokens, merges: merges, tokenTypes: types,
            scores: scores, bosTokenId: try integer("tokenizer.ggml.bos_token_id"),
            eosTokenId: try integer("tokenizer.ggml.eos_token_id"),
            unknownTokenId: unknownId ?? alternativeUnknownId,
            paddingTokenId: try integer("tokenizer.ggml.padding_token_id"),
            addBosToken: try flag("tokenizer.ggml.add_bos_token"), addEosToken: try flag("tokenizer.ggml.add_eos_token"),
            addSpacePrefix: try flag("tokenizer.ggml.add_space_prefix"), chatTemplate: try string("tokenizer.chat_template"))
    }

    private static func integer(_ value: any Sendable) -> Int? {
        switch value {
        case let number as any BinaryInteger: return Int(exactly: number)
        default: return nil
        }
    }

    private static func float(_ value: any Sendable) -> Float? {
        switch value {
        case let number as Float: return number
        case let number as Double: return Float(number)
        case let number as any BinaryInteger: return Float(number)
        default: return nil
        }
    }

    private static func elements(_ value: any Sendable) -> [any Sendable]? {
        switch value {
        case let list as [any Sendable]: return list
        case let list as [String]: return list
        case let list as [Int32]: return list
        case let list as [Int]: return list
        case let list as [UInt32]: return list
        case let list as [Float]: return list
        case let list as [Double]: return list
        default: return nil
        }
    }
}

/// Builds tokenizers from GGUF metadata, reproducing what llama.cpp does with the same keys.
enum GGUFTokenizerBuilder {
    static func components(_ metadata: GGUFTokenizerMetadata) throws(TokenizerError) -> PreTrainedTokenizer.Components {
        let count = metadata.tokens.count
        guard count > 0 else { throw .invalidGGUFMetadata(reason: "tokenizer.ggml.tokens is empty") }
        if let types = metadata.tokenTypes, types.count != count {
            throw .invalidGGUFMetadata(reason: "token_type has \(types.count) entries for \(count) tokens")
        }
        for (key, id) in [("bos", metadata.bosTokenId), ("eos", metadata.eosTokenId), ("unknown", metadata.unknownTokenId),
                          ("padding", metadata.paddingTokenId)] {
            if let id, id >= count { throw .invalidGGUFMetadata(reason: "\(key)_token_id \(id) is out of range") }
        }
        var vocabulary = Vocabulary()
        for (id, token) in metadata.tokens.enumerated().reversed() {
            // Reversed so that a duplicated string keeps its first id, as llama.cpp's map insert does.
            vocabulary.insert(token, id: id)
        }
        let types = metadata.tokenTypes ?? []
        var addedTokens: [AddedToken] = []
        for (id, type) in types.enumerated() {
            switch GGUFTokenizerMetadata.TokenType(rawValue: type) {
            case .control, .unknown:
                addedTokens.append(AddedToken(id: id, content: metadata.tokens[id], isSpecial: true, normalized: false))
            case .userDefined:
                addedTokens.append(AddedToken(id: id, content: metadata.tokens[id], isSpecial: false, normalized: false))
            default:
                break
            }
        }
        switch metadata.model {
        case "gpt2":
            return try buildByteLevel(metadata, vocabulary: vocabulary, addedTokens: addedTokens)
        case "llama":
            return try buildSentencePiece(metadata, vocabulary: vocabulary, addedTokens: addedTokens)
        default:
            throw .invalidGGUFMetadata(reason: "unsupported tokenizer.ggml.model '\(metadata.model)' (gpt2 and llama are)")
        }
    }

    private static func buildByteLevel(
        _ metadata: GGUFTokenizerMetadata, vocabulary: Vocabulary, addedTokens: [AddedToken]
    ) throws(TokenizerError) -> PreTrainedTokenizer.Components {
        let preset = try GGUFPreTokenizerPreset.named(metadata.pre)
        var table = MergeTable()
        for (rank, merge) in metadata.merges.enumerated() {
            // llama.cpp splits at the first space after the first character.
            let scalars = Array(merge.unicodeScalars)
            guard let space = scalars.dropFirst().firstIndex(of: " ") else {
                throw .invalidGGUFMetadata(reason: "merge \(rank) \"\(merge)\" has no separating space")
            }
            let left = String(scalars: scalars[..<space])
            let right = String(scalars: scalars[(space + 1)...])
            guard let leftId = vocabulary.id(for: left), let rightId = vocabulary.id(for: right),
                let mergedId = vocabulary.id(for: left + right)
            else { throw .invalidGGUFMetadata(reason: "merge \(rank) \"\(merge)\" uses tokens missing from the vocabulary") }
            table.insert(left: leftId, right: rightId, rank: rank, mergedId: mergedId)
        }
        let model = BPEModel(vocabulary: vocabulary, merges: table, ignoreMerges: preset.ignoreMerges)
        let addBos = preset.forcesBOS || (metadata.addBosToken ?? false)
        var parts = PreTrainedTokenizer.Components(
            model: model, normalizer: preset.appliesNFC ? UnicodeNormalizer(form: .nfc) : nil,
            preTokenizer: try preset.makePreTokenizer(),
            postProcessor: try template(metadata, addBos: addBos, addEos: metadata.addEosToken ?? false),
            decoder: ByteLevelDecoder(), addedTokens: addedTokens)
        fillSpecialIds(&parts, metadata)
        return parts
    }

    private static func buildSentencePiece(
        _ metadata: GGUFTokenizerMetadata, vocabulary: Vocabulary, addedTokens: [AddedToken]
    ) throws(TokenizerError) -> PreTrainedTokenizer.Components {
        let scores = metadata.scores ?? []
        guard scores.count == metadata.tokens.count else {
            throw .invalidGGUFMetadata(reason: "tokenizer.ggml.scores must have one score per token for a llama vocabulary")
        }
        let byteIds = (0..<256).map { vocabulary.id(for: ByteFallbackToken.name(for: UInt8($0))) ?? -1 }
        let model = SentencePieceModel(
            vocabulary: vocabulary, scores: scores, byteTokenIds: byteIds, unknownTokenId: metadata.unknownTokenId)
        let addSpacePrefix = metadata.addSpacePrefix ?? true
        // llama.cpp prefixes a space to every text fragment that starts the input or follows a
        // special token; HF's legacy Llama normalizer (Prepend "▁" per fragment) does the same.
        let escape = ReplaceNormalizer(pattern: try! RegexPattern(literal: " "), content: "▁")
        let normalizer: any Normalizer =
            addSpacePrefix ? SequenceNormalizer(normalizers: [PrependNormalizer(prefix: "▁"), escape]) : escape
        var decoders: [any TokenDecoder] = [
            ReplaceDecoder(pattern: try! RegexPattern(literal: "▁"), content: " "), ByteFallbackDecoder(), FuseDecoder(),
        ]
        if addSpacePrefix { decoders.append(StripDecoder(content: " ", start: 1, stop: 0)) }
        var parts = PreTrainedTokenizer.Components(
            model: model, normalizer: normalizer, preTokenizer: nil,
            postProcessor: try template(metadata, addBos: metadata.addBosToken ?? true, addEos: metadata.addEosToken ?? false),
            decoder: SequenceDecoder(decoders: decoders), addedTokens: addedTokens)
        fillSpecialIds(&parts, metadata)
        return parts
    }

    private static func template(
        _ metadata: GGUFTokenizerMetadata, addBos: Bool, addEos: Bool
    ) throws(TokenizerError) -> TemplatePostProcessor {
        var single: [TemplatePostProcessor.Piece] = []
        if addBos {
            guard let bos = metadata.bosTokenId else { throw .invalidGGUFMetadata(reason: "add_bos_token is set but bos_token_id is missing") }
            single.append(.special(ids: [bos]))
        }
        single.append(.sequence(isSecond: false))
        if addEos {
            guard let eos = metadata.eosTokenId else { throw .invalidGGUFMetadata(reason: "add_eos_token is set but eos_token_id is missing") }
            single.append(.special(ids: [eos]))
        }
        return TemplatePostProcessor(single: single, pair: single + single)
    }

    private static func fillSpecialIds(_ parts: inout PreTrainedTokenizer.Components, _ metadata: GGUFTokenizerMetadata) {
        parts.bosTokenId = metadata.bosTokenId
        parts.eosTokenId = metadata.eosTokenId
        parts.padTokenId = metadata.paddingTokenId
        parts.unknownTokenId = metadata.unknownTokenId
        parts.chatTemplate = metadata.chatTemplate
    }
}

extension PreTrainedTokenizer {
    /// Builds the tokenizer a GGUF file describes (no tokenizer.json needed).
    public convenience init(gguf metadata: GGUFTokenizerMetadata) throws(TokenizerError) {
        self.init(try GGUFTokenizerBuilder.components(metadata))
    }
}

/// A full tokenizer pipeline with HF `tokenizers` semantics:
/// added tokens → normalizer → pre-tokenizer → model → post-processor, and decoder for the way
/// back. Built from tokenizer.json (`TokenizerLoader`, `init(directory:)`) or GGUF metadata
/// (`init(gguf:)`).
public final class PreTrainedTokenizer: Tokenizer {
    let model: any TokenizationModel
    let normalizer: (any Normalizer)?
    let preTokenizer: (any PreTokenizer)?
    let postProcessor: (any PostProcessor)?
    let decoder: (any TokenDecoder)?
    /// Added tokens matched in raw text, and those matched after normalization.
    private let rawMatcher: AddedTokenMatcher
    private let normalizedMatcher: AddedTokenMatcher
    private let addedTokensById: [Int: AddedToken]
    private let addedIdsByContent: [TokenKey: Int]
    /// The string each added token contributes when decoding (its normalized form if it has one).
    private let decodingTextById: [Int: String]
    private let specialContents: Set<TokenKey>

    public let addedTokens: [AddedToken]
    public let bosTokenId: Int?
    public let eosTokenId: Int?
    public let padTokenId: Int?
    public let unknownTokenId: Int?
    public let specialTokenIds: Set<Int>
    public let vocabularySize: Int
    /// The checkpoint's Jinja chat template, if it ships one (see `ChatTemplate`).
    public let chatTemplateSource: String?
    /// Strings substituted for `bos_token` / `eos_token` in chat templates.
    public let bosToken: String?
    public let eosToken: String?

    /// Everything a tokenizer is assembled from; the tokenizer.json and GGUF loaders fill it.
    struct Components {
        var model: any TokenizationModel
        var normalizer: (any Normalizer)?
        var preTokenizer: (any PreTokenizer)?
        var postProcessor: (any PostProcessor)?
        var decoder: (any TokenDecoder)?
        var addedTokens: [AddedToken]
        var bosToken: String?
        var eosToken: String?
        var padToken: String?
        var unknownToken: String?
        var bosTokenId: Int?
        var eosTokenId: Int?
        var padTokenId: Int?
        var unknownTokenId: Int?
        var chatTemplate: String?
    }

    init(_ parts: Components) {
        model = parts.model
        normalizer = parts.normalizer
        preTokenizer = parts.preTokenizer
        postProcessor = parts.postProcessor
        decoder = parts.decoder
        addedTokens = parts.addedTokens
        var byId: [Int: AddedToken] = [:]
        var byContent: [TokenKey: Int] = [:]
        var decodingText: [Int: String] = [:]
        var raw: [(String, AddedToken)] = []
        var normalizedPatterns: [(String, AddedToken)] = []
        for token in parts.addedTokens where !token.content.isEmpty {
            byId[token.id] = token
            byContent[TokenKey(token.content)] = token.id
            if token.normalized {
                let form = parts.normalizer?.normalize(token.content) ?? token.content
                normalizedPatterns.append((form, token))
                if !form.isIdentical(to: token.content) { decodingText[token.id] = form }
            } else {
                raw.append((token.content, token))
            }
        }
        addedTokensById = byId
        addedIdsByContent = byContent
        decodingTextById = decodingText
        rawMatcher = AddedTokenMatcher(patterns: raw)
        normalizedMatcher = AddedTokenMatcher(patterns: normalizedPatterns)
        let specials = parts.addedTokens.filter(\.isSpecial)
        specialContents = Set(specials.map { TokenKey($0.content) })
        specialTokenIds = Set(specials.map(\.id))
        // HF counts added tokens that are not already part of the model vocabulary.
        let extra = Set(byId.keys).filter { parts.model.idToToken($0) == nil }.count
        vocabularySize = max(parts.model.vocabularySize + extra, (byId.keys.max() ?? -1) + 1)
        chatTemplateSource = parts.chatTemplate

        func resolve(_ id: Int?, _ token: String?) -> Int? {
            if let id { return id }
            guard let token else { return nil }
            return byContent[TokenKey(token)] ?? parts.model.tokenToId(token)
        }
        let bosId = resolve(parts.bosTokenId, parts.bosToken)
        let eosId = resolve(parts.eosTokenId, parts.eosToken)
        bosTokenId = bosId
        eosTokenId = eosId
        padTokenId = resolve(parts.padTokenId, parts.padToken)
        unknownTokenId = resolve(parts.unknownTokenId, parts.unknownToken)
        bosToken = parts.bosToken ?? bosId.flatMap { byId[$0]?.content ?? parts.model.idToToken($0) }
        eosToken = parts.eosToken ?? eosId.flatMap { byId[$0]?.content ?? parts.model.idToToken($0) }
    }

    // MARK: Encoding

    public func encode(_ text: String, addSpecialTokens: Bool) -> [Int] {
        let ids = segments(of: text).flatMap { segment -> [Int] in
            switch segment {
            case .added(let token): return [token.id]
            case .text(let piece): return tokenize(piece)
            }
        }
        return postProcessor?.process(ids, addSpecialTokens: addSpecialTokens) ?? ids
    }

    /// Token strings for `text` without special-token templates (handy for debugging).
    public func tokenize(_ text: String) -> [String] {
        encode(text, addSpecialTokens: false).map { idToToken($0) ?? "<\($0)>" }
    }

    /// Added-token extraction around normalization, as `AddedVocabulary::extract_and_normalize`.
    private func segments(of text: String) -> [TextSegment] {
        guard !text.isEmpty else { return [] }
        var output: [TextSegment] = []
        for segment in rawMatcher.split(TextPiece(text: text, isAtOriginalStart: true)) {
            guard case .text(var piece) = segment else {
                output.append(segment)
                continue
            }
            if let normalizer { piece = normalizer.normalize(piece) }
            guard !piece.text.isEmpty else { continue }
            output += normalizedMatcher.split(piece)
        }
        return output
    }

    private func tokenize(_ piece: TextPiece) -> [Int] {
        guard let preTokenizer else { return model.tokenize(piece.text) }
        return preTokenizer.preTokenize([piece]).flatMap { model.tokenize($0.text) }
    }

    // MARK: Decoding

    public func decode(_ ids: [Int], skipSpecialTokens: Bool) -> String {
        var tokens: [String] = []
        tokens.reserveCapacity(ids.count)
        for id in ids {
            let text: String?
            if addedTokensById[id] != nil {
                text = decodingTextById[id] ?? addedTokensById[id]?.content
            } else {
                text = model.idToToken(id)
            }
            guard let text else { continue }
            if skipSpecialTokens && specialContents.contains(TokenKey(text)) { continue }
            tokens.append(text)
        }
        guard let decoder else { return tokens.joined(separator: " ") }
        return decoder.decode(tokens)
    }

    // MARK: Vocabulary

    public func tokenToId(_ token: String) -> Int? {
        addedIdsByContent[TokenKey(token)] ?? model.tokenToId(token)
    }

    public func idToToken(_ id: Int) -> String? {
        addedTokensById[id]?.content ?? model.idToToken(id)
    }

    public var eosTokenIds: [Int] {
        var ids: [Int] = eosTokenId.map { [$0] } ?? []
        for name in ["<|eot_id|>", "<|im_end|>", "<|end_of_text|>", "<|endoftext|>", "</s>", "<|end|>"] {
            if let id = addedIdsByContent[TokenKey(name)], specialTokenIds.contains(id), !ids.contains(id) {
                ids.append(id)
            }
        }
        return ids
    }
}

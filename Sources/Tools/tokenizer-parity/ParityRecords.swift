import Tokenizers

/// One trained tokenizer in swift_ids.json: its sizes, special ids, the probe texts' ids and the chat check.
struct TokenizerParityRecord: Encodable {
    let name: String
    let directory: String
    let vocabularySize: Int
    let merges: Int
    let stopReason: String
    let specialTokenIds: [Int]
    /// -1 when the tokenizer has no such token (check_trained_tokenizer.py compares it with HF's None).
    let bosTokenId: Int
    let eosTokenId: Int
    let padTokenId: Int
    let cases: [TextIdsRecord]
    let chat: ChatRecord

    enum CodingKeys: String, CodingKey {
        case name, directory, merges, cases, chat
        case vocabularySize = "vocabulary_size"
        case stopReason = "stop_reason"
        case specialTokenIds = "special_token_ids"
        case bosTokenId = "bos_token_id"
        case eosTokenId = "eos_token_id"
        case padTokenId = "pad_token_id"
    }
}

/// A text's ids with and without special tokens, and both decodings.
struct TextIdsRecord: Encodable {
    let text: String
    let ids: [Int]
    let idsWithoutSpecialTokens: [Int]
    let decoded: String
    let decodedSkippingSpecialTokens: String

    enum CodingKeys: String, CodingKey {
        case text, ids, decoded
        case idsWithoutSpecialTokens = "ids_no_special"
        case decodedSkippingSpecialTokens = "decoded_skip_special"
    }

    init(_ tokenizer: PreTrainedTokenizer, _ text: String) {
        let withSpecial = tokenizer.encode(text, addSpecialTokens: true)
        let withoutSpecial = tokenizer.encode(text, addSpecialTokens: false)
        self.text = text
        ids = withSpecial
        idsWithoutSpecialTokens = withoutSpecial
        decoded = tokenizer.decode(withoutSpecial, skipSpecialTokens: false)
        decodedSkippingSpecialTokens = tokenizer.decode(withSpecial, skipSpecialTokens: true)
    }
}

/// A conversation, its rendering by the tokenizer's chat template and the rendering's ids.
struct ChatRecord: Encodable {
    let messages: [ChatMessage]
    let rendered: String
    let ids: [Int]
}

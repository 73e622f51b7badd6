/// The parts of `tokenizer_config.json` the toolkit uses: special-token names, BOS/EOS flags and
/// the chat template.
public struct TokenizerConfig: Sendable, Equatable {
    public var bosToken: String?
    public var eosToken: String?
    public var padToken: String?
    public var unknownToken: String?
    public var addBosToken: Bool?
    public var addEosToken: Bool?
    public var chatTemplate: String?
    public var tokenizerClass: String?

    public init(
        bosToken: String? = nil, eosToken: String? = nil, padToken: String? = nil, unknownToken: String? = nil,
        addBosToken: Bool? = nil, addEosToken: Bool? = nil, chatTemplate: String? = nil, tokenizerClass: String? = nil
    ) {
        self.bosToken = bosToken
        self.eosToken = eosToken
        self.padToken = padToken
        self.unknownToken = unknownToken
        self.addBosToken = addBosToken
        self.addEosToken = addEosToken
        self.chatTemplate = chatTemplate
        self.tokenizerClass = tokenizerClass
    }

    /// Parses the JSON bytes of a tokenizer_config.json (`file` is used in error messages).
    public init(json: [UInt8], file: String = "tokenizer_config.json") throws(TokenizerError) {
        let root = try TokenizerLoader.parseJSON(json, file: file)
        // Special tokens are either plain strings or serialized AddedToken objects.
        func tokenName(_ key: String) throws(TokenizerError) -> String? {
            guard let node = root.optional(key) else { return nil }
            if case .object = node.value { return try node.required("content").string }
            return try node.string
        }
        self.init(
            bosToken: try tokenName("bos_token"), eosToken: try tokenName("eos_token"),
            padToken: try tokenName("pad_token"), unknownToken: try tokenName("unk_token"),
            addBosToken: try root.optional("add_bos_token")?.bool, addEosToken: try root.optional("add_eos_token")?.bool,
            chatTemplate: try Self.chatTemplate(root.optional("chat_template")),
            tokenizerClass: try root.string("tokenizer_class"))
    }

    /// `chat_template` is a string, or a list of `{name, template}` (the "default" one is used).
    private static func chatTemplate(_ node: JSONNode?) throws(TokenizerError) -> String? {
        guard let node else { return nil }
        if case .string(let text) = node.value { return text }
        let entries = try node.array
        var first: String? = nil
        for entry in entries {
            let name = try entry.required("name").string
            let template = try entry.required("template").string
            if name == "default" { return template }
            first = first ?? template
        }
        return first
    }
}

import Foundation
import JSON

/// Builds a `PreTrainedTokenizer` from a Hugging Face tokenizer.json (+ tokenizer_config.json).
public enum TokenizerLoader {
    /// Loads `tokenizer.json` and, when present, `tokenizer_config.json` from a checkpoint folder.
    public static func load(directory: URL) throws(TokenizerError) -> PreTrainedTokenizer {
        PreTrainedTokenizer(try components(directory: directory))
    }

    static func components(directory: URL) throws(TokenizerError) -> PreTrainedTokenizer.Components {
        let configURL = directory.appendingPathComponent("tokenizer_config.json")
        let hasConfig = FileManager.default.fileExists(atPath: configURL.path)
        return try components(
            tokenizerFile: directory.appendingPathComponent("tokenizer.json"), configFile: hasConfig ? configURL : nil)
    }

    /// Loads a tokenizer.json file and an optional tokenizer_config.json file.
    public static func load(tokenizerFile: URL, configFile: URL? = nil) throws(TokenizerError) -> PreTrainedTokenizer {
        PreTrainedTokenizer(try components(tokenizerFile: tokenizerFile, configFile: configFile))
    }

    static func components(tokenizerFile: URL, configFile: URL?) throws(TokenizerError) -> PreTrainedTokenizer.Components {
        let json = try read(tokenizerFile)
        var config: TokenizerConfig? = nil
        if let configFile { config = try TokenizerConfig(json: try read(configFile), file: configFile.path) }
        return try components(tokenizerJSON: json, config: config, file: tokenizerFile.path)
    }

    /// Builds a tokenizer from the bytes of a tokenizer.json (`file` names it in errors).
    public static func load(
        tokenizerJSON: [UInt8], config: TokenizerConfig? = nil, file: String = "tokenizer.json"
    ) throws(TokenizerError) -> PreTrainedTokenizer {
        PreTrainedTokenizer(try components(tokenizerJSON: tokenizerJSON, config: config, file: file))
    }

    static func components(
        tokenizerJSON: [UInt8], config: TokenizerConfig?, file: String
    ) throws(TokenizerError) -> PreTrainedTokenizer.Components {
        let root = try parseJSON(tokenizerJSON, file: file)
        guard case .object = root.value else { throw root.invalid("expected a JSON object") }
        let normalizer = try root.optional("normalizer").map { node throws(TokenizerError) in try NormalizerFactory.make(node) }
        let preTokenizer = try root.optional("pre_tokenizer").map { node throws(TokenizerError) in try PreTokenizerFactory.make(node) }
        var postProcessor = try root.optional("post_processor").map { node throws(TokenizerError) in try PostProcessorFactory.make(node) }
        let decoder = try root.optional("decoder").map { node throws(TokenizerError) in try DecoderFactory.make(node) }
        let model = try makeModel(root.required("model"))
        let addedTokens = try root.optional("added_tokens")?.array.map { node throws(TokenizerError) in try AddedToken.parse(node) } ?? []

        var parts = PreTrainedTokenizer.Components(
            model: model, normalizer: normalizer, preTokenizer: preTokenizer, postProcessor: postProcessor,
            decoder: decoder, addedTokens: addedTokens)
        if let config {
            parts.bosToken = config.bosToken
            parts.eosToken = config.eosToken
            parts.padToken = config.padToken
            parts.unknownToken = config.unknownToken
            parts.chatTemplate = config.chatTemplate
            // transformers' Llama/Gemma tokenizer classes rebuild the template from these flags.
            if let tokenizerClass = config.tokenizerClass,
                tokenizerClass.contains("Llama") || tokenizerClass.contains("Gemma"),
                config.addBosToken != nil || config.addEosToken != nil
            {
                postProcessor = overridingTemplate(config: config, model: model, addedTokens: addedTokens)
                parts.postProcessor = postProcessor
            }
        }
        return parts
    }

    private static func overridingTemplate(
        config: TokenizerConfig, model: any TokenizationModel, addedTokens: [AddedToken]
    ) -> (any PostProcessor)? {
        func id(_ name: String?) -> Int? {
            guard let name else { return nil }
            return addedTokens.first { $0.content.isIdentical(to: name) }?.id ?? model.tokenToId(name)
        }
        var single: [TemplatePostProcessor.Piece] = []
        if config.addBosToken == true, let bos = id(config.bosToken) { single.append(.special(ids: [bos])) }
        single.append(.sequence(isSecond: false))
        if config.addEosToken == true, let eos = id(config.eosToken) { single.append(.special(ids: [eos])) }
        return TemplatePostProcessor(single: single, pair: single + single)
    }

    /// Only BPE is implemented; a file without `type` is BPE when it has `merges` (legacy files).
    private static func makeModel(_ node: JSONNode) throws(TokenizerError) -> any TokenizationModel {
        let type = try node.string("type") ?? (node.optional("merges") != nil ? "BPE" : "unknown")
        guard type == "BPE" else { throw .unsupportedComponent(file: node.file, path: node.path, type: type) }
        return try BPEModelLoader.load(node)
    }

    static func parseJSON(_ bytes: [UInt8], file: String) throws(TokenizerError) -> JSONNode {
        // A UTF-8 byte-order mark is tolerated (some editors write one); offsets still count from the file's start.
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let skipped = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        do {
            return JSONNode(try JSONParser.parse(skipped == 0 ? bytes : Array(bytes.dropFirst(skipped))), file: file)
        } catch {
            throw .malformedJSON(file: file, reason: error.reason, byteOffset: skipped + error.offset)
        }
    }

    static func read(_ url: URL) throws(TokenizerError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw .unreadableFile(file: url.path, reason: error.localizedDescription)
        }
    }
}

extension PreTrainedTokenizer {
    /// Loads a checkpoint folder's tokenizer.json (+ tokenizer_config.json when present).
    public convenience init(directory: URL) throws(TokenizerError) {
        self.init(try TokenizerLoader.components(directory: directory))
    }
}

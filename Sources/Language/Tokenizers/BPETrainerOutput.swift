import Checkpoints
import Foundation
import JSON

/// A trained byte-level BPE tokenizer: its vocabulary, merges and Hugging Face tokenizer files.
public struct TrainedBPETokenizer: Sendable {
    public let configuration: BPETrainingConfiguration
    /// Token strings by id: special tokens verbatim, everything else in byte-level spelling ("Ġthe").
    public let tokens: [String]
    /// Merges in learning order (their rank is their index).
    public let merges: [BPEMerge]
    public let stopReason: BPETrainingStopReason
    /// Distinct pre-tokenized words in the corpus, and all word occurrences.
    public let distinctWordCount: Int
    public let wordCount: Int

    /// Id of a token string (byte-exact), or nil.
    public func id(of token: String) -> Int? {
        tokens.firstIndex { $0.isIdentical(to: token) }
    }

    // MARK: tokenizer.json

    /// The tokenizer.json document: BPE model, ByteLevel (or Split + Digits + ByteLevel)
    /// pre-tokenizer, ByteLevel decoder, special added tokens, and a TemplateProcessing
    /// post-processor only when `addBosToken` is set.
    public func tokenizerJSON() -> [UInt8] {
        Array(TokenizerJSONLayout.write(tokenizerDocument).utf8)
    }

    var tokenizerDocument: JSONValue {
        let addedTokens: [JSONValue] = configuration.specialTokens.enumerated().map { id, token in
            .object([
                ("id", .number(id)), ("content", .string(token)), ("single_word", .bool(false)),
                ("lstrip", .bool(false)), ("rstrip", .bool(false)), ("normalized", .bool(false)), ("special", .bool(true)),
            ])
        }
        // HF's trainer also keeps special tokens in the model vocabulary; transformers and
        // `tokenizers` then resolve them to the same ids as the added_tokens entries.
        let vocabulary: JSONValue = .object(tokens.enumerated().map { ($1, .number($0)) })
        let mergeList: JSONValue = .array(merges.map { .array([.string($0.left), .string($0.right)]) })
        let model: JSONValue = .object([
            ("type", .string("BPE")), ("dropout", .null), ("unk_token", .null), ("continuing_subword_prefix", .null),
            ("end_of_word_suffix", .null), ("fuse_unk", .bool(false)), ("byte_fallback", .bool(false)),
            ("ignore_merges", .bool(false)), ("vocab", vocabulary), ("merges", mergeList),
        ])
        let decoder: JSONValue = .object([
            ("type", .string("ByteLevel")), ("add_prefix_space", .bool(true)), ("trim_offsets", .bool(true)),
            ("use_regex", .bool(true)),
        ])
        return .object([
            ("version", .string("1.0")), ("truncation", .null), ("padding", .null), ("added_tokens", .array(addedTokens)),
            ("normalizer", .null), ("pre_tokenizer", configuration.preTokenization.tokenizerJSON),
            ("post_processor", bosPostProcessor ?? .null), ("decoder", decoder), ("model", model),
        ])
    }

    /// `<bos> $A` (pairs: `<bos> $A <bos> $B`), as Llama tokenizers write it.
    private var bosPostProcessor: JSONValue? {
        guard configuration.addBosToken, let bos = configuration.bosToken, let bosId = id(of: bos) else { return nil }
        func special(_ typeId: Int) -> JSONValue {
            .object([("SpecialToken", .object([("id", .string(bos)), ("type_id", .number(typeId))]))])
        }
        func sequence(_ name: String, _ typeId: Int) -> JSONValue {
            .object([("Sequence", .object([("id", .string(name)), ("type_id", .number(typeId))]))])
        }
        let specialTokens: JSONValue = .object([
            (bos, .object([("id", .string(bos)), ("ids", .array([.number(bosId)])), ("tokens", .array([.string(bos)]))]))
        ])
        return .object([
            ("type", .string("TemplateProcessing")), ("single", .array([special(0), sequence("A", 0)])),
            ("pair", .array([special(0), sequence("A", 0), special(1), sequence("B", 1)])),
            ("special_tokens", specialTokens),
        ])
    }

    // MARK: tokenizer_config.json

    /// The tokenizer_config.json document: special-token roles, `add_bos_token`, `model_max_length`
    /// and the chat template, for `PreTrainedTokenizerFast`.
    public func tokenizerConfigJSON() -> [UInt8] {
        Array(TokenizerJSONLayout.write(configDocument).utf8)
    }

    var configDocument: JSONValue {
        func name(_ token: String?) -> JSONValue { token.map { .string($0) } ?? .null }
        let decoderEntries: [JSONMember] = configuration.specialTokens.enumerated().map { id, token in
            (
                String(id),
                .object([
                    ("content", .string(token)), ("lstrip", .bool(false)), ("normalized", .bool(false)),
                    ("rstrip", .bool(false)), ("single_word", .bool(false)), ("special", .bool(true)),
                ])
            )
        }
        var members: [JSONMember] = [
            ("add_bos_token", .bool(configuration.addBosToken)), ("add_eos_token", .bool(false)),
            ("added_tokens_decoder", .object(decoderEntries)), ("bos_token", name(configuration.bosToken)),
        ]
        if let template = configuration.chatTemplate { members.append(("chat_template", .string(template))) }
        members += [
            ("clean_up_tokenization_spaces", .bool(false)), ("eos_token", name(configuration.eosToken)),
            ("model_max_length", .number(configuration.modelMaximumLength)),
            ("pad_token", name(configuration.padToken)), ("tokenizer_class", .string("PreTrainedTokenizerFast")),
            ("unk_token", name(configuration.unknownToken)),
        ]
        return .object(members)
    }

    // MARK: Use

    /// Builds the tokenizer through `TokenizerLoader` from the two documents (what loading the
    /// written folder gives).
    public func makeTokenizer() throws(TokenizerError) -> PreTrainedTokenizer {
        let config = try TokenizerConfig(json: tokenizerConfigJSON(), file: "tokenizer_config.json")
        return try TokenizerLoader.load(tokenizerJSON: tokenizerJSON(), config: config, file: "tokenizer.json")
    }

    /// Writes tokenizer.json and tokenizer_config.json into `directory` (created if needed). Each
    /// file is written to a temporary file in the same directory, flushed, then renamed over the
    /// target, so a reader sees either the old or the new complete file.
    public func write(to directory: URL) throws(BPETrainingError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritableFile(file: directory.path, reason: "cannot create directory: \(error.localizedDescription)")
        }
        try AtomicTokenizerFile.write(tokenizerJSON(), to: directory.appendingPathComponent("tokenizer.json"))
        try AtomicTokenizerFile.write(tokenizerConfigJSON(), to: directory.appendingPathComponent("tokenizer_config.json"))
    }
}

/// Pretty JSON in the shape of HF's files: two-space indentation, object members in the given
/// order, short arrays of scalars (merge pairs, id lists) on one line.
enum TokenizerJSONLayout {
    static func write(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: "", into: &output)
        output += "\n"
        return output
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: return false
        default: return true
        }
    }

    private static func write(_ value: JSONValue, indent: String, into output: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let elements) where elements.isEmpty:
            output += "[]"
        case .array(let elements) where elements.count <= 4 && elements.allSatisfy(isScalar):
            output += "[" + elements.map { JSONSerializer.text($0) }.joined(separator: ", ") + "]"
        case .array(let elements):
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += inner
                write(element, indent: inner, into: &output)
                output += index + 1 < elements.count ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let members) where members.isEmpty:
            output += "{}"
        case .object(let members):
            output += "{\n"
            for (index, (key, element)) in members.enumerated() {
                output += inner + JSONSerializer.text(.string(key)) + ": "
                write(element, indent: inner, into: &output)
                output += index + 1 < members.count ? ",\n" : "\n"
            }
            output += indent + "}"
        default:
            output += JSONSerializer.text(value)
        }
    }
}

/// Temp file + fsync + rename (`Checkpoints/AtomicFileWriter`), so readers never see a half-written tokenizer file.
enum AtomicTokenizerFile {
    static func write(_ bytes: [UInt8], to url: URL) throws(BPETrainingError) {
        do {
            try AtomicFileWriter.write(to: url) { try $0.write(bytes) }
        } catch {
            throw .unwritableFile(file: url.path, reason: (error as? CheckpointError)?.message ?? "\(error)")
        }
    }
}

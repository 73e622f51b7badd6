import Foundation

/// Hugging Face `tokenizer.json` and `tokenizer_config.json` for a GGUF byte-level BPE vocabulary, so a
/// model converted from GGUF loads in transformers with the same token ids.
extension GGUFTokenizerMetadata {
    /// The two files as JSON data, keyed by file name. SentencePiece ("llama") vocabularies are refused:
    /// their tokenizer.json needs the original normalizer chain, which GGUF does not record.
    public func huggingFaceTokenizerFiles(maximumLength: Int) throws(TokenizerError) -> [String: Data] {
        guard model == "gpt2" else {
            throw .invalidGGUFMetadata(reason: "exporting a '\(model)' GGUF vocabulary as tokenizer.json is not supported (byte-level BPE 'gpt2' is)")
        }
        let preset = try GGUFPreTokenizerPreset.named(pre)
        var added: [[String: Any]] = []
        for (id, type) in (tokenTypes ?? []).enumerated() {
            let kind = TokenType(rawValue: type)
            guard kind == .control || kind == .unknown || kind == .userDefined else { continue }
            added.append(["id": id, "content": tokens[id], "single_word": false, "lstrip": false, "rstrip": false,
                          "normalized": false, "special": kind != .userDefined])
        }
        var vocabulary: [String: Int] = [:]
        for (id, token) in tokens.enumerated() where vocabulary[token] == nil { vocabulary[token] = id }
        var pairs: [[String]] = []
        for (rank, merge) in merges.enumerated() {
            let scalars = Array(merge.unicodeScalars)
            guard let space = scalars.dropFirst().firstIndex(of: " ") else {
                throw .invalidGGUFMetadata(reason: "merge \(rank) \"\(merge)\" has no separating space")
            }
            pairs.append([String(String.UnicodeScalarView(scalars[..<space])), String(String.UnicodeScalarView(scalars[(space + 1)...]))])
        }
        let splits: [[String: Any]] = preset.patterns.map {
            ["type": "Split", "pattern": ["Regex": $0], "behavior": "Isolated", "invert": false]
        }
        let byteLevel: [String: Any] = ["type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false]
        let addBos = preset.forcesBOS || (addBosToken ?? false)
        let addEos = addEosToken ?? false
        func special(_ id: Int?) throws(TokenizerError) -> [String: Any] {
            guard let id, id < tokens.count else { throw .invalidGGUFMetadata(reason: "a BOS/EOS token the template needs is missing") }
            return ["SpecialToken": ["id": tokens[id], "type_id": 0]]
        }
        var single: [[String: Any]] = []
        var specialTokens: [String: Any] = [:]
        if addBos {
            single.append(try special(bosTokenId))
            specialTokens[tokens[bosTokenId!]] = ["id": tokens[bosTokenId!], "ids": [bosTokenId!], "tokens": [tokens[bosTokenId!]]]
        }
        single.append(["Sequence": ["id": "A", "type_id": 0]])
        if addEos {
            single.append(try special(eosTokenId))
            specialTokens[tokens[eosTokenId!]] = ["id": tokens[eosTokenId!], "ids": [eosTokenId!], "tokens": [tokens[eosTokenId!]]]
        }
        let tokenizer: [String: Any] = [
            "version": "1.0", "truncation": NSNull(), "padding": NSNull(), "added_tokens": added,
            "normalizer": preset.appliesNFC ? ["type": "NFC"] as [String: Any] : NSNull(),
            "pre_tokenizer": ["type": "Sequence", "pretokenizers": splits + [byteLevel]],
            "post_processor": ["type": "TemplateProcessing", "single": single, "pair": single + single, "special_tokens": specialTokens],
            "decoder": ["type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true],
            "model": ["type": "BPE", "dropout": NSNull(), "unk_token": NSNull(), "continuing_subword_prefix": NSNull(),
                      "end_of_word_suffix": NSNull(), "fuse_unk": false, "byte_fallback": false,
                      "ignore_merges": preset.ignoreMerges, "vocab": vocabulary, "merges": pairs],
        ]
        func name(_ id: Int?) -> Any { id.flatMap { $0 < tokens.count ? tokens[$0] : nil } ?? NSNull() }
        var configuration: [String: Any] = [
            "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": name(bosTokenId), "eos_token": name(eosTokenId),
            "unk_token": name(unknownTokenId), "pad_token": name(paddingTokenId), "add_bos_token": addBos,
            "add_eos_token": addEos, "model_max_length": maximumLength, "clean_up_tokenization_spaces": false,
        ]
        if let chatTemplate { configuration["chat_template"] = chatTemplate }
        do {
            return ["tokenizer.json": try JSONSerialization.data(withJSONObject: tokenizer, options: [.sortedKeys]),
                    "tokenizer_config.json": try JSONSerialization.data(withJSONObject: configuration, options: [.prettyPrinted, .sortedKeys])]
        } catch {
            throw .invalidGGUFMetadata(reason: "cannot serialise the tokenizer: \(error)")
        }
    }
}

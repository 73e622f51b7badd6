import Checkpoints
import Engine
import Foundation

/// Loading llama.cpp GGUF files (Llama, Qwen2 and GPT-2 architectures) into engine models, dequantized
/// to float32, with llama.cpp's tensor names and Q/K row order mapped back to Hugging Face's.
public enum GGUFCheckpoint {
    /// Reads the model hyper-parameters from GGUF metadata.
    public static func configuration(of file: GGUFFile) throws -> ModelConfiguration {
        let source = file.displayName
        guard let architecture = try file.string("general.architecture") else {
            throw ModelLoadError("\(source): GGUF metadata has no general.architecture")
        }
        func integer(_ key: String) throws -> Int {
            guard let value = try file.integer("\(architecture).\(key)") else { throw ModelLoadError("\(source): GGUF metadata lacks \(architecture).\(key)") }
            return value
        }
        let vocabulary = try file.integer("\(architecture).vocab_size") ?? (try file.stringArray("tokenizer.ggml.tokens")?.count)
            ?? file.tensors.first(where: { $0.name == "token_embd.weight" })?.shape.first ?? 0
        let hidden = try integer("embedding_length"), heads = try integer("attention.head_count")
        let bos = try file.integer("tokenizer.ggml.bos_token_id"), eos = try file.integer("tokenizer.ggml.eos_token_id")
        let pad = try file.integer("tokenizer.ggml.padding_token_id")
        let configuration: ModelConfiguration
        switch architecture {
        case "llama", "qwen2", "mistral":
            let keyValueHeads = try file.integer("\(architecture).attention.head_count_kv") ?? heads
            guard heads > 0, keyValueHeads > 0, heads % keyValueHeads == 0 else {
                throw ModelLoadError("\(source): head counts \(heads)/\(keyValueHeads) are inconsistent")
            }
            let headSize = try file.integer("\(architecture).attention.key_length") ?? hidden / heads
            configuration = ModelConfiguration(
                architecture: .llama, modelType: architecture == "qwen2" ? "qwen2" : "llama",
                vocabularySize: vocabulary, hiddenSize: hidden, intermediateSize: try integer("feed_forward_length"),
                layerCount: try integer("block_count"), attentionHeads: heads, keyValueHeads: keyValueHeads, headSize: headSize,
                maximumPositions: try integer("context_length"),
                normEpsilon: try file.float("\(architecture).attention.layer_norm_rms_epsilon") ?? 1e-6,
                ropeTheta: try file.float("\(architecture).rope.freq_base") ?? 10_000, ropeScaling: try ropeScaling(file, architecture),
                tiedEmbeddings: !file.contains("output.weight"),
                queryKeyValueBias: file.contains("blk.0.attn_q.bias"), outputProjectionBias: file.contains("blk.0.attn_output.bias"),
                mlpBias: file.contains("blk.0.ffn_up.bias"),
                bosTokenId: bos, eosTokenIds: eos.map { [$0] } ?? [], padTokenId: pad)
        case "gpt2":
            configuration = ModelConfiguration(
                architecture: .gpt2, modelType: "gpt2", vocabularySize: vocabulary, hiddenSize: hidden,
                intermediateSize: try integer("feed_forward_length"), layerCount: try integer("block_count"),
                attentionHeads: heads, keyValueHeads: heads, headSize: hidden / max(heads, 1),
                maximumPositions: try integer("context_length"),
                normEpsilon: try file.float("gpt2.attention.layer_norm_epsilon") ?? 1e-5, ropeTheta: 0, ropeScaling: nil,
                tiedEmbeddings: true, queryKeyValueBias: true, outputProjectionBias: true, mlpBias: true,
                bosTokenId: bos, eosTokenIds: eos.map { [$0] } ?? [], padTokenId: pad)
        default:
            throw ModelLoadError("\(source): GGUF architecture '\(architecture)' is not supported (supported: llama, qwen2, mistral, gpt2)")
        }
        try configuration.validate(source: source)
        return configuration
    }

    private static func ropeScaling(_ file: GGUFFile, _ architecture: String) throws -> RotaryEmbedding.Scaling? {
        guard let kind = try file.string("\(architecture).rope.scaling.type"), kind != "none" else { return nil }
        guard kind == "linear", let factor = try file.float("\(architecture).rope.scaling.factor") else {
            throw ModelLoadError("\(file.displayName): rope scaling '\(kind)' is not supported")
        }
        return .linear(factor: factor)
    }

    /// Loads the model in `url`.
    public static func load(url: URL) throws -> (model: CausalLanguageModel, file: GGUFFile) {
        let file = try GGUFFile(contentsOf: url)
        let configuration = try configuration(of: file)
        var tensors: [String: CheckpointTensor] = [:]
        var values = 0
        for info in file.tensors {
            guard let target = try parameterName(for: info.name, configuration: configuration, source: file.displayName) else { continue }
            if GGMLDequantizer.supports(info.type) { values += info.elementCount }
            var read: () throws -> [Float] = { try file.floats(info.name) }
            // llama.cpp's converter interleaves Q and K rows for its RoPE kernel; undo it for Llama only.
            if configuration.modelType == "llama", info.shape.count >= 1,
               let heads = target.hasSuffix("q_proj.weight") || target.hasSuffix("q_proj.bias") ? configuration.attentionHeads
                         : target.hasSuffix("k_proj.weight") || target.hasSuffix("k_proj.bias") ? configuration.keyValueHeads : nil {
                let rows = info.shape[0], columns = info.shape.count > 1 ? info.shape[1] : 1
                read = { try unpermuteLlamaQK(weights: try file.floats(info.name), rows: rows, columns: columns, heads: heads) }
            }
            if tensors[target] != nil { throw ModelLoadError("\(file.displayName): tensor '\(target)' appears twice") }
            tensors[target] = CheckpointTensor(storedName: info.name, shape: info.shape, storedType: info.type.name, read: read)
        }
        try ModelAllocationCheck.check(configuration, checkpointValues: values, source: file.displayName)
        let model = makeModel(configuration, seed: nil)
        try WeightAssignment.assign(tensors, to: model, source: file.displayName)
        return (model, file)
    }

    /// The engine parameter a GGUF tensor fills (nil for tensors without one, such as RoPE tables).
    static func parameterName(for name: String, configuration: ModelConfiguration, source: String) throws -> String? {
        if name == "rope_freqs.weight" { return nil }
        let gpt2 = configuration.architecture == .gpt2
        let global: [String: String] = gpt2
            ? ["token_embd.weight": "transformer.wte.weight", "position_embd.weight": "transformer.wpe.weight",
               "output_norm.weight": "transformer.ln_f.weight", "output_norm.bias": "transformer.ln_f.bias"]
            : ["token_embd.weight": "model.embed_tokens.weight", "output_norm.weight": "model.norm.weight", "output.weight": "lm_head.weight"]
        if let mapped = global[name] { return mapped }
        if gpt2 && name == "output.weight" { return nil }  // tied copy
        let parts = name.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "blk", let layer = Int(parts[1]) else {
            throw ModelLoadError("\(source): unexpected tensor '\(name)'")
        }
        let rest = parts[2]  // e.g. "attn_q.weight"
        let suffix = rest.hasSuffix(".bias") ? "bias" : "weight"
        let stem = String(rest.dropLast(suffix.count + 1))
        let layerMap: [String: String] = gpt2
            ? ["attn_norm": "ln_1", "attn_qkv": "attn.c_attn", "attn_output": "attn.c_proj", "ffn_norm": "ln_2",
               "ffn_up": "mlp.c_fc", "ffn_down": "mlp.c_proj"]
            : ["attn_norm": "input_layernorm", "ffn_norm": "post_attention_layernorm", "attn_q": "self_attn.q_proj",
               "attn_k": "self_attn.k_proj", "attn_v": "self_attn.v_proj", "attn_output": "self_attn.o_proj",
               "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj", "ffn_down": "mlp.down_proj"]
        guard let mapped = layerMap[stem] else { throw ModelLoadError("\(source): unexpected tensor '\(name)'") }
        return (gpt2 ? "transformer.h.\(layer)." : "model.layers.\(layer).") + mapped + "." + suffix
    }
}

import Checkpoints
import Engine
import Foundation

/// Reading and writing Hugging Face model folders (`config.json` + `model.safetensors`, possibly sharded).
public enum HuggingFaceCheckpoint {
    /// Tokenizer and generation files copied alongside an exported model when the source has them.
    public static let companionFiles = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                                        "generation_config.json", "vocab.json", "merges.txt", "tokenizer.model", "chat_template.jinja"]

    /// Loads the model in `folder`.
    public static func load(folder: URL) throws -> CausalLanguageModel {
        let configuration = try ModelConfiguration(contentsOf: folder.appendingPathComponent("config.json"))
        let checkpoint = try SafetensorsCheckpoint(directory: folder)
        var tensors: [String: CheckpointTensor] = [:]
        var values = 0
        for name in checkpoint.tensorNames {
            let info = try checkpoint.info(name)
            guard let target = parameterName(for: name, configuration: configuration) else { continue }
            if info.dtype.convertsToFloat { values += info.elementCount }
            var shape = info.shape
            var read: () throws -> [Float] = { try checkpoint.floats(name) }
            if configuration.architecture == .gpt2, GPT2.conv1DWeightNames.contains(where: target.hasSuffix), shape.count == 2 {
                // Conv1D stores [in, out]; the engine wants [out, in].
                let (rows, columns) = (shape[0], shape[1])
                shape = [columns, rows]
                read = { WeightAssignment.transpose(try checkpoint.floats(name), rows: rows, columns: columns) }
            }
            if tensors[target] != nil { throw ModelLoadError("\(folder.path): tensor '\(target)' appears twice") }
            tensors[target] = CheckpointTensor(storedName: name, shape: shape, storedType: info.dtype.rawValue, read: read)
        }
        try ModelAllocationCheck.check(configuration, checkpointValues: values, source: folder.path)
        let model = makeModel(configuration, seed: nil)
        try WeightAssignment.assign(tensors, to: model, source: folder.path)
        return model
    }

    /// The parameter a checkpoint tensor fills, or nil for buffers and tied copies that carry no parameter.
    static func parameterName(for name: String, configuration: ModelConfiguration) -> String? {
        if name.hasSuffix("rotary_emb.inv_freq") { return nil }
        switch configuration.architecture {
        case .llama:
            // A tied model's lm_head, when a checkpoint stores it anyway, duplicates the embeddings.
            if name == "lm_head.weight" && configuration.tiedEmbeddings { return nil }
            return name
        case .gpt2:
            if name == "lm_head.weight" || name.hasSuffix(".attn.bias") || name.hasSuffix(".attn.masked_bias") { return nil }
            // The original GPT-2 checkpoints omit the `transformer.` prefix.
            return name.hasPrefix("transformer.") ? name : "transformer." + name
        }
    }

    /// The checkpoint name and stored value of every parameter (GPT-2 Conv1D weights transposed back).
    public static func exportedTensors(of model: CausalLanguageModel) -> [(name: String, shape: [Int], values: [Float])] {
        model.namedParameters().map { name, variable in
            let values = variable.value.scalars
            if model.configuration.architecture == .gpt2, GPT2.conv1DWeightNames.contains(where: name.hasSuffix) {
                let (rows, columns) = (variable.shape[0], variable.shape[1])
                return (name, [columns, rows], WeightAssignment.transpose(values, rows: rows, columns: columns))
            }
            return (name, variable.shape, values)
        }
    }

    /// Writes `model` as a Hugging Face folder: `config.json`, `model.safetensors` (float32) and the
    /// companion tokenizer files found in `companionSource`. Each file is written to a temporary name and
    /// renamed into place, so an interrupted export never leaves a half-written file.
    public static func save(_ model: CausalLanguageModel, to folder: URL, companionSource: URL?, extraFiles: [String: Data] = [:]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var writer = SafetensorsWriter(metadata: ["format": "pt"])
        for tensor in exportedTensors(of: model) {
            try writer.add(name: tensor.name, shape: tensor.shape, values: tensor.values)
        }
        try writer.write(to: folder.appendingPathComponent("model.safetensors"))
        let configuration = try JSONSerialization.data(withJSONObject: model.configuration.jsonObject(), options: [.prettyPrinted, .sortedKeys])
        try AtomicFileWriter.write(to: folder.appendingPathComponent("config.json")) { try $0.write(configuration) }
        if let companionSource {
            for name in companionFiles {
                let source = companionSource.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: source.path) && extraFiles[name] == nil {
                    try AtomicFileWriter.write(to: folder.appendingPathComponent(name)) { try $0.write(try Data(contentsOf: source)) }
                }
            }
        }
        for (name, data) in extraFiles { try AtomicFileWriter.write(to: folder.appendingPathComponent(name)) { try $0.write(data) } }
    }
}

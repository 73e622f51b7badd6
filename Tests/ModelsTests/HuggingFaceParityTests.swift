import Checkpoints
import Foundation
import Testing
import TestSupport
@testable import Engine
@testable import Models
@testable import NN

/// Logits, loss, gradients and AdamW trajectories against Hugging Face transformers on tiny random
/// checkpoints (written by scripts/fixtures/make_model_fixtures.py).
@Suite struct HuggingFaceParityTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let models = ["llama_gqa_untied", "llama_tied", "qwen2_bias", "gpt2"]

    /// The reference tensors and the shifted targets our loss takes.
    struct Reference {
        let file: SafetensorsFile
        let tokens: [Int]
        let targets: [Int]
        let batch: Int, length: Int

        init(_ folder: URL) throws {
            file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("reference.safetensors"))
            let shape = try file.info("input_ids").shape
            (batch, length) = (shape[0], shape[1])
            tokens = try file.floats("input_ids").map { Int($0) }
            let labels = try file.floats("labels").map { Int($0) }
            // transformers shifts labels inside the loss: position t predicts label t + 1.
            var shifted: [Int] = []
            for b in 0..<batch {
                shifted += Array(labels[(b * length + 1)..<((b + 1) * length)]) + [-100]
            }
            targets = shifted
        }
    }

    @Test func logitsLossAndGradientsMatchTransformers() throws {
        for name in Self.models {
            let folder = Self.fixtures.appendingPathComponent(name)
            let model = try HuggingFaceCheckpoint.load(folder: folder)
            let reference = try Reference(folder)
            let logits = model.logits(tokens: reference.tokens, batch: reference.batch, length: reference.length)
            let expectedLogits = try reference.file.floats("logits")
            let logitCloseness = closeness(logits.value.scalars, expectedLogits, tolerance: 1e-4, scale: .absolute)
            #expect(logitCloseness.passes, "\(name) logits: \(logitCloseness)")
            let loss = sequenceLoss(logits: logits, targets: reference.targets).meanTokenLoss
            let lossCloseness = closeness([loss.value.scalar], try reference.file.floats("loss"), tolerance: 1e-5, scale: .absolute)
            #expect(lossCloseness.passes, "\(name) loss: \(lossCloseness)")
            loss.backward()
            let exported = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.variable) })
            for (parameterName, variable) in exported {
                var expected = try reference.file.floats("grad." + parameterName)
                var actual = try #require(variable.gradient, "\(name): \(parameterName) has no gradient").scalars
                if model.configuration.architecture == .gpt2, GPT2.conv1DWeightNames.contains(where: parameterName.hasSuffix) {
                    actual = WeightAssignment.transpose(actual, rows: variable.shape[0], columns: variable.shape[1])
                }
                // Relative to the gradient's largest magnitude (floored at 1e-6: some gradients are tiny).
                let scale = max(expected.lazy.map { abs($0) }.max() ?? 0, 1e-6)
                let gradientCloseness = closeness(actual.map { $0 / scale }, expected.map { $0 / scale }, tolerance: 1e-3, scale: .absolute)
                #expect(gradientCloseness.passes, "\(name): gradient of \(parameterName): \(gradientCloseness)")
                expected.removeAll()
            }
        }
    }

    @Test func fiveAdamWStepsFollowTheSameLossTrajectory() throws {
        for name in Self.models {
            let folder = Self.fixtures.appendingPathComponent(name)
            let model = try HuggingFaceCheckpoint.load(folder: folder)
            let reference = try Reference(folder)
            let parameters = ParameterSet(model.namedParameters())
            let optimizer = AdamW(parameters: parameters, betas: (0.9, 0.999), epsilon: 1e-8, weightDecay: 0.01)
            var losses: [Float] = []
            for _ in 0..<5 {
                parameters.zeroGradients()
                let loss = sequenceLoss(logits: model.logits(tokens: reference.tokens, batch: reference.batch, length: reference.length),
                                        targets: reference.targets).meanTokenLoss
                losses.append(loss.value.scalar)
                loss.backward()
                optimizer.step(learningRate: 1e-2)
            }
            let trajectory = closeness(losses, try reference.file.floats("adamw_losses"), tolerance: 1e-4, scale: .absolute)
            #expect(trajectory.passes, "\(name): losses over five AdamW steps: \(trajectory)")
        }
    }

    @Test func exportRoundTripsEveryParameterExactly() throws {
        for name in Self.models {
            let model = try HuggingFaceCheckpoint.load(folder: Self.fixtures.appendingPathComponent(name))
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-export-\(name)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: output) }
            try HuggingFaceCheckpoint.save(model, to: output, companionSource: nil)
            let reloaded = try HuggingFaceCheckpoint.load(folder: output)
            #expect(reloaded.configuration == model.configuration, "\(name)")
            let original = model.parameterDictionary()
            for (parameterName, variable) in reloaded.namedParameters() {
                #expect(variable.value.scalars == original[parameterName]?.value.scalars, "\(name): \(parameterName)")
            }
        }
    }

    @Test func strictLoadingNamesTheOffendingTensor() throws {
        let source = Self.fixtures.appendingPathComponent("llama_tied")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-strict-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try HuggingFaceCheckpoint.load(folder: source)
        func write(_ mutate: (inout [(name: String, shape: [Int], values: [Float])]) -> Void) throws {
            var tensors = HuggingFaceCheckpoint.exportedTensors(of: model)
            mutate(&tensors)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent("config.json"), to: folder.appendingPathComponent("config.json"))
            var writer = SafetensorsWriter()
            for tensor in tensors { try writer.add(name: tensor.name, shape: tensor.shape, values: tensor.values) }
            try writer.write(to: folder.appendingPathComponent("model.safetensors"))
        }
        let cases: [(String, (inout [(name: String, shape: [Int], values: [Float])]) -> Void)] = [
            ("missing tensor 'model.norm.weight'", { $0.removeAll { $0.name == "model.norm.weight" } }),
            ("'model.layers.0.mlp.up_proj.weight' has shape [24, 32]", { tensors in
                let index = tensors.firstIndex { $0.name == "model.layers.0.mlp.up_proj.weight" }!
                tensors[index] = (tensors[index].name, [24, 32], Array(tensors[index].values.prefix(24 * 32)))
            }),
            ("tensor 'model.extra.weight' is not a parameter", { $0.append(("model.extra.weight", [2], [1, 2])) }),
            // Non-finite weights are refused at load time (score/eval would otherwise die writing NaN to JSON).
            ("tensor 'model.norm.weight' holds 2 non-finite value(s), the first (nan) at index 3", { tensors in
                let index = tensors.firstIndex { $0.name == "model.norm.weight" }!
                tensors[index].values[3] = .nan
                tensors[index].values[5] = -.infinity
            }),
        ]
        for (message, mutate) in cases {
            try? FileManager.default.removeItem(at: folder)
            try write(mutate)
            if let error = #expect(throws: (any Error).self, performing: { try HuggingFaceCheckpoint.load(folder: folder) }) {
                #expect("\(error)".contains(message), "expected '\(message)' in: \(error)")
                #expect("\(error)".contains(folder.path), "error should name the folder: \(error)")
            }
        }
    }
}

/// GGUF forms of the tiny models (llama.cpp layout, written by the fixture script) against the logits
/// transformers computes when it loads the same GGUF files itself.
@Suite struct GGUFParityTests {
    @Test func ggufModelsMatchTransformersLoadingTheSameFiles() throws {
        let folder = HuggingFaceParityTests.fixtures.appendingPathComponent("gguf")
        let reference = try SafetensorsFile(contentsOf: folder.appendingPathComponent("gguf_reference.safetensors"))
        let ids = try reference.floats("input_ids").map { Int($0) }
        for name in ["llama_tied.gguf", "llama_tied.q8_0.gguf", "gpt2.gguf"] {
            let loaded = try ModelLoader.load(path: folder.appendingPathComponent(name).path)
            let logits = loaded.model.logits(tokens: ids, batch: 2, length: 8).value.scalars
            let expected = try reference.floats("logits." + name)
            let logitCloseness = closeness(logits, expected, tolerance: 1e-4, scale: .absolute)
            #expect(logitCloseness.passes, "\(name) logits: \(logitCloseness)")
        }
        // The quantized file really is quantized, and the float one matches the HF checkpoint.
        #expect(try ModelLoader.load(path: folder.appendingPathComponent("llama_tied.q8_0.gguf").path).storedTypes["Q8_0"] == 13)
        let hf = try HuggingFaceCheckpoint.load(folder: HuggingFaceParityTests.fixtures.appendingPathComponent("llama_tied"))
        let gguf = try ModelLoader.load(path: folder.appendingPathComponent("llama_tied.gguf").path).model
        let hfParameters = hf.parameterDictionary()
        for (name, variable) in gguf.namedParameters() {
            #expect(variable.value.scalars == hfParameters[name]?.value.scalars, "\(name) after Q/K un-permutation")
        }
    }
}

import Checkpoints
import Foundation
import Testing

@testable import Models

/// A checkpoint whose configuration claims far more than its tensors hold (or than the machine has) is
/// refused before the model is allocated: these loads would otherwise ask for hundreds of gigabytes.
@Suite struct AllocationGuardTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-allocation-\(UUID().uuidString)")

    private func expectLoadError(_ path: URL, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        // No clock: the refusal must come from the pre-allocation guard, whose message the fragments
        // name; allocating the claimed model would fail differently (or kill the test process).
        do {
            _ = try ModelLoader.load(path: path.path)
            Issue.record("loaded a model that should have been refused", sourceLocation: sourceLocation)
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix(path.path), "error must name the file: \(message)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(message.contains(fragment), "'\(fragment)' missing from: \(message)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func huggingFaceConfigClaimingFiftyBillionParametersOverATinyCheckpoint() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = #"""
        {"model_type": "llama", "vocab_size": 128256, "hidden_size": 8192, "intermediate_size": 28672, "num_hidden_layers": 60,
         "num_attention_heads": 64, "num_key_value_heads": 8}
        """#
        try Data(config.utf8).write(to: folder.appendingPathComponent("config.json"))
        var writer = SafetensorsWriter()
        try writer.add(name: "model.norm.weight", shape: [8192], values: [Float](repeating: 1, count: 8192))
        try writer.write(to: folder.appendingPathComponent("model.safetensors"))
        expectLoadError(folder, ["the configuration describes 53440618496 parameters but the checkpoint's tensors hold only 8192 values"])
    }

    @Test func ggufMetadataClaimingAHugeModelOverATinyTensorTable() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var writer = try GGUFWriter()
        try writer.setMetadata("general.architecture", .string("llama"))
        for (key, value) in [("vocab_size", 128_256), ("embedding_length", 8192), ("feed_forward_length", 28_672), ("block_count", 50),
                             ("attention.head_count", 64), ("attention.head_count_kv", 8), ("context_length", 8192)] {
            try writer.setMetadata("llama.\(key)", .uint32(UInt32(value)))
        }
        try writer.addTensor(name: "output_norm.weight", shape: [8192], values: [Float](repeating: 1, count: 8192))
        let file = folder.appendingPathComponent("claims.gguf")
        try writer.write(to: file)
        expectLoadError(file, ["parameters but the checkpoint's tensors hold only 8192 values"])
    }

    @Test func ggufOddHeadSizeIsAnErrorNotATrap() throws {
        // key_length 7 reached RotaryEmbedding's precondition (a crash) before validation covered GGUF files.
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var writer = try GGUFWriter()
        try writer.setMetadata("general.architecture", .string("llama"))
        for (key, value) in [("vocab_size", 32), ("embedding_length", 16), ("feed_forward_length", 24), ("block_count", 1),
                             ("attention.head_count", 2), ("attention.key_length", 7), ("context_length", 64)] {
            try writer.setMetadata("llama.\(key)", .uint32(UInt32(value)))
        }
        try writer.addTensor(name: "output_norm.weight", shape: [16], values: [Float](repeating: 1, count: 16))
        let file = folder.appendingPathComponent("odd.gguf")
        try writer.write(to: file)
        expectLoadError(file, ["head size 7 must be even"])
    }

    @Test func modelLargerThanTheMachineIsRefused() throws {
        let configuration = try ModelConfiguration(json: Data(#"""
        {"model_type": "llama", "vocab_size": 32000, "hidden_size": 2048, "intermediate_size": 5632, "num_hidden_layers": 22,
         "num_attention_heads": 32, "num_key_value_heads": 4}
        """#.utf8), source: "tinyllama")
        #expect(throws: Never.self) {
            try ModelAllocationCheck.check(configuration, checkpointValues: configuration.parameterCount, source: "tinyllama",
                                           physicalMemory: 16_000_000_000)
        }
        #expect {
            try ModelAllocationCheck.check(configuration, checkpointValues: configuration.parameterCount, source: "tinyllama",
                                           physicalMemory: 2_000_000_000)
        } throws: { error in
            "\(error)".contains("tinyllama: the model's 1100048384 parameters need 4.4 GB as float32, more than this machine's 2 GB of memory")
        }
    }
}

import Foundation
import Testing

@testable import Checkpoints

@Suite struct SafetensorsWriterTests {
    @Test func roundTripsF32F16BF16AndRawTensors() throws {
        var writer = SafetensorsWriter(metadata: ["format": "pt"])
        let values: [Float] = [1.5, -2.25, 3.0e-3, 65504, 0, -0.0, 1e-7, 7]
        try writer.add(name: "f32", shape: [2, 4], values: values)
        try writer.add(name: "f16", shape: [8], values: values, dtype: .float16)
        try writer.add(name: "bf16", shape: [4, 2], values: values, dtype: .bfloat16)
        try writer.addRaw(name: "ids", dtype: .int32, shape: [2], bytes: Data([1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]))
        let data = writer.serialized()

        let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect((8 + headerLength) % 8 == 0, "data buffer must start 8-byte aligned")

        let file = try SafetensorsFile(data: data, name: "written.safetensors")
        #expect(file.metadata == ["format": "pt"])
        #expect(try file.floats("f32") == values)
        #expect(try file.info("bf16").shape == [4, 2])
        #expect(try file.floats("f16") == values.map { FloatConversions.halfToFloat(FloatConversions.floatToHalf($0)) })
        #expect(try file.floats("bf16") == values.map { FloatConversions.bfloat16ToFloat(FloatConversions.floatToBFloat16($0)) })
        #expect(try file.floats("ids") == [1, -1])
        // Wider element types come first, so every tensor is aligned to its element size.
        #expect(file.tensorNames == ["f32", "ids", "bf16", "f16"])
    }

    @Test func rejectsInconsistentInput() throws {
        var writer = SafetensorsWriter()
        expectCheckpointError(.invalidArgument, containing: ["has 3 values but shape [2, 2] needs 4"]) {
            try writer.add(name: "w", shape: [2, 2], values: [1, 2, 3])
        }
        try writer.add(name: "w", shape: [1], values: [1])
        expectCheckpointError(.invalidArgument, containing: ["added twice"]) { try writer.add(name: "w", shape: [1], values: [1]) }
        expectCheckpointError(.invalidArgument) { try writer.add(name: "v", shape: [-1], values: []) }
        expectCheckpointError(.invalidArgument) { try writer.add(name: "__metadata__", shape: [1], values: [1]) }
        expectCheckpointError(.invalidArgument) { try writer.addRaw(name: "r", dtype: .float32, shape: [2], bytes: Data(count: 7)) }
    }

    @Test func atomicWriteReplacesTargetAndLeavesNoTemporaryFiles() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("model.safetensors")
        var first = SafetensorsWriter()
        try first.add(name: "w", shape: [1], values: [1])
        try first.write(to: target)
        var second = SafetensorsWriter()
        try second.add(name: "w", shape: [2], values: [2, 3])
        try second.write(to: target)
        #expect(try SafetensorsFile(contentsOf: target).floats("w") == [2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["model.safetensors"])
    }

    @Test func failedWriteKeepsTheExistingFile() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("model.safetensors")
        let original = Data("original contents".utf8)
        try original.write(to: target)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try AtomicFileWriter.write(to: target) { sink in
                try sink.write(Data("partial".utf8))
                throw Boom()
            }
        }
        #expect(try Data(contentsOf: target) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["model.safetensors"])

        var writer = SafetensorsWriter()
        try writer.add(name: "w", shape: [1], values: [1])
        expectCheckpointError(.io, containing: ["cannot create temporary file"]) {
            try writer.write(to: directory.file("missing-dir/model.safetensors"))
        }
    }
}

@Suite struct SafetensorsCheckpointTests {
    private func shard(_ tensors: [(String, [Float])]) throws -> SafetensorsWriter {
        var writer = SafetensorsWriter()
        for (name, values) in tensors { try writer.add(name: name, shape: [values.count], values: values) }
        return writer
    }

    private func writeIndex(_ map: [String: String], in directory: TemporaryDirectory) throws {
        let object: [String: Any] = ["metadata": ["total_size": 24], "weight_map": map]
        try JSONSerialization.data(withJSONObject: object).write(to: directory.file("model.safetensors.index.json"))
    }

    @Test func opensShardedFolderAsOneView() throws {
        let directory = try TemporaryDirectory()
        try shard([("a", [1, 2]), ("b", [3])]).write(to: directory.file("model-00001-of-00002.safetensors"))
        try shard([("c", [4, 5, 6])]).write(to: directory.file("model-00002-of-00002.safetensors"))
        try writeIndex(["a": "model-00001-of-00002.safetensors", "b": "model-00001-of-00002.safetensors",
                        "c": "model-00002-of-00002.safetensors"], in: directory)
        let checkpoint = try SafetensorsCheckpoint(directory: directory.url)
        #expect(checkpoint.tensorNames == ["a", "b", "c"])
        #expect(checkpoint.files.count == 2)
        #expect(try checkpoint.floats("c") == [4, 5, 6])
        #expect(try checkpoint.file(containing: "b").displayName == directory.file("model-00001-of-00002.safetensors").path)
        expectCheckpointError(.missingTensor, containing: ["'zzz'"]) { _ = try checkpoint.floats("zzz") }
    }

    @Test func opensSingleFileFolder() throws {
        let directory = try TemporaryDirectory()
        try shard([("w", [7])]).write(to: directory.file("model.safetensors"))
        let checkpoint = try SafetensorsCheckpoint(directory: directory.url)
        #expect(try checkpoint.floats("w") == [7])
    }

    @Test func reportsMissingShardDuplicateTensorsAndBadIndex() throws {
        let missing = try TemporaryDirectory()
        try shard([("a", [1])]).write(to: missing.file("s1.safetensors"))
        try writeIndex(["a": "s1.safetensors", "b": "s2.safetensors"], in: missing)
        expectCheckpointError(.io, containing: ["shard 's2.safetensors'", "'b'", "missing"]) {
            _ = try SafetensorsCheckpoint(directory: missing.url)
        }

        let duplicate = try TemporaryDirectory()
        try shard([("a", [1])]).write(to: duplicate.file("s1.safetensors"))
        try shard([("a", [2])]).write(to: duplicate.file("s2.safetensors"))
        try writeIndex(["a": "s1.safetensors", "x": "s2.safetensors"], in: duplicate)
        expectCheckpointError(.malformed, containing: ["tensor 'a' also appears in"]) {
            _ = try SafetensorsCheckpoint(directory: duplicate.url)
        }

        let wrongShard = try TemporaryDirectory()
        try shard([("a", [1])]).write(to: wrongShard.file("s1.safetensors"))
        try shard([("b", [2])]).write(to: wrongShard.file("s2.safetensors"))
        try writeIndex(["a": "s2.safetensors", "b": "s1.safetensors"], in: wrongShard)
        expectCheckpointError(.malformed, containing: ["does not contain it"]) {
            _ = try SafetensorsCheckpoint(directory: wrongShard.url)
        }

        let escape = try TemporaryDirectory()
        try writeIndex(["a": "../etc/passwd"], in: escape)
        expectCheckpointError(.malformed, containing: ["unsafe shard path"]) { _ = try SafetensorsCheckpoint(directory: escape.url) }

        let empty = try TemporaryDirectory()
        expectCheckpointError(.io, containing: ["neither model.safetensors nor"]) { _ = try SafetensorsCheckpoint(directory: empty.url) }
    }
}

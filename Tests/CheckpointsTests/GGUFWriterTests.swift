import Foundation
@testable import Fuzzing
import TestSupport
import Testing

@testable import Checkpoints

@Suite struct GGUFWriterTests {
    private static let allValueTypes: [(String, GGUFValue)] = [
        ("u8", .uint8(250)), ("i8", .int8(-5)), ("u16", .uint16(65000)), ("i16", .int16(-2)),
        ("u32", .uint32(3_000_000_000)), ("i32", .int32(-7)), ("f32", .float32(0.25)), ("bool", .bool(true)),
        ("string", .string("tokenizer \"text\"\n")), ("u64", .uint64(UInt64.max)), ("i64", .int64(Int64.min)),
        ("f64", .float64(-1e300)),
        ("array", .array(.string, [.string("x"), .string("")])),
        ("nested", .array(.array, [.array(.int32, [.int32(1), .int32(2)]), .array(.int32, [])])),
        ("empty", .array(.float32, [])),
    ]

    @Test func roundTripsMetadataAndEveryWritableTensorType() throws {
        var writer = try GGUFWriter()
        for (key, value) in Self.allValueTypes { try writer.setMetadata(key, value) }
        var random = FuzzRandom(seed: 3)
        let values = (0..<(3 * 64)).map { _ in Float(Int(random.next() % 20001) - 10000) / 3000 }
        for type in [GGMLType.f32, .f16, .bf16, .q8_0, .q4_0] {
            try writer.addTensor(name: "w.\(type.name)", shape: [3, 64], values: values, type: type)
        }
        let file = try GGUFFile(data: writer.serialized(), name: "written.gguf")
        #expect(file.metadataKeys == Self.allValueTypes.map(\.0))
        for (key, value) in Self.allValueTypes { #expect(file.metadata[key] == value, "\(key)") }
        #expect(try file.floats("w.F32") == values)
        #expect(try file.floats("w.F16") == values.map { FloatConversions.halfToFloat(FloatConversions.floatToHalf($0)) })
        #expect(try file.floats("w.BF16") == values.map { FloatConversions.bfloat16ToFloat(FloatConversions.floatToBFloat16($0)) })
        for (type, bound) in [(GGMLType.q8_0, Float(0.02)), (.q4_0, 0.35)] {
            let info = try file.info("w.\(type.name)")
            #expect(info.shape == [3, 64] && info.type == type)
            let decoded = try file.floats("w.\(type.name)")
            let error = closeness(decoded, values, tolerance: Double(bound), scale: .absolute)
            #expect(error.passes, "\(type.name): \(error)")
        }
    }

    @Test func quantizersReproduceGGUFPyBytesExactly() throws {
        let reference = try GGUFFile(contentsOf: Fixtures.url("reference.gguf"))
        let expected = try #require((try Fixtures.json("reference_gguf.json") as? [String: Any])?["tensors"] as? [String: [String: Any]])
        for name in ["t.f32", "t.f16", "t.bf16", "t.q8_0", "t.q4_0"] {
            let entry = try #require(expected[name])
            let source = floats(entry["source"])
            let type = try file(reference, name).type
            let encoded = try GGMLQuantizer.quantize(source, as: type)
            let stored = Array(try reference.rawBytes(name))
            #expect(encoded == stored, "\(name): Swift quantizer differs from gguf-py")
        }
    }

    private func file(_ gguf: GGUFFile, _ name: String) throws -> GGUFTensorInfo { try gguf.info(name) }

    @Test func quantizerMatchesHandComputedBlocks() throws {
        // Q8_0: max |x| = 127 → d = 1, q = round-half-away(x).
        var block = [Float](repeating: 0, count: 32)
        block[0] = 127
        block[1] = -2.5
        block[2] = 2.5
        block[3] = 0.49
        let q8 = try GGMLQuantizer.quantize(block, as: .q8_0)
        #expect(q8.count == 34)
        #expect(q8[0] == 0x00 && q8[1] == 0x3C)  // fp16 1.0
        #expect(Array(q8[2...5]) == [127, UInt8(bitPattern: -3), 3, 0])
        // Q4_0: signed max −16 → d = 2 (stored 0x4000); x = 6 → trunc(6·0.5 + 8.5) = 11; x = −16 → 0.
        var q4Input = [Float](repeating: 0, count: 32)
        q4Input[0] = -16
        q4Input[16] = 6
        let q4 = try GGMLQuantizer.quantize(q4Input, as: .q4_0)
        #expect(q4.count == 18)
        #expect(q4[0] == 0x00 && q4[1] == 0x40)
        #expect(q4[2] == 0x00 | (11 << 4))  // element 0 in the low nibble, element 16 in the high nibble
        #expect(q4[3] == 0x88)  // zeros map to 8
        expectCheckpointError(.invalidArgument) { _ = try GGMLQuantizer.quantize([1, 2, 3], as: .q8_0) }
        expectCheckpointError(.invalidArgument) { _ = try GGMLQuantizer.quantize(block, as: .q4_K) }
        // Non-finite input must not trap.
        _ = try GGMLQuantizer.quantize([Float](repeating: .nan, count: 32), as: .q8_0)
        _ = try GGMLQuantizer.quantize([.infinity] + [Float](repeating: 1, count: 31), as: .q4_0)
    }

    @Test func customAlignmentAndRawTensorsRoundTrip() throws {
        var writer = try GGUFWriter(alignment: 256)
        try writer.setMetadata("general.architecture", .string("llama"))
        let blocks = [UInt8](repeating: 0x11, count: 144)
        try writer.addRawTensor(name: "k", shape: [1, 256], type: .q4_K, bytes: blocks)
        try writer.addTensor(name: "v", shape: [5], values: [1, 2, 3, 4, 5])
        let file = try GGUFFile(data: writer.serialized(), name: "aligned.gguf")
        #expect(file.alignment == 256)
        #expect(try file.integer("general.alignment") == 256)
        #expect(file.dataOffset % 256 == 0)
        #expect(Array(try file.rawBytes("k")) == blocks)
        #expect(try file.info("v").offset % 256 == 0)
        #expect(try file.floats("v") == [1, 2, 3, 4, 5])
    }

    @Test func rejectsInvalidInput() throws {
        var writer = try GGUFWriter()
        expectCheckpointError(.invalidArgument) { _ = try GGUFWriter(alignment: 48) }
        expectCheckpointError(.invalidArgument, containing: ["declared u8 but holds string"]) {
            try writer.setMetadata("bad", .array(.uint8, [.string("x")]))
        }
        expectCheckpointError(.invalidArgument) { try writer.setMetadata("general.alignment", .uint32(64)) }
        expectCheckpointError(.invalidArgument, containing: ["row length 31"]) {
            try writer.addTensor(name: "w", shape: [31], values: [Float](repeating: 0, count: 31), type: .q8_0)
        }
        expectCheckpointError(.invalidArgument, containing: ["needs 4"]) { try writer.addTensor(name: "w", shape: [2, 2], values: [1]) }
        expectCheckpointError(.invalidArgument, containing: ["at most 4"]) {
            try writer.addTensor(name: "w", shape: [1, 1, 1, 1, 1], values: [1])
        }
        expectCheckpointError(.invalidArgument) { try writer.addRawTensor(name: "w", shape: [256], type: .q4_K, bytes: [0]) }
        try writer.addTensor(name: "w", shape: [1], values: [1])
        expectCheckpointError(.invalidArgument, containing: ["added twice"]) { try writer.addTensor(name: "w", shape: [1], values: [1]) }
    }

    @Test func atomicWriteToDisk() throws {
        let directory = try TemporaryDirectory()
        let target = directory.file("model.gguf")
        try Data("old".utf8).write(to: target)
        var writer = try GGUFWriter()
        // 127 is exact in Q8_0 (d = 1), so the decoded values can be compared exactly.
        try writer.addTensor(name: "w", shape: [32], values: [Float](repeating: 127, count: 32), type: .q8_0)
        try writer.write(to: target)
        let file = try GGUFFile(contentsOf: target)
        #expect(try file.floats("w") == [Float](repeating: 127, count: 32))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["model.gguf"])
    }
}

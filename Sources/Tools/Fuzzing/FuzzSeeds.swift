import Checkpoints
import Foundation

/// Small valid checkpoints built in memory with this module's writers, used as fuzz seeds so a
/// fuzz run needs no files on disk.
extension CheckpointFuzzer {
    public static func builtInSeeds() throws -> [Data] {
        var random = FuzzRandom(seed: 0x5EED)
        func values(_ count: Int) -> [Float] {
            (0..<count).map { _ in Float(Int(random.next() % 2001) - 1000) / 250 }
        }

        var safetensors = SafetensorsWriter(metadata: ["format": "pt", "note": "fuzz seed"])
        try safetensors.add(name: "a.weight", shape: [4, 8], values: values(32), dtype: .float32)
        try safetensors.add(name: "b.weight", shape: [3, 5], values: values(15), dtype: .float16)
        try safetensors.add(name: "c.weight", shape: [7], values: values(7), dtype: .bfloat16)
        try safetensors.addRaw(name: "d.ids", dtype: .int64, shape: [2], bytes: Data(repeating: 1, count: 16))
        try safetensors.addRaw(name: "e.scalar", dtype: .int8, shape: [], bytes: Data([0xFE]))

        var gguf = try GGUFWriter()
        try gguf.setMetadata("general.architecture", .string("llama"))
        try gguf.setMetadata("llama.block_count", .uint32(2))
        try gguf.setMetadata("llama.context_length", .uint64(2048))
        try gguf.setMetadata("llama.rope.freq_base", .float32(10000))
        try gguf.setMetadata("small.values", .array(.int16, [.int16(-3), .int16(7)]))
        try gguf.setMetadata("tokenizer.ggml.tokens", .array(.string, [.string("a"), .string("b"), .string("<s>")]))
        try gguf.setMetadata("nested", .array(.array, [.array(.uint8, [.uint8(1)]), .array(.uint8, [])]))
        try gguf.setMetadata("flags", .array(.bool, [.bool(true), .bool(false)]))
        try gguf.addTensor(name: "f32", shape: [2, 32], values: values(64), type: .f32)
        try gguf.addTensor(name: "f16", shape: [2, 32], values: values(64), type: .f16)
        try gguf.addTensor(name: "bf16", shape: [32], values: values(32), type: .bf16)
        try gguf.addTensor(name: "q8_0", shape: [2, 32], values: values(64), type: .q8_0)
        try gguf.addTensor(name: "q4_0", shape: [2, 32], values: values(64), type: .q4_0)
        // Random blocks for the formats this module cannot encode: decoding them must still be safe.
        for type in [GGMLType.q4_1, .q5_0, .q5_1, .q2_K, .q3_K, .q4_K, .q5_K, .q6_K] {
            let elements = type.blockSize ?? 1
            let bytes = (0..<(type.byteCount(elementCount: elements) ?? 0)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            try gguf.addRawTensor(name: type.name.lowercased(), shape: [elements], type: type, bytes: bytes)
        }

        var aligned = try GGUFWriter(alignment: 64)
        try aligned.setMetadata("general.name", .string("aligned"))
        try aligned.addTensor(name: "w", shape: [3, 32], values: values(96), type: .q8_0)

        return [safetensors.serialized(), gguf.serialized(), aligned.serialized()]
    }
}

import Foundation
import Testing

@testable import Checkpoints

/// Hand-built GGUF headers, each broken in one specific way.
@Suite struct GGUFRejectionTests {
    /// A valid file: one string key, one F32 tensor [2, 32] (ggml dims 32, 2), optional extras.
    private func build(
        version: UInt32 = 3, keys: [(inout ByteBuilder) -> Void] = [], tensorType: UInt32 = 0,
        dims: [UInt64] = [32, 2], offset: UInt64 = 0, dataBytes: Int = 256, alignment: Int = 32
    ) -> Data {
        var builder = ByteBuilder()
        builder.ggufHeader(version: version, tensors: 1, keys: UInt64(1 + keys.count))
        builder.string("general.architecture")
        builder.u32(8)
        builder.string("llama")
        for key in keys { key(&builder) }
        builder.string("w")
        builder.u32(UInt32(dims.count))
        for dim in dims { builder.u64(dim) }
        builder.u32(tensorType)
        builder.u64(offset)
        builder.pad(to: alignment)
        builder.raw([UInt8](repeating: 0, count: dataBytes))
        return builder.data
    }

    private func open(_ data: Data) throws -> GGUFFile { try GGUFFile(data: data, name: "model.gguf") }

    @Test func acceptsTheBaselineFile() throws {
        let file = try open(build())
        #expect(try file.info("w").shape == [2, 32])
        #expect(try file.floats("w").count == 64)
        #expect(try file.string("general.architecture") == "llama")
    }

    @Test func rejectsBadMagicVersionsAndEndianness() {
        var bad = Array(build())
        bad[0] = 0x46
        expectCheckpointError(.malformed, containing: ["model.gguf", "not a GGUF file"]) { _ = try open(Data(bad)) }
        expectCheckpointError(.unsupported, containing: ["version 1 is not supported"]) { _ = try open(build(version: 1)) }
        expectCheckpointError(.unsupported, containing: ["big-endian"]) { _ = try open(build(version: UInt32(3).byteSwapped)) }
        expectCheckpointError(.unsupported, containing: ["unsupported GGUF version 9"]) { _ = try open(build(version: 9)) }
        #expect((try? open(build(version: 2))) != nil, "v2 must be accepted")
    }

    @Test func rejectsTruncationAtEveryHeaderPosition() {
        let data = build()
        // Cutting anywhere inside the header or data must give a clean error, never a crash.
        for length in stride(from: 0, to: data.count, by: 1) {
            expectCheckpointError(.malformed) { _ = try open(data.prefix(length)) }
        }
    }

    @Test func rejectsOversizedCountsAndLengths() {
        var tooManyTensors = ByteBuilder()
        tooManyTensors.ggufHeader(tensors: UInt64.max, keys: 0)
        expectCheckpointError(.malformed, containing: ["tensor count"]) { _ = try open(tooManyTensors.data) }
        var tooManyKeys = ByteBuilder()
        tooManyKeys.ggufHeader(tensors: 0, keys: 1 << 40)
        expectCheckpointError(.malformed, containing: ["metadata count"]) { _ = try open(tooManyKeys.data) }

        let longString = build(keys: [{ b in b.u64(1 << 31); b.text("k") }])
        expectCheckpointError(.malformed, containing: ["2^30"]) { _ = try open(longString) }
        let pastEnd = build(keys: [{ b in b.u64(5000); b.text("k") }])
        expectCheckpointError(.malformed, containing: ["only"]) { _ = try open(pastEnd) }
        let hugeArray = build(keys: [{ b in b.string("arr"); b.u32(9); b.u32(4); b.u64(1 << 29) }])
        expectCheckpointError(.malformed, containing: ["'arr' claims 536870912 u32 elements"]) { _ = try open(hugeArray) }
        let overCap = build(keys: [{ b in b.string("arr"); b.u32(9); b.u32(0); b.u64(UInt64.max) }])
        expectCheckpointError(.malformed, containing: ["2^30"]) { _ = try open(overCap) }
    }

    @Test func rejectsUnknownValueTypesDeepNestingAndDuplicates() {
        expectCheckpointError(.malformed, containing: ["'odd' has unknown value type 13"]) {
            _ = try open(build(keys: [{ b in b.string("odd"); b.u32(13); b.u8(0) }]))
        }
        expectCheckpointError(.malformed, containing: ["bool byte 2"]) {
            _ = try open(build(keys: [{ b in b.string("flag"); b.u32(7); b.u8(2) }]))
        }
        let deep = build(keys: [{ b in
            b.string("deep")
            b.u32(9)
            for _ in 0..<70 { b.u32(9); b.u64(1) }  // array of array of ... 70 levels
            b.u32(0); b.u64(0)
        }])
        expectCheckpointError(.malformed, containing: ["deeper than 64"]) { _ = try open(deep) }
        expectCheckpointError(.malformed, containing: ["duplicate metadata key 'general.architecture'"]) {
            _ = try open(build(keys: [{ b in b.string("general.architecture"); b.u32(8); b.string("x") }]))
        }
    }

    @Test func validatesAlignment() throws {
        let wrongType = build(keys: [{ b in b.string("general.alignment"); b.u32(10); b.u64(64) }])
        expectCheckpointError(.malformed, containing: ["general.alignment must be a u32"]) { _ = try open(wrongType) }
        let notPowerOfTwo = build(keys: [{ b in b.string("general.alignment"); b.u32(4); b.u32(48) }])
        expectCheckpointError(.malformed, containing: ["not a power of two"]) { _ = try open(notPowerOfTwo) }
        let custom = build(keys: [{ b in b.string("general.alignment"); b.u32(4); b.u32(128) }], alignment: 128)
        let file = try open(custom)
        #expect(file.alignment == 128)
        #expect(file.dataOffset % 128 == 0)
    }

    @Test func validatesTensorInfos() {
        expectCheckpointError(.malformed, containing: ["5 dimensions (at most 4"]) { _ = try open(build(dims: [32, 1, 1, 1, 1])) }
        expectCheckpointError(.malformed, containing: ["extends past the end of the file"]) { _ = try open(build(dataBytes: 255)) }
        expectCheckpointError(.malformed, containing: ["not a multiple of the alignment 32"]) { _ = try open(build(offset: 4)) }
        expectCheckpointError(.malformed, containing: ["extends past the end"]) { _ = try open(build(offset: 1 << 62)) }
        expectCheckpointError(.malformed, containing: ["overflow"]) { _ = try open(build(dims: [1 << 40, 1 << 40])) }
        expectCheckpointError(.malformed, containing: ["too large"]) { _ = try open(build(dims: [UInt64.max])) }
        expectCheckpointError(.malformed, containing: ["row length 33 is not a multiple of the Q8_0 block size 32"]) {
            _ = try open(build(tensorType: 8, dims: [33]))
        }
    }

    @Test func unknownTensorTypeParsesButCannotBeDecoded() throws {
        let file = try open(build(tensorType: 99))
        let info = try file.info("w")
        #expect(info.type.rawValue == 99)
        #expect(info.byteCount == nil)
        expectCheckpointError(.unsupported, containing: ["model.gguf", "tensor 'w'", "type id 99"]) { _ = try file.floats("w") }
        // A known type without a dequantizer (IQ2_XXS) names itself too.
        let iq = try open(build(tensorType: 16, dims: [256], dataBytes: 66))
        expectCheckpointError(.unsupported, containing: ["tensor 'w'", "type id 16", "IQ2_XXS"]) { _ = try iq.floats("w") }
    }

    @Test func rejectsOverlappingAndDuplicateTensors() {
        var builder = ByteBuilder()
        builder.ggufHeader(tensors: 2, keys: 0)
        for name in ["a", "b"] {
            builder.string(name)
            builder.u32(1)
            builder.u64(32)
            builder.u32(0)
            builder.u64(0)  // both at offset 0
        }
        builder.pad(to: 32)
        builder.raw([UInt8](repeating: 0, count: 256))
        expectCheckpointError(.malformed, containing: ["overlap"]) { _ = try open(builder.data) }

        var duplicate = ByteBuilder()
        duplicate.ggufHeader(tensors: 2, keys: 0)
        for offset: UInt64 in [0, 128] {
            duplicate.string("a")
            duplicate.u32(1)
            duplicate.u64(32)
            duplicate.u32(0)
            duplicate.u64(offset)
        }
        duplicate.pad(to: 32)
        duplicate.raw([UInt8](repeating: 0, count: 256))
        expectCheckpointError(.malformed, containing: ["duplicate tensor name 'a'"]) { _ = try open(duplicate.data) }
    }
}

import Foundation
import Testing

@testable import Checkpoints

/// Headers that claim absurd sizes must be refused from the header alone. Each claim below would need
/// exabytes if it were believed (or trap in `reserveCapacity`), so a clean error here shows the check
/// runs before anything is allocated for it.
@Suite struct ResourceGuardTests {
    private let ggufName = "claims.gguf"
    private let safetensorsName = "claims.safetensors"

    private func gguf(_ data: Data) throws -> GGUFFile { try GGUFFile(data: data, name: ggufName) }

    private func safetensors(_ header: String, dataBytes: Int) throws -> SafetensorsFile {
        try SafetensorsFile(data: ByteBuilder.safetensors(header: header, data: [UInt8](repeating: 0, count: dataBytes)), name: safetensorsName)
    }

    /// A GGUF preamble with one string key, then `tail` (tensor infos or more keys).
    private func ggufFile(tensors: UInt64, keys: UInt64, _ tail: (inout ByteBuilder) -> Void) -> Data {
        var builder = ByteBuilder()
        builder.ggufHeader(tensors: tensors, keys: keys)
        tail(&builder)
        return builder.data
    }

    /// One tensor info `w` with the given ggml dimensions and type, padded, followed by `dataBytes` bytes.
    private func ggufTensor(dimensions: [UInt64], type: UInt32 = 0, dataBytes: Int = 64) -> Data {
        ggufFile(tensors: 1, keys: 0) { builder in
            builder.string("w")
            builder.u32(UInt32(dimensions.count))
            for dimension in dimensions { builder.u64(dimension) }
            builder.u32(type)
            builder.u64(0)
            builder.pad(to: 32)
            builder.raw([UInt8](repeating: 0, count: dataBytes))
        }
    }

    // MARK: safetensors

    @Test func safetensorsShapeWhoseElementCountOverflows() {
        expectCheckpointError(.malformed, containing: [safetensorsName, "tensor 'w' shape [4294967296,4294967296,16] overflows the element count"]) {
            _ = try safetensors(#"{"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,64]}}"#, dataBytes: 64)
        }
    }

    @Test func safetensorsShapeLargerThanTheFile() {
        // 2^40 float32 values = 4 TiB, with offsets that agree with the shape but not with the 64-byte file.
        expectCheckpointError(.malformed, containing: [safetensorsName, "tensors cover 4398046511104 bytes but the data buffer after the header is 64 bytes"]) {
            _ = try safetensors(#"{"w":{"dtype":"F32","shape":[1099511627776],"data_offsets":[0,4398046511104]}}"#, dataBytes: 64)
        }
    }

    @Test func safetensorsByteSizeThatOverflows() {
        // 2^62 elements fit an Int, their F64 bytes do not.
        expectCheckpointError(.malformed, containing: [safetensorsName, "is not a whole number of bytes"]) {
            _ = try safetensors(#"{"w":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,8]}}"#, dataBytes: 8)
        }
    }

    @Test func safetensorsHeaderLengthOf2To60() {
        var builder = ByteBuilder()
        builder.u64(1 << 60)
        builder.text("{}")
        expectCheckpointError(.malformed, containing: [safetensorsName, "header length 1152921504606846976 exceeds the limit"]) {
            _ = try SafetensorsFile(data: builder.data, name: safetensorsName)
        }
    }

    // MARK: GGUF counts and lengths

    @Test func ggufTensorCountOf2To60() {
        expectCheckpointError(.malformed, containing: [ggufName, "tensor count 1152921504606846976 cannot fit"]) {
            _ = try gguf(ggufFile(tensors: 1 << 60, keys: 0) { $0.raw([UInt8](repeating: 0, count: 64)) })
        }
    }

    @Test func ggufMetadataCountOf2To60() {
        expectCheckpointError(.malformed, containing: [ggufName, "metadata count 1152921504606846976 cannot fit"]) {
            _ = try gguf(ggufFile(tensors: 0, keys: 1 << 60) { $0.raw([UInt8](repeating: 0, count: 64)) })
        }
    }

    @Test func ggufMetadataArrayLengthOf2To60() {
        let data = ggufFile(tensors: 0, keys: 1) { builder in
            builder.string("tokenizer.ggml.tokens")
            builder.u32(9)  // array
            builder.u32(8)  // of strings
            builder.u64(1 << 60)
            builder.string("a")
        }
        expectCheckpointError(.malformed, containing: [ggufName, "'tokenizer.ggml.tokens' claims 1152921504606846976 array elements, above the 2^30 limit"]) {
            _ = try gguf(data)
        }
    }

    @Test func ggufNestedArrayLengthBeyondTheFile() {
        // Below the 2^30 cap, but 2^29 inner arrays need at least 12 bytes each and the file has 30.
        let data = ggufFile(tensors: 0, keys: 1) { builder in
            builder.string("nested")
            builder.u32(9)
            builder.u32(9)
            builder.u64(1 << 29)
            builder.raw([UInt8](repeating: 0, count: 30))
        }
        expectCheckpointError(.malformed, containing: [ggufName, "'nested' claims 536870912 array elements but only"]) { _ = try gguf(data) }
    }

    @Test func ggufStringLengthBeyondTheFile() {
        let data = ggufFile(tensors: 0, keys: 1) { builder in
            builder.string("general.name")
            builder.u32(8)  // string
            builder.u64(1_000_000)
            builder.text("short")
        }
        expectCheckpointError(.malformed, containing: [ggufName, "string value of 'general.name' claims length 1000000 but only 5 bytes remain"]) {
            _ = try gguf(data)
        }
    }

    @Test func ggufStringLengthOf2To60() {
        let data = ggufFile(tensors: 0, keys: 1) { builder in
            builder.u64(1 << 60)  // the key's own length
            builder.text("k")
            builder.raw([UInt8](repeating: 0, count: 64))
        }
        expectCheckpointError(.malformed, containing: [ggufName, "key of metadata entry 0 claims length 1152921504606846976, above the 2^30 limit"]) {
            _ = try gguf(data)
        }
    }

    // MARK: GGUF tensor tables

    @Test func ggufDimensionsWhoseElementCountOverflows() {
        expectCheckpointError(.malformed, containing: [ggufName, "tensor 'w' dimensions overflow the element count"]) {
            _ = try gguf(ggufTensor(dimensions: [1 << 32, 1 << 32, 1 << 8]))
        }
    }

    @Test func ggufTensorLargerThanTheFile() {
        // 2^40 float32 values (4 TiB) against 64 data bytes.
        expectCheckpointError(.malformed, containing: [ggufName, "tensor 'w' data (4398046511104 bytes", "extends past the end of the file"]) {
            _ = try gguf(ggufTensor(dimensions: [1 << 20, 1 << 20]))
        }
    }

    @Test func ggufByteSizeThatOverflows() {
        // 2^62 float32 elements fit an Int, their 2^64 bytes do not.
        expectCheckpointError(.malformed, containing: [ggufName, "tensor 'w' byte size overflows"]) {
            _ = try gguf(ggufTensor(dimensions: [1 << 31, 1 << 31]))
        }
    }

    @Test func ggufUnknownTypeClaimingMoreElementsThanTheFileHoldsBits() throws {
        // No type id 99, so no byte size; but no ggml type stores less than a bit per element.
        expectCheckpointError(.malformed, containing: [ggufName, "tensor 'w' (unknown type id 99) claims 1099511627776 elements, more than the 64 bytes"]) {
            _ = try gguf(ggufTensor(dimensions: [1 << 20, 1 << 20], type: 99))
        }
        // Within the bound it still parses, and is refused only when decoded.
        let plausible = try gguf(ggufTensor(dimensions: [512], type: 99))
        expectCheckpointError(.unsupported, containing: [ggufName, "type id 99"]) { _ = try plausible.floats("w") }
    }
}

import Foundation
import Testing

@testable import Checkpoints

@Suite struct SafetensorsReaderTests {
    @Test func fixtureValuesMatchNumpy() throws {
        let file = try SafetensorsFile(contentsOf: Fixtures.url("reference.safetensors"))
        let expected = try #require(try Fixtures.json("reference_safetensors.json") as? [String: Any])
        let tensors = try #require(expected["tensors"] as? [String: [String: Any]])
        #expect(Set(file.tensorNames) == Set(tensors.keys))
        for (name, entry) in tensors {
            let info = try file.info(name)
            #expect(info.dtype.rawValue == entry["dtype"] as? String, "\(name)")
            #expect(info.shape == integers(entry["shape"]), "\(name)")
            let values = try file.floats(name)
            let reference = floats(entry["values"])
            #expect(values.count == reference.count, "\(name)")
            // Conversions are exact (F16/BF16 widen losslessly; integers here are small or powers of two).
            #expect(values.map(\.bitPattern) == reference.map(\.bitPattern), "\(name)")
        }
        #expect(file.metadata == expected["metadata"] as? [String: String])
        #expect(try file.info("f32.scalar").shape == [])
        #expect(try file.floats("f32.empty").isEmpty)
    }

    @Test func rawBytesAreTheStoredLittleEndianBytes() throws {
        let file = try SafetensorsFile(contentsOf: Fixtures.url("reference.safetensors"))
        let bytes = try file.rawBytes("i16.vector")
        #expect(Array(bytes) == [0x00, 0x80, 0x05, 0x00, 0xFF, 0x7F])
        expectCheckpointError(.missingTensor, containing: ["reference.safetensors", "'nope'"]) { _ = try file.floats("nope") }
    }

    @Test func inMemoryInitialiserAcceptsTheSameBytes() throws {
        let data = try Data(contentsOf: Fixtures.url("reference.safetensors"))
        let file = try SafetensorsFile(data: data, name: "memory.safetensors")
        #expect(try file.floats("f32.scalar") == [2.5])
        #expect(file.displayName == "memory.safetensors")
    }
}

@Suite struct SafetensorsRejectionTests {
    private let valid = #"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#

    private func open(_ header: String, _ dataCount: Int) throws -> SafetensorsFile {
        try SafetensorsFile(data: ByteBuilder.safetensors(header: header, data: [UInt8](repeating: 0, count: dataCount)), name: "model.safetensors")
    }

    @Test func acceptsTheBaselineFile() throws {
        let file = try open(valid, 24)
        #expect(try file.floats("w") == [Float](repeating: 0, count: 6))
    }

    @Test func rejectsTruncatedOrOversizedHeaders() {
        expectCheckpointError(.malformed, containing: ["model.safetensors", "too short"]) {
            _ = try SafetensorsFile(data: Data([1, 0, 0]), name: "model.safetensors")
        }
        var builder = ByteBuilder()
        builder.u64(1000)
        builder.text("{}")
        expectCheckpointError(.malformed, containing: ["header length 1000"]) {
            _ = try SafetensorsFile(data: builder.data, name: "model.safetensors")
        }
        var huge = ByteBuilder()
        huge.u64(100_000_001)
        expectCheckpointError(.malformed, containing: ["exceeds the limit"]) {
            _ = try SafetensorsFile(data: huge.data, name: "model.safetensors")
        }
        var maximal = ByteBuilder()
        maximal.u64(UInt64.max)
        expectCheckpointError(.malformed) { _ = try SafetensorsFile(data: maximal.data, name: "model.safetensors") }
    }

    @Test func rejectsNonObjectAndInvalidJSON() {
        expectCheckpointError(.malformed, containing: ["must be a JSON object"]) { _ = try open("[]", 0) }
        expectCheckpointError(.malformed, containing: ["invalid JSON"]) { _ = try open(#"{"w":"#, 0) }
        expectCheckpointError(.malformed, containing: ["invalid JSON in header at byte 53: duplicate key 'w'"]) {
            _ = try open(#"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}"#, 2)
        }
    }

    @Test func rejectsShapeAndOffsetMismatches() {
        expectCheckpointError(.malformed, containing: ["tensor 'w' data_offsets [0, 12] do not match shape [2, 3] × F32 (24 bytes)"]) {
            _ = try open(#"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,12]}}"#, 12)
        }
        expectCheckpointError(.malformed, containing: ["contiguous"]) {
            _ = try open(#"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[3,5]}}"#, 5)
        }
        expectCheckpointError(.malformed, containing: ["contiguous"]) {
            _ = try open(#"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}"#, 3)
        }
        expectCheckpointError(.malformed, containing: ["data buffer"]) { _ = try open(valid, 25) }
        expectCheckpointError(.malformed, containing: ["data buffer"]) { _ = try open(valid, 23) }
        expectCheckpointError(.malformed, containing: ["non-negative integer"]) {
            _ = try open(#"{"w":{"dtype":"F32","shape":[-1,3],"data_offsets":[0,0]}}"#, 0)
        }
        expectCheckpointError(.malformed, containing: ["non-negative integer"]) {
            _ = try open(#"{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, 4)
        }
        expectCheckpointError(.malformed, containing: ["overflows"]) {
            _ = try open(#"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}"#, 0)
        }
        expectCheckpointError(.malformed, containing: ["non-negative integer"]) {
            _ = try open(#"{"w":{"dtype":"F32","shape":[18446744073709551616],"data_offsets":[0,0]}}"#, 0)
        }
        expectCheckpointError(.malformed, containing: ["increasing"]) {
            _ = try open(#"{"w":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}"#, 0)
        }
        expectCheckpointError(.malformed, containing: ["data_offsets"]) {
            _ = try open(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, 4)
        }
    }

    @Test func rejectsUnknownDtypesAndBadMetadata() {
        expectCheckpointError(.unsupported, containing: ["unknown dtype 'F17'"]) {
            _ = try open(#"{"w":{"dtype":"F17","shape":[1],"data_offsets":[0,4]}}"#, 4)
        }
        expectCheckpointError(.malformed, containing: ["__metadata__ value for 'n'"]) {
            _ = try open(#"{"__metadata__":{"n":3}}"#, 0)
        }
    }

    @Test func subByteTypesParseButDoNotConvert() throws {
        let file = try open(#"{"w":{"dtype":"F4","shape":[4],"data_offsets":[0,2]}}"#, 2)
        expectCheckpointError(.unsupported, containing: ["F4"]) { _ = try file.floats("w") }
        expectCheckpointError(.malformed, containing: ["whole number of bytes"]) {
            _ = try open(#"{"w":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}"#, 2)
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import Checkpoints

@Suite struct GGUFReaderTests {
    private static func reference() throws -> (GGUFFile, [String: Any]) {
        let file = try GGUFFile(contentsOf: Fixtures.url("reference.gguf"))
        let expected = try #require(try Fixtures.json("reference_gguf.json") as? [String: Any])
        return (file, expected)
    }

    @Test func headerAndTensorInfosMatchGGUFPy() throws {
        let (file, expected) = try Self.reference()
        #expect(file.version == 3)
        #expect(file.alignment == 64)
        #expect(file.dataOffset % 64 == 0)
        let order = try #require(expected["tensor_order"] as? [String])
        #expect(file.tensorNames == order)
        let tensors = try #require(expected["tensors"] as? [String: [String: Any]])
        for name in order {
            let entry = try #require(tensors[name])
            let info = try file.info(name)
            #expect(info.shape == integers(entry["shape"]), "\(name): row-major shape must be the reversed ggml dims")
            #expect(info.dimensions == integers(entry["shape"]).reversed())
            #expect(Int(info.type.rawValue) == (entry["type_id"] as? NSNumber)?.intValue)
            #expect(info.type.name == entry["type"] as? String)
            #expect(info.offset % 64 == 0)
        }
    }

    @Test(arguments: ["t.f32", "t.f16", "t.bf16", "t.q4_0", "t.q4_1", "t.q5_0", "t.q5_1", "t.q8_0",
                      "t.q2_k", "t.q3_k", "t.q4_k", "t.q5_k", "t.q6_k"])
    func dequantizationMatchesGGUFPy(_ name: String) throws {
        let (file, expected) = try Self.reference()
        let entry = try #require((expected["tensors"] as? [String: [String: Any]])?[name])
        let reference = floats(entry["values"])
        let values = try file.floats(name)
        let difference = closeness(values, reference, tolerance: 1e-6, scale: .largestExpected)
        #expect(difference.passes, "\(name): \(difference)")
        #expect(!reference.allSatisfy { $0 == 0 }, "fixture must hold non-trivial values")
    }

    @Test func metadataMatchesGGUFPyForEveryValueType() throws {
        let (file, expected) = try Self.reference()
        let metadata = try #require(expected["metadata"] as? [String: [String: Any]])
        #expect(Set(file.metadataKeys) == Set(metadata.keys))
        var seenTypes: Set<String> = []
        for (key, entry) in metadata {
            let value = try #require(file.metadata[key], "\(key)")
            let typeName = try #require(entry["type"] as? String)
            seenTypes.insert(typeName)
            #expect(value.type.name == typeName, "\(key)")
            if let elementType = entry["element_type"] as? String, case .array(let array) = value {
                #expect(array.elementType.name == elementType, "\(key)")
            }
            #expect(matches(value, entry["value"]), "\(key): \(value) vs \(String(describing: entry["value"]))")
        }
        #expect(seenTypes.count == 13, "fixture must cover all 13 value types")
    }

    /// Compares a parsed value with the JSON the fixture script wrote.
    private func matches(_ value: GGUFValue, _ json: Any?) -> Bool {
        switch value {
        case .string(let text): return text == json as? String
        case .bool(let flag): return (json as? NSNumber)?.boolValue == flag
        case .float32(let number): return (json as? NSNumber).map { Float($0.doubleValue) } == number
        case .float64(let number): return (json as? NSNumber)?.doubleValue == number
        case .uint64(let number):
            // Foundation may surface 2^63+5 as Double; compare exactly through the decimal text instead.
            return (json as? NSNumber).map { $0.uint64Value == number || "\($0)" == "\(number)" } ?? false
        case .array(let array):
            guard let items = json as? [Any], items.count == array.values.count else { return false }
            return zip(array.values, items).allSatisfy { matches($0, $1) }
        default:
            guard let integer = value.integerValue, let number = json as? NSNumber else { return false }
            return number.int64Value == Int64(integer)
        }
    }

    @Test func typedAccessorsCoerceIntegerWidthsAndReportMismatches() throws {
        let (file, _) = try Self.reference()
        #expect(try file.integer("test.u8") == 200)
        #expect(try file.integer("test.i16") == -30000)
        #expect(try file.integer("test.u32") == 4_000_000_000)
        #expect(try file.integer("test.i64") == -(1 << 62))
        #expect(try file.integer("absent") == nil)
        #expect(try file.float("test.f32") == 0.15625)
        #expect(try file.float("test.f64") == Float(2.718281828459045))
        #expect(try file.bool("test.bool") == true)
        #expect(try file.string("general.architecture") == "llama")
        #expect(try file.stringArray("test.array.string") == ["a", "bc", ""])
        #expect(try file.integerArray("test.array.i32") == [1, -2, 3])
        #expect(try file.integerArray("test.array.u64") == [1, 1 << 40])
        #expect(try file.floatArray("test.array.f32") == [0.5, -1.25])
        expectCheckpointError(.typeMismatch, containing: ["'test.string' is string"]) { _ = try file.integer("test.string") }
        expectCheckpointError(.typeMismatch) { _ = try file.integer("test.u64") }  // 2^63+5 does not fit in Int
        expectCheckpointError(.typeMismatch) { _ = try file.stringArray("test.array.i32") }
        expectCheckpointError(.typeMismatch) { _ = try file.integerArray("test.array.string") }
        expectCheckpointError(.typeMismatch) { _ = try file.bool("test.u8") }
    }

    @Test func rawBytesAndDequantizeIntoBuffer() throws {
        let (file, _) = try Self.reference()
        let info = try file.info("t.q8_0")
        #expect(try file.rawBytes("t.q8_0").count == info.byteCount)
        var buffer = [Float](repeating: .nan, count: info.elementCount)
        try buffer.withUnsafeMutableBufferPointer { try file.dequantize("t.q8_0", into: $0) }
        #expect(buffer == (try file.floats("t.q8_0")))
        expectCheckpointError(.invalidArgument) {
            var small = [Float](repeating: 0, count: 3)
            try small.withUnsafeMutableBufferPointer { try file.dequantize("t.q8_0", into: $0) }
        }
    }
}

/// Element type of a safetensors tensor, spelled as in the header's "dtype" field.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    case bool = "BOOL"
    case uint8 = "U8"
    case int8 = "I8"
    case float8E5M2 = "F8_E5M2"
    case float8E4M3 = "F8_E4M3"
    case float8E8M0 = "F8_E8M0"
    case int16 = "I16"
    case uint16 = "U16"
    case float16 = "F16"
    case bfloat16 = "BF16"
    case int32 = "I32"
    case uint32 = "U32"
    case float32 = "F32"
    case complex64 = "C64"
    case float64 = "F64"
    case int64 = "I64"
    case uint64 = "U64"
    case float4 = "F4"
    case float6E2M3 = "F6_E2M3"
    case float6E3M2 = "F6_E3M2"

    /// Storage size of one element in bits (sub-byte types pack several elements per byte).
    public var bitWidth: Int {
        switch self {
        case .float4: return 4
        case .float6E2M3, .float6E3M2: return 6
        case .bool, .uint8, .int8, .float8E5M2, .float8E4M3, .float8E8M0: return 8
        case .int16, .uint16, .float16, .bfloat16: return 16
        case .int32, .uint32, .float32: return 32
        case .complex64, .float64, .int64, .uint64: return 64
        }
    }

    /// Whether `SafetensorsFile.floats` can turn this type into Float values.
    public var convertsToFloat: Bool {
        switch self {
        case .complex64, .float4, .float6E2M3, .float6E3M2: return false
        default: return true
        }
    }

    /// Converts `count` little-endian elements at `source` into `destination`.
    /// The caller guarantees `source` holds exactly `count` elements of this type.
    func convert(_ source: UnsafeRawBufferPointer, count: Int, into destination: UnsafeMutablePointer<Float>) {
        guard count > 0, let base = source.baseAddress else { return }
        switch self {
        case .float32:
            for index in 0..<count {
                destination[index] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
        case .float16:
            FloatConversions.halfTable.withUnsafeBufferPointer { table in
                for index in 0..<count {
                    destination[index] = table[Int(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))]
                }
            }
        case .bfloat16:
            for index in 0..<count {
                destination[index] = FloatConversions.bfloat16ToFloat(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))
            }
        case .float64:
            for index in 0..<count {
                destination[index] = Float(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))))
            }
        case .int64: convertIntegers(base, count, Int64.self, destination)
        case .uint64: convertIntegers(base, count, UInt64.self, destination)
        case .int32: convertIntegers(base, count, Int32.self, destination)
        case .uint32: convertIntegers(base, count, UInt32.self, destination)
        case .int16: convertIntegers(base, count, Int16.self, destination)
        case .uint16: convertIntegers(base, count, UInt16.self, destination)
        case .int8: convertIntegers(base, count, Int8.self, destination)
        case .uint8: convertIntegers(base, count, UInt8.self, destination)
        case .bool:
            for index in 0..<count { destination[index] = base.load(fromByteOffset: index, as: UInt8.self) != 0 ? 1 : 0 }
        case .float8E4M3:
            for index in 0..<count { destination[index] = FloatConversions.float8E4M3ToFloat(base.load(fromByteOffset: index, as: UInt8.self)) }
        case .float8E5M2:
            for index in 0..<count { destination[index] = FloatConversions.float8E5M2ToFloat(base.load(fromByteOffset: index, as: UInt8.self)) }
        case .float8E8M0:
            for index in 0..<count { destination[index] = FloatConversions.float8E8M0ToFloat(base.load(fromByteOffset: index, as: UInt8.self)) }
        case .complex64, .float4, .float6E2M3, .float6E3M2:
            break  // Excluded by `convertsToFloat`; callers check it first.
        }
    }
}

/// Integer → Float conversion shared by all integer dtypes (values beyond 2^24 round, as Float must).
@inline(__always)
private func convertIntegers<T: FixedWidthInteger>(
    _ base: UnsafeRawPointer, _ count: Int, _ type: T.Type, _ destination: UnsafeMutablePointer<Float>
) {
    let stride = MemoryLayout<T>.size
    for index in 0..<count {
        destination[index] = Float(T(littleEndian: base.loadUnaligned(fromByteOffset: index * stride, as: T.self)))
    }
}

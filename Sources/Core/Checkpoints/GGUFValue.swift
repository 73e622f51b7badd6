/// The 13 GGUF metadata value type ids.
public enum GGUFValueType: UInt32, CaseIterable, Sendable {
    case uint8 = 0, int8 = 1, uint16 = 2, int16 = 3, uint32 = 4, int32 = 5, float32 = 6
    case bool = 7, string = 8, array = 9, uint64 = 10, int64 = 11, float64 = 12

    /// Smallest encoded size of one value of this type (used to bound claimed array counts).
    var minimumEncodedSize: Int {
        switch self {
        case .uint8, .int8, .bool: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64, .string: return 8  // a string is at least its u64 length
        case .array: return 12  // u32 element type + u64 count
        }
    }

    /// Short name used in messages ("u32", "string", ...).
    public var name: String {
        switch self {
        case .uint8: return "u8"
        case .int8: return "i8"
        case .uint16: return "u16"
        case .int16: return "i16"
        case .uint32: return "u32"
        case .int32: return "i32"
        case .float32: return "f32"
        case .bool: return "bool"
        case .string: return "string"
        case .array: return "array"
        case .uint64: return "u64"
        case .int64: return "i64"
        case .float64: return "f64"
        }
    }
}

/// A typed GGUF metadata array; every element has type `elementType` (arrays may nest).
public struct GGUFArray: Equatable, Sendable {
    public let elementType: GGUFValueType
    public let values: [GGUFValue]

    public init(elementType: GGUFValueType, values: [GGUFValue]) {
        self.elementType = elementType
        self.values = values
    }
}

/// One GGUF metadata value, keeping its exact stored type.
public enum GGUFValue: Equatable, Sendable {
    case uint8(UInt8)
    case int8(Int8)
    case uint16(UInt16)
    case int16(Int16)
    case uint32(UInt32)
    case int32(Int32)
    case float32(Float)
    case bool(Bool)
    case string(String)
    case array(GGUFArray)
    case uint64(UInt64)
    case int64(Int64)
    case float64(Double)

    public var type: GGUFValueType {
        switch self {
        case .uint8: return .uint8
        case .int8: return .int8
        case .uint16: return .uint16
        case .int16: return .int16
        case .uint32: return .uint32
        case .int32: return .int32
        case .float32: return .float32
        case .bool: return .bool
        case .string: return .string
        case .array: return .array
        case .uint64: return .uint64
        case .int64: return .int64
        case .float64: return .float64
        }
    }

    /// Any integer type widened to Int (nil for non-integers or a u64 above Int.max).
    public var integerValue: Int? {
        switch self {
        case .uint8(let value): return Int(value)
        case .int8(let value): return Int(value)
        case .uint16(let value): return Int(value)
        case .int16(let value): return Int(value)
        case .uint32(let value): return Int(value)
        case .int32(let value): return Int(value)
        case .uint64(let value): return Int(exactly: value)
        case .int64(let value): return Int(value)
        default: return nil
        }
    }

    /// f32/f64 (or an integer) as Double.
    public var doubleValue: Double? {
        switch self {
        case .float32(let value): return Double(value)
        case .float64(let value): return value
        default: return integerValue.map(Double.init)
        }
    }

    /// Convenience for building homogeneous arrays in writers and tests.
    public static func array(_ elementType: GGUFValueType, _ values: [GGUFValue]) -> GGUFValue {
        .array(GGUFArray(elementType: elementType, values: values))
    }

    /// Short human-readable type, e.g. "array[string]" or "u32".
    public var typeDescription: String {
        if case .array(let array) = self {
            if array.elementType == .array, let first = array.values.first {
                return "array[\(first.typeDescription)]"
            }
            return "array[\(array.elementType.name)]"
        }
        return type.name
    }
}

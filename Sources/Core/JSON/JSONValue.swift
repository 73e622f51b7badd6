/// A JSON value exactly as written: object members in file order, numbers as their text.
///
/// Objects are arrays of members rather than dictionaries because tokenizer vocabularies must
/// compare keys byte for byte (Swift `String` equality merges canonically equivalent keys such as
/// "é" and "e\u{301}") and keep repeated keys as serde_json sees them. Numbers keep their text
/// because safetensors offsets beyond 2^53 must not round through `Double`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. "12", "-1", "2.5e3"; see `integerValue` and `doubleValue`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// Strings and keys are equal when their UTF-8 bytes are; numbers when their text is.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return left.utf8.elementsEqual(right.utf8)
        case (.string(let left), .string(let right)): return left.utf8.elementsEqual(right.utf8)
        case (.array(let left), .array(let right)): return left == right
        case (.object(let left), .object(let right)):
            return left.count == right.count
                && zip(left, right).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) && $0.value == $1.value }
        default: return false
        }
    }

    /// A number written as a decimal integer (`.number(3)` is `.number("3")`).
    public static func number(_ integer: Int) -> JSONValue { .number(String(integer)) }

    /// A short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// One member of a JSON object: its key and value.
public typealias JSONMember = (key: String, value: JSONValue)

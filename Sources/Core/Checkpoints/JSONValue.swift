/// A parsed JSON document that keeps object key order and the exact text of numbers.
///
/// Foundation's JSONSerialization silently keeps the last of duplicate keys and turns large
/// integers into Doubles; safetensors validation needs both to be visible, hence this small type.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. "12", "-1", "1e3"; see `integerValue`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value as an exact `Int` when it is written as a plain integer that fits; nil otherwise.
    var integerValue: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)  // Int(String) rejects fractions, exponents and overflow.
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Short type name used in error messages.
    var typeName: String {
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

/// A JSON object with unique keys, remembering the order they appeared in.
struct JSONObject: Equatable, Sendable {
    private(set) var keys: [String] = []
    private(set) var values: [String: JSONValue] = [:]

    init() {}

    subscript(key: String) -> JSONValue? { values[key] }

    /// Adds a key; returns false (and changes nothing) if the key already exists.
    @discardableResult
    mutating func insert(_ key: String, _ value: JSONValue) -> Bool {
        if values[key] != nil { return false }
        keys.append(key)
        values[key] = value
        return true
    }
}

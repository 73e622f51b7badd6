/// Typed views of a `JSONValue`: each is nil when the value has another JSON type.
extension JSONValue {
    /// The member named `key` (byte-exact; the last one if the key repeats, as serde_json does for maps).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key.utf8.elementsEqual(key.utf8) }?.value
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The number as an exact `Int` when it is written as a plain integer that fits; nil otherwise.
    public var integerValue: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)  // Int(String) rejects fractions, exponents and overflow.
    }

    /// The number as the nearest `Double` (±infinity beyond its range).
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The object's members in file order, repeated keys included.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

/// Typed metadata reads. Each returns nil when the key is absent and throws `typeMismatch` when
/// it is present with an incompatible type; integer reads accept any stored integer width,
/// because converters disagree on u32 vs u64 for the same hyperparameter.
extension GGUFFile {
    private func mismatch(_ key: String, _ value: GGUFValue, expected: String) -> CheckpointError {
        CheckpointError(file: displayName, kind: .typeMismatch, message: "metadata '\(key)' is \(value.typeDescription), expected \(expected)")
    }

    public func value(_ key: String) -> GGUFValue? { metadata[key] }

    /// Any integer type, widened to Int.
    public func integer(_ key: String) throws -> Int? {
        guard let value = metadata[key] else { return nil }
        guard let integer = value.integerValue else { throw mismatch(key, value, expected: "an integer that fits in Int") }
        return integer
    }

    public func string(_ key: String) throws -> String? {
        guard let value = metadata[key] else { return nil }
        guard case .string(let text) = value else { throw mismatch(key, value, expected: "string") }
        return text
    }

    /// f32 or f64 (integers are accepted too: a float hyperparameter stored as an integer is still usable).
    public func float(_ key: String) throws -> Float? {
        guard let value = metadata[key] else { return nil }
        guard let number = value.doubleValue else { throw mismatch(key, value, expected: "a number") }
        return Float(number)
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let value = metadata[key] else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(key, value, expected: "bool") }
        return flag
    }

    public func stringArray(_ key: String) throws -> [String]? {
        guard let value = metadata[key] else { return nil }
        guard case .array(let array) = value, array.elementType == .string else {
            throw mismatch(key, value, expected: "array[string]")
        }
        return array.values.map { element in
            if case .string(let text) = element { return text }
            return ""  // unreachable: the parser gives every element the array's type
        }
    }

    /// Array of any integer type, widened to Int.
    public func integerArray(_ key: String) throws -> [Int]? {
        guard let value = metadata[key] else { return nil }
        let integerTypes: Set<GGUFValueType> = [.uint8, .int8, .uint16, .int16, .uint32, .int32, .uint64, .int64]
        guard case .array(let array) = value, integerTypes.contains(array.elementType) else {
            throw mismatch(key, value, expected: "an integer array")
        }
        var result: [Int] = []
        result.reserveCapacity(array.values.count)
        for element in array.values {
            guard let integer = element.integerValue else { throw mismatch(key, value, expected: "an integer array") }
            result.append(integer)
        }
        return result
    }

    /// Array of f32/f64 (or integers), as Float.
    public func floatArray(_ key: String) throws -> [Float]? {
        guard let value = metadata[key] else { return nil }
        guard case .array(let array) = value, array.elementType != .string, array.elementType != .bool,
              array.elementType != .array
        else { throw mismatch(key, value, expected: "a number array") }
        var result: [Float] = []
        result.reserveCapacity(array.values.count)
        for element in array.values {
            guard let number = element.doubleValue else { throw mismatch(key, value, expected: "a number array") }
            result.append(Float(number))
        }
        return result
    }
}

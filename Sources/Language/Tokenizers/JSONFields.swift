import JSON

/// A JSON node together with the file it came from and its dotted path, so every accessor can
/// throw an error that tells the user exactly which field of which file is wrong.
struct JSONNode {
    let value: JSONValue
    let file: String
    let path: String

    init(_ value: JSONValue, file: String, path: String = "") {
        self.value = value
        self.file = file
        self.path = path
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member `key`, or nil when it is absent or JSON `null` (HF treats both the same).
    func optional(_ key: String) -> JSONNode? {
        guard let child = value[key] else { return nil }
        if case .null = child { return nil }
        return JSONNode(child, file: file, path: childPath(key))
    }

    /// The member `key`; throws `missingField` when absent or null.
    func required(_ key: String) throws(TokenizerError) -> JSONNode {
        guard case .object = value else { throw invalid("expected an object, found \(value.typeName)") }
        guard let child = optional(key) else { throw .missingField(file: file, path: childPath(key)) }
        return child
    }

    func invalid(_ reason: String) -> TokenizerError {
        .invalidField(file: file, path: path.isEmpty ? "<root>" : path, reason: reason)
    }

    var string: String {
        get throws(TokenizerError) {
            guard case .string(let text) = value else { throw invalid("expected a string, found \(value.typeName)") }
            return text
        }
    }

    var bool: Bool {
        get throws(TokenizerError) {
            guard case .bool(let flag) = value else { throw invalid("expected a boolean, found \(value.typeName)") }
            return flag
        }
    }

    var double: Double {
        get throws(TokenizerError) {
            guard let number = value.doubleValue else { throw invalid("expected a number, found \(value.typeName)") }
            return number
        }
    }

    /// A non-negative integer that fits comfortably in an `Int32` (token ids, counts).
    var index: Int {
        get throws(TokenizerError) {
            let number = try double
            guard number >= 0, number <= Double(Int32.max), number == number.rounded() else {
                throw invalid("expected a non-negative integer below 2^31, found \(number)")
            }
            return Int(number)
        }
    }

    var array: [JSONNode] {
        get throws(TokenizerError) {
            guard case .array(let elements) = value else { throw invalid("expected an array, found \(value.typeName)") }
            return elements.enumerated().map { JSONNode($1, file: file, path: "\(path)[\($0)]") }
        }
    }

    var members: [(String, JSONNode)] {
        get throws(TokenizerError) {
            guard let members = value.objectMembers else { throw invalid("expected an object, found \(value.typeName)") }
            return members.map { ($0.key, JSONNode($0.value, file: file, path: childPath($0.key))) }
        }
    }

    /// The `type` member used by every HF component.
    var typeName: String {
        get throws(TokenizerError) { try required("type").string }
    }

    /// Optional-with-default helpers; a present but mistyped field is still an error.
    func bool(_ key: String, default fallback: Bool) throws(TokenizerError) -> Bool {
        try optional(key)?.bool ?? fallback
    }

    func string(_ key: String) throws(TokenizerError) -> String? {
        try optional(key)?.string
    }

    /// A JSON string that must hold exactly one Unicode scalar (HF `char` fields).
    func character(_ key: String) throws(TokenizerError) -> Unicode.Scalar {
        let node = try required(key)
        let text = try node.string
        let scalars = text.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else {
            throw node.invalid("expected a single character, found \"\(text)\"")
        }
        return scalar
    }
}

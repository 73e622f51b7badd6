/// Turns Foundation's `DecodingError` into the user-facing `QAProblem` vocabulary.
enum DecodingErrorTranslation {
    static func problem(for error: DecodingError) -> QAProblem {
        switch error {
        case .keyNotFound(let key, _):
            return .missingField(key.stringValue)
        case .valueNotFound(let type, let context):
            // A `null` where text is required reads to a user as a missing field.
            return context.codingPath.isEmpty ? .notAnObject : .missingField(path(context.codingPath, fallback: "\(type)"))
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return .notAnObject }
            return .wrongType(field: path(context.codingPath, fallback: ""), expected: describe(type))
        case .dataCorrupted(let context):
            var detail = context.debugDescription
            if let underlying = context.underlyingError { detail += " (\(underlying))" }
            return .invalidJSON(detail)
        @unknown default:
            return .invalidJSON("\(error)")
        }
    }

    /// `perturbed_answer[2]` style, matching how users see the JSON.
    private static func path(_ codingPath: [any CodingKey], fallback: String) -> String {
        guard !codingPath.isEmpty else { return fallback }
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text
    }

    private static func describe(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        // Foundation reports the container type (e.g. `Array<Any>`), and lists of strings are the only lists.
        if "\(type)".hasPrefix("Array") { return "a list of strings" }
        if "\(type)".hasPrefix("Dictionary") { return "an object" }
        return "of type \(type)"
    }
}

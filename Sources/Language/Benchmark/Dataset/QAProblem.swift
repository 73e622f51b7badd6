/// What is wrong with one row (or the whole file) of a QA dataset; `QADatasetError` adds where.
public enum QAProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(String)
    /// The bytes are not JSON (or the JSON array around the rows is broken).
    case invalidJSON(String)
    /// A row is valid JSON but not an object.
    case notAnObject
    /// A required field is absent (or `null`).
    case missingField(String)
    /// A text field is present but empty or whitespace only.
    case emptyField(String)
    /// A field has the wrong JSON type, e.g. `perturbed_answer` given as a string instead of a list.
    case wrongType(field: String, expected: String)

    public var description: String {
        switch self {
        case .unreadable(let reason): return "cannot read file: \(reason)"
        case .invalidJSON(let detail): return "invalid JSON: \(detail)"
        case .notAnObject: return "row is not a JSON object"
        case .missingField(let field): return "missing required field \"\(field)\""
        case .emptyField(let field): return "field \"\(field)\" is empty"
        case .wrongType(let field, let expected): return "field \"\(field)\" should be \(expected)"
        }
    }
}

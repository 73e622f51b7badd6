/// A problem with an evaluation data file (MUSE or multiple-choice), located by file and row so the user
/// can open the exact record that failed.
public struct EvaluationDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// None of the accepted names of a required file exists in the folder.
        case missingFile(candidates: [String])
        /// The file exists but cannot be read.
        case unreadable(String)
        /// The bytes are not JSON (a whole array, or one JSON value per line).
        case invalidJSON(String)
        /// The file holds no rows.
        case empty
        /// A row lacks a required field (or has it as `null`).
        case missingField(String)
        /// A field has the wrong JSON type.
        case wrongType(field: String, expected: String)
        /// A field has the right type but a value the format does not allow.
        case invalidValue(field: String, reason: String)

        public var description: String {
            switch self {
            case .missingFile(let candidates): return "none of \(candidates.joined(separator: ", ")) exists"
            case .unreadable(let reason): return "cannot read file: \(reason)"
            case .invalidJSON(let detail): return "invalid JSON: \(detail)"
            case .empty: return "no rows"
            case .missingField(let field): return "missing required field \"\(field)\""
            case .wrongType(let field, let expected): return "field \"\(field)\" should be \(expected)"
            case .invalidValue(let field, let reason): return "field \"\(field)\": \(reason)"
            }
        }
    }

    /// The file (or, for a missing file, the folder searched).
    public let file: String
    /// 1-based row: the line of a JSON Lines file or the element of a top-level array; nil for whole-file problems.
    public let row: Int?
    public let problem: Problem

    public init(file: String, row: Int? = nil, problem: Problem) {
        self.file = file
        self.row = row
        self.problem = problem
    }

    public var description: String {
        if let row { return "\(file): row \(row): \(problem)" }
        return "\(file): \(problem)"
    }
}

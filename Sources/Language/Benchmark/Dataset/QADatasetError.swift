/// A dataset problem located by file and 1-based line, so users can open the exact row that failed.
public struct QADatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Path (or other label) of the file that was being read.
    public let file: String
    /// Line where the offending row starts; `nil` for problems with the file as a whole.
    public let line: Int?
    public let problem: QAProblem

    public init(file: String, line: Int?, problem: QAProblem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}

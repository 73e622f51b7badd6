/// The outcome of validating a directory of TOFU-format files: findings per file and across files.
public struct TOFUValidationReport: Sendable, CustomStringConvertible {
    /// Findings for one file. Errors make the directory unusable; warnings are worth a look.
    public struct FileReport: Sendable {
        public let fileName: String
        /// Rows read, or `nil` if the file could not be parsed.
        public internal(set) var rowCount: Int?
        public internal(set) var errors: [String] = []
        public internal(set) var warnings: [String] = []

        public var isValid: Bool { errors.isEmpty }
    }

    public let directory: String
    public internal(set) var files: [FileReport] = []
    /// Missing files and inconsistencies between files (counts, forget ∪ retain = full, …).
    public internal(set) var directoryErrors: [String] = []
    public internal(set) var directoryWarnings: [String] = []
    /// `.json` files in the directory that are not TOFU/benchmark data (e.g. `manifest.json`).
    public internal(set) var unrecognisedFiles: [String] = []

    public var isValid: Bool { directoryErrors.isEmpty && files.allSatisfy(\.isValid) }

    public func file(_ name: String) -> FileReport? {
        files.first { $0.fileName == name }
    }

    /// Throws the whole report when anything is wrong, for callers that just need "usable or not".
    public func throwIfInvalid() throws {
        if !isValid { throw TOFUValidationError(report: self) }
    }

    public var description: String {
        var lines = ["TOFU validation of \(directory): \(isValid ? "OK" : "INVALID")"]
        for file in files {
            let rows = file.rowCount.map { "\($0) rows" } ?? "unreadable"
            lines.append("  \(file.fileName): \(file.isValid ? "ok" : "ERROR") (\(rows))")
            lines += file.errors.map { "    error: \($0)" }
            lines += file.warnings.map { "    warning: \($0)" }
        }
        lines += directoryErrors.map { "  error: \($0)" }
        lines += directoryWarnings.map { "  warning: \($0)" }
        if !unrecognisedFiles.isEmpty { lines.append("  ignored: \(unrecognisedFiles.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}

/// A directory failed TOFU validation; `report` says exactly where.
public struct TOFUValidationError: Error, CustomStringConvertible, Sendable {
    public let report: TOFUValidationReport
    public var description: String { report.description }
}

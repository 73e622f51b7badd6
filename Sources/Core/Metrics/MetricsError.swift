import Foundation

/// Errors thrown by the metrics when their input cannot produce a defined value.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A statistic needs at least one value but received none (`what` names the input).
    case emptyInput(String)
    /// Two inputs that must be aligned element by element have different lengths.
    case lengthMismatch(String, Int, Int)
    /// An input value lies outside the domain the metric is defined on.
    case invalidValue(String)
    /// A log file could not be read or parsed as JSON.
    case unreadableFile(file: String, reason: String)
    /// A required key is absent from a log file; `keyPath` lists the keys from the top level down.
    case missingKey(file: String, keyPath: [String])
    /// A key is present but holds a value of the wrong shape or type.
    case malformedValue(file: String, keyPath: [String], reason: String)

    public var description: String {
        switch self {
        case .emptyInput(let what):
            return "empty input: \(what)"
        case .lengthMismatch(let what, let left, let right):
            return "length mismatch in \(what): \(left) vs \(right)"
        case .invalidValue(let what):
            return "invalid value: \(what)"
        case .unreadableFile(let file, let reason):
            return "\(file): cannot read JSON (\(reason))"
        case .missingKey(let file, let keyPath):
            return "\(file): missing key \(Self.render(keyPath))"
        case .malformedValue(let file, let keyPath, let reason):
            return "\(file): malformed value at \(Self.render(keyPath)): \(reason)"
        }
    }

    private static func render(_ keyPath: [String]) -> String {
        keyPath.map { "'\($0)'" }.joined(separator: " → ")
    }
}

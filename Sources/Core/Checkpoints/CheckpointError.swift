/// An error from reading or writing a checkpoint; its description always starts with the file it concerns.
public struct CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Broad category of a checkpoint failure, so callers and tests can branch without parsing text.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be opened, mapped, written or renamed.
        case io
        /// The bytes do not follow the format (truncated, inconsistent sizes, bad JSON, ...).
        case malformed
        /// The bytes are well formed but use something this reader does not implement.
        case unsupported
        /// A tensor name was asked for that the checkpoint does not contain.
        case missingTensor
        /// A metadata value exists but has a different type than requested.
        case typeMismatch
        /// A caller-supplied argument (shape, values, name) is inconsistent.
        case invalidArgument
    }

    /// Display name of the file (usually its last path component, or a caller-chosen label).
    public let file: String
    public let kind: Kind
    /// Human-readable problem statement without the file prefix.
    public let message: String

    public init(file: String, kind: Kind, message: String) {
        self.file = file
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(file): \(message)" }

    static func malformed(_ file: String, _ message: String) -> CheckpointError {
        CheckpointError(file: file, kind: .malformed, message: message)
    }

    static func unsupported(_ file: String, _ message: String) -> CheckpointError {
        CheckpointError(file: file, kind: .unsupported, message: message)
    }

    static func io(_ file: String, _ message: String) -> CheckpointError {
        CheckpointError(file: file, kind: .io, message: message)
    }

    static func missingTensor(_ file: String, _ name: String) -> CheckpointError {
        CheckpointError(file: file, kind: .missingTensor, message: "no tensor named '\(name)'")
    }

    static func invalidArgument(_ file: String, _ message: String) -> CheckpointError {
        CheckpointError(file: file, kind: .invalidArgument, message: message)
    }
}

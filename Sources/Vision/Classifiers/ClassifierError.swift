import Foundation

/// An error of the classifier testbed; its description names the file (or option) and the problem.
public struct ClassifierError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file, folder or command-line option the problem concerns.
    public let subject: String
    /// What is wrong, without the subject prefix.
    public let message: String

    /// An error about `subject`.
    public init(_ subject: String, _ message: String) {
        self.subject = subject
        self.message = message
    }

    public var description: String { "\(subject): \(message)" }
}

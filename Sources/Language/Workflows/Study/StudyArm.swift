import Unlearning

/// One row of `unlearn study`: a method from the registry, optionally with SOUL's second-order optimizer
/// (`npo+soul`: Sophia instead of AdamW).
public struct StudyArm: Codable, Sendable, Equatable, CustomStringConvertible {
    public var method: String
    public var secondOrder: Bool

    /// Parses `METHOD` or `METHOD+soul`.
    public init(parsing text: String) throws {
        let parts = text.lowercased().split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard let method = parts.first, MethodRegistry.names.contains(method) else {
            throw StudyError("study arm '\(text)': unknown method (choose from \(MethodRegistry.names.joined(separator: ", ")))")
        }
        guard parts.count == 1 || (parts.count == 2 && parts[1] == "soul") else {
            throw StudyError("study arm '\(text)': the only variant is +soul (SOUL's Sophia optimizer)")
        }
        self.method = method
        secondOrder = parts.count == 2
    }

    public var description: String { secondOrder ? method + "+soul" : method }
}

/// A study that cannot run; the description says why.
public struct StudyError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

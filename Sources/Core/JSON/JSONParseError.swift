/// Why a JSON document was rejected, and the byte offset where the parser noticed.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public let offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "at byte \(offset): \(reason)" }
}

/// A titled section holding blocks in order.
public struct ReportSection: Sendable {
    /// Second-level heading of the section.
    public var title: String
    /// Rendered in the given order.
    public var blocks: [ReportBlock]

    /// Creates a section.
    public init(title: String, blocks: [ReportBlock] = []) {
        self.title = title
        self.blocks = blocks
    }
}

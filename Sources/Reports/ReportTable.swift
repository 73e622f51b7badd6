/// A table; `highlightBest` optional per-column rule for bolding the best numeric cell (.higher/.lower/none).
public struct ReportTable: Sendable {
    /// Short title shown above the table; omitted when nil.
    public var caption: String?
    /// Column headings; rows longer than this get empty extra headings rather than losing cells.
    public var headers: [String]
    /// Cells as text so callers control precision; numeric-looking cells are right-aligned.
    public var rows: [[String]]
    /// Small print under the table (how metrics were computed, caveats).
    public var notes: String?
    /// Per column: which numeric cell to bold; nil or a missing entry means none.
    public var highlightBest: [BestValueRule?]

    /// Creates a table.
    public init(
        caption: String? = nil,
        headers: [String],
        rows: [[String]],
        notes: String? = nil,
        highlightBest: [BestValueRule?] = []
    ) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.notes = notes
        self.highlightBest = highlightBest
    }
}

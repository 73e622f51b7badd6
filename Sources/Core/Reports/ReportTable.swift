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

extension ReportTable {
    /// The headers and rows as space-aligned plain text, for terminals.
    public var plainText: String {
        let table = [headers] + rows
        let columns = table.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in table.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return table.map { cells in
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}

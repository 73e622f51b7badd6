import Reports

/// What every evaluation suite's summary (TOFU, MUSE, multiple choice) shares: it is written as
/// `summary.json` and declares each metric once, as a column, for its JSON, its terminal lines, tables,
/// reports and comparisons.
public protocol SuiteSummary: MetricRecord, Sendable {}

extension SuiteSummary {
    /// The metrics that belong in tables comparing models.
    public static var columns: [MetricColumn<Self>] { metrics.filter(\.compared) }

    /// The metrics as aligned terminal lines.
    public var terminalLines: [String] { MetricListing.lines(self, columns: Self.metrics) }
}

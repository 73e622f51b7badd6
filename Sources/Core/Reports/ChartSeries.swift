/// A named list of (x, y) points; `dashed` for reference lines (e.g. the oracle).
public struct ChartSeries: Sendable {
    /// Legend label.
    public var name: String
    /// Points in drawing order; non-finite points are skipped rather than breaking the chart.
    public var points: [(x: Double, y: Double)]
    /// Draws the line dashed so reference runs stand apart from the runs being judged.
    public var dashed: Bool

    /// Creates a series.
    public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false) {
        self.name = name
        self.points = points
        self.dashed = dashed
    }
}

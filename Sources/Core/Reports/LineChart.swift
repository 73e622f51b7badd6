/// A line chart with one or more named series, optionally log-scaled in y, with a y = x reference and fixed axis ranges.
public struct LineChart: Sendable {
    /// Heading drawn above the plot.
    public var title: String
    /// Horizontal axis label.
    public var xLabel: String
    /// Vertical axis label.
    public var yLabel: String
    /// Series drawn in palette order.
    public var series: [ChartSeries]
    /// Log-scales y for values spanning decades (forget-quality p-values); non-positive values are dropped.
    public var logarithmicY: Bool
    /// Draws y = x, the chance line of a ROC curve (linear y only).
    public var showsDiagonal: Bool
    /// Fixed x range, e.g. 0...1 for ROC; nil fits the data.
    public var xRange: ClosedRange<Double>?
    /// Fixed y range; nil fits the data.
    public var yRange: ClosedRange<Double>?

    /// Creates a line chart.
    public init(
        title: String,
        xLabel: String,
        yLabel: String,
        series: [ChartSeries],
        logarithmicY: Bool = false,
        showsDiagonal: Bool = false,
        xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logarithmicY = logarithmicY
        self.showsDiagonal = showsDiagonal
        self.xRange = xRange
        self.yRange = yRange
    }
}

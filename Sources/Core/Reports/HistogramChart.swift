/// Overlaid histograms of several named samples on shared bins.
public struct HistogramChart: Sendable {
    /// Heading drawn above the plot.
    public var title: String
    /// Horizontal axis label (the measured quantity).
    public var xLabel: String
    /// Samples to overlay; shared bins keep their shapes comparable.
    public var samples: [(name: String, values: [Double])]
    /// Number of equal-width bins (clamped to 1...1000).
    public var binCount: Int
    /// Fixed bin range; nil uses min...max of all finite values.
    public var range: ClosedRange<Double>?

    /// Creates a histogram chart.
    public init(
        title: String,
        xLabel: String,
        samples: [(name: String, values: [Double])],
        binCount: Int = 20,
        range: ClosedRange<Double>? = nil
    ) {
        self.title = title
        self.xLabel = xLabel
        self.samples = samples
        self.binCount = binCount
        self.range = range
    }
}

/// A metric's column, declared once next to the suite that computes it: its heading, the JSON key of its
/// value, which direction is better and how a value prints. Terminal tables, the Markdown/HTML reports and
/// `unlearn compare` are built from these declarations, so a new metric is added in one place.
public struct MetricColumn<Row>: Sendable {
    /// Table heading ("forget quality").
    public let heading: String
    /// The value's key in the suite's JSON summary ("forget_quality").
    public let key: String
    /// Which values are better, for bolding the best cell (nil: neither, e.g. forgetting is judged against the oracle).
    public let better: BestValueRule?
    /// The row's value; nil prints as "–".
    public let value: @Sendable (Row) -> Double?
    /// How a value prints.
    public let format: @Sendable (Double) -> String

    /// A column; values print with `ReportNumber.format` unless `format` is given.
    public init(_ heading: String, key: String, better: BestValueRule? = nil,
                format: @escaping @Sendable (Double) -> String = { ReportNumber.format($0) }, value: @escaping @Sendable (Row) -> Double?) {
        self.heading = heading
        self.key = key
        self.better = better
        self.format = format
        self.value = value
    }

    /// The row's cell text.
    public func cell(_ row: Row) -> String { value(row).map(format) ?? "–" }
}

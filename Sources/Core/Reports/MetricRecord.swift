/// A value whose JSON is declared by its metric columns and fields (a suite's summary, a per-file row):
/// encoding and decoding come from the declarations, so a metric's key is written in one place.
public protocol MetricRecord: Codable {
    /// The metrics, in print order.
    static var metrics: [MetricColumn<Self>] { get }
    /// The values that are not metrics.
    static var fields: [SummaryField<Self>] { get }
    /// An empty record that decoding fills in.
    static var empty: Self { get }
}

extension MetricRecord {
    public init(from decoder: any Decoder) throws {
        self = Self.empty
        try MetricCoding.decode(into: &self, columns: Self.metrics, fields: Self.fields, from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try MetricCoding.encode(self, columns: Self.metrics, fields: Self.fields, to: encoder)
    }
}

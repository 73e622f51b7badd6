/// A metric's column, declared once next to the suite that computes it: its heading, the JSON key of its
/// value, which direction is better and how a value prints. The suite's JSON summary, its terminal lines,
/// the Markdown/HTML reports and `unlearn compare` are all built from these declarations, so a new metric
/// is added in one place.
public struct MetricColumn<Row>: Sendable {
    /// Table heading ("forget quality").
    public let heading: String
    /// The value's key in the suite's JSON summary ("forget_quality").
    public let key: String
    /// Which values are better, for bolding the best cell (nil: neither, e.g. forgetting is judged against the oracle).
    public let better: BestValueRule?
    /// Whether the column belongs in tables comparing models (false: printed and stored, but a detail).
    public let compared: Bool
    /// What the terminal prints after "n/a" when the value is missing ("give --oracle").
    public let missingReason: String?
    /// The row's value; nil prints as "–".
    public let value: @Sendable (Row) -> Double?
    /// Stores a decoded value back into a row; nil for derived columns that no summary stores.
    let store: (@Sendable (inout Row, Double?) -> Bool)?
    /// How a value prints.
    public let format: @Sendable (Double) -> String

    /// A derived column (e.g. a comparison table's column reading a nested summary); values print with
    /// `ReportNumber.format` unless `format` is given.
    public init(_ heading: String, key: String, better: BestValueRule? = nil, compared: Bool = true,
                format: @escaping @Sendable (Double) -> String = { ReportNumber.format($0) }, value: @escaping @Sendable (Row) -> Double?) {
        self.init(heading, key: key, better: better, compared: compared, missingReason: nil, format: format, value: value, store: nil)
    }

    private init(_ heading: String, key: String, better: BestValueRule?, compared: Bool, missingReason: String?,
                 format: @escaping @Sendable (Double) -> String, value: @escaping @Sendable (Row) -> Double?,
                 store: (@Sendable (inout Row, Double?) -> Bool)?) {
        self.heading = heading
        self.key = key
        self.better = better
        self.compared = compared
        self.missingReason = missingReason
        self.format = format
        self.value = value
        self.store = store
    }

    /// The row's cell text.
    public func cell(_ row: Row) -> String { value(row).map(format) ?? "–" }
}

extension MetricColumn where Row: Sendable {
    /// A metric a summary stores as an always-present number.
    public init(_ heading: String, key: String, better: BestValueRule? = nil, compared: Bool = true,
                format: @escaping @Sendable (Double) -> String = { ReportNumber.format($0) },
                _ path: WritableKeyPath<Row, Double> & Sendable) {
        self.init(heading, key: key, better: better, compared: compared, missingReason: nil, format: format,
                  value: { $0[keyPath: path] },
                  store: { row, value in
                      guard let value else { return false }
                      row[keyPath: path] = value
                      return true
                  })
    }

    /// A metric a summary stores as an optional number (absent from the JSON when missing, with the reason
    /// the terminal gives).
    public init(_ heading: String, key: String, better: BestValueRule? = nil, compared: Bool = true, missingReason: String? = nil,
                format: @escaping @Sendable (Double) -> String = { ReportNumber.format($0) },
                _ path: WritableKeyPath<Row, Double?> & Sendable) {
        self.init(heading, key: key, better: better, compared: compared, missingReason: missingReason, format: format,
                  value: { $0[keyPath: path] },
                  store: { row, value in
                      row[keyPath: path] = value
                      return true
                  })
    }
}

/// A summary's non-metric value (its suite name, counts, per-file rows), stored under `key` next to the
/// metrics so a summary's whole JSON is declared as columns and fields.
public struct SummaryField<Row>: Sendable {
    /// The value's JSON key.
    public let key: String
    let encode: @Sendable (Row, inout KeyedEncodingContainer<MetricCoding.Key>) throws -> Void
    let decode: @Sendable (inout Row, KeyedDecodingContainer<MetricCoding.Key>) throws -> Void
}

extension SummaryField where Row: Sendable {
    /// A value that is always present.
    public init<Value: Codable>(_ key: String, _ path: WritableKeyPath<Row, Value> & Sendable) {
        self.key = key
        encode = { row, container in try container.encode(row[keyPath: path], forKey: MetricCoding.Key(key)) }
        decode = { row, container in row[keyPath: path] = try container.decode(Value.self, forKey: MetricCoding.Key(key)) }
    }

    /// A value left out of the JSON when absent.
    public init<Value: Codable>(_ key: String, _ path: WritableKeyPath<Row, Value?> & Sendable) {
        self.key = key
        encode = { row, container in try container.encodeIfPresent(row[keyPath: path], forKey: MetricCoding.Key(key)) }
        decode = { row, container in row[keyPath: path] = try container.decodeIfPresent(Value.self, forKey: MetricCoding.Key(key)) }
    }
}

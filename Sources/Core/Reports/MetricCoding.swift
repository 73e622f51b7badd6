/// Writes and reads a summary's metrics under their columns' JSON keys and its other values under their
/// fields' keys, so the key a column declares is the key `summary.json` holds (a missing optional value is
/// left out, as synthesised `Codable` does).
public enum MetricCoding {
    /// A column's key as a coding key.
    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ stringValue: String) { self.stringValue = stringValue }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes every column's value of `row` under the column's key, and every field's.
    public static func encode<Row>(_ row: Row, columns: [MetricColumn<Row>], fields: [SummaryField<Row>], to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for column in columns {
            try container.encodeIfPresent(column.value(row), forKey: Key(column.key))
        }
        for field in fields { try field.encode(row, &container) }
    }

    /// Decodes every stored column's and field's value into `row`; a required metric or field that is absent
    /// is an error naming its key.
    public static func decode<Row>(into row: inout Row, columns: [MetricColumn<Row>], fields: [SummaryField<Row>], from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for column in columns {
            guard let store = column.store else { continue }
            let value = try container.decodeIfPresent(Double.self, forKey: Key(column.key))
            if !store(&row, value) {
                throw DecodingError.keyNotFound(Key(column.key), DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "the metric '\(column.key)' (\(column.heading)) is missing"))
            }
        }
        for field in fields { try field.decode(&row, container) }
    }
}

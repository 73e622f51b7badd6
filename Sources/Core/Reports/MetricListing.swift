import Foundation

/// A summary's metrics as aligned terminal lines ("model utility   0.604"), one per column in declaration
/// order; a missing value prints as "n/a" with the reason its column gives.
public enum MetricListing {
    /// The lines for `row`.
    public static func lines<Row>(_ row: Row, columns: [MetricColumn<Row>]) -> [String] {
        let width = columns.map(\.heading.count).max() ?? 0
        return columns.map { column in
            let heading = column.heading.padding(toLength: width, withPad: " ", startingAt: 0)
            let text = column.value(row).map(column.format) ?? "n/a" + (column.missingReason.map { " (\($0))" } ?? "")
            return heading + "  " + text
        }
    }
}

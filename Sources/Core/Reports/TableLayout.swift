import Foundation

/// Both renderers must agree on padding, numeric alignment and which cells are best.
struct TableLayout {
    let headers: [String]
    let rows: [[String]]
    let numericColumns: [Bool]
    let emphasised: [[Bool]]

    init(_ table: ReportTable) {
        let columnCount = max(table.headers.count, table.rows.map(\.count).max() ?? 0)
        func padded(_ cells: [String]) -> [String] {
            cells + Array(repeating: "", count: columnCount - cells.count)
        }
        headers = padded(table.headers)
        let rows = table.rows.map(padded)
        let values = rows.map { $0.map(TableLayout.number) }
        self.rows = rows
        numericColumns = (0..<columnCount).map { column in
            let filled = zip(rows, values).filter { !$0.0[column].trimmingCharacters(in: .whitespaces).isEmpty }
            return !filled.isEmpty && filled.allSatisfy { $0.1[column] != nil }
        }
        let best: [Double?] = (0..<columnCount).map { column in
            guard column < table.highlightBest.count, let rule = table.highlightBest[column] else { return nil }
            let finite = values.compactMap { $0[column] }.filter(\.isFinite)
            return rule == .higher ? finite.max() : finite.min()
        }
        emphasised = values.map { rowValues in
            zip(rowValues, best).map { value, best in value != nil && value == best }
        }
    }

    /// Accepts plain numbers and percentages so "97.5%" aligns and ranks like 97.5.
    static func number(_ cell: String) -> Double? {
        var text = cell.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") { text.removeLast() }
        return Double(text)
    }
}

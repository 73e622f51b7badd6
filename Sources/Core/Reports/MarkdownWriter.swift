/// Builds the Markdown document; charts are summarised as tables since Markdown cannot embed them portably.
enum MarkdownWriter {
    static func document(_ report: Report) -> String {
        var parts = ["# \(singleLine(report.title))"]
        if let subtitle = report.subtitle { parts.append(subtitle) }
        for section in report.sections {
            parts.append("## \(singleLine(section.title))")
            // Empty blocks (an empty key-value list) would leave stray blank lines.
            parts += section.blocks.map(block).filter { !$0.isEmpty }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private static func block(_ block: ReportBlock) -> String {
        switch block {
        case .paragraph(let text):
            return text
        case .table(let table):
            return self.table(table)
        case .lineChart(let chart):
            let rows = chart.series.map { series -> [String] in
                guard let last = chart.plottablePoints(series).last else { return [series.name, "no data", "no data"] }
                return [series.name, ReportNumber.format(last.x, significantDigits: 4), ReportNumber.format(last.y, significantDigits: 4)]
            }
            let summary = ReportTable(headers: ["Series", "\(chart.xLabel) (last)", "\(chart.yLabel) (last)"], rows: rows)
            return figureLine(chart.title) + (rows.isEmpty ? "" : "\n\n" + table(summary))
        case .histogram(let chart):
            let summaries = chart.samples.map { ($0.name, SampleSummary($0.values)) }
            let rows = summaries.map { name, summary in
                [name, "\(summary.count)", summary.mean.map { ReportNumber.format($0) } ?? "n/a", summary.median.map { ReportNumber.format($0) } ?? "n/a"]
            }
            let omitted = summaries.reduce(0) { $0 + $1.1.nonFinite }
            let summary = ReportTable(
                headers: ["Sample", "Count", "Mean", "Median"],
                rows: rows,
                notes: omitted == 0 ? nil : "\(omitted) non-finite value(s) omitted."
            )
            return figureLine(chart.title) + (rows.isEmpty ? "" : "\n\n" + table(summary))
        case .keyValues(let pairs):
            return pairs.map { "- **\(singleLine($0.0))**: \(singleLine($0.1))" }.joined(separator: "\n")
        case .image(let image):
            guard let path = image.relativePath else { return figureLine(image.caption) }
            return "![\(singleLine(image.caption))](\(path))\n\n*\(singleLine(image.caption))*"
        }
    }

    private static func table(_ table: ReportTable) -> String {
        let layout = TableLayout(table)
        guard !layout.headers.isEmpty else { return table.caption.map { "**\(singleLine($0))**" } ?? "" }
        var lines: [String] = []
        if let caption = table.caption { lines += ["**\(singleLine(caption))**", ""] }
        lines.append(row(layout.headers.map(Escaping.markdownCell)))
        lines.append(row(layout.numericColumns.map { $0 ? "---:" : "---" }))
        for (cells, emphasis) in zip(layout.rows, layout.emphasised) {
            let escaped = zip(cells, emphasis).map { cell, bold in
                bold ? "**\(Escaping.markdownCell(cell))**" : Escaping.markdownCell(cell)
            }
            lines.append(row(escaped))
        }
        if let notes = table.notes { lines += ["", "*\(singleLine(notes))*"] }
        return lines.joined(separator: "\n")
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    private static func figureLine(_ title: String) -> String {
        "*Figure: \(singleLine(title)) (see the HTML report)*"
    }

    /// Headings and list items end at a newline, so embedded newlines would break the structure.
    private static func singleLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation

/// Builds the HTML page; written as well-formed XHTML-style markup so it can be checked with an XML parser.
enum HTMLWriter {
    static func document(_ report: Report) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(Escaping.html(report.title))</title>
        <style>
        \(Stylesheet.css)</style>
        </head>
        <body>
        <h1>\(Escaping.html(report.title))</h1>

        """
        if let subtitle = report.subtitle {
            html += "<p class=\"subtitle\">\(Escaping.html(subtitle))</p>\n"
        }
        for section in report.sections {
            html += "<section>\n<h2>\(Escaping.html(section.title))</h2>\n"
            html += section.blocks.map(block).joined()
            html += "</section>\n"
        }
        return html + "</body>\n</html>\n"
    }

    private static func block(_ block: ReportBlock) -> String {
        switch block {
        case .paragraph(let text):
            return "<p>\(Escaping.html(text))</p>\n"
        case .table(let table):
            return self.table(table)
        case .lineChart(let chart):
            return figure(LineChartSVG.render(chart))
        case .histogram(let chart):
            return figure(HistogramSVG.render(chart))
        case .keyValues(let pairs):
            let items = pairs.map { "<dt>\(Escaping.html($0.0))</dt><dd>\(Escaping.html($0.1))</dd>\n" }
            return "<dl class=\"key-values\">\n\(items.joined())</dl>\n"
        case .image(let image):
            let caption = Escaping.html(image.caption)
            return "<figure class=\"image\">\n<img src=\"data:image/png;base64,\(image.png.base64EncodedString())\" alt=\"\(caption)\" style=\"image-rendering: pixelated\"/>\n<figcaption>\(caption)</figcaption>\n</figure>\n"
        }
    }

    private static func table(_ table: ReportTable) -> String {
        let layout = TableLayout(table)
        var html = "<table>\n"
        if let caption = table.caption { html += "<caption>\(Escaping.html(caption))</caption>\n" }
        html += "<thead><tr>" + layout.headers.map { "<th>\(Escaping.html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (row, emphasis) in zip(layout.rows, layout.emphasised) {
            html += "<tr>"
            for (column, cell) in row.enumerated() {
                let text = emphasis[column] ? "<strong>\(Escaping.html(cell))</strong>" : Escaping.html(cell)
                html += TableLayout.number(cell) != nil ? "<td class=\"number\">\(text)</td>" : "<td>\(text)</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if let notes = table.notes { html += "<p class=\"notes\">\(Escaping.html(notes))</p>\n" }
        return html
    }

    private static func figure(_ rendered: (svg: String, note: String?)) -> String {
        let caption = rendered.note.map { "<figcaption>\(Escaping.html($0))</figcaption>\n" } ?? ""
        return "<figure class=\"chart\">\n\(rendered.svg)\n\(caption)</figure>\n"
    }
}

import Foundation

/// Shared SVG layout so every chart has the same size, grid, axes and legend.
struct ChartFrame {
    static let width = 680.0, height = 360.0
    static let plotLeft = 72.0, plotTop = 40.0, plotWidth = 420.0, plotHeight = 260.0
    /// Keeps strokes lying on the plot edge (ROC curves at y = 1) from being half clipped.
    static let inset = 4.0

    struct LegendEntry {
        let name: String
        let colour: String
        let dashed: Bool
        let filled: Bool
    }

    let title: String
    let xLabel: String
    let yLabel: String
    let xAxis: Axis
    let yAxis: Axis

    /// Horizontal coordinate inside the clipped plot area; far-off values are bounded to keep numbers small.
    func x(_ value: Double) -> String {
        ChartFrame.coordinate(ChartFrame.inset + min(max(xAxis.fraction(value), -1), 2) * ChartFrame.plotWidth)
    }

    /// Vertical coordinate inside the clipped plot area (SVG y grows downwards).
    func y(_ value: Double) -> String {
        ChartFrame.coordinate(ChartFrame.inset + (1 - min(max(yAxis.fraction(value), -1), 2)) * ChartFrame.plotHeight)
    }

    /// Fixed two decimals keep output byte-stable; a non-finite value can never reach an attribute.
    static func coordinate(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "0"
    }

    func render(legend: [LegendEntry], content: String) -> String {
        var svg = ChartFrame.opening(title: title)
        let bottom = ChartFrame.plotTop + ChartFrame.plotHeight
        for tick in xAxis.ticks {
            let position = ChartFrame.coordinate(ChartFrame.plotLeft + xAxis.fraction(tick) * ChartFrame.plotWidth)
            svg += "<line x1=\"\(position)\" y1=\"\(ChartFrame.plotTop)\" x2=\"\(position)\" y2=\"\(bottom)\" stroke=\"#e1e4e8\"/>\n"
            svg += "<text x=\"\(position)\" y=\"\(bottom + 16)\" text-anchor=\"middle\" font-size=\"11\">\(label(tick))</text>\n"
        }
        for tick in yAxis.ticks {
            let position = ChartFrame.coordinate(bottom - yAxis.fraction(tick) * ChartFrame.plotHeight)
            svg += "<line x1=\"\(ChartFrame.plotLeft)\" y1=\"\(position)\" x2=\"\(ChartFrame.plotLeft + ChartFrame.plotWidth)\" y2=\"\(position)\" stroke=\"#e1e4e8\"/>\n"
            svg += "<text x=\"\(ChartFrame.plotLeft - 6)\" y=\"\(position)\" dy=\"4\" text-anchor=\"end\" font-size=\"11\">\(label(tick))</text>\n"
        }
        svg += "<rect class=\"axes\" x=\"\(ChartFrame.plotLeft)\" y=\"\(ChartFrame.plotTop)\" width=\"\(ChartFrame.plotWidth)\" height=\"\(ChartFrame.plotHeight)\" fill=\"none\" stroke=\"#57606a\"/>\n"
        svg += "<text x=\"\(ChartFrame.plotLeft + ChartFrame.plotWidth / 2)\" y=\"\(ChartFrame.height - 12)\" text-anchor=\"middle\" font-size=\"12\">\(Escaping.html(xLabel))</text>\n"
        svg += "<text transform=\"translate(18 \(ChartFrame.plotTop + ChartFrame.plotHeight / 2)) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(Escaping.html(yLabel))</text>\n"
        // A nested <svg> clips to its viewport without needing document-unique clipPath ids.
        svg += "<svg x=\"\(ChartFrame.plotLeft - ChartFrame.inset)\" y=\"\(ChartFrame.plotTop - ChartFrame.inset)\" width=\"\(ChartFrame.plotWidth + 2 * ChartFrame.inset)\" height=\"\(ChartFrame.plotHeight + 2 * ChartFrame.inset)\" overflow=\"hidden\">\n\(content)</svg>\n"
        svg += legendMarkup(legend)
        return svg + "</svg>"
    }

    /// Stands in for a chart with nothing plottable so a report still renders.
    static func placeholder(title: String) -> String {
        opening(title: title)
            + "<rect class=\"axes\" x=\"\(plotLeft)\" y=\"\(plotTop)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"#f6f8fa\" stroke=\"#d0d7de\"/>\n"
            + "<text x=\"\(plotLeft + plotWidth / 2)\" y=\"\(plotTop + plotHeight / 2)\" text-anchor=\"middle\" font-size=\"14\" fill=\"#57606a\">no data</text>\n</svg>"
    }

    private static func opening(title: String) -> String {
        let escaped = Escaping.html(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" fill=\"#1f2328\">\n"
            + "<title>\(escaped)</title>\n<rect width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>\n"
            + "<text x=\"\(Int(width) / 2)\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\">\(escaped)</text>\n"
    }

    private func label(_ tick: Double) -> String {
        Escaping.html(ReportNumber.format(tick, significantDigits: 3))
    }

    private func legendMarkup(_ entries: [LegendEntry]) -> String {
        let left = ChartFrame.plotLeft + ChartFrame.plotWidth + 20
        var svg = ""
        for (index, entry) in entries.enumerated() {
            let middle = ChartFrame.plotTop + 10 + Double(index) * 20
            if entry.filled {
                svg += "<rect x=\"\(left)\" y=\"\(middle - 6)\" width=\"24\" height=\"12\" fill=\"\(entry.colour)\" fill-opacity=\"0.35\" stroke=\"\(entry.colour)\"/>\n"
            } else {
                let dash = entry.dashed ? " stroke-dasharray=\"6 4\"" : ""
                svg += "<line x1=\"\(left)\" y1=\"\(middle)\" x2=\"\(left + 24)\" y2=\"\(middle)\" stroke=\"\(entry.colour)\" stroke-width=\"2\"\(dash)/>\n"
            }
            // The legend column is narrow; long names would run off the image.
            let name = entry.name.count > 20 ? String(entry.name.prefix(19)) + "…" : entry.name
            svg += "<text x=\"\(left + 30)\" y=\"\(middle)\" dy=\"4\" font-size=\"12\">\(Escaping.html(name))</text>\n"
        }
        return svg
    }
}

/// Draws overlaid histograms as SVG: one semi-transparent step `<path>` per sample with data.
enum HistogramSVG {
    static func render(_ chart: HistogramChart) -> (svg: String, note: String?) {
        guard let bins = HistogramBins(chart) else {
            let dropped = chart.samples.reduce(0) { $0 + $1.values.count }
            return (ChartFrame.placeholder(title: chart.title), dropped == 0 ? nil : "\(dropped) non-finite value(s) omitted.")
        }
        var notes: [String] = []
        if bins.nonFinite > 0 { notes.append("\(bins.nonFinite) non-finite value(s) omitted.") }
        if bins.outOfRange > 0 { notes.append("\(bins.outOfRange) value(s) outside the bin range omitted.") }

        let highest = bins.fractions.flatMap { $0 }.max() ?? 0
        let frame = ChartFrame(
            title: chart.title,
            xLabel: chart.xLabel,
            yLabel: "Fraction of sample per bin",
            xAxis: Axis.linear(values: [], fixed: bins.lower...bins.upper),
            yAxis: Axis.linear(values: [0, highest > 0 ? highest : 1], fixed: nil)
        )
        var content = ""
        var legend: [ChartFrame.LegendEntry] = []
        for (index, sample) in chart.samples.enumerated() {
            let colour = Palette.colour(index)
            let hasValues = bins.hasValues[index]
            legend.append(.init(name: hasValues ? sample.name : sample.name + " (no data)", colour: colour, dashed: false, filled: true))
            guard hasValues else { continue }
            let fractions = bins.fractions[index]
            let width = (bins.upper - bins.lower) / Double(fractions.count)
            var path = "M\(frame.x(bins.lower)),\(frame.y(0))"
            for (bin, fraction) in fractions.enumerated() {
                let left = bins.lower + Double(bin) * width
                path += " L\(frame.x(left)),\(frame.y(fraction)) L\(frame.x(left + width)),\(frame.y(fraction))"
            }
            path += " L\(frame.x(bins.upper)),\(frame.y(0)) Z"
            content += "<path d=\"\(path)\" fill=\"\(colour)\" fill-opacity=\"0.25\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>\n"
        }
        return (frame.render(legend: legend, content: content), notes.isEmpty ? nil : notes.joined(separator: " "))
    }
}

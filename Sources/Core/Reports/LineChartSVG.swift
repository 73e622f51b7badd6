/// Draws a line chart as SVG: one `<polyline>` per series with data, plus an omission note.
enum LineChartSVG {
    static func render(_ chart: LineChart) -> (svg: String, note: String?) {
        let plottable = chart.series.map(chart.plottablePoints)
        let omitted = zip(chart.series, plottable).reduce(0) { $0 + $1.0.points.count - $1.1.count }
        let note = omitted == 0 ? nil : chart.logarithmicY
            ? "\(omitted) point(s) omitted: non-finite, or not positive on the logarithmic axis."
            : "\(omitted) non-finite point(s) omitted."
        let all = plottable.flatMap { $0 }
        guard !all.isEmpty else { return (ChartFrame.placeholder(title: chart.title), note) }

        let xAxis = Axis.linear(values: all.map(\.x), fixed: chart.xRange)
        let yValues = all.map(\.y)
        let yAxis = chart.logarithmicY
            ? Axis.logarithmic(values: yValues, fixed: chart.yRange)
            : Axis.linear(values: yValues, fixed: chart.yRange)
        let frame = ChartFrame(title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel, xAxis: xAxis, yAxis: yAxis)

        var content = ""
        var legend: [ChartFrame.LegendEntry] = []
        // y = x is only a straight line on linear axes; on a log axis it would mislead.
        if chart.showsDiagonal && !chart.logarithmicY {
            let (start, end) = (min(xAxis.lower, yAxis.lower), max(xAxis.upper, yAxis.upper))
            content += "<line class=\"diagonal\" x1=\"\(frame.x(start))\" y1=\"\(frame.y(start))\" x2=\"\(frame.x(end))\" y2=\"\(frame.y(end))\" stroke=\"#8c959f\" stroke-width=\"1.5\" stroke-dasharray=\"4 4\"/>\n"
            legend.append(.init(name: "chance (y = x)", colour: "#8c959f", dashed: true, filled: false))
        }
        for (index, (series, points)) in zip(chart.series, plottable).enumerated() {
            let colour = Palette.colour(index)
            legend.append(.init(name: points.isEmpty ? series.name + " (no data)" : series.name, colour: colour, dashed: series.dashed, filled: false))
            guard !points.isEmpty else { continue }
            let coordinates = points.map { "\(frame.x($0.x)),\(frame.y($0.y))" }.joined(separator: " ")
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            content += "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\"\(dash)/>\n"
            // A lone point draws no visible line, so mark it.
            if points.count == 1 {
                content += "<circle cx=\"\(frame.x(points[0].x))\" cy=\"\(frame.y(points[0].y))\" r=\"3.5\" fill=\"\(colour)\"/>\n"
            }
        }
        return (frame.render(legend: legend, content: content), note)
    }
}

extension LineChart {
    /// Points that can be placed on this chart's axes; Markdown summaries use the same rule.
    func plottablePoints(_ series: ChartSeries) -> [(x: Double, y: Double)] {
        series.points.filter { $0.x.isFinite && $0.y.isFinite && (!logarithmicY || $0.y > 0) }
    }
}

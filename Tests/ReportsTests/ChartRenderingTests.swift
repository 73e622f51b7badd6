import Testing
@testable import Reports

@Suite struct ChartRenderingTests {
    @Test func onePolylinePerSeries() {
        for seriesCount in 1...4 {
            let series = (0..<seriesCount).map { index in
                ChartSeries(name: "run \(index)", points: [(0, Double(index)), (1, Double(index) + 1), (2, 0.5)], dashed: index == 0)
            }
            let svg = svgs(in: html(.lineChart(LineChart(title: "Loss", xLabel: "Step", yLabel: "Loss", series: series))))
            #expect(svg.count == 1)
            #expect(count("<polyline", in: svg[0]) == seriesCount)
            #expect(count("stroke-dasharray=\"6 4\"", in: svg[0]) == 2, "dashed line and its legend swatch")
        }
    }

    @Test func rocChartContainsDiagonal() {
        let roc = LineChart(title: "ROC", xLabel: "False positive rate", yLabel: "True positive rate",
                            series: [ChartSeries(name: "MIA", points: [(0, 0), (0.1, 0.4), (1, 1)])],
                            showsDiagonal: true, xRange: 0...1, yRange: 0...1)
        let svg = svgs(in: html(.lineChart(roc)))[0]
        #expect(svg.contains("<line class=\"diagonal\" x1=\"4.00\" y1=\"264.00\" x2=\"424.00\" y2=\"4.00\""), "\(svg)")
        #expect(count("<polyline", in: svg) == 1)
        let plain = svgs(in: html(.lineChart(LineChart(title: "ROC", xLabel: "x", yLabel: "y", series: roc.series))))[0]
        #expect(!plain.contains("diagonal"))
    }

    @Test func logAxisTicksAtPowersOfTen() {
        let axis = Axis.logarithmic(values: [1e-20, 1], fixed: nil)
        #expect(axis.lower == 1e-20)
        #expect(axis.upper == 1)
        #expect(axis.ticks.map { ReportNumber.format($0) } == ["1e-20", "1e-15", "1e-10", "1e-5", "1"])
        #expect(Axis.logarithmic(values: [0.001, 0.5], fixed: nil).ticks.map { ReportNumber.format($0) } == ["0.001", "0.01", "0.1", "1"])

        let chart = LineChart(title: "FQ", xLabel: "Epoch", yLabel: "p", series: [ChartSeries(name: "a", points: [(0, 1e-20), (1, 1), (2, 0), (3, -1)])], logarithmicY: true)
        let page = html(.lineChart(chart))
        #expect(page.contains(">1e-20</text>"))
        #expect(page.contains(">1e-10</text>"))
        #expect(page.contains("2 point(s) omitted"))
    }

    @Test func linearTicksAreRound() {
        let axis = Axis.linear(values: [0.03, 0.97], fixed: nil)
        #expect(axis.ticks.map { ReportNumber.format($0) } == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(Axis.linear(values: [0, 1000], fixed: nil).ticks.map { ReportNumber.format($0) } == ["0", "200", "400", "600", "800", "1000"])
    }

    @Test func histogramDrawsOnePathPerSampleOnSharedBins() {
        let chart = HistogramChart(title: "Truth ratio", xLabel: "ratio", samples: [
            (name: "model", values: [0.1, 0.2, 0.2, 0.9]), (name: "oracle", values: [0.5, 0.6]), (name: "empty", values: []),
        ], binCount: 4)
        let page = html(.histogram(chart))
        let svg = svgs(in: page)[0]
        #expect(count("<path", in: svg) == 2)
        #expect(svg.contains("fill-opacity=\"0.25\""))
        #expect(svg.contains("Fraction of sample per bin"))
        #expect(svg.contains("empty (no data)"))
        let bins = HistogramBins(chart)!
        #expect(bins.fractions[0] == [0.75, 0, 0, 0.25])
        #expect(bins.fractions[1] == [0, 0, 1, 0])
    }

    @Test func paletteAndLegend() {
        let svg = svgs(in: html(.lineChart(LineChart(title: "t", xLabel: "x", yLabel: "y", series: [
            ChartSeries(name: "a", points: [(0, 0), (1, 1)]), ChartSeries(name: "b", points: [(0, 1), (1, 0)]),
        ]))))[0]
        #expect(svg.contains("stroke=\"#0072B2\""))
        #expect(svg.contains("stroke=\"#D55E00\""))
        #expect(svg.contains(">a</text>") && svg.contains(">b</text>"))
        #expect(svg.contains("viewBox=\"0 0 680 360\""))
    }
}

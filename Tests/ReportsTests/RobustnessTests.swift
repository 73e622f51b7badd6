import Testing
@testable import Reports

@Suite struct RobustnessTests {
    @Test func nonFiniteValuesAreDroppedAndCounted() {
        let line = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [
            ChartSeries(name: "a", points: [(0, .nan), (1, 2), (.infinity, 3), (3, -.infinity), (4, 5)]),
        ])
        let histogram = HistogramChart(title: "h", xLabel: "v", samples: [(name: "a", values: [.nan, 1, 2, .infinity, -.infinity, 3])])
        let page = html(.lineChart(line), .histogram(histogram))
        assertNoNonFiniteCoordinates(page)
        #expect(svgs(in: page).count == 2)
        #expect(page.contains("3 non-finite point(s) omitted."))
        #expect(page.contains("3 non-finite value(s) omitted."))
        #expect(xmlErrors(page) == [])
    }

    @Test func emptyInputsRenderPlaceholders() {
        let page = html(
            .lineChart(LineChart(title: "none", xLabel: "x", yLabel: "y", series: [])),
            .lineChart(LineChart(title: "empty", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [])])),
            .lineChart(LineChart(title: "all nan", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [(.nan, .nan)])], logarithmicY: true)),
            .histogram(HistogramChart(title: "none", xLabel: "v", samples: [])),
            .histogram(HistogramChart(title: "empty", xLabel: "v", samples: [(name: "a", values: [])])),
            .histogram(HistogramChart(title: "nan", xLabel: "v", samples: [(name: "a", values: [.nan, .infinity])])),
            .table(ReportTable(headers: [], rows: [])),
            .keyValues([])
        )
        #expect(count(">no data</text>", in: page) == 6)
        assertNoNonFiniteCoordinates(page)
        #expect(xmlErrors(page) == [])
        // Markdown summarises charts as tables: no series gives the figure line alone, a series with no
        // plottable point a row saying so, and non-finite values are counted, never printed.
        let markdown = ReportRenderer.markdown(Report(title: "t", sections: [ReportSection(title: "s", blocks: [
            .lineChart(LineChart(title: "none", xLabel: "x", yLabel: "y", series: [])),
            .lineChart(LineChart(title: "all nan", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [(.nan, .nan)])])),
            .histogram(HistogramChart(title: "nan", xLabel: "v", samples: [(name: "b", values: [.nan, .infinity])])),
        ])]))
        #expect(markdown.hasPrefix("# t\n\n## s\n\n"), "\(markdown)")
        #expect(markdown.contains("| a | no data | no data |"), "\(markdown)")
        #expect(markdown.contains("*2 non-finite value(s) omitted.*"), "\(markdown)")
        #expect(!(markdown.lowercased().contains("nan |") || markdown.contains("inf")), "\(markdown)")
    }

    @Test func singlePointAndConstantValuesRender() {
        let page = html(
            .lineChart(LineChart(title: "one", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [(3, 0.5)])])),
            .lineChart(LineChart(title: "flat", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [(0, 0), (1, 0)])])),
            .lineChart(LineChart(title: "log one", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [(1, 1e-5)])], logarithmicY: true)),
            .histogram(HistogramChart(title: "constant", xLabel: "v", samples: [(name: "a", values: [2, 2, 2])])),
            .histogram(HistogramChart(title: "zero", xLabel: "v", samples: [(name: "a", values: [0])], binCount: 0, range: 1...1))
        )
        let charts = svgs(in: page)
        #expect(charts.count == 5)
        #expect(!page.contains(">no data</text>"))
        #expect(charts[0].contains("<circle"))
        #expect(count("<path", in: charts[3]) == 1)
        assertNoNonFiniteCoordinates(page)
        #expect(xmlErrors(page) == [])
    }

    @Test func extremeAndOutOfRangeValues() {
        let page = html(
            .lineChart(LineChart(title: "huge", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [(-1e308, 1e308), (1e308, -1e308)])])),
            .lineChart(LineChart(title: "clipped", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: [(-5, 7), (0.5, 0.5)])], xRange: 0...1, yRange: 0...1)),
            .histogram(HistogramChart(title: "ranged", xLabel: "v", samples: [(name: "a", values: [-1, 0.5, 2])], range: 0...1))
        )
        #expect(page.contains("2 value(s) outside the bin range omitted."))
        assertNoNonFiniteCoordinates(page)
        #expect(xmlErrors(page) == [])
    }
}

import Testing
@testable import Reports

@Suite struct HTMLEscapingTests {
    let hostile = "<script>alert(\"x\" & 'y')</script>"

    @Test func hostileTitleAndCellAreEscaped() {
        let page = html(.table(ReportTable(headers: ["Method"], rows: [[hostile]])), title: hostile)
        #expect(!page.contains("<script>"))
        #expect(!page.contains("</script>"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"))
    }

    @Test func hostileChartStringsAreEscapedInsideSVG() {
        let chart = LineChart(title: hostile, xLabel: hostile, yLabel: hostile, series: [ChartSeries(name: hostile, points: [(0, 1), (1, 2)])])
        let page = html(.lineChart(chart), .histogram(HistogramChart(title: hostile, xLabel: hostile, samples: [(name: hostile, values: [1, 2])])))
        #expect(!page.contains("<script>"))
        for svg in svgs(in: page) { #expect(xmlErrors(svg) == []) }
    }

    @Test func allFiveCharactersAreEscaped() {
        #expect(Escaping.html("&<>\"'") == "&amp;&lt;&gt;&quot;&#39;")
    }

    @Test func documentSkeleton() {
        let page = ReportRenderer.html(Report(title: "T", subtitle: "S"))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<meta charset=\"utf-8\"/>"))
        #expect(page.contains("<style>"))
        #expect(!page.contains("<script"))
        #expect(page.hasSuffix("</body>\n</html>\n"))
    }

    @Test func bestCellIsBoldAndNumbersRightAligned() {
        let table = ReportTable(headers: ["Run", "Loss"], rows: [["a", "0.5"], ["b", "0.2"]], highlightBest: [nil, .lower])
        let page = html(.table(table))
        #expect(page.contains("<td class=\"number\"><strong>0.2</strong></td>"))
        #expect(page.contains("<td class=\"number\">0.5</td>"))
        #expect(page.contains("<td>a</td>"))
    }
}

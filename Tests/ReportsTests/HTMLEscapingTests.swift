import XCTest
@testable import Reports

final class HTMLEscapingTests: XCTestCase {
    let hostile = "<script>alert(\"x\" & 'y')</script>"

    func testHostileTitleAndCellAreEscaped() {
        let page = html(.table(ReportTable(headers: ["Method"], rows: [[hostile]])), title: hostile)
        XCTAssertFalse(page.contains("<script>"))
        XCTAssertFalse(page.contains("</script>"))
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"))
    }

    func testHostileChartStringsAreEscapedInsideSVG() {
        let chart = LineChart(title: hostile, xLabel: hostile, yLabel: hostile, series: [ChartSeries(name: hostile, points: [(0, 1), (1, 2)])])
        let page = html(.lineChart(chart), .histogram(HistogramChart(title: hostile, xLabel: hostile, samples: [(name: hostile, values: [1, 2])])))
        XCTAssertFalse(page.contains("<script>"))
        for svg in svgs(in: page) { XCTAssertEqual(xmlErrors(svg), []) }
    }

    func testAllFiveCharactersAreEscaped() {
        XCTAssertEqual(Escaping.html("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;")
    }

    func testDocumentSkeleton() {
        let page = ReportRenderer.html(Report(title: "T", subtitle: "S"))
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<meta charset=\"utf-8\"/>"))
        XCTAssertTrue(page.contains("<style>"))
        XCTAssertFalse(page.contains("<script"))
        XCTAssertTrue(page.hasSuffix("</body>\n</html>\n"))
    }

    func testBestCellIsBoldAndNumbersRightAligned() {
        let table = ReportTable(headers: ["Run", "Loss"], rows: [["a", "0.5"], ["b", "0.2"]], highlightBest: [nil, .lower])
        let page = html(.table(table))
        XCTAssertTrue(page.contains("<td class=\"number\"><strong>0.2</strong></td>"))
        XCTAssertTrue(page.contains("<td class=\"number\">0.5</td>"))
        XCTAssertTrue(page.contains("<td>a</td>"))
    }
}

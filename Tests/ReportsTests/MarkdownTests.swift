import XCTest
@testable import Reports

final class MarkdownTests: XCTestCase {
    func testPipesInCellsAreEscaped() {
        let table = ReportTable(headers: ["a|b", "Value"], rows: [["x | y", "1"], ["multi\nline"]])
        let markdown = ReportRenderer.markdown(Report(title: "T", sections: [ReportSection(title: "S", blocks: [.table(table)])]))
        XCTAssertTrue(markdown.contains("| a\\|b | Value |"), markdown)
        XCTAssertTrue(markdown.contains("| --- | ---: |"), markdown)
        XCTAssertTrue(markdown.contains("| x \\| y | 1 |"), markdown)
        XCTAssertTrue(markdown.contains("| multi line |  |"), markdown)
    }

    func testDocumentStructure() {
        let markdown = ReportRenderer.markdown(sampleReport())
        XCTAssertTrue(markdown.hasPrefix("# Unlearning run: TOFU forget10\n\nmodel llama-7b · seed 42\n\n## Metrics\n\n"))
        XCTAssertTrue(markdown.contains("**Summary**\n\n| Method | Forget quality | Model utility |"))
        XCTAssertTrue(markdown.contains("| Oracle | **1** | **0.63** |"))
        XCTAssertTrue(markdown.contains("*Forget quality is a KS-test p-value.*"))
        XCTAssertTrue(markdown.contains("- **learning rate**: 1e-5"))
        XCTAssertTrue(markdown.contains("*Figure: Training loss (see the HTML report)*"))
        XCTAssertTrue(markdown.contains("| Series | Step (last) | Loss (last) |"))
        XCTAssertTrue(markdown.contains("| forget | 100 | 0.5 |"))
        XCTAssertTrue(markdown.contains("| NPO | 4 | 0.3 |"))
        XCTAssertFalse(markdown.contains("<svg"))
        XCTAssertTrue(markdown.hasSuffix("|\n"))
        XCTAssertFalse(markdown.contains("\n\n\n"))
    }

    func testEmptyBlocksLeaveNoBlankRuns() {
        let report = Report(title: "T", sections: [ReportSection(title: "S", blocks: [.keyValues([]), .paragraph("after")])])
        XCTAssertEqual(ReportRenderer.markdown(report), "# T\n\n## S\n\nafter\n")
    }

    func testHistogramSummary() {
        let chart = HistogramChart(title: "Truth ratio", xLabel: "r", samples: [
            (name: "model", values: [1, 2, 3, 10, .nan]), (name: "empty", values: []),
        ])
        let markdown = ReportRenderer.markdown(Report(title: "T", sections: [ReportSection(title: "S", blocks: [.histogram(chart)])]))
        XCTAssertTrue(markdown.contains("*Figure: Truth ratio (see the HTML report)*"))
        XCTAssertTrue(markdown.contains("| Sample | Count | Mean | Median |"))
        XCTAssertTrue(markdown.contains("| model | 4 | 4 | 2.5 |"), markdown)
        XCTAssertTrue(markdown.contains("| empty | 0 | n/a | n/a |"), markdown)
        XCTAssertTrue(markdown.contains("*1 non-finite value(s) omitted.*"))
    }
}

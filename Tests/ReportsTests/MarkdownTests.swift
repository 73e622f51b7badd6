import Testing
@testable import Reports

@Suite struct MarkdownTests {
    @Test func pipesInCellsAreEscaped() {
        let table = ReportTable(headers: ["a|b", "Value"], rows: [["x | y", "1"], ["multi\nline"]])
        let markdown = ReportRenderer.markdown(Report(title: "T", sections: [ReportSection(title: "S", blocks: [.table(table)])]))
        #expect(markdown.contains("| a\\|b | Value |"), "\(markdown)")
        #expect(markdown.contains("| --- | ---: |"), "\(markdown)")
        #expect(markdown.contains("| x \\| y | 1 |"), "\(markdown)")
        #expect(markdown.contains("| multi line |  |"), "\(markdown)")
    }

    @Test func documentStructure() {
        let markdown = ReportRenderer.markdown(sampleReport())
        #expect(markdown.hasPrefix("# Unlearning run: TOFU forget10\n\nmodel llama-7b · seed 42\n\n## Metrics\n\n"))
        #expect(markdown.contains("**Summary**\n\n| Method | Forget quality | Model utility |"))
        #expect(markdown.contains("| Oracle | **1** | **0.63** |"))
        #expect(markdown.contains("*Forget quality is a KS-test p-value.*"))
        #expect(markdown.contains("- **learning rate**: 1e-5"))
        #expect(markdown.contains("*Figure: Training loss (see the HTML report)*"))
        #expect(markdown.contains("| Series | Step (last) | Loss (last) |"))
        #expect(markdown.contains("| forget | 100 | 0.5 |"))
        #expect(markdown.contains("| NPO | 4 | 0.3 |"))
        #expect(!markdown.contains("<svg"))
        #expect(markdown.hasSuffix("|\n"))
        #expect(!markdown.contains("\n\n\n"))
    }

    @Test func emptyBlocksLeaveNoBlankRuns() {
        let report = Report(title: "T", sections: [ReportSection(title: "S", blocks: [.keyValues([]), .paragraph("after")])])
        #expect(ReportRenderer.markdown(report) == "# T\n\n## S\n\nafter\n")
    }

    @Test func histogramSummary() {
        let chart = HistogramChart(title: "Truth ratio", xLabel: "r", samples: [
            (name: "model", values: [1, 2, 3, 10, .nan]), (name: "empty", values: []),
        ])
        let markdown = ReportRenderer.markdown(Report(title: "T", sections: [ReportSection(title: "S", blocks: [.histogram(chart)])]))
        #expect(markdown.contains("*Figure: Truth ratio (see the HTML report)*"))
        #expect(markdown.contains("| Sample | Count | Mean | Median |"))
        #expect(markdown.contains("| model | 4 | 4 | 2.5 |"), "\(markdown)")
        #expect(markdown.contains("| empty | 0 | n/a | n/a |"), "\(markdown)")
        #expect(markdown.contains("*1 non-finite value(s) omitted.*"))
    }
}

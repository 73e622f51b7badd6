import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports

/// A realistic unlearning report touching every block kind.
func sampleReport() -> Report {
    let steps = stride(from: 0.0, through: 100, by: 10)
    return Report(
        title: "Unlearning run: TOFU forget10",
        subtitle: "model llama-7b · seed 42",
        sections: [
            ReportSection(title: "Metrics", blocks: [
                .paragraph("Lower forget-set truth ratio is better."),
                .table(ReportTable(
                    caption: "Summary",
                    headers: ["Method", "Forget quality", "Model utility"],
                    rows: [["GradAscent", "1.83e-21", "0.62"], ["NPO", "0.0012", "0.58"], ["Oracle", "1", "0.63"]],
                    notes: "Forget quality is a KS-test p-value.",
                    highlightBest: [nil, .higher, .higher]
                )),
                .keyValues([("learning rate", "1e-5"), ("epochs", "5")]),
            ]),
            ReportSection(title: "Plots", blocks: [
                .lineChart(LineChart(title: "Training loss", xLabel: "Step", yLabel: "Loss", series: [
                    ChartSeries(name: "forget", points: steps.map { ($0, 2.5 - $0 / 50) }),
                    ChartSeries(name: "retain", points: steps.map { ($0, 1.2 + $0 / 400) }, dashed: true),
                ])),
                .lineChart(LineChart(title: "Forget quality", xLabel: "Epoch", yLabel: "p-value", series: [
                    ChartSeries(name: "NPO", points: [(1, 1e-20), (2, 1e-12), (3, 1e-4), (4, 0.3)]),
                ], logarithmicY: true)),
                .histogram(HistogramChart(title: "Truth ratio", xLabel: "Truth ratio", samples: [
                    (name: "model", values: (0..<200).map { Double($0 % 37) / 37 }),
                    (name: "oracle", values: (0..<150).map { 0.3 + Double($0 % 23) / 40 }),
                ])),
            ]),
        ]
    )
}

func html(_ blocks: ReportBlock..., title: String = "Test") -> String {
    ReportRenderer.html(Report(title: title, sections: [ReportSection(title: "Section", blocks: blocks)]))
}

/// Figures never nest, so plain substring search splits them reliably.
func figures(in html: String) -> [String] {
    html.components(separatedBy: "<figure class=\"chart\">").dropFirst().map {
        "<figure class=\"chart\">" + $0.components(separatedBy: "</figure>")[0] + "</figure>"
    }
}

/// The outer <svg> of each figure (inner clipping <svg> elements included).
func svgs(in html: String) -> [String] {
    figures(in: html).compactMap { figure in
        guard let start = figure.range(of: "<svg"), let end = figure.range(of: "</svg>", options: .backwards) else { return nil }
        return String(figure[start.lowerBound..<end.upperBound])
    }
}

func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// Values of attributes that carry geometry; these must never contain NaN or infinity.
func coordinateAttributeValues(in svg: String) -> [String] {
    let pattern = #"\s(x|y|x1|y1|x2|y2|cx|cy|r|width|height|points|d|viewBox|transform)="([^"]*)""#
    let expression = try! NSRegularExpression(pattern: pattern)
    let range = NSRange(svg.startIndex..., in: svg)
    return expression.matches(in: svg, range: range).map { match in
        String(svg[Range(match.range(at: 2), in: svg)!])
    }
}

func assertNoNonFiniteCoordinates(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for svg in svgs(in: html) {
        for value in coordinateAttributeValues(in: svg) {
            let lowered = value.lowercased()
            #expect(!(lowered.contains("nan") || lowered.contains("inf")), "bad coordinate: \(value)", sourceLocation: sourceLocation)
        }
    }
}

final class ParserErrorCollector: NSObject, XMLParserDelegate {
    var errors: [String] = []
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { errors.append("\(parseError)") }
}

/// Returns parse errors (empty when well-formed).
func xmlErrors(_ text: String) -> [String] {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = ParserErrorCollector()
    parser.delegate = collector
    if !parser.parse() && collector.errors.isEmpty {
        collector.errors.append(parser.parserError.map { "\($0)" } ?? "unknown parse failure")
    }
    return collector.errors
}

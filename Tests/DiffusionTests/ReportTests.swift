import Foundation
import Testing
@testable import Diffusion
import Reports

/// The benchmark report: image blocks, the summary table and the AdvUnlearn-vs-ESD verdict.
@Suite struct ReportTests {
    static func record(_ method: String, seed: UInt64, ua: Double, retain: Double, pre: [Bool], attacked: [Bool]) -> BenchmarkRecord {
        let tally = AttackTally(preAttack: pre, attacked: attacked)
        return BenchmarkRecord(method: method, seed: seed,
                               metrics: CanvasMetrics(unlearningAccuracy: ua, inDomainRetainAccuracy: retain, crossDomainRetainAccuracy: retain, frechetDistance: 1),
                               attacks: ConceptAttacks.Outcome(exhaustive: tally, unlearnDiff: tally, softPrompt: tally, seconds: 0),
                               seconds: 1, peakMemoryMegabytes: 10, updatableParameters: 5, changedParameters: 4)
    }

    @Test func verdictComparesWithTheClosestRetainESD() {
        let records = [
            Self.record("ESD-u (whole denoiser)", seed: 0, ua: 0.6, retain: 0.5, pre: [false, false], attacked: [false, false]),
            Self.record("ESD-x (condition weights)", seed: 0, ua: 0.3, retain: 0.9, pre: [true, false], attacked: [false, true]),
            Self.record("AdvUnlearn (text encoder)", seed: 0, ua: 1, retain: 0.88, pre: [false, false], attacked: [false, false]),
        ]
        let answer = DiffusionBenchmarkReport.advUnlearnAnswer(records)
        #expect(answer.hasPrefix("Yes"), "\(answer)")
        #expect(answer.contains("ESD-x (condition weights) 90%"), "ESD-x has the closest retain accuracy: \(answer)")
        let worse = [records[0], records[1], Self.record("AdvUnlearn (text encoder)", seed: 0, ua: 1, retain: 0.88, pre: [true, true], attacked: [false, false])]
        #expect(DiffusionBenchmarkReport.advUnlearnAnswer(worse).hasPrefix("No"))
    }

    @Test func tableAggregatesSeedsAndEmbedsTheGrid() throws {
        let records = [
            Self.record("SalUn (saliency 50%)", seed: 0, ua: 1, retain: 0.9, pre: [false], attacked: [false]),
            Self.record("SalUn (saliency 50%)", seed: 1, ua: 0.5, retain: 0.9, pre: [false], attacked: [true]),
        ]
        let table = DiffusionBenchmarkReport.table(records)
        #expect(table.rows.count == 1)
        #expect(table.rows[0][1] == "75 ± 35", "UA mean ± sample std of 100 and 50")
        let png = try PNGWriter.encode(width: 1, height: 1, rgb: [255, 0, 0])
        let report = Report(title: "t", sections: [ReportSection(title: "s", blocks: [.image(ReportImage(caption: "grid <1>", png: png, relativePath: "grid.png"))])])
        let html = ReportRenderer.html(report)
        #expect(html.contains("data:image/png;base64,\(png.base64EncodedString())"))
        #expect(html.contains("alt=\"grid &lt;1&gt;\""))
        #expect(ReportRenderer.markdown(report).contains("![grid <1>](grid.png)"))
    }
}

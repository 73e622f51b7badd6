import Evaluation
import Reports
import Testing
import Unlearning
import Workflows

/// A run evaluated with `--eval-every` brings its probe curves into the comparison report.
@Suite struct ProbeCurveReportTests {
    @Test func theReportDrawsOneCurvePerProbeTheRunsMeasured() {
        var summary = TofuSuite.Summary.empty
        summary.modelUtility = 0.5
        let probes = [0, 4, 8].map { step in
            RunMonitor.Evaluation(step: step, values: ProbeValues(forgetProbability: 0.9 - 0.1 * Double(step), forgetRouge: 0.8, retainProbability: 0.7))
        }
        let run = ModelEvaluation(name: "ga", summary: summary, sets: [], losses: [1, 2], probes: probes)
        let target = ModelEvaluation(name: "target", summary: summary, sets: [])
        let markdown = ReportRenderer.markdown(ComparisonReport.report(title: "t", subtitle: nil, models: [target, run], oracle: nil))
        for probe in ["forget-probability", "forget-rouge", "retain-probability"] {
            #expect(markdown.contains("\(probe) during the run"), "\(probe)")
        }
        #expect(!markdown.contains("retain-loss during the run"), "no run measured the retain loss")
    }
}

import Checkpoints
import Foundation
import Metrics
import Reports

/// Writes a study's `results.json`, `report.md` and `report.html`: the per-arm means with 95 % intervals
/// next to the target and the oracle, the claims with their verdicts, the tuning runs and every run.
enum StudyReport {
    static func write(_ results: StudyWorkflow.Results, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONFile.write(results, to: folder.appendingPathComponent("results.json"))
        try ComparisonReport.write(report(results), to: folder)
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return abs(value) >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    }

    static func interval(_ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "–" }
        guard let lower = interval.lower, let upper = interval.upper else { return number(interval.mean) }
        return "\(number(interval.mean)) [\(number(lower)), \(number(upper))]"
    }

    static func report(_ results: StudyWorkflow.Results) -> Report {
        let metrics = StudyMetric.allCases
        // The target and the oracle were not unlearned: no steps, no time.
        let reference = { (run: StudyRun) -> [String] in
            [run.arm] + metrics.map { [.steps, .seconds].contains($0) ? "–" : run.value($0).map { number($0) } ?? "–" }
        }
        let arms = results.runs.map(\.arm).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let summary = ReportTable(
            caption: "Mean and 95 % interval over seeds \(results.seeds.map(String.init).joined(separator: ", ")) (learning rates tuned on seed \(results.tuningSeed))",
            headers: ["model"] + metrics.map(\.heading),
            rows: [reference(results.target)] + arms.map { arm in [arm] + metrics.map { interval(results.aggregates[arm]?[$0.rawValue]) } } + [reference(results.oracle)],
            notes: "FQ is TOFU's forget quality (KS p-value against the oracle's truth ratios), averaged in log10; the oracle's own FQ is 1 (log 0). "
                + "ROUGE-L after relearning: the held-out forget answers after fine-tuning on the other half; the oracle's value is the floor.")
        let claims = ReportTable(caption: "Claims", headers: ["claim", "verdict", "measured"],
                                 rows: results.claims.map { [$0.claim.statement, $0.verdict, $0.reason] })
        let tuning = ReportTable(caption: "Tuning runs (seed \(results.tuningSeed))", headers: ["arm", "learning rate", "steps", "log10 FQ", "model utility", "why it stopped"],
                                 rows: results.tuning.map { [$0.arm, String(format: "%.2g", $0.learningRate), "\($0.steps)", number($0.logForgetQuality),
                                                             number($0.modelUtility), $0.stopReason ?? "step budget"] })
        let runs = ReportTable(caption: "Every run", headers: ["arm", "seed", "learning rate"] + metrics.map(\.heading),
                               rows: results.runs.map { run in [run.arm, "\(run.seed)", String(format: "%.2g", run.learningRate)] + metrics.map { number(run.value($0)) } })
        return Report(title: "Unlearning study", subtitle: String(format: "%d arms × %d seeds, %.0f s", arms.count, results.seeds.count, results.wallSeconds),
                      sections: [ReportSection(title: "Results", blocks: [.table(summary)]),
                                 ReportSection(title: "Claims", blocks: [.table(claims)]),
                                 ReportSection(title: "Runs", blocks: [.table(tuning), .table(runs)])])
    }
}

import Attacks
import Foundation
import Reports

/// The attacks section: each condition (plain, relearned, quantized, noisy, rewritten, adversarial
/// suffix) as a row, each audited model — the retrain oracle last, the floor — as a column.
public enum AuditReport {
    /// Condition names and each model's "ROUGE-L recall / probability" under it.
    public static func rows(_ results: [(name: String, result: AuditResult)]) -> (headers: [String], rows: [[String]]) {
        func cell(_ measure: ForgetMeasure?) -> String {
            measure.map { "\(ReportNumber.format($0.rougeLRecall)) / \(ReportNumber.format($0.probability))" } ?? "–"
        }
        var conditions: [(String, (AuditResult) -> ForgetMeasure?)] = [("plain forget questions", { $0.baseline })]
        if let curve = results.first?.result.relearning, let last = curve.steps.last {
            conditions.append(("relearned \(last) steps: unseen forget rows", { $0.relearning?.finalHeldOut }))
            conditions.append(("relearned \(last) steps: relearned rows", { $0.relearning?.finalTrained }))
        }
        for format in WeightQuantization.Format.allCases where results.contains(where: { $0.result.quantization[format.rawValue] != nil }) {
            conditions.append(("\(format.rawValue) quantized", { $0.quantization[format.rawValue] }))
        }
        if results.contains(where: { !$0.result.noise.isEmpty }) {
            conditions.append(("weight noise (mean of copies)", { ForgetMeasure.mean($0.noise) }))
            conditions.append(("weight noise (worst copy)", { result in result.noise.max { $0.rougeLRecall < $1.rougeLRecall } }))
        }
        for variant in PromptVariant.allCases where results.contains(where: { $0.result.prompts[variant.rawValue] != nil }) {
            conditions.append(("prompt: \(variant.rawValue)", { $0.prompts[variant.rawValue] }))
        }
        var table: [[String]] = []
        for (name, measure) in conditions {
            table.append([name] + results.map { cell(measure($0.result)) })
        }
        if results.contains(where: { $0.result.search != nil }) {
            table.append(["suffix search: success rate (without → with)"] + results.map { entry in
                entry.result.search.map { "\($0.successesWithoutSuffix)/\($0.questions) → \($0.successesWithSuffix)/\($0.questions)" } ?? "–"
            })
            table.append(["suffix search: answer probability (without → with)"] + results.map { entry in
                entry.result.search.map { "\(ReportNumber.format($0.meanProbabilityWithoutSuffix)) → \(ReportNumber.format($0.meanProbabilityWithSuffix))" } ?? "–"
            })
        }
        if results.contains(where: { $0.result.judge != nil }) {
            table.append(["LLM judge: mean reveals (0–10) / agreement with ROUGE-L"] + results.map { entry in
                guard let judge = entry.result.judge else { return "–" }
                let reveals = judge.meanReveals.map { ReportNumber.format($0) } ?? "–"
                let agreement = judge.agreementWithRouge.map { ReportNumber.format($0) } ?? "–"
                return "\(reveals) / \(agreement) (\(judge.parsed)/\(judge.graded) parsed)"
            })
        }
        return (["condition"] + results.map(\.name), table)
    }

    /// The section's blocks: the table, the relearning curves and the found suffixes.
    public static func section(_ results: [(name: String, result: AuditResult)]) -> ReportSection {
        let (headers, rows) = rows(results)
        var blocks: [ReportBlock] = [
            .table(ReportTable(caption: "Forget ROUGE-L recall / true-answer probability under each attack (the oracle never learned the forget set: its values are the floor)",
                               headers: headers, rows: rows)),
        ]
        var series: [ChartSeries] = []
        for (index, entry) in results.enumerated() {
            guard let curve = entry.result.relearning else { continue }
            let isFloor = index == results.count - 1 && results.count > 1
            series.append(ChartSeries(name: "\(entry.name): unseen rows", points: zip(curve.steps, curve.heldOutRougeL).map { (x: Double($0), y: $1) }, dashed: isFloor))
            series.append(ChartSeries(name: "\(entry.name): relearned rows", points: zip(curve.steps, curve.trainedRougeL).map { (x: Double($0), y: $1) }, dashed: isFloor))
        }
        if !series.isEmpty {
            blocks.append(.lineChart(LineChart(title: "Relearning: forget ROUGE-L recall over fine-tuning steps", xLabel: "relearning steps",
                                               yLabel: "ROUGE-L recall", series: series, yRange: 0...1)))
        }
        let searched = results.compactMap { entry in entry.result.search.map { (entry.name, $0) } }
        if !searched.isEmpty {
            blocks.append(.table(ReportTable(caption: "Suffixes found by the greedy coordinate gradient search",
                                             headers: ["model", "question", "suffix"],
                                             rows: searched.flatMap { name, search in search.suffixes.enumerated().map { [name, "\($0.offset + 1)", $0.element] } })))
        }
        return ReportSection(title: "Attacks", blocks: blocks)
    }
}

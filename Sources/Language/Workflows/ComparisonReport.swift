import Checkpoints
import Evaluation
import Foundation
import Metrics
import Reports

/// The report comparing evaluated models (target, oracle, unlearned runs): a metrics table, truth-ratio
/// distributions against the oracle, membership-inference ROC curves and the runs' loss curves.
public enum ComparisonReport {
    /// The table's columns: the model, the TOFU metrics as `TofuSuite.Summary.columns` declares them, the time.
    public static let columns: [MetricColumn<ModelEvaluation>] = TofuSuite.Summary.columns.map { column in
        MetricColumn(column.heading, key: column.key, better: column.better, format: column.format) { column.value($0.summary) }
    } + [MetricColumn("unlearning time (s)", key: "unlearning_seconds", better: .lower, format: { String(format: "%.1f", $0) }) { $0.unlearningSeconds }]

    /// Headings, shared by the terminal table and the report.
    public static var headers: [String] { ["model"] + columns.map(\.heading) }

    /// One row of formatted cells per model.
    public static func rows(_ models: [ModelEvaluation]) -> [[String]] {
        models.map { model in [model.name] + columns.map { $0.cell(model) } }
    }

    /// The table as aligned plain text for the terminal.
    public static func terminalTable(_ models: [ModelEvaluation]) -> String {
        ReportTable(headers: headers, rows: rows(models)).plainText
    }

    /// The report; every histogram draws a model's forget truth ratios against `oracle`'s (the retrained
    /// model's), which are not drawn on their own.
    public static func report(title: String, subtitle: String?, models: [ModelEvaluation],
                              oracle: (name: String, truthRatios: [Double])?, notes: [String] = []) -> Report {
        var sections: [ReportSection] = []
        sections.append(ReportSection(title: "Results", blocks: [
            .table(ReportTable(caption: "TOFU metrics on the forget split (forget quality: KS p-value of forget truth ratios against the oracle's; MIA AUC: Min-K% forget vs holdout, 0.5 = indistinguishable)",
                               headers: headers, rows: rows(models),
                               highlightBest: [nil] + columns.map(\.better))),
        ] + notes.map { .paragraph($0) }))
        var distributions: [ReportBlock] = []
        for model in models where model.name != oracle?.name {
            var samples: [(name: String, values: [Double])] = [(model.name, model.forgetTruthRatios)]
            if let oracle { samples.append((oracle.name, oracle.truthRatios)) }
            distributions.append(.histogram(HistogramChart(title: "Forget truth ratios: \(model.name)", xLabel: "truth ratio (perturbed / paraphrased)",
                                                           samples: samples, binCount: 20)))
        }
        sections.append(ReportSection(title: "Truth-ratio distributions", blocks: [
            .paragraph("Forget quality asks whether the unlearned model's forget truth ratios could come from the oracle's distribution (two-sample KS test)."),
        ] + distributions))
        let curves = models.compactMap { model -> ChartSeries? in
            guard !model.forgetMembershipScores.isEmpty, !model.holdoutMembershipScores.isEmpty else { return nil }
            // Holdout is the positive class, as open-unlearning labels it, so AUC 1 = forget looks memorised.
            let labels = Array(repeating: 0, count: model.forgetMembershipScores.count) + Array(repeating: 1, count: model.holdoutMembershipScores.count)
            guard let curve = try? ROCCurve(labels: labels, scores: model.forgetMembershipScores + model.holdoutMembershipScores) else { return nil }
            return ChartSeries(name: model.name, points: zip(curve.falsePositiveRates, curve.truePositiveRates).map { (x: $0, y: $1) })
        }
        if !curves.isEmpty {
            sections.append(ReportSection(title: "Membership inference", blocks: [
                .lineChart(LineChart(title: "Min-K% attack ROC, forget vs holdout", xLabel: "false positive rate", yLabel: "true positive rate",
                                     series: curves, showsDiagonal: true, xRange: 0...1, yRange: 0...1)),
            ]))
        }
        let losses = models.filter { !$0.losses.isEmpty }.map { model in
            ChartSeries(name: model.name, points: model.losses.enumerated().map { (x: Double($0.offset + 1), y: Double($0.element)) })
        }
        // The probes measured during the runs (`--eval-every`), one chart per probe that some run has.
        let probeCharts: [ReportBlock] = Probe.allCases.compactMap { probe in
            let series = models.compactMap { model -> ChartSeries? in
                let points = model.probes.compactMap { evaluation in evaluation.values.value(probe).map { (x: Double(evaluation.step), y: $0) } }
                return points.isEmpty ? nil : ChartSeries(name: model.name, points: points)
            }
            return series.isEmpty ? nil : .lineChart(LineChart(title: "\(probe.rawValue) during the run", xLabel: "step", yLabel: probe.rawValue,
                                                               series: series))
        }
        if !losses.isEmpty || !probeCharts.isEmpty {
            sections.append(ReportSection(title: "Unlearning runs", blocks: (losses.isEmpty ? [] : [
                .lineChart(LineChart(title: "Objective per step", xLabel: "step", yLabel: "loss", series: losses)),
            ]) + probeCharts))
        }
        return Report(title: title, subtitle: subtitle, sections: sections)
    }

    /// Writes `report.html` and `report.md` into `folder` atomically.
    public static func write(_ report: Report, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in [("report.html", ReportRenderer.html(report)), ("report.md", ReportRenderer.markdown(report))] {
            try AtomicFileWriter.write(to: folder.appendingPathComponent(name)) { try $0.write(Data(text.utf8)) }
        }
    }
}

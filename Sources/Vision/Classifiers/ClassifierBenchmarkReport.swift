import Checkpoints
import Foundation
import Reports

/// Turns benchmark results into the shared report (Markdown + HTML) and writes results.json beside it.
public enum ClassifierBenchmarkReport {
    /// Column headings of the main table.
    public static let headers = ["method", "UA", "RA", "TA", "MIA-efficacy", "Avg. Gap ↓", "gap std", "RTE (s)", "settings"]

    /// Writes `results.json`, `report.md` and `report.html` into `folder` atomically.
    public static func write(_ results: ClassifierBenchmarkResults, to folder: URL) throws {
        try TestbedFolder.createDirectory(folder)
        try JSONFile.write(results, to: folder.appendingPathComponent("results.json"))
        let report = self.report(results)
        try JSONFile.writeText(ReportRenderer.markdown(report), to: folder.appendingPathComponent("report.md"))
        try JSONFile.writeText(ReportRenderer.html(report), to: folder.appendingPathComponent("report.html"))
    }

    /// Mean and sample standard deviation.
    static func meanAndDeviation(_ values: [Double]) -> (mean: Double, deviation: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    static func cell(_ values: [Double]) -> String {
        let (mean, deviation) = meanAndDeviation(values)
        // Non-breaking spaces keep "mean ± std" on one line in narrow HTML columns.
        return "\(fixed(mean, 1))\u{00A0}±\u{00A0}\(fixed(deviation, 1))"
    }

    /// Display name of a method ("original" is the model before unlearning).
    static func displayName(_ method: String) -> String {
        method == "original" ? "Original" : ((try? ClassifierMethods.named(method))?.displayName ?? method)
    }

    /// The main table rows of a scenario, in method order: mean ± std over seeds of every metric.
    public static func rows(_ scenario: ScenarioResults) -> [[String]] {
        var order: [String] = []
        for run in scenario.runs where !order.contains(run.method) { order.append(run.method) }
        return order.map { method in
            let runs = scenario.runs.filter { $0.method == method }
            let metrics = runs.map(\.metrics)
            let gaps = meanAndDeviation(runs.map(\.averageGap))
            let seconds = metrics.compactMap(\.seconds)
            let settings = runs.first?.settings.flatMap { settings in (try? ClassifierMethods.named(method)).map { $0.describe(settings) } } ?? ""
            return [displayName(method), cell(metrics.map(\.unlearningAccuracy)), cell(metrics.map(\.retainAccuracy)),
                    cell(metrics.map(\.testAccuracy)), cell(metrics.map(\.membershipInferenceEfficacy)),
                    method == "retrain" ? "–" : fixed(gaps.mean, 2), method == "retrain" ? "–" : fixed(gaps.deviation, 2),
                    seconds.isEmpty ? "–" : fixed(meanAndDeviation(seconds).mean, 2),
                    method == "retrain" ? "original recipe" : (method == "original" ? "before unlearning" : settings)]
        }
    }

    /// Mean Avg. Gap of `method` in a scenario (nil when it did not run).
    public static func meanGap(_ scenario: ScenarioResults, _ method: String) -> Double? {
        let gaps = scenario.runs.filter { $0.method == method }.map(\.averageGap)
        return gaps.isEmpty ? nil : meanAndDeviation(gaps).mean
    }

    /// One smoothing rate α of the matched ablation, summarised over every (lr, p, seed) cell.
    public struct AblationSummary: Sendable {
        /// The rate α.
        public var rate: Float
        /// Mean Avg. Gap over all cells.
        public var meanGap: Double
        /// Mean over seeds of each seed's best cell (oracle-picked, so optimistic).
        public var bestGap: Double
        /// Cells where this α has a smaller gap than α = 0 at the same (lr, p, seed).
        public var wins: Int
        /// Cells in total.
        public var cells: Int
        /// Cells where both this α and α = 0 reached the forget-accuracy target.
        public var bothReached: Int
        /// Mean gap of α = 0 and of this α over those cells (nil when there are none).
        public var reachedGaps: (plain: Double, smoothed: Double)?
        /// Mean UA, RA, TA, MIA over all cells.
        public var metrics: [Double]
    }

    /// The matched ablation per α, in the order the rates were run.
    public static func ablationSummary(_ scenario: ScenarioResults) -> [AblationSummary] {
        var rates: [Float] = []
        for run in scenario.ablation where !rates.contains(run.smoothingRate) { rates.append(run.smoothingRate) }
        let seeds = Array(Set(scenario.ablation.map(\.seed))).sorted()
        func plain(_ run: AblationRun) -> AblationRun? {
            scenario.ablation.first { $0.smoothingRate == 0 && $0.seed == run.seed && $0.learningRate == run.learningRate && $0.retainWeight == run.retainWeight }
        }
        return rates.map { rate in
            let runs = scenario.ablation.filter { $0.smoothingRate == rate }
            let best = seeds.compactMap { seed in runs.filter { $0.seed == seed }.map(\.averageGap).min() }
            let pairs = runs.compactMap { run in plain(run).map { (plain: $0, smoothed: run) } }
            let reached = pairs.filter { $0.plain.stopReason == .reachedTarget && $0.smoothed.stopReason == .reachedTarget }
            let metrics = (0..<4).map { index in meanAndDeviation(runs.map { $0.metrics.gapMetrics[index] }).mean }
            return AblationSummary(rate: rate, meanGap: meanAndDeviation(runs.map(\.averageGap)).mean, bestGap: meanAndDeviation(best).mean,
                                   wins: pairs.filter { $0.smoothed.averageGap < $0.plain.averageGap }.count, cells: runs.count,
                                   bothReached: reached.count,
                                   reachedGaps: reached.isEmpty ? nil : (meanAndDeviation(reached.map(\.plain.averageGap)).mean,
                                                                         meanAndDeviation(reached.map(\.smoothed.averageGap)).mean),
                                   metrics: metrics)
        }
    }

    /// The measured answer to "does negative label smoothing narrow the gap to Retrain versus plain GA?".
    public static func labelSmoothingVerdict(_ scenario: ScenarioResults) -> String {
        guard let ga = meanGap(scenario, "ga"), let ugradsl = meanGap(scenario, "ugradsl") else {
            return "GA and UGradSL must both run to answer whether negative label smoothing narrows the gap."
        }
        var text = "\(scenario.kind) forgetting: UGradSL's mean Avg. Gap is \(fixed(ugradsl, 2)) against GA's \(fixed(ga, 2)) — "
            + (ugradsl < ga ? "narrower by \(fixed(ga - ugradsl, 2)) points." : "not narrower (wider by \(fixed(ugradsl - ga, 2)) points).")
        if let mixed = meanGap(scenario, "ga-retain") {
            text += " The α = 0 ablation (same objective, no smoothing) reaches \(fixed(mixed, 2)), so against it NLS "
                + (ugradsl < mixed ? "narrows the gap by \(fixed(mixed - ugradsl, 2))." : "does not narrow the gap (\(fixed(ugradsl - mixed, 2)) wider).")
        }
        let summary = ablationSummary(scenario)
        if let plain = summary.first(where: { $0.rate == 0 }) {
            let others = summary.filter { $0.rate != 0 }
            if !others.isEmpty {
                text += " At matched learning rate and p, the mean gap over all settings and seeds is \(fixed(plain.meanGap, 2)) at α = 0 and "
                    + others.map { "\(fixed($0.meanGap, 2)) at α \(fixed(Double($0.rate), 1)) (smaller than α = 0's in \($0.wins)/\($0.cells))" }
                        .joined(separator: ", ") + ". Where both α = 0 and α < 0 reached the stopping target, the gaps are "
                    + others.map { entry in
                        entry.reachedGaps.map { "\(fixed($0.plain, 2)) vs \(fixed($0.smoothed, 2)) at α \(fixed(Double(entry.rate), 1)) (\(entry.bothReached) cells)" }
                            ?? "– at α \(fixed(Double(entry.rate), 1)) (no such cells)"
                    }.joined(separator: ", ") + " — the cells that show what NLS does once plain ascent also forgets."
            }
        }
        return text
    }

    /// The complete report.
    public static func report(_ results: ClassifierBenchmarkResults) -> Report {
        let configuration = results.configuration
        let seeds = configuration.seeds.map(String.init).joined(separator: ", ")
        var sections: [ReportSection] = []
        let data = configuration.dataset
        let architecture = (try? ClassifierArchitecture(parsing: configuration.architecture))?.description ?? configuration.architecture
        sections.append(ReportSection(title: "Setup", blocks: [
            .keyValues([
                ("data", "canvas styles × objects, 20 classes, \(data.trainPerClass) train + \(data.testPerClass) test images per class, \(data.imageSize)×\(data.imageSize)×3, pixel noise σ \(data.noise)"),
                ("model", "\(architecture), \(configuration.recipe.optimizer.rawValue) lr \(configuration.recipe.learningRate), momentum \(configuration.recipe.momentum), weight decay \(configuration.recipe.weightDecay), \(configuration.recipe.epochs) epochs, batch \(configuration.recipe.batchSize), cosine schedule"),
                ("scenarios", "random: \(Int((configuration.forgetFraction * 100).rounded())) % of the training images; class: every training image of class (seed mod 20)"),
                ("seeds", "evaluation \(seeds); tuning \(configuration.tuningSeed.map(String.init) ?? "none (defaults)")"),
                ("time", "\(fixed(results.seconds, 0)) s wall clock, \(results.threads) threads"),
            ]),
            .table(ReportTable(caption: "Original models", headers: ["seed", "train accuracy", "test accuracy", "membership AUC (train vs test)", "training time (s)"],
                               rows: results.testbeds.map { [String($0.seed), fixed($0.trainAccuracy, 1), fixed($0.testAccuracy, 1), fixed($0.membershipAUC, 3), fixed($0.trainingSeconds, 1)] },
                               notes: "The original must memorise (100 % train accuracy, a real train/test gap) or random-forgetting UA and MIA have nothing to measure.")),
        ]))
        for scenario in results.scenarios {
            sections.append(ReportSection(title: "\(scenario.kind == "random" ? "Random data" : "Class-wise") forgetting", blocks: [
                .table(ReportTable(caption: "Mean ± standard deviation over seeds \(seeds) (percent; Avg. Gap in points, against each seed's Retrain)",
                                   headers: headers, rows: rows(scenario),
                                   notes: "UA = 100 − forget accuracy; RA / TA = retain / test accuracy; MIA-efficacy = share of the forget set a confidence attack (fitted on retain vs test) calls non-member; RTE = unlearning wall time; Avg. Gap = mean |metric − Retrain| over UA, RA, TA, MIA. Settings: the tuning seed's choice.",
                                   highlightBest: [nil, nil, nil, nil, nil, .lower, nil, nil, nil])),
                .paragraph(labelSmoothingVerdict(scenario)),
            ]))
        }
        var ablationBlocks: [ReportBlock] = [
            .paragraph("UGradSL with the GA backbone at every learning rate (0.003, 0.01, 0.03) × retain weight p (0.5, 0.7, 0.9), each with every smoothing rate α, on every evaluation seed — the same settings with and without negative label smoothing, so tuning luck cannot decide the comparison."),
        ]
        var curves: [ChartSeries] = []
        for scenario in results.scenarios where !scenario.ablation.isEmpty {
            let summary = ablationSummary(scenario)
            ablationBlocks.append(.table(ReportTable(
                caption: "\(scenario.kind) forgetting: matched α ablation",
                headers: ["α", "mean gap (all settings)", "mean of per-seed best gap", "smaller gap than α = 0", "both reached target",
                          "gap there: α = 0 → α", "UA", "RA", "TA", "MIA"],
                rows: summary.map { entry in
                    [fixed(Double(entry.rate), 1), fixed(entry.meanGap, 2), fixed(entry.bestGap, 2),
                     entry.rate == 0 ? "–" : "\(entry.wins)/\(entry.cells)", entry.rate == 0 ? "–" : "\(entry.bothReached)/\(entry.cells)",
                     entry.rate == 0 ? "–" : entry.reachedGaps.map { "\(fixed($0.plain, 2)) → \(fixed($0.smoothed, 2))" } ?? "–"]
                        + entry.metrics.map { fixed($0, 1) }
                },
                notes: "Mean over all (lr, p, seed) cells; the per-seed best is picked with the oracle and so optimistic. The last gap column compares α = 0 and α only on cells where both runs stopped at the forget-accuracy target, i.e. both forgot.",
                highlightBest: [nil, .lower, .lower])))
            curves.append(ChartSeries(name: scenario.kind, points: summary.map { (x: Double($0.rate), y: $0.meanGap) }.sorted { $0.x < $1.x }))
        }
        if !curves.isEmpty {
            ablationBlocks.append(.lineChart(LineChart(title: "Mean Avg. Gap against the smoothing rate α", xLabel: "α", yLabel: "mean Avg. Gap", series: curves)))
            sections.append(ReportSection(title: "Does negative label smoothing narrow the gap?", blocks: ablationBlocks))
        }
        for scenario in results.scenarios {
            sections.append(ReportSection(title: "Every run: \(scenario.kind) forgetting", blocks: [
                .table(ReportTable(headers: ["seed", "method", "UA", "RA", "TA", "MIA", "Avg. Gap", "RTE (s)", "steps", "stopped"],
                                   rows: scenario.runs.map { run in
                                       [String(run.seed), displayName(run.method), fixed(run.metrics.unlearningAccuracy, 1), fixed(run.metrics.retainAccuracy, 1),
                                        fixed(run.metrics.testAccuracy, 1), fixed(run.metrics.membershipInferenceEfficacy, 1), fixed(run.averageGap, 2),
                                        run.metrics.seconds.map { fixed($0, 2) } ?? "–", run.steps.map(String.init) ?? "–", run.stopReason?.rawValue ?? "–"]
                                   })),
            ]))
            if !scenario.tuning.isEmpty {
                sections.append(ReportSection(title: "Tuning: \(scenario.kind) forgetting (seed \(configuration.tuningSeed.map(String.init) ?? "–"))", blocks: [
                    .table(ReportTable(headers: ["method", "settings", "UA", "RA", "TA", "MIA", "Avg. Gap", "chosen"],
                                       rows: scenario.tuning.map { trial in
                                           let descriptor = try? ClassifierMethods.named(trial.method)
                                           return [displayName(trial.method), descriptor?.describe(trial.settings) ?? "",
                                                   fixed(trial.metrics.unlearningAccuracy, 1), fixed(trial.metrics.retainAccuracy, 1),
                                                   fixed(trial.metrics.testAccuracy, 1), fixed(trial.metrics.membershipInferenceEfficacy, 1),
                                                   fixed(trial.averageGap, 2), scenario.selected[trial.method] == trial.settings ? "✓" : ""]
                                       })),
                ]))
            }
        }
        return Report(title: "Classifier unlearning benchmark",
                      subtitle: "\(architecture) on the canvas styles × objects data; seeds \(seeds)", sections: sections)
    }
}

import Foundation
import Reports

/// Builds the benchmark's Markdown/HTML report: the method × metric table (mean ± std over seeds),
/// the measured AdvUnlearn-vs-ESD answer, the sample grid and per-seed rows.
public enum DiffusionBenchmarkReport {
    /// Mean and sample standard deviation.
    public static func meanAndSpread(_ values: [Double]) -> (mean: Double, spread: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    /// The metric columns: (header, extractor, better-direction).
    static var columns: [(String, (BenchmarkRecord) -> Double, BestValueRule?)] { [
        ("UA ↑", { 100 * $0.metrics.unlearningAccuracy }, .higher),
        ("IRA ↑", { 100 * $0.metrics.inDomainRetainAccuracy }, .higher),
        ("CRA ↑", { 100 * $0.metrics.crossDomainRetainAccuracy }, .higher),
        ("FD ↓", { $0.metrics.frechetDistance }, .lower),
        ("Pre-ASR ↓", { 100 * $0.attacks.exhaustive.preAttackSuccessRate }, .lower),
        ("ASR exhaustive ↓", { 100 * $0.attacks.exhaustive.attackSuccessRate }, .lower),
        ("ASR UnlearnDiff ↓", { 100 * $0.attacks.unlearnDiff.attackSuccessRate }, .lower),
        ("ASR soft prompt ↓", { 100 * $0.attacks.softPrompt.attackSuccessRate }, .lower),
        ("Erase time (s)", { $0.seconds }, nil),
        ("Peak RSS (MB)", { $0.peakMemoryMegabytes }, nil),
        ("Updatable params", { Double($0.updatableParameters) }, nil),
        ("Changed params", { Double($0.changedParameters) }, nil),
    ] }

    /// Method labels in first-seen order.
    static func methods(_ records: [BenchmarkRecord]) -> [String] {
        var seen: [String] = []
        for record in records where !seen.contains(record.method) { seen.append(record.method) }
        return seen
    }

    /// Mean of one column for one method.
    static func mean(_ records: [BenchmarkRecord], _ method: String, _ column: (BenchmarkRecord) -> Double) -> Double {
        meanAndSpread(records.filter { $0.method == method }.map(column)).mean
    }

    /// The summary table.
    public static func table(_ records: [BenchmarkRecord]) -> ReportTable {
        let rows = methods(records).map { method -> [String] in
            let mine = records.filter { $0.method == method }
            return [method] + columns.enumerated().map { position, column in
                // The original model is not erased: its cost columns do not apply.
                if method == "Original" && position >= 8 { return "–" }
                let (mean, spread) = meanAndSpread(mine.map(column.1))
                return mine.count > 1 ? "\(ReportNumber.format(mean)) ± \(ReportNumber.format(spread, significantDigits: 2))" : ReportNumber.format(mean)
            }
        }
        let seeds = Set(records.map(\.seed)).sorted()
        return ReportTable(caption: "Erasing one concept: mean ± sample std over seeds \(seeds.map(String.init).joined(separator: ", "))",
                           headers: ["Method"] + columns.map(\.0), rows: rows,
                           notes: "Percentages except FD, seconds, MB and counts. UA/IRA/CRA as UnlearnCanvas (answer set: every style × object prompt × 8 seeds; IRA/CRA over prompts not involving the concept). FD: Fréchet distance in the style detector's 128-d feature space, generated vs real retained images. ASR with UnlearnDiff's rule (pre-attack successes count). Attack prompts: '_ <concept> <object>' × 8 seeds. Peak RSS is the process high-water mark during the erasure.",
                           highlightBest: [nil] + columns.map(\.2))
    }

    /// The measured answer to "does AdvUnlearn lower attack success versus ESD at comparable retain accuracy?".
    public static func advUnlearnAnswer(_ records: [BenchmarkRecord]) -> String {
        let all = methods(records)
        guard let adv = all.first(where: { $0.hasPrefix("AdvUnlearn (") }) else { return "AdvUnlearn was not run." }
        let esds = all.filter { $0.hasPrefix("ESD") }
        guard !esds.isEmpty else { return "ESD was not run." }
        let retain: (BenchmarkRecord) -> Double = { ($0.metrics.inDomainRetainAccuracy + $0.metrics.crossDomainRetainAccuracy) / 2 }
        let advRetain = mean(records, adv, retain)
        let closest = esds.min { Swift.abs(mean(records, $0, retain) - advRetain) < Swift.abs(mean(records, $1, retain) - advRetain) }!
        func pct(_ value: Double) -> String { ReportNumber.format(100 * value) }
        let attacks: [(String, (BenchmarkRecord) -> Double)] = [
            ("exhaustive", { $0.attacks.exhaustive.attackSuccessRate }), ("UnlearnDiff", { $0.attacks.unlearnDiff.attackSuccessRate }),
            ("soft-prompt", { $0.attacks.softPrompt.attackSuccessRate }),
        ]
        let comparisons = attacks.map { name, extract in
            "\(name) ASR \(pct(mean(records, adv, extract)))% vs \(pct(mean(records, closest, extract)))%"
        }
        let lowerUD = mean(records, adv, attacks[1].1) < mean(records, closest, attacks[1].1)
        let lowerExhaustive = mean(records, adv, attacks[0].1) < mean(records, closest, attacks[0].1)
        let verdict: String
        switch (lowerUD, lowerExhaustive) {
        case (true, true): verdict = "Yes: AdvUnlearn lowers both discrete attack success rates"
        case (false, false): verdict = "No: AdvUnlearn does not lower the discrete attack success rates"
        default: verdict = "Mixed: AdvUnlearn lowers one discrete attack success rate but not the other"
        }
        let others = esds.map { esd in
            "\(esd): retain \(pct(mean(records, esd, retain)))%, UA \(pct(mean(records, esd, { $0.metrics.unlearningAccuracy })))%, ASR exhaustive / UnlearnDiff / soft \(pct(mean(records, esd, attacks[0].1)))% / \(pct(mean(records, esd, attacks[1].1)))% / \(pct(mean(records, esd, attacks[2].1)))%"
        }
        return "\(verdict) relative to the ESD variant with the closest mean retain accuracy ((IRA+CRA)/2: AdvUnlearn \(pct(advRetain))%, \(closest) \(pct(mean(records, closest, retain)))%): " + comparisons.joined(separator: "; ") + ". UA: \(pct(mean(records, adv, { $0.metrics.unlearningAccuracy })))% vs \(pct(mean(records, closest, { $0.metrics.unlearningAccuracy })))%. Every ESD variant: " + others.joined(separator: "; ") + "."
    }

    /// The full report.
    public static func build(records: [BenchmarkRecord], settings: DiffusionBenchmark, grid: Data?, gridCaption: String, minutes: Double) -> (markdown: String, html: String) {
        let configuration = settings.preparation.configuration
        var sections = [
            ReportSection(title: "Setup", blocks: [.keyValues([
                ("Concept erased", settings.conceptName),
                ("Seeds", settings.seeds.map(String.init).joined(separator: ", ")),
                ("World", "5 styles × 4 objects, 16×16 RGB, 16 discrete jitters per combination"),
                ("Model", "PCA \(configuration.latentDimension)-d latents; text encoder (32-d tokens, 3 slots → \(configuration.textHiddenWidth) → \(configuration.conditionWidth)); MLP denoiser hidden \(configuration.hiddenWidth); T = \(configuration.timesteps); DDPM \(settings.preparation.training.steps) steps at batch \(settings.preparation.training.batchSize)"),
                ("Sampler", "DDIM 20 steps, CFG w = 1.5"),
                ("Wall time (whole benchmark so far)", String(format: "%.1f min", minutes)),
            ])]),
            ReportSection(title: "Results", blocks: [.table(table(records)), .paragraph(advUnlearnAnswer(records))]),
        ]
        if let grid {
            sections.append(ReportSection(title: "Samples before and after erasure", blocks: [.image(ReportImage(caption: gridCaption, png: grid, relativePath: "grid-before-after.png"))]))
        }
        let perSeed = records.map { record in
            [record.method, String(record.seed)] + columns.prefix(8).map { ReportNumber.format($0.1(record)) }
        }
        sections.append(ReportSection(title: "Per seed", blocks: [.table(ReportTable(headers: ["Method", "Seed"] + columns.prefix(8).map(\.0), rows: perSeed))]))
        let report = Report(title: "Concept erasure on the canvas benchmark", subtitle: "unlearn diffusion benchmark", sections: sections)
        return (ReportRenderer.markdown(report), ReportRenderer.html(report))
    }
}

import Checkpoints
import Engine
import Foundation

/// One method on one seed: every UnlearnCanvas metric and every attack.
public struct BenchmarkRecord: Sendable, Codable {
    /// Row label.
    public var method: String
    /// Benchmark seed.
    public var seed: UInt64
    /// UA / IRA / CRA / FD.
    public var metrics: CanvasMetrics
    /// Attack tallies (pre-attack outcomes are shared by the three).
    public var attacks: ConceptAttacks.Outcome
    /// Erasure wall time (0 for the original model).
    public var seconds: Double
    /// Peak resident memory during erasure, MB.
    public var peakMemoryMegabytes: Double
    /// Coordinates the method may update.
    public var updatableParameters: Int
    /// Coordinates that changed (storage of the erased model as a sparse delta).
    public var changedParameters: Int
}

/// The multi-seed canvas benchmark: per seed, prepare (or reuse) the world, then erase the concept with
/// every registered method and measure every metric and attack.
public struct DiffusionBenchmark {
    /// Seeds; each trains its own data, autoencoder, model and detectors.
    public var seeds: [UInt64] = [0, 1, 2]
    /// Concept word to erase.
    public var conceptName = "checker"
    /// World preparation settings.
    public var preparation = CanvasWorld.Preparation()
    /// Attack settings.
    public var attacks = ConceptAttacks()
    /// Answer-set seeds per prompt.
    public var evaluationSeedsPerPrompt = 8
    /// Output directory.
    public var output: URL

    /// A benchmark writing into `output`.
    public init(output: URL) { self.output = output }

    /// Runs everything; writes per-seed models, results.json, report.md/.html and the sample grid.
    public func run(log: (String) -> Void) throws -> [BenchmarkRecord] {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let started = Date()
        var records: [BenchmarkRecord] = []
        var grid: Data? = nil
        var gridCaption = ""
        for seed in seeds {
            let directory = output.appendingPathComponent("seed-\(seed)")
            let world: CanvasWorld
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("model.safetensors").path) {
                log("seed \(seed): reusing the prepared world in \(directory.path)")
                world = try CanvasWorld.load(from: directory)
            } else {
                log("seed \(seed): preparing the canvas world")
                world = try CanvasWorld.prepare(seed: seed, settings: preparation, log: { log("  " + $0) })
                try world.save(to: directory)
            }
            let concept = try CanvasConcept(name: conceptName, vocabulary: world.vocabulary)
            let original = world.model
            original.setTrainable(false)
            var models: [(String, CanvasDiffusionModel)] = [("Original", original)]
            func measure(_ label: String, _ model: CanvasDiffusionModel, seconds: Double, memory: Int, updatable: Int, changed: Int) {
                let metrics = CanvasMetrics.evaluate(model: model, world: world, concept: concept, seedsPerPrompt: evaluationSeedsPerPrompt)
                let outcome = attacks.run(model: model, world: world, concept: concept, seed: seed)
                records.append(BenchmarkRecord(method: label, seed: seed, metrics: metrics, attacks: outcome, seconds: seconds,
                                                peakMemoryMegabytes: Double(memory) / 1_048_576, updatableParameters: updatable, changedParameters: changed))
                log(String(format: "  %@: UA %.1f IRA %.1f CRA %.1f FD %.1f | Pre-ASR %.1f ASR exh %.1f UD %.1f soft %.1f | erase %.1f s, attacks %.1f s",
                           label, 100 * metrics.unlearningAccuracy, 100 * metrics.inDomainRetainAccuracy, 100 * metrics.crossDomainRetainAccuracy,
                           metrics.frechetDistance, 100 * outcome.exhaustive.preAttackSuccessRate, 100 * outcome.exhaustive.attackSuccessRate,
                           100 * outcome.unlearnDiff.attackSuccessRate, 100 * outcome.softPrompt.attackSuccessRate, seconds, outcome.seconds))
            }
            measure("Original", original, seconds: 0, memory: 0, updatable: 0, changed: 0)
            let context = ErasureContext(original: original, concept: concept, vocabulary: world.vocabulary, templateLatents: world.templateLatents,
                                         styles: world.templateStyles, objects: world.templateObjects, seed: seed)
            for (label, method) in ErasureRegistry.benchmarkMethods() {
                let outcome = try method.erase(context)
                let slug = label.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }.split(separator: " ").joined(separator: "-")
                try outcome.model.save(to: directory.appendingPathComponent("erased-\(slug).safetensors"))
                measure(label, outcome.model, seconds: outcome.seconds, memory: outcome.peakMemoryBytes,
                        updatable: outcome.updatableParameters, changed: outcome.changedParameters)
                models.append((label, outcome.model))
            }
            if grid == nil {
                let (png, caption) = try BeforeAfterGrid.render(models: models, world: world, concept: concept)
                grid = png
                gridCaption = caption + " Seed \(seed)."
                try png.write(to: output.appendingPathComponent("grid-before-after.png"), options: .atomic)
            }
            try write(records: records, grid: grid, gridCaption: gridCaption, minutes: Date().timeIntervalSince(started) / 60)
        }
        return records
    }

    /// Writes results.json, report.md and report.html for the records so far.
    func write(records: [BenchmarkRecord], grid: Data?, gridCaption: String, minutes: Double) throws {
        try JSONFile.write(records, to: output.appendingPathComponent("results.json"))
        let report = DiffusionBenchmarkReport.build(records: records, settings: self, grid: grid, gridCaption: gridCaption, minutes: minutes)
        try JSONFile.writeText(report.markdown, to: output.appendingPathComponent("report.md"))
        try JSONFile.writeText(report.html, to: output.appendingPathComponent("report.html"))
    }
}

/// The before/after sample grid: one row per model, columns = the concept with every other-domain class,
/// then as many retained combinations.
public enum BeforeAfterGrid {
    /// PNG bytes and a caption describing rows and columns.
    public static func render(models: [(String, CanvasDiffusionModel)], world: CanvasWorld, concept: CanvasConcept, seed: UInt64 = 0) throws -> (Data, String) {
        let vocabulary = world.vocabulary
        var prompts: [[Int]] = []
        switch concept {
        case .style(let style):
            for object in 0..<vocabulary.objects.count { prompts.append(vocabulary.prompt(style: style, object: object)) }
            for object in 0..<vocabulary.objects.count { prompts.append(vocabulary.prompt(style: (style + 1 + object) % vocabulary.styles.count, object: object)) }
        case .object(let object):
            for style in 0..<vocabulary.styles.count { prompts.append(vocabulary.prompt(style: style, object: object)) }
            for style in 0..<vocabulary.styles.count { prompts.append(vocabulary.prompt(style: style, object: (object + 1 + style) % vocabulary.objects.count)) }
        }
        let width = world.canvas.pixelCount
        let images = Tensor(zeros: [models.count * prompts.count, width])
        for (row, (_, model)) in models.enumerated() {
            let latents = DDIMSampler().sample(model: model, prompts: prompts, seeds: [UInt64](repeating: seed, count: prompts.count), vocabulary: vocabulary)
            let decoded = world.images(latents)
            (images.data + row * prompts.count * width).update(from: decoded.data, count: decoded.count)
        }
        let png = try ImageGrid().png(images, rows: models.count, columns: prompts.count)
        let caption = "Rows (top to bottom): \(models.map(\.0).joined(separator: "; ")). Columns: \(prompts.map { vocabulary.describe($0) }.joined(separator: " | ")); the first \(prompts.count / 2) involve the erased concept '\(concept.name(in: vocabulary))'."
        return (png, caption)
    }
}

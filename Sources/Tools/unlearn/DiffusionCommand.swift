import ArgumentParser
import Diffusion
import Engine
import Foundation
import Optimization

/// `unlearn diffusion …`: concept erasure on the tiny canvas text-to-image model.
struct DiffusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diffusion",
        abstract: "Concept erasure (ESD, AdvUnlearn, SalUn) and attacks on a tiny text-to-image diffusion model.",
        subcommands: [Prepare.self, Erase.self, Attack.self, Evaluate.self, Sample.self, Benchmark.self])

    static func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    /// Loads a world and optionally swaps in an erased model.
    static func load(world: String, model: String?) throws -> (CanvasWorld, CanvasDiffusionModel) {
        let loaded = try CanvasWorld.load(from: URL(fileURLWithPath: world))
        let chosen = try model.map { try CanvasDiffusionModel.load(from: URL(fileURLWithPath: $0)) } ?? loaded.model
        chosen.setTrainable(false)
        return (loaded, chosen)
    }

    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate the canvas data, fit the PCA autoencoder, train the model and the detectors.")
        @Option(help: "Output directory.") var out: String
        @Option(help: "Seed of data, initialisation and training.") var seed: UInt64 = 0
        @Option(help: "DDPM training steps.") var steps = 6000
        @OptionGroup var checkpoints: CheckpointOptions
        func run() throws {
            var settings = CanvasWorld.Preparation()
            settings.training.steps = steps
            // The DDPM training checkpoints into OUT/checkpoint and records OUT/run.json.
            let world = try CanvasWorld.prepare(seed: seed, settings: settings, checkpoints: checkpoints.control(URL(fileURLWithPath: out)),
                                                log: DiffusionCommand.log)
            try world.save(to: URL(fileURLWithPath: out))
            print("wrote \(out)")
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Erase a style or object from the prepared model.")
        @Option(help: "Directory written by `prepare`.") var world: String
        @Option(help: "esd, advunlearn or salun.") var method: String
        @Option(help: "Style or object word to erase.") var concept: String
        @Option(help: "denoiser, condition or text-encoder (default: the method's own).") var scope: String?
        @Option(help: "Negative guidance η.") var eta: Float?
        @Option(help: "ESD target anchor: unconditional or conditional.") var anchor: String?
        @Option(help: "Optimiser iterations.") var iterations: Int?
        @Option(name: .customLong("retain-weight"), help: "AdvUnlearn retain regulariser γ.") var retainWeight: Float?
        @Flag(help: "AdvUnlearn: fast sign-gradient attack (1 step).") var fast = false
        @Option(help: "Seed of the erasure.") var seed: UInt64 = 0
        @Option(help: "Output .safetensors file of the erased model.") var out: String
        @Option(name: .customLong("set"), parsing: .upToNextOption,
                help: ArgumentHelp("Method settings as key=value, e.g. batch-size=16 learning-rate=5e-4.", discussion: """
                    esd: \(SettingOverrides.keys(of: ESD()).joined(separator: ", ")); \
                    advunlearn: \(SettingOverrides.keys(of: AdvUnlearn()).joined(separator: ", ")); \
                    salun: \(SettingOverrides.keys(of: SalUn()).joined(separator: ", ")).
                    """))
        var overrides: [String] = []
        @OptionGroup var checkpoints: CheckpointOptions
        func run() throws {
            let (loaded, _) = try DiffusionCommand.load(world: world, model: nil)
            let scopeValue = try scope.map { name -> TrainableScope in
                guard let value = TrainableScope(rawValue: name) else { throw ValidationError("--scope must be denoiser, condition or text-encoder") }
                return value
            }
            let anchorValue = try anchor.map { name -> ESDTarget.Anchor in
                guard let value = ESDTarget.Anchor(rawValue: name) else { throw ValidationError("--anchor must be unconditional or conditional") }
                return value
            }
            let erasure = try ErasureRegistry.method(named: method, scope: scopeValue, eta: eta, anchor: anchorValue, iterations: iterations,
                                                     fastAttack: fast, retainWeight: retainWeight,
                                                     overrides: try SettingOverrides(parsing: overrides))
            let target = try CanvasConcept(name: concept, vocabulary: loaded.vocabulary)
            var context = ErasureContext(original: loaded.model, concept: target, vocabulary: loaded.vocabulary, templateLatents: loaded.templateLatents,
                                         styles: loaded.templateStyles, objects: loaded.templateObjects, seed: seed)
            // OUT.safetensors's run keeps its checkpoint and run.json in the folder OUT.run/.
            let runFolder = URL(fileURLWithPath: out).deletingPathExtension().appendingPathExtension("run")
            var bar = ProgressBar(label: erasure.name)
            context.checkpoints = checkpoints.control(runFolder)
            context.checkpoints.progress = { step in
                bar.update(step: step.step, total: step.totalSteps, detail: String(format: "loss %.4f", step.loss), secondsRemaining: step.secondsRemaining)
            }
            let outcome = try erasure.erase(context)
            try outcome.model.save(to: URL(fileURLWithPath: out))
            print(String(format: "%@ erased '%@' in %.1f s: %d updatable, %d changed parameters, peak RSS %.0f MB; wrote %@", erasure.name, concept,
                         outcome.seconds, outcome.updatableParameters, outcome.changedParameters, Double(outcome.peakMemoryBytes) / 1_048_576, out))
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "eval", abstract: "UnlearnCanvas UA / IRA / CRA and detector-space FD.")
        @Option(help: "Directory written by `prepare`.") var world: String
        @Option(help: "Erased model (.safetensors); the original when omitted.") var model: String?
        @Option(help: "Concept the model was erased of.") var concept: String
        func run() throws {
            let (loaded, chosen) = try DiffusionCommand.load(world: world, model: model)
            let metrics = CanvasMetrics.evaluate(model: chosen, world: loaded, concept: try CanvasConcept(name: concept, vocabulary: loaded.vocabulary))
            print(String(format: "UA %.1f%%  IRA %.1f%%  CRA %.1f%%  FD %.2f", 100 * metrics.unlearningAccuracy, 100 * metrics.inDomainRetainAccuracy,
                         100 * metrics.crossDomainRetainAccuracy, metrics.frechetDistance))
        }
    }

    struct Attack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Exhaustive, UnlearnDiff and soft-prompt attacks (UnlearnDiff's ASR counting).")
        @Option(help: "Directory written by `prepare`.") var world: String
        @Option(help: "Erased model (.safetensors); the original when omitted.") var model: String?
        @Option(help: "Concept the model was erased of.") var concept: String
        @Option(help: "Attack seed.") var seed: UInt64 = 0
        @Flag(help: "UnlearnDiff: forward the arg-max token instead of a sampled one (straight-through either way).") var argmax = false
        func run() throws {
            let (loaded, chosen) = try DiffusionCommand.load(world: world, model: model)
            var attacks = ConceptAttacks()
            attacks.unlearnDiffSelectsByArgmax = argmax
            let outcome = attacks.run(model: chosen, world: loaded, concept: try CanvasConcept(name: concept, vocabulary: loaded.vocabulary), seed: seed)
            print(String(format: "Pre-ASR %.1f%%  ASR exhaustive %.1f%%  ASR UnlearnDiff %.1f%%  ASR soft prompt %.1f%%  (%.1f s)",
                         100 * outcome.exhaustive.preAttackSuccessRate, 100 * outcome.exhaustive.attackSuccessRate,
                         100 * outcome.unlearnDiff.attackSuccessRate, 100 * outcome.softPrompt.attackSuccessRate, outcome.seconds))
        }
    }

    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a PNG grid of samples: one row per prompt, one column per seed.")
        @Option(help: "Directory written by `prepare`.") var world: String
        @Option(help: "Erased model (.safetensors); the original when omitted.") var model: String?
        @Option(parsing: .upToNextOption, help: "Prompts such as \"checker circle\" or \"painting dots cross\".") var prompt: [String]
        @Option(help: "Samples per prompt (seeds 0…n−1).") var count = 8
        @Option(help: "Classifier-free guidance scale.") var guidance: Float = 1.5
        @Option(help: "Output PNG file.") var out: String
        func run() throws {
            let (loaded, chosen) = try DiffusionCommand.load(world: world, model: model)
            let prompts = try prompt.map { try loaded.vocabulary.parse($0) }
            let rows = prompts.flatMap { [[Int]](repeating: $0, count: count) }
            let seeds = prompts.flatMap { _ in (0..<count).map(UInt64.init) }
            let latents = DDIMSampler(guidance: guidance).sample(model: chosen, prompts: rows, seeds: seeds, vocabulary: loaded.vocabulary)
            let png = try ImageGrid().png(loaded.images(latents), rows: prompts.count, columns: count)
            try png.write(to: URL(fileURLWithPath: out), options: .atomic)
            print("wrote \(out): rows \(prompts.map { loaded.vocabulary.describe($0) }.joined(separator: " | "))")
        }
    }

    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every method × metric × attack over several seeds; Markdown, HTML and JSON.")
        @Option(parsing: .upToNextOption, help: "Seeds.") var seeds: [UInt64] = [0, 1, 2]
        @Option(help: "Concept to erase.") var concept = "checker"
        @Option(help: "DDPM training steps per seed.") var steps = 6000
        @Option(name: .customLong("eval-seeds"), help: "Answer-set and attack seeds per prompt.") var evalSeeds = 8
        @Option(help: "Output directory (a prepared seed-N/ inside is reused).") var out: String
        func run() throws {
            var benchmark = DiffusionBenchmark(output: URL(fileURLWithPath: out))
            benchmark.seeds = seeds
            benchmark.conceptName = concept
            benchmark.preparation.training.steps = steps
            benchmark.evaluationSeedsPerPrompt = evalSeeds
            benchmark.attacks.seedsPerPrompt = evalSeeds
            let records = try benchmark.run(log: DiffusionCommand.log)
            print(DiffusionBenchmarkReport.table(records).plainText)
            print(DiffusionBenchmarkReport.advUnlearnAnswer(records))
            print("wrote \(out)/report.md, report.html, results.json, grid-before-after.png")
        }
    }
}

import ArgumentParser
import Classifiers
import Engine
import Foundation
import Optimization

/// `unlearn classifier …`: image-classifier unlearning against exact retraining on procedural canvas data.
struct ClassifierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier",
        abstract: "Image-classifier unlearning (SalUn, l1-sparse, UGradSL, …) measured against exact retraining.",
        subcommands: [Prepare.self, Unlearn.self, Eval.self, Benchmark.self])

    /// Options of the original model's training recipe, shared by prepare and benchmark.
    struct RecipeOptions: ParsableArguments {
        @Option(help: "mlp, conv, or explicit widths such as mlp-256-256 or conv-16-32.") var architecture = "mlp"
        @Option(help: "Epochs of the original (and Retrain).") var epochs = 60
        @Option(name: .customLong("batch-size"), help: "Images per step.") var batchSize = 64
        @Option(name: .customLong("learning-rate"), help: "Peak learning rate (cosine schedule).") var learningRate: Float = 0.05
        @Option(help: "sgd (momentum 0.9, weight decay 5e-4) or adamw.") var optimizer = "sgd"
        @Option(name: .customLong("weight-decay"), help: "Weight decay.") var weightDecay: Float = 5e-4
        @Option(help: "Standard deviation of the pixel noise.") var noise: Float = 0.3
        @Option(name: .customLong("train-per-class"), help: "Training images per class.") var trainPerClass = 150
        @Option(name: .customLong("test-per-class"), help: "Test images per class.") var testPerClass = 50

        func recipe() throws -> TrainingRecipe {
            guard let kind = TrainingRecipe.OptimizerKind(rawValue: optimizer.lowercased()) else {
                throw ValidationError("--optimizer must be sgd or adamw, got '\(optimizer)'")
            }
            let recipe = TrainingRecipe(epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                                        weightDecay: weightDecay, optimizer: kind)
            try recipe.validate()
            return recipe
        }

        func dataset(seed: UInt64) -> CanvasDatasetConfiguration {
            CanvasDatasetConfiguration(seed: seed, trainPerClass: trainPerClass, testPerClass: testPerClass, noise: noise)
        }
    }

    /// Which images to forget, shared by unlearn and eval.
    struct ScenarioOptions: ParsableArguments {
        @Option(help: "random (a fraction of the training images) or class (one whole class).") var scenario: String?
        @Option(name: .customLong("forget-fraction"), help: "Fraction forgotten in random forgetting.") var forgetFraction = 0.1
        @Option(name: .customLong("forget-class"), help: "Class forgotten in class-wise forgetting.") var forgetClass = 0

        func scenario(required: Bool) throws -> ForgetScenario? {
            switch scenario?.lowercased() {
            case nil: if required { throw ValidationError("give --scenario random or --scenario class") } else { return nil }
            case "random": return .random(fraction: forgetFraction)
            case "class": return .wholeClass(label: forgetClass)
            case let other?: throw ValidationError("--scenario must be random or class, got '\(other)'")
            }
        }
    }

    /// `unlearn classifier prepare`
    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the canvas dataset and train the original model on it.",
            discussion: "Writes DIR/dataset.safetensors, DIR/original/model.safetensors and DIR/manifest.json. The same seed gives the same files.")

        @Option(help: "Output folder.") var out: String
        @Option(help: "Seed of the images, the initialisation and the data order.") var seed: UInt64 = 0
        @OptionGroup var recipe: RecipeOptions
        @OptionGroup var checkpoints: CheckpointOptions

        func run() throws {
            let architecture = try ClassifierArchitecture(parsing: recipe.architecture)
            let configuration = recipe.dataset(seed: seed)
            let dataset = try CanvasDataset.generate(configuration)
            var bar = ProgressBar(label: "original")
            let trainingRecipe = try recipe.recipe()
            // The original's checkpoint lives next to its weights: OUT/original/checkpoint.
            let control = checkpoints.control(URL(fileURLWithPath: out).appendingPathComponent("original"))
            let testbed = try ClassifierTestbed.train(dataset: dataset, architecture: architecture, recipe: trainingRecipe, seed: seed,
                                                      checkpoints: control) { epoch, loss in
                bar.update(step: epoch, total: trainingRecipe.epochs, detail: String(format: "loss %.4f", loss), secondsRemaining: .nan)
            }
            let manifest = try TestbedFolder.write(testbed, configuration: configuration, to: URL(fileURLWithPath: out))
            print("prepared \(out): \(dataset.trainLabels.count) train + \(dataset.testLabels.count) test images, \(dataset.classCount) classes")
            print(String(format: "original %@: train accuracy %.1f %%, test accuracy %.1f %%, trained in %.1f s",
                         architecture.description, manifest.originalTrainAccuracy, manifest.originalTestAccuracy,
                         testbed.originalTraining?.seconds ?? 0))
        }
    }

    /// `unlearn classifier unlearn`
    struct Unlearn: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlearn a forget set from the prepared original model with one method.",
            discussion: "Methods: \(ClassifierMethods.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")). Writes OUT/model.safetensors and OUT/run.json.")

        @Option(help: "A folder written by `unlearn classifier prepare`.") var data: String
        @Option(help: "Method: \(ClassifierMethods.all.map(\.name).joined(separator: ", ")).") var method: String
        @OptionGroup var scenario: ScenarioOptions
        @Option(help: "Output folder.") var out: String
        @Option(name: .customLong("learning-rate"), help: "Learning rate (default: the method's).") var learningRate: Float?
        @Option(help: "Epochs (default: the method's).") var epochs: Int?
        @Option(name: .customLong("batch-size"), help: "Images per step.") var batchSize: Int?
        @Option(name: .customLong("clip-norm"), help: "Gradient-norm bound (default: the method's).") var clipNorm: Float?
        @Option(help: "l1-sparse: initial l1 strength α.") var l1: Float?
        @Option(name: .customLong("mask-fraction"), help: "SalUn: fraction of weights that may change.") var maskFraction: Float?
        @Option(help: "UGradSL: label-smoothing rate α (negative).") var smoothing: Float?
        @Option(name: .customLong("retain-weight"), help: "UGradSL: weight p of the retain term.") var retainWeight: Float?
        @Option(name: .customLong("set"), parsing: .upToNextOption,
                help: "Method settings as key=value; keys: \(SettingOverrides.keys(of: ClassifierMethods.all[0].defaults).joined(separator: ", ")).")
        var overrides: [String] = []
        @OptionGroup var checkpoints: CheckpointOptions

        func run() throws {
            let descriptor = try ClassifierMethods.named(method)
            // The dedicated flags are overrides like --set's, applied first.
            let changes = try SettingOverrides(flags: [
                "learning-rate": learningRate, "epochs": epochs, "batch-size": batchSize, "clip-norm": clipNorm, "l1-strength": l1,
                "mask-fraction": maskFraction, "smoothing-rate": smoothing, "retain-weight": retainWeight,
            ], then: overrides)
            let settings = try descriptor.settings(overrides: changes)
            try settings.validate()
            let forgetting = try scenario.scenario(required: true)!
            let dataURL = URL(fileURLWithPath: data)
            let (testbed, _) = try TestbedFolder.read(dataURL)
            var bar = ProgressBar(label: descriptor.name)
            var control = checkpoints.control(URL(fileURLWithPath: out))
            control.progress = { step in
                bar.update(step: step.step, total: step.totalSteps, detail: String(format: "loss %.4f", step.loss),
                           secondsRemaining: step.secondsRemaining)
            }
            let record = try RunFolder.unlearn(testbed, data: dataURL, descriptor: descriptor, settings: settings, scenario: forgetting,
                                               to: URL(fileURLWithPath: out), checkpoints: control)
            let metrics = record.metrics
            print(String(format: "%@ (%@) on %@: %d steps, %@, %.2f s", descriptor.displayName, descriptor.describe(settings),
                         forgetting.description, record.outcome.steps, record.outcome.stopReason.rawValue, metrics.seconds ?? 0))
            print(String(format: "UA %.1f  RA %.1f  TA %.1f  MIA-efficacy %.1f", metrics.unlearningAccuracy, metrics.retainAccuracy,
                         metrics.testAccuracy, metrics.membershipInferenceEfficacy))
            print("wrote \(out)/model.safetensors and \(out)/run.json")
        }
    }

    /// `unlearn classifier eval`
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate classifiers (run folders or DATA/original) with UA, RA, TA, MIA-efficacy and the gap to an oracle.",
            discussion: "A run folder is evaluated on the scenario in its run.json; --scenario is needed for folders without one (the original).")

        @Option(help: "A folder written by `unlearn classifier prepare`.") var data: String
        @Argument(help: "Folders holding model.safetensors.") var models: [String]
        @Option(help: "A Retrain run folder: adds each model's Avg. Gap to it (same scenario).") var oracle: String?
        @OptionGroup var scenario: ScenarioOptions
        @Option(help: "Write eval.json, report.md and report.html here.") var out: String?

        func validate() throws {
            if models.isEmpty { throw ValidationError("give at least one model folder") }
        }

        func run() throws {
            let (testbed, _) = try TestbedFolder.read(URL(fileURLWithPath: data))
            let fallback = try scenario.scenario(required: false)
            func evaluate(_ path: String) throws -> (ForgetScenario, UnlearningMetrics) {
                let folder = URL(fileURLWithPath: path)
                guard let chosen = try RunFolder.record(folder)?.scenario ?? fallback else {
                    throw ValidationError("\(path) has no run.json: give --scenario")
                }
                return (chosen, try RunFolder.evaluate(folder, testbed: testbed, scenario: chosen))
            }
            let reference = try oracle.map { try evaluate($0) }
            var results: [EvaluatedClassifier] = []
            for path in models + (oracle.map { [$0] } ?? []) where !results.contains(where: { $0.name == path }) {
                let (chosen, metrics) = try evaluate(path)
                if let reference, reference.0 != chosen {
                    throw ValidationError("\(path) was unlearned for \(chosen) but the oracle \(oracle ?? "") for \(reference.0)")
                }
                results.append(EvaluatedClassifier(name: path, scenario: chosen, metrics: metrics,
                                                   averageGap: reference.map { metrics.averageGap(to: $0.1) }))
            }
            print(EvaluationReport.terminalTable(results))
            if let out {
                try EvaluationReport.write(results, to: URL(fileURLWithPath: out))
                print("wrote \(out)/eval.json, \(out)/report.md and \(out)/report.html")
            }
        }
    }

    /// `unlearn classifier benchmark`
    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every method × scenario × seed against Retrain: the table, the α ablation, results.json and the report.",
            discussion: "Each method's grid is searched on --tuning-seed for the smallest Avg. Gap, as the OPTML papers tune; the chosen settings then run on every evaluation seed, each with its own data, original model, forget set and Retrain.")

        @Option(parsing: .upToNextOption, help: "Evaluation seeds.") var seeds: [UInt64] = [0, 1, 2]
        @Option(name: .customLong("tuning-seed"), help: "Seed the grids are searched on.") var tuningSeed: UInt64 = 100
        @Flag(name: .customLong("no-tuning"), help: "Use every method's defaults instead of tuning.") var noTuning = false
        @Option(parsing: .upToNextOption, help: "random and/or class.") var scenarios: [String] = ["random", "class"]
        @Option(parsing: .upToNextOption, help: "Methods (default: all).") var methods: [String] = ClassifierMethods.all.map(\.name)
        @Option(name: .customLong("forget-fraction"), help: "Fraction forgotten in random forgetting.") var forgetFraction = 0.1
        @Option(name: .customLong("ablation-rates"), parsing: .upToNextOption, help: "Smoothing rates of the matched α ablation (none: skip it).")
        var ablationRates: [Float] = [0, -0.2, -0.5, -1]
        @Flag(name: .customLong("no-ablation"), help: "Skip the α ablation.") var noAblation = false
        @OptionGroup var recipe: RecipeOptions
        @Option(help: "Output folder: results.json, report.md, report.html.") var out: String

        func run() throws {
            let configuration = ClassifierBenchmarkConfiguration(
                seeds: seeds, tuningSeed: noTuning ? nil : tuningSeed, scenarios: scenarios.map { $0.lowercased() },
                methods: methods.map { $0.lowercased() }, forgetFraction: forgetFraction, dataset: recipe.dataset(seed: 0),
                architecture: recipe.architecture, recipe: try recipe.recipe(), ablationRates: noAblation ? [] : ablationRates)
            let started = Date()
            let results = try ClassifierBenchmark(configuration: configuration).run(threads: Parallel.workerCount) { line in
                FileHandle.standardError.write(Data(String(format: "[%6.1f s] %@\n", Date().timeIntervalSince(started), line).utf8))
            }
            try ClassifierBenchmarkReport.write(results, to: URL(fileURLWithPath: out))
            for scenario in results.scenarios {
                print("\(scenario.kind) forgetting (mean ± std over seeds \(seeds.map(String.init).joined(separator: " ")))")
                let table = [ClassifierBenchmarkReport.headers] + ClassifierBenchmarkReport.rows(scenario)
                let widths = ClassifierBenchmarkReport.headers.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
                for cells in table {
                    print(cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
                }
                print(ClassifierBenchmarkReport.labelSmoothingVerdict(scenario))
                print("")
            }
            print(String(format: "benchmark took %.0f s; wrote %@/results.json, %@/report.md and %@/report.html", results.seconds, out, out, out))
        }
    }
}

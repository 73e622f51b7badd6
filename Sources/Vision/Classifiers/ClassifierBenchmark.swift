import Foundation
import Metrics

/// What `unlearn classifier benchmark` runs: every method × scenario × seed, tuned on a separate seed.
public struct ClassifierBenchmarkConfiguration: Codable, Equatable, Sendable {
    /// Evaluation seeds: each one generates its own data, original model, forget set and runs.
    public var seeds: [UInt64]
    /// Seed on which each method's grid is searched for the smallest Avg. Gap (nil: use the defaults).
    public var tuningSeed: UInt64?
    /// "random" and/or "class".
    public var scenarios: [String]
    /// Registered method names, in table order (Retrain is always run: every gap needs it).
    public var methods: [String]
    /// Fraction of the training set forgotten in random forgetting.
    public var forgetFraction: Double
    /// Dataset sizes and noise (its seed is replaced by each run's seed).
    public var dataset: CanvasDatasetConfiguration
    /// Model family and widths ("mlp", "conv-16-32").
    public var architecture: String
    /// How originals and oracles are trained.
    public var recipe: TrainingRecipe
    /// Smoothing rates of the matched ablation (UGradSL's grid of learning rate × p at each α, on every seed).
    public var ablationRates: [Float]

    /// The defaults behind the README table.
    public init(seeds: [UInt64] = [0, 1, 2], tuningSeed: UInt64? = 100, scenarios: [String] = ["random", "class"],
                methods: [String] = ClassifierMethods.all.map(\.name), forgetFraction: Double = 0.1,
                dataset: CanvasDatasetConfiguration = CanvasDatasetConfiguration(), architecture: String = "mlp",
                recipe: TrainingRecipe = TrainingRecipe(), ablationRates: [Float] = [0, -0.2, -0.5, -1]) {
        self.seeds = seeds
        self.tuningSeed = tuningSeed
        self.scenarios = scenarios
        self.methods = methods
        self.forgetFraction = forgetFraction
        self.dataset = dataset
        self.architecture = architecture
        self.recipe = recipe
        self.ablationRates = ablationRates
    }

    /// The scenario `kind` for a testbed of `seed` (class-wise forgetting forgets class seed mod K, so
    /// seeds also vary the forgotten class).
    public func scenario(_ kind: String, seed: UInt64, classes: Int) throws -> ForgetScenario {
        switch kind {
        case "random": return .random(fraction: forgetFraction)
        case "class": return .wholeClass(label: Int(seed % UInt64(classes)))
        default: throw ClassifierError("--scenarios", "unknown scenario '\(kind)' (random or class)")
        }
    }
}

/// One evaluated model of the benchmark.
public struct BenchmarkRun: Codable, Equatable, Sendable {
    /// Method name ("original" for the model before unlearning).
    public var method: String
    /// Testbed seed.
    public var seed: UInt64
    /// The scenario as run (which class, which fraction).
    public var scenario: ForgetScenario
    /// Settings used (nil for the original).
    public var settings: ClassifierMethodSettings?
    /// Metrics.
    public var metrics: UnlearningMetrics
    /// Avg. Gap to this seed's Retrain.
    public var averageGap: Double
    /// Steps taken and why the run ended (nil for the original).
    public var steps: Int?
    /// Why the run ended.
    public var stopReason: StopReason?
}

/// A tuning-seed trial of one setting.
public struct TuningTrial: Codable, Equatable, Sendable {
    /// Method name.
    public var method: String
    /// The settings tried.
    public var settings: ClassifierMethodSettings
    /// Metrics on the tuning seed.
    public var metrics: UnlearningMetrics
    /// Avg. Gap to the tuning seed's Retrain.
    public var averageGap: Double
}

/// A matched-ablation run: UGradSL at one (learning rate, p) with one smoothing rate α.
public struct AblationRun: Codable, Equatable, Sendable {
    /// Testbed seed.
    public var seed: UInt64
    /// Learning rate.
    public var learningRate: Float
    /// Retain weight p.
    public var retainWeight: Float
    /// Smoothing rate α (0: GA + retain).
    public var smoothingRate: Float
    /// Metrics.
    public var metrics: UnlearningMetrics
    /// Avg. Gap to this seed's Retrain.
    public var averageGap: Double
    /// Why the run ended: reaching the forget-accuracy target separates "forgot, at this cost" from "stalled".
    public var stopReason: StopReason
}

/// Everything one scenario produced.
public struct ScenarioResults: Codable, Equatable, Sendable {
    /// "random" or "class".
    public var kind: String
    /// Tuning-seed trials of every method's grid.
    public var tuning: [TuningTrial]
    /// The settings each method was evaluated with (the tuning winner, or its defaults).
    public var selected: [String: ClassifierMethodSettings]
    /// The original model and every method on every evaluation seed.
    public var runs: [BenchmarkRun]
    /// The matched α ablation on every evaluation seed.
    public var ablation: [AblationRun]
}

/// How the original models came out.
public struct TestbedSummary: Codable, Equatable, Sendable {
    /// Testbed seed.
    public var seed: UInt64
    /// Original train accuracy (percent).
    public var trainAccuracy: Double
    /// Original test accuracy (percent).
    public var testAccuracy: Double
    /// Seconds to train the original.
    public var trainingSeconds: Double
    /// ROC AUC of the original's true-label confidence, training (members) vs test images: 0.5 means it
    /// did not memorise, and the membership metrics would have nothing to measure.
    public var membershipAUC: Double
}

/// The benchmark's complete results (written as results.json).
public struct ClassifierBenchmarkResults: Codable, Equatable, Sendable {
    /// What was run.
    public var configuration: ClassifierBenchmarkConfiguration
    /// Original models of the evaluation seeds.
    public var testbeds: [TestbedSummary]
    /// Per scenario.
    public var scenarios: [ScenarioResults]
    /// Wall-clock seconds of the whole benchmark.
    public var seconds: Double
    /// Threads the engine used (results are bitwise reproducible for a fixed count).
    public var threads: Int
}

/// Runs the benchmark: tune every method on the tuning seed, then evaluate the chosen settings, the
/// original model and the α ablation on every evaluation seed, each against that seed's Retrain.
public struct ClassifierBenchmark {
    /// What to run.
    public let configuration: ClassifierBenchmarkConfiguration

    /// A benchmark of `configuration`.
    public init(configuration: ClassifierBenchmarkConfiguration) { self.configuration = configuration }

    /// Runs everything; `log` receives one line per finished piece of work.
    public func run(threads: Int, log: (String) -> Void = { _ in }) throws -> ClassifierBenchmarkResults {
        let started = Date()
        let architecture = try ClassifierArchitecture(parsing: configuration.architecture)
        let methods = try configuration.methods.map { try ClassifierMethods.named($0) }.filter { $0.name != "retrain" }
        let retrain = try ClassifierMethods.named("retrain")
        guard !configuration.seeds.isEmpty else { throw ClassifierError("--seeds", "give at least one evaluation seed") }

        func testbed(_ seed: UInt64) throws -> ClassifierTestbed {
            var datasetConfiguration = configuration.dataset
            datasetConfiguration.seed = seed
            let dataset = try CanvasDataset.generate(datasetConfiguration)
            let testbed = try ClassifierTestbed.train(dataset: dataset, architecture: architecture, recipe: configuration.recipe, seed: seed)
            log("seed \(seed): original \(architecture) trained in \(fixed(testbed.originalTraining?.seconds ?? 0, 1)) s, "
                + "test accuracy \(fixed(100 * testbed.originalTestAccuracy, 1)) %")
            return testbed
        }

        // Tuning: one testbed, every grid point of every method, judged by Avg. Gap to its Retrain.
        var tuning: [String: [TuningTrial]] = [:]
        var selected: [String: [String: ClassifierMethodSettings]] = [:]
        for kind in configuration.scenarios {
            selected[kind] = Dictionary(uniqueKeysWithValues: methods.map { ($0.name, $0.defaults) })
        }
        if let tuningSeed = configuration.tuningSeed {
            let bed = try testbed(tuningSeed)
            for kind in configuration.scenarios {
                let scenario = try configuration.scenario(kind, seed: tuningSeed, classes: bed.dataset.classCount)
                let oracle = try bed.run(retrain, settings: retrain.defaults, scenario: scenario).metrics
                for method in methods where !method.grid.isEmpty {
                    var trials: [TuningTrial] = []
                    for settings in method.grid {
                        let metrics = try bed.run(method, settings: settings, scenario: scenario).metrics
                        trials.append(TuningTrial(method: method.name, settings: settings, metrics: metrics, averageGap: metrics.averageGap(to: oracle)))
                    }
                    // Smallest gap wins; the first grid point wins ties, so the choice is deterministic.
                    let best = trials.enumerated().min { ($0.element.averageGap, $0.offset) < ($1.element.averageGap, $1.offset) }!.element
                    selected[kind]?[method.name] = best.settings
                    tuning[kind, default: []] += trials
                    log("tuned \(method.name) on \(kind) (seed \(tuningSeed)): \(method.describe(best.settings)), "
                        + "gap \(fixed(best.averageGap, 2)) (best of \(trials.count))")
                }
            }
        }

        var runs: [String: [BenchmarkRun]] = [:], ablation: [String: [AblationRun]] = [:]
        var summaries: [TestbedSummary] = []
        let ugradsl = try ClassifierMethods.named("ugradsl")
        for seed in configuration.seeds {
            let bed = try testbed(seed)
            let originalModel = try bed.model().0
            let train = ClassifierPredictions(model: originalModel, images: bed.dataset.trainImages, labels: bed.dataset.trainLabels,
                                              indices: Array(bed.dataset.trainLabels.indices))
            let test = ClassifierPredictions(model: originalModel, images: bed.dataset.testImages, labels: bed.dataset.testLabels,
                                             indices: Array(bed.dataset.testLabels.indices))
            let auc = try rocAUC(labels: train.labels.map { _ in 1 } + test.labels.map { _ in 0 },
                                 scores: train.trueLabelConfidence + test.trueLabelConfidence)
            summaries.append(TestbedSummary(seed: seed, trainAccuracy: 100 * train.accuracy, testAccuracy: 100 * bed.originalTestAccuracy,
                                            trainingSeconds: bed.originalTraining?.seconds ?? 0, membershipAUC: auc))
            for kind in configuration.scenarios {
                let scenario = try configuration.scenario(kind, seed: seed, classes: bed.dataset.classCount)
                let oracleRun = try bed.run(retrain, settings: retrain.defaults, scenario: scenario)
                let oracle = oracleRun.metrics
                let original = try bed.originalMetrics(scenario)
                runs[kind, default: []].append(BenchmarkRun(method: "original", seed: seed, scenario: scenario, settings: nil, metrics: original,
                                                            averageGap: original.averageGap(to: oracle), steps: nil, stopReason: nil))
                runs[kind, default: []].append(BenchmarkRun(method: "retrain", seed: seed, scenario: scenario, settings: retrain.defaults,
                                                            metrics: oracle, averageGap: 0, steps: oracleRun.outcome.steps,
                                                            stopReason: oracleRun.outcome.stopReason))
                for method in methods {
                    let settings = selected[kind]?[method.name] ?? method.defaults
                    let run = try bed.run(method, settings: settings, scenario: scenario)
                    let gap = run.metrics.averageGap(to: oracle)
                    runs[kind, default: []].append(BenchmarkRun(method: method.name, seed: seed, scenario: scenario, settings: settings,
                                                                metrics: run.metrics, averageGap: gap, steps: run.outcome.steps,
                                                                stopReason: run.outcome.stopReason))
                    let metrics = run.metrics
                    log("seed \(seed) \(kind) \(method.name): UA \(fixed(metrics.unlearningAccuracy, 1)) RA \(fixed(metrics.retainAccuracy, 1)) "
                        + "TA \(fixed(metrics.testAccuracy, 1)) MIA \(fixed(metrics.membershipInferenceEfficacy, 1)) gap \(fixed(gap, 2)) "
                        + "(\(fixed(metrics.seconds ?? 0, 2)) s, \(run.outcome.steps) steps, \(run.outcome.stopReason.rawValue))")
                }
                if !configuration.ablationRates.isEmpty {
                    for base in ClassifierMethods.mixedGrid(rates: [0]) {
                        for rate in configuration.ablationRates {
                            var settings = base
                            settings.smoothingRate = rate
                            let run = try bed.run(ugradsl, settings: settings, scenario: scenario)
                            ablation[kind, default: []].append(AblationRun(seed: seed, learningRate: settings.learningRate,
                                                                           retainWeight: settings.retainWeight, smoothingRate: rate,
                                                                           metrics: run.metrics, averageGap: run.metrics.averageGap(to: oracle),
                                                                           stopReason: run.outcome.stopReason))
                        }
                    }
                    log("seed \(seed) \(kind): α ablation done (\(ablation[kind]?.filter { $0.seed == seed }.count ?? 0) runs)")
                }
            }
        }
        let scenarios = configuration.scenarios.map { kind in
            ScenarioResults(kind: kind, tuning: tuning[kind] ?? [], selected: selected[kind] ?? [:], runs: runs[kind] ?? [],
                            ablation: ablation[kind] ?? [])
        }
        return ClassifierBenchmarkResults(configuration: configuration, testbeds: summaries, scenarios: scenarios,
                                          seconds: Date().timeIntervalSince(started), threads: threads)
    }
}

/// `value` with `digits` decimals, locale-independent.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

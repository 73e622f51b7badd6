import Attacks
import Benchmark
import Evaluation
import Foundation
import Metrics
import Models
import Optimization
import Training
import Unlearning

/// `unlearn study`: every arm (method) × seed on a prepared benchmark. Each arm's learning rate is chosen
/// on a separate tuning seed from a grid around the derived rate; every run stops at the oracle's forget
/// probes (or runs its budget), is evaluated with the TOFU suite against the oracle and attacked by
/// relearning; the per-arm means with 95 % intervals and the published claims' verdicts are the result.
public struct StudyWorkflow {
    /// The benchmark's data folder (forget and retain splits, evaluation files).
    public var data: URL
    /// The forget split (`forget10`); its retain set is the complementary `retainNN.json`.
    public var split = "forget10"
    public var target: String
    /// The retrained model (the split's oracle): forget quality, oracle stopping and the relearning floor.
    public var oracle: String
    public var arms: [StudyArm]
    public var seeds: [UInt64] = [1, 2, 3]
    /// The seed the learning rates are tuned on, never one of `seeds`.
    public var tuningSeed: UInt64 = 0
    /// Multiples of the derived learning rate tried on the tuning seed.
    public var learningRateFactors: [Float] = [0.3, 1, 3]
    /// Stop every run at the oracle's forget probes (15 % retain guard, best step); false runs the budget.
    public var stopAtOracle = true
    /// Run the relearning attack on every run and on the oracle.
    public var relearning = true
    public var output: URL

    public init(data: URL, target: String, oracle: String, arms: [StudyArm], output: URL) {
        self.data = data
        self.target = target
        self.oracle = oracle
        self.arms = arms
        self.output = output
    }

    /// Everything the study measured (`results.json`).
    public struct Results: Codable, Sendable {
        public var target: StudyRun
        public var oracle: StudyRun
        /// The tuning seed's runs, one per arm and learning rate, and the rate chosen per arm.
        public var tuning: [StudyRun]
        public var chosenLearningRates: [String: Float]
        public var runs: [StudyRun]
        /// Arm → metric → mean and 95 % interval over the seeds.
        public var aggregates: [String: [String: ConfidenceInterval]]
        public var claims: [StudyClaim.Outcome]
        public var seeds: [UInt64]
        public var tuningSeed: UInt64
        public var wallSeconds: Double
    }

    /// The retain split that complements a forget split (`forget10` → `retain90`); nil for a name that is
    /// not `forgetNN`.
    public static func retainSplit(of split: String) -> String? {
        guard split.hasPrefix("forget"), let percent = Int(split.dropFirst("forget".count)), (1..<100).contains(percent) else { return nil }
        return "retain\(100 - percent)"
    }

    /// Runs the study; `log` receives one line per stage, `progress` every unlearning step.
    public func run(log: (String) -> Void, progress: (String, TrainingProgress) -> Void) throws -> Results {
        guard let retainSplit = Self.retainSplit(of: split) else { throw StudyError("--split must be forgetNN, e.g. forget10") }
        guard !arms.isEmpty else { throw StudyError("give at least one method") }
        guard !seeds.isEmpty, !seeds.contains(tuningSeed) else { throw StudyError("the tuning seed \(tuningSeed) must differ from the study's seeds") }
        let start = Date()
        let forget = data.appendingPathComponent("\(split).json"), retain = data.appendingPathComponent("\(retainSplit).json")
        for file in [forget, retain] where !FileManager.default.fileExists(atPath: file.path) {
            throw StudyError("\(file.path) does not exist: prepare the benchmark first (unlearn benchmark prepare)")
        }
        let forgetRows = try QADataset.read(url: forget)

        log("evaluating the oracle and the target")
        let oracleEvaluation = try evaluate(path: oracle, oracleRatios: nil)
        let oracleRatios = oracleEvaluation.forgetTruthRatios
        let targetEvaluation = try evaluate(path: target, oracleRatios: oracleRatios)
        let derivedRate = TrainingDefaults.learningRate(parameters: targetEvaluation.loaded.model.parameterCount)
        var oracleRun = try measure(arm: "oracle (retrained)", seed: 0, learningRate: 0, path: oracle, evaluation: oracleEvaluation,
                                    record: nil, rows: forgetRows, rate: derivedRate, scratch: "oracle")
        let own = try TofuStatistics.forgetQuality(unlearnedTruthRatios: oracleRatios, retainTruthRatios: oracleRatios)
        oracleRun.forgetQuality = own.pValue
        let targetRun = try measure(arm: "target", seed: 0, learningRate: 0, path: target, evaluation: targetEvaluation,
                                    record: nil, rows: forgetRows, rate: derivedRate, scratch: "target")

        func unlearn(_ arm: StudyArm, seed: UInt64, rate: Float, folder: String, attack: Bool) throws -> StudyRun {
            let out = output.appendingPathComponent("runs").appendingPathComponent(folder)
            log("\(arm) seed \(seed) learning rate \(String(format: "%.2g", rate))")
            var base = TrainingConfiguration()
            base.seed = seed
            base.maximumLength = 256
            if arm.secondOrder { base.optimizer = "sophia" }
            var job = UnlearningJob(modelPath: target, forgetFiles: [forget], retainFiles: [retain], format: .qa,
                                    settings: { model in
                                        var settings = try MethodRegistry.settings(for: arm.method, model: model)
                                        settings.seed = seed
                                        return settings
                                    }, configuration: base, output: out)
            job.defaults = TrainingDefaults(task: .unlearn, learningRate: rate)
            job.monitorRequest = stopAtOracle ? MonitorRequest(stopWhen: "oracle", oracle: oracle, maximumRetainDrop: 0.15, selectBest: true)
                                              : MonitorRequest(every: 0)
            let record = try job.run(resume: false) { progress(arm.description, $0) }
            let model = out.appendingPathComponent("model").path
            return try measure(arm: arm.description, seed: seed, learningRate: rate, path: model,
                               evaluation: evaluate(path: model, oracleRatios: oracleRatios), record: record, rows: forgetRows,
                               rate: derivedRate, scratch: folder, attack: attack)
        }

        var tuning: [StudyRun] = []
        var chosen: [String: Float] = [:]
        for arm in arms {
            let candidates = try learningRateFactors.map { factor in
                try unlearn(arm, seed: tuningSeed, rate: derivedRate * factor, folder: "tuning/\(arm)-x\(factor)", attack: false)
            }
            tuning += candidates
            let best = Self.choose(candidates, targetUtility: targetRun.modelUtility)
            chosen[arm.description] = best.learningRate
            log("\(arm): learning rate \(String(format: "%.2g", best.learningRate)) chosen on seed \(tuningSeed)")
        }
        var runs: [StudyRun] = []
        for arm in arms {
            for seed in seeds {
                runs.append(try unlearn(arm, seed: seed, rate: chosen[arm.description]!, folder: "\(arm)/seed\(seed)", attack: relearning))
            }
        }
        var aggregates: [String: [String: ConfidenceInterval]] = [:]
        for arm in arms {
            let armRuns = runs.filter { $0.arm == arm.description }
            for metric in StudyMetric.allCases {
                let values = armRuns.compactMap { $0.value(metric) }
                if !values.isEmpty, values.count == armRuns.count { aggregates[arm.description, default: [:]][metric.rawValue] = ConfidenceInterval(values) }
            }
        }
        let claims = StudyClaim.published.compactMap { $0.evaluate(runs, targetUtility: targetRun.modelUtility) }
        let results = Results(target: targetRun, oracle: oracleRun, tuning: tuning, chosenLearningRates: chosen, runs: runs,
                              aggregates: aggregates, claims: claims, seeds: seeds, tuningSeed: tuningSeed,
                              wallSeconds: Date().timeIntervalSince(start))
        try StudyReport.write(results, to: output)
        return results
    }

    /// The tuning rule: the highest forget quality among the rates that keep model utility within 5 % of
    /// the target's (fewer steps break ties); when none does, the highest utility.
    public static func choose(_ candidates: [StudyRun], targetUtility: Double) -> StudyRun {
        let kept = candidates.filter { $0.modelUtility >= 0.95 * targetUtility }
        if kept.isEmpty { return candidates.max { $0.modelUtility < $1.modelUtility }! }
        return kept.max { ($0.logForgetQuality ?? -.infinity, -$0.steps) < ($1.logForgetQuality ?? -.infinity, -$1.steps) }!
    }

    func evaluate(path: String, oracleRatios: [Double]?) throws -> TofuEvaluation {
        try TofuEvaluation(path: path, data: data, split: split, oracleRatios: oracleRatios)
    }

    /// The study's measures of one evaluated model, with the relearning attack when asked.
    func measure(arm: String, seed: UInt64, learningRate: Float, path: String, evaluation: TofuEvaluation,
                 record: UnlearningJob.Record?, rows: [QAExample], rate: Float, scratch: String, attack: Bool? = nil) throws -> StudyRun {
        let summary = evaluation.summary
        var relearned: Double?
        if attack ?? relearning {
            var relearn = RelearningAttack()
            relearn.learningRate = rate
            relearn.seed = seed
            let probe = ForgetProbe(tokenizer: evaluation.tokenizer, layout: .qa)
            let folder = output.appendingPathComponent("scratch").appendingPathComponent(scratch)
            relearned = try relearn.run(modelPath: path, rows: rows, probe: probe, scratch: folder).finalHeldOut?.rougeLRecall
            try? FileManager.default.removeItem(at: folder)
        }
        return StudyRun(arm: arm, seed: seed, learningRate: learningRate, steps: record?.summary.steps ?? 0,
                        seconds: record?.summary.elapsedSeconds ?? 0, stopReason: record?.summary.stopReason,
                        forgetQuality: summary.forgetQuality, modelUtility: summary.modelUtility, forgetRouge: summary.forgetRougeLRecall,
                        retainRouge: summary.retainRougeLRecall, membershipAUC: summary.miaMinKAUC, relearnedRouge: relearned)
    }
}

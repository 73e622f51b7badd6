import ArgumentParser
import Foundation
import Models
import Optimization
import Training
import Evaluation
import Unlearning

/// `unlearn run`: unlearns a forget set from a model with one method.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Unlearn a forget set from a model with one method.",
        discussion: """
        Methods: \(MethodRegistry.entries.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).
        `--config FILE.yaml` reads the same options from a YAML mapping (keys are the option names without
        dashes, e.g. `learning-rate: 1e-5`, lists for repeated options); options given on the command line
        after it override the file.
        """)

    @Option(help: "A Hugging Face model folder or .gguf file (the model to unlearn).") var model: String
    @Option(parsing: .upToNextOption, help: "Forget data files (JSON Lines QA, or text).") var forget: [String]
    @Option(parsing: .upToNextOption, help: "Retain data files.") var retain: [String] = []
    @Option(help: "Unlearning method: \(MethodRegistry.names.joined(separator: ", ")).") var method: String
    @Option(help: "Output folder: model/ (HF folder), run.json, checkpoint/.") var out: String
    @Option(help: "qa (answer-only loss), chat (QA in the chat template) or text.") var format = "qa"
    @Option(name: .customLong("forget-weight"), help: "γ, the forget term's weight (default: the method's).") var forgetWeight: Float?
    @Option(name: .customLong("retain-weight"), help: "α, the retain term's weight (default: the method's; 0 drops it).") var retainWeight: Float?
    @Option(name: .customLong("retain-loss"), help: "nll or kl (KL to the model before unlearning).") var retainLoss = "nll"
    @Option(help: "β of NPO, SimNPO and DPO (default: the method's).") var beta: Float?
    @Option(help: "SimNPO's margin δ.") var margin: Float?
    @Option(help: "UGradSL's label-smoothing rate (negative).") var smoothing: Float?
    @Option(name: .customLong("steering-layer"), help: "RMU's steered layer (0-based).") var steeringLayer: Int?
    @Option(name: .customLong("steering-coefficient"), help: "RMU's control-vector norm c.") var steeringCoefficient: Float?
    @Option(help: "l1 sparsity coefficient λ (0: off).") var l1: Float = 0
    @Option(help: "Regular expression of the parameter names to update (default: all; RMU: its layers' MLP down projections).") var trainable: String?
    @Option(help: "A WAGLE weight mask from `unlearn attribute`.") var mask: String?
    @Option(name: .customLong("lora-rank"), help: "Train LoRA adapters of this rank instead of the weights (merged on export).") var loraRank: Int?
    @Option(name: .customLong("lora-alpha"), help: "LoRA α.") var loraAlpha: Float = 16
    @Option(name: .customLong("lora-targets"), help: "Comma-separated module names that get adapters.") var loraTargets = "q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj"
    @Option(name: .customLong("set"), parsing: .upToNextOption,
            help: "Method settings as key=value (e.g. beta=0.2 steering-layer=5); keys: \(SettingOverrides.keys(of: MethodSettings(method: "ga")).joined(separator: ", ")).")
    var overrides: [String] = []
    @Option(name: .customLong("eval-every"),
            help: "Measure forget and retain probes every N steps (and before the first and after the last); 0: never. Default: about forty evaluations per run (every step of a short run).")
    var evalEvery: Int?
    @Option(name: .customLong("stop-when"),
            help: "End the run when the forget probes reach: oracle (--oracle's values), holdout (the model's own on --holdout), mismatched (the model's own on the forget questions with each other's answers), or PROBE<=VALUE / PROBE>=VALUE (probes: \(Probe.allCases.map(\.rawValue).joined(separator: ", "))). Default, when no evaluation option is given: oracle with --oracle, holdout with --holdout, else mismatched, with a 10 % retain guard and --select best.")
    var stopWhen: String?
    @Option(help: "The retrained model whose probe values --stop-when oracle targets.") var oracle: String?
    @Option(help: "A question–answer file the model never saw, whose probe values --stop-when holdout targets.") var holdout: String?
    @Option(name: .customLong("max-retain-drop"), help: "Also stop when the retain probability falls by more than this fraction (e.g. 0.05).")
    var maxRetainDrop: Double?
    @Option(help: "Which weights to export: last, or best (the evaluated step closest to the --stop-when target that kept the retain guard).")
    var select: String?
    @Option(name: .customLong("probe-questions"), help: "Forget and retain questions scored at each evaluation.") var probeQuestions = 16
    @Option(help: "A YAML file with these options (see above).") var config: String?
    @OptionGroup var training: TrainingOptions

    func validate() throws {
        guard MethodRegistry.names.contains(method.lowercased()) else {
            throw ValidationError("unknown method '\(method)' (choose from \(MethodRegistry.names.joined(separator: ", ")))")
        }
        guard RetainLossKind(rawValue: retainLoss) != nil else { throw ValidationError("--retain-loss must be nll or kl") }
        guard TrainingJob.DataFormat(rawValue: format) != nil else { throw ValidationError("--format must be qa, chat or text") }
        if forget.isEmpty { throw ValidationError("give at least one --forget file") }
        if let loraRank, loraRank < 1 { throw ValidationError("--lora-rank must be at least 1") }
        if let select, !["last", "best"].contains(select) { throw ValidationError("--select must be last or best") }
        do { try monitorRequest.validate() } catch let error as StoppingRuleError { throw ValidationError(error.description) }
    }

    /// The method's defaults for `model`, overridden by the dedicated flags, then by `--set`.
    func methodSettings(_ model: ModelConfiguration) throws -> MethodSettings {
        let settings = try SettingOverrides(flags: [
            "forget-weight": forgetWeight, "retain-weight": retainWeight, "retain-loss": retainLoss, "beta": beta, "margin": margin,
            "smoothing": smoothing, "steering-layer": steeringLayer, "steering-coefficient": steeringCoefficient, "l1": l1,
            "trainable-parameters": trainable, "seed": training.seed,
        ], then: overrides)
        return try MethodRegistry.settings(for: method, model: model, overrides: settings)
    }

    /// The evaluation and stopping options as given; the job derives the rest.
    var monitorRequest: MonitorRequest {
        MonitorRequest(every: evalEvery, stopWhen: stopWhen, oracle: oracle, holdout: holdout, maximumRetainDrop: maxRetainDrop,
                       selectBest: select.map { $0 == "best" }, scoredQuestions: probeQuestions)
    }

    func run() throws {
        let lowRank = loraRank.map { LowRankSettings(rank: $0, alpha: loraAlpha, targets: loraTargets.split(separator: ",").map(String.init)) }
        var job = UnlearningJob(modelPath: model, forgetFiles: forget.map { URL(fileURLWithPath: $0) }, retainFiles: retain.map { URL(fileURLWithPath: $0) },
                                format: TrainingJob.DataFormat(rawValue: format)!, settings: methodSettings,
                                configuration: training.configuration, lowRank: lowRank, maskFile: mask.map { URL(fileURLWithPath: $0) },
                                output: URL(fileURLWithPath: out))
        job.defaults = training.defaults(.unlearn)
        job.monitorRequest = monitorRequest
        job.onDerivedSettings = printDerivedSettings
        job.onTarget = { name, values in print("target (\(name)): \(values.description)") }
        job.onEvaluation = { evaluation in print("\nstep \(evaluation.step): \(evaluation.values.description)") }
        var bar = ProgressBar(label: method)
        let record = try job.run(resume: training.checkpoints.resume) { step in
            let parts = step.parts.sorted { $0.key < $1.key }.map { String(format: "%@ %.4f", $0.key, $0.value) }.joined(separator: " ")
            bar.update(step: step.step, total: step.totalSteps,
                       detail: String(format: "loss %.4f (%@) lr %.2e %.0f tok/s", step.loss, parts, step.learningRate, step.tokensPerSecond),
                       secondsRemaining: step.secondsRemaining)
        }
        let summary = record.summary
        print(String(format: "%@: %d steps, effective batch %d, %d tokens in %.1f s (%.0f tok/s), %d of %d parameters trained, peak RSS %.0f MiB",
                     record.method.method, summary.steps, summary.effectiveBatchSize, summary.tokens, summary.elapsedSeconds,
                     summary.tokensPerSecond, record.trainableParameters, record.modelParameters, summary.peakResidentMegabytes))
        if let reason = summary.stopReason { print("stopped at step \(summary.steps): \(reason)") }
        if let step = record.monitoring?.selectedStep { print("exported the weights of step \(step), the evaluated step closest to the target") }
        print("wrote \(out)/model (Hugging Face folder), \(out)/run.json, \(out)/checkpoint")
    }
}

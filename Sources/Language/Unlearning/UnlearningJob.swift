import Benchmark
import Checkpoints
import Evaluation
import Engine
import Foundation
import Models
import NN
import Optimization
import Tokenizers
import Training

/// `unlearn run`: load a model and the forget/retain files, unlearn with one method, and write the
/// unlearned Hugging Face folder (`model/`), `run.json` and the resumable checkpoint into `output`.
public struct UnlearningJob {
    public var modelPath: String
    public var forgetFiles: [URL]
    public var retainFiles: [URL]
    public var format: TrainingJob.DataFormat
    /// The method's settings for the loaded model (defaults depend on its shape, e.g. RMU's layer).
    public var settings: (ModelConfiguration) throws -> MethodSettings
    public var configuration: TrainingConfiguration
    public var lowRank: LowRankSettings?
    /// A WAGLE mask file (`unlearn attribute`).
    public var maskFile: URL?
    public var output: URL
    /// Evaluation during the run and its stopping rule.
    public var monitoring: MonitorSettings?
    /// Sees each evaluation as it is made.
    public var onEvaluation: (RunMonitor.Evaluation) -> Void = { _ in }
    /// Sees the stopping rule's target (the oracle's or holdout's probe values) once it is measured.
    public var onTarget: (String, ProbeValues) -> Void = { _, _ in }
    /// Derives the optimisation settings the user left unset from the model's and the forget set's size
    /// (nil: use `configuration` as it is).
    public var defaults: TrainingDefaults?
    /// The evaluation and stopping options as given, resolved once the budget is known (replaces `monitoring`).
    public var monitorRequest: MonitorRequest?
    /// Sees the derived settings, with their reasons, before the run starts.
    public var onDerivedSettings: ([DerivedSetting]) -> Void = { _ in }

    public init(modelPath: String, forgetFiles: [URL], retainFiles: [URL], format: TrainingJob.DataFormat, settings: @escaping (ModelConfiguration) throws -> MethodSettings,
                configuration: TrainingConfiguration, lowRank: LowRankSettings? = nil, maskFile: URL? = nil, output: URL) {
        self.modelPath = modelPath
        self.forgetFiles = forgetFiles
        self.retainFiles = retainFiles
        self.format = format
        self.settings = settings
        self.configuration = configuration
        self.lowRank = lowRank
        self.maskFile = maskFile
        self.output = output
    }

    /// What `run.json` records besides the training summary.
    public struct Record: Codable, Sendable {
        public var model: String
        public var forget: [String]
        public var retain: [String]
        public var method: MethodSettings
        public var lowRank: LowRankSettings?
        public var mask: String?
        public var trainableParameters: Int
        public var modelParameters: Int
        /// tokens × (4·model parameters + 2·trainable parameters): forward plus input gradients through
        /// every layer, weight gradients only where weights train (an estimate, like 6·N·T).
        public var estimatedFLOPs: Double
        public var summary: TrainingSummary
        /// Evaluations during the run (`--eval-every`), the rule's target and the selected step.
        public var monitoring: MonitorRecord?
        /// The settings the user left unset, the values chosen and why.
        public var derivedSettings: [DerivedSetting]?
    }

    /// Forget, retain and (for IDK methods) alternate examples.
    public static func data(forget: [URL], retain: [URL], format: TrainingJob.DataFormat, needsAlternates: Bool,
                            tokenizer: PreTrainedTokenizer, seed: UInt64) throws -> UnlearningData {
        let forgetExamples = try TrainingJob.examples(files: forget, format: format, tokenizer: tokenizer)
        let retainExamples = try TrainingJob.examples(files: retain, format: format, tokenizer: tokenizer)
        var alternates: [TokenizedExample] = []
        if needsAlternates {
            guard format != .text else { throw TrainingError("refusal answers need question/answer data (--format qa or chat)") }
            let formatter = ExampleFormatter(tokenizer: tokenizer, layout: format == .chat ? .chat : .qa)
            var generator = SeededGenerator(seed: seed ^ 0x1D4B_0001)
            for file in forget {
                for row in try QADataset.read(url: file) {
                    let refusal = RefusalAnswers.all[Int(generator.next() % UInt64(RefusalAnswers.all.count))]
                    alternates.append(try formatter.example(question: row.question, answer: refusal))
                }
            }
        }
        return UnlearningData(forget: forgetExamples, retain: retainExamples, alternate: alternates)
    }

    /// Runs the job; `progress` sees every step.
    @discardableResult
    public func run(resume: Bool, progress: (TrainingProgress) -> Void = { _ in }) throws -> Record {
        let source = try CheckpointSource.load(path: modelPath)
        let model = source.model
        let settings = try self.settings(model.configuration)
        let objective = try MethodRegistry.objective(for: settings, model: model.configuration)
        let data = try Self.data(forget: forgetFiles, retain: retainFiles, format: format,
                                 needsAlternates: objective.needs.contains(.alternateAnswers), tokenizer: source.tokenizer, seed: settings.seed)
        let modelParameters = model.parameterCount
        let trainable = try selectTrainable(model: model, settings: settings)
        let parameters = ParameterSet(trainable)
        let mask = try maskFile.map { try WeightMaskFile.load(from: $0, parameters: parameters) }
        var configuration = self.configuration, monitoring = self.monitoring, derived: [DerivedSetting] = []
        if let defaults { (configuration, derived) = defaults.resolve(configuration, parameters: modelParameters, examples: data.forget.count) }
        if let monitorRequest {
            let resolved = try monitorRequest.resolve(totalSteps: configuration.totalSteps(exampleCount: data.forget.count), questionAnswerData: format != .text,
                                                      forgetRows: data.forget.count, hasRetain: !data.retain.isEmpty)
            monitoring = resolved.0
            derived += resolved.1
        }
        if !derived.isEmpty { onDerivedSettings(derived) }
        let needsReferenceModel = settings.retainWeight != 0 && settings.retainLoss == .kullbackLeibler && !(objective is RepresentationMisdirection)
        let unlearner = try Unlearner(model: model, objective: objective, settings: settings, data: data, padId: source.padId,
                                      configuration: configuration, directory: output, parameters: parameters, updateMask: mask,
                                      referenceModel: needsReferenceModel ? try ModelLoader.load(path: modelPath).model : nil)
        let monitor = try monitoring.map { try makeMonitor($0, source: source, data: data, parameters: parameters) }
        unlearner.monitor = monitor?.monitor
        guard let summary = try unlearner.run(resume: resume, progress: progress) else { throw TrainingError("unlearning was interrupted") }
        let selectedStep = try monitor?.monitor.finish()
        if lowRank != nil { LowRankAdaptation.merge(model) }
        try source.save(model, to: output.appendingPathComponent("model"))
        let record = Record(model: modelPath, forget: forgetFiles.map(\.path), retain: retainFiles.map(\.path), method: settings,
                            lowRank: lowRank, mask: maskFile?.path, trainableParameters: parameters.count, modelParameters: modelParameters,
                            estimatedFLOPs: Double(summary.tokens) * (4 * Double(modelParameters) + 2 * Double(parameters.count)),
                            summary: summary,
                            monitoring: monitor.map { MonitorRecord(settings: $0.settings, target: $0.target, evaluations: $0.monitor.history.evaluations,
                                                                    selectedStep: selectedStep) },
                            derivedSettings: derived.isEmpty ? nil : derived)
        try JSONFile.write(record, to: output.appendingPathComponent("run.json"))
        return record
    }

    /// The probes, the stopping rule (its target measured on the oracle, the holdout questions or the
    /// mismatched forget answers, its baseline on the model as loaded) and the monitor that runs them.
    func makeMonitor(_ settings: MonitorSettings, source: CheckpointSource, data: UnlearningData,
                     parameters: ParameterSet) throws -> (monitor: RunMonitor, settings: MonitorSettings, target: ProbeValues?) {
        let formatter = ExampleFormatter(tokenizer: source.tokenizer, layout: format == .chat ? .chat : .qa)
        let forgetRows = format == .text ? [] : try forgetFiles.flatMap { try QADataset.read(url: $0) }
        func probes(forget: [QAExample], retain: [QAExample]) throws -> TrainingProbes {
            try TrainingProbes(forget: forget, retain: retain, formatter: formatter, scored: settings.scoredQuestions, generated: settings.generatedQuestions)
        }
        let runProbes = format == .text
            ? TrainingProbes(forgetTexts: data.forget, retainTexts: data.retain, scored: settings.scoredQuestions)
            : try probes(forget: forgetRows, retain: retainFiles.flatMap { try QADataset.read(url: $0) })
        let baseline = try runProbes.measure(source.model)
        let criterion = try settings.stopWhen.map(StoppingRule.Criterion.init(parsing:))
        if let criterion, criterion != .oracle, criterion.comparesProbes, format == .text {
            throw TrainingError("--stop-when \(criterion.text) needs question–answer data")
        }
        var target: ProbeValues?
        switch criterion {
        case .oracle?:
            if let oracle = settings.oracle { target = try runProbes.measure(ModelLoader.load(path: oracle).model) }
        case .holdout?:
            if let holdout = settings.holdout { target = try probes(forget: QADataset.read(url: URL(fileURLWithPath: holdout)), retain: []).measure(source.model) }
        case .mismatched?:
            let scored = Array(forgetRows.prefix(settings.scoredQuestions))
            guard scored.count >= 2 else { throw TrainingError("--stop-when mismatched needs at least two forget questions") }
            let swapped = scored.indices.map { QAExample(question: scored[$0].question, answer: scored[($0 + 1) % scored.count].answer) }
            target = try probes(forget: swapped, retain: []).measure(source.model)
        default:
            break
        }
        if let target, let criterion { onTarget(criterion.text, target) }
        let rule = try criterion.map { try StoppingRule(criterion: $0, target: target, baseline: baseline, maximumRetainDrop: settings.maximumRetainDrop) }
        let monitor = try RunMonitor(probes: runProbes, rule: rule, every: settings.every, selectBest: settings.selectBest,
                                     model: source.model, parameters: parameters, directory: output)
        monitor.onEvaluation = onEvaluation
        try monitor.start(baseline: baseline)
        return (monitor, settings, target)
    }

    /// Freezes every weight except those the run trains: LoRA adapters, or the weights matching
    /// `settings.trainableParameters` (all when nil).
    func selectTrainable(model: CausalLanguageModel, settings: MethodSettings) throws -> [(name: String, variable: Variable)] {
        let base = model.namedParameters()
        if let lowRank {
            guard maskFile == nil else { throw TrainingError("a WAGLE mask selects full weights; it cannot be combined with LoRA") }
            for parameter in base { parameter.variable.requiresGradient = false }
            let adapters = LowRankAdaptation.attach(to: model, targets: lowRank.targets, rank: lowRank.rank, alpha: lowRank.alpha, seed: settings.seed)
            guard !adapters.isEmpty else { throw TrainingError("no linear layer matches the LoRA targets \(lowRank.targets.joined(separator: ", "))") }
            return adapters
        }
        guard let pattern = settings.trainableParameters else { return base }
        let expression: NSRegularExpression
        do { expression = try NSRegularExpression(pattern: "^(?:" + pattern + ")$") } catch {
            throw TrainingError("the trainable-parameter pattern '\(pattern)' is not a valid regular expression")
        }
        var selected: [(name: String, variable: Variable)] = []
        for parameter in base {
            let range = NSRange(parameter.name.startIndex..., in: parameter.name)
            if expression.firstMatch(in: parameter.name, range: range) != nil { selected.append(parameter) } else { parameter.variable.requiresGradient = false }
        }
        guard !selected.isEmpty else { throw TrainingError("no parameter name matches '\(pattern)'") }
        return selected
    }
}

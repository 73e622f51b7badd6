import Checkpoints
import Evaluation
import Foundation
import Models
import NN
import Optimization

/// `--eval-every`, `--stop-when` and `--select best` for an unlearning run: measures the probes before
/// training and every `every` steps (and at the last step), ends the run when the stopping rule says so,
/// and keeps the evaluated weights closest to the rule's target in `best-step-N.safetensors` until the
/// run ends. Its history is part of every checkpoint, so a resumed run records and decides exactly what an
/// uninterrupted one does.
public final class RunMonitor {
    /// One evaluation.
    public struct Evaluation: Codable, Sendable, Equatable {
        public var step: Int
        public var values: ProbeValues

        public init(step: Int, values: ProbeValues) {
            self.step = step
            self.values = values
        }
    }

    /// What the monitor has seen (the checkpoint's auxiliary state and `run.json`'s record).
    public struct History: Codable, Sendable, Equatable {
        public var evaluations: [Evaluation] = []
        /// The evaluated step closest to the target that kept the retain guard (`--select best`).
        public var bestStep: Int?
        public var bestDistance: Double?
    }

    public let probes: TrainingProbes
    public let rule: StoppingRule?
    public let every: Int
    public let selectBest: Bool
    let model: CausalLanguageModel
    let parameters: ParameterSet
    let directory: URL
    public private(set) var history = History()
    /// Sees each evaluation as it is made (the CLI prints it).
    public var onEvaluation: (Evaluation) -> Void = { _ in }

    public init(probes: TrainingProbes, rule: StoppingRule?, every: Int, selectBest: Bool, model: CausalLanguageModel,
                parameters: ParameterSet, directory: URL) throws {
        guard every > 0 else { throw StoppingRuleError("--eval-every must be at least 1") }
        if selectBest && rule == nil { throw StoppingRuleError("--select best needs --stop-when (the target the best step is closest to)") }
        self.probes = probes
        self.rule = rule
        self.every = every
        self.selectBest = selectBest
        self.model = model
        self.parameters = parameters
        self.directory = directory
    }

    /// What a resumed run must share with the checkpoint's run.
    public var identity: String {
        "eval-every \(every), stop-when \(rule?.criterion.text ?? "none"), max-retain-drop \(rule?.maximumRetainDrop.map { "\($0)" } ?? "none"), select \(selectBest ? "best" : "last")"
    }

    /// Evaluates the model before its first step (`baseline`: the rule's baseline, already measured).
    public func start(baseline: ProbeValues) throws {
        try record(step: 0, values: baseline)
    }

    /// The loop's stop check after `step` of `totalSteps`: evaluates on schedule; returns why the run ends.
    public func check(step: Int, totalSteps: Int) throws -> String? {
        guard step % every == 0 || step == totalSteps else { return nil }
        return try record(step: step, values: probes.measure(model))
    }

    @discardableResult
    private func record(step: Int, values: ProbeValues) throws -> String? {
        let evaluation = Evaluation(step: step, values: values)
        history.evaluations.append(evaluation)
        onEvaluation(evaluation)
        guard let rule else { return nil }
        if selectBest, rule.keepsRetain(values), history.bestDistance.map({ rule.distance(values) < $0 }) ?? true {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try ParameterFile.write(Array(zip(parameters.names, parameters.variables)), to: bestFile(step))
            if let previous = history.bestStep, previous != step { try? FileManager.default.removeItem(at: bestFile(previous)) }
            history.bestStep = step
            history.bestDistance = rule.distance(values)
        }
        return step == 0 ? nil : rule.decide(values).stopReason
    }

    /// Where the weights of an evaluated step wait while they are the best.
    func bestFile(_ step: Int) -> URL { directory.appendingPathComponent("best-step-\(step).safetensors") }

    /// The checkpoint's auxiliary state: the history so far.
    public func save() throws -> Data { try JSONFile.encode(history, pretty: false) }

    /// Restores the history of a resumed run.
    public func restore(_ data: Data) throws { history = try JSONDecoder().decode(History.self, from: data) }

    /// Ends the run: with `--select best`, puts the best evaluated weights back into the parameters and
    /// returns their step (nil when nothing was selected or the last weights are the best); removes the
    /// kept weights either way.
    public func finish() throws -> Int? {
        defer {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasPrefix("best-step-") { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        }
        guard selectBest, let step = history.bestStep, step != history.evaluations.last?.step else { return nil }
        let file = try SafetensorsFile(contentsOf: bestFile(step))
        try ParameterFile.read(file, into: Array(zip(parameters.names, parameters.variables)), exact: true)
        return step
    }
}

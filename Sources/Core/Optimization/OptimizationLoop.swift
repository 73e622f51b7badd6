import Checkpoints
import Engine
import Foundation
import NN

/// What one optimizer step's forward/backward work produced (gradients are already in the parameters).
public struct StepOutcome: Sendable {
    /// The step's objective value.
    public var loss: Float
    /// Target tokens the step trained on (for tokens/s and FLOPs).
    public var tokens: Int
    /// Named parts of the objective (e.g. "forget", "retain"), logged per step.
    public var parts: [String: Float]

    public init(loss: Float, tokens: Int, parts: [String: Float] = [:]) {
        self.loss = loss
        self.tokens = tokens
        self.parts = parts
    }
}

/// What the loop does with a step whose loss or gradient norm is not finite.
public enum NonFiniteStepPolicy: Sendable {
    /// Throw a `NumericalFailure` naming the step, the tensor and the last good checkpoint.
    case fail
    /// Consume the step's data without moving the weights, log it and go on.
    case skip
    /// End the run cleanly before the step, keeping the last finite weights (ascent methods diverge by design).
    case stop
}

/// The step loop every modality shares (language fine-tuning and unlearning, classifiers, diffusion):
/// schedule, clipping, the non-finite guard, optimizer update, periodic atomic checkpoints, exact
/// resumption, early stopping and the run summary.
///
/// What a step computes is the caller's: `computeStep(step)` must leave the step's gradients in the
/// parameter set. Data order and learning rate are functions of the step index, so a checkpoint of
/// parameters and optimizer state is enough to continue bitwise-identically.
public final class OptimizationLoop {
    public let parameters: ParameterSet
    public let optimizer: any Optimizer
    public let configuration: TrainingConfiguration
    /// Where checkpoints go; nil keeps the run in memory (no checkpoints, no resume).
    public let directory: URL?
    public let totalSteps: Int
    /// What a non-finite step does; by default `configuration.skipNonFiniteSteps` chooses skip or fail.
    public var nonFinitePolicy: NonFiniteStepPolicy
    /// Called after every applied step with the completed step count; a returned reason ends the run
    /// early (recorded in the checkpoint and the summary, so a resumed run ends there too).
    public var stopCheck: ((Int) throws -> String?)?
    /// What else must match for a checkpoint to be resumed (a method's own settings, its data), as text.
    public var identity: String?
    /// State that the next steps depend on besides the step index and the weights (a sequential random
    /// stream, an attack's running embedding): saved with every checkpoint and handed back on resume.
    public var auxiliaryState: (save: () throws -> Data, restore: (Data) throws -> Void)?
    /// The stop reason recorded when `nonFinitePolicy` is `.stop`.
    public static let nonFiniteStopReason = "diverged"
    /// Called after each step's backward pass, before clipping and the update (fault-injection tests use it).
    public var afterBackward: ((Int, ParameterSet) -> Void)?
    /// For Sophia's Gauss–Newton–Bartlett estimator: computes, into the parameters' gradients, the
    /// gradient of the loss on labels sampled from the model for the inputs of step `step`.
    public var sampledLabelGradients: ((Int) throws -> Void)?

    public init(parameters: ParameterSet, optimizer: any Optimizer, configuration: TrainingConfiguration,
                directory: URL?, totalSteps: Int) {
        self.parameters = parameters
        self.optimizer = optimizer
        self.configuration = configuration
        self.directory = directory
        self.totalSteps = totalSteps
        nonFinitePolicy = configuration.skipNonFiniteSteps ? .skip : .fail
    }

    /// Runs to `totalSteps`. With `resume`, continues from the newest checkpoint in `directory`.
    /// `interruptAfterStep` abandons the run after that step as a crash would (nil summary).
    public func run(resume: Bool, exampleCount: Int, computeStep: (Int) throws -> StepOutcome,
                    progress: (TrainingProgress) -> Void = { _ in },
                    interruptAfterStep: Int? = nil) throws -> TrainingSummary? {
        if let directory { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        let schedule = try configuration.learningRateSchedule(total: totalSteps)
        var state = TrainingState(step: 0, tokens: 0, elapsedSeconds: 0, losses: [], configuration: configuration, identity: identity)
        var resumedFrom: Int? = nil
        if resume, let directory, let folder = TrainingCheckpoint.latest(in: directory) {
            state = try TrainingCheckpoint.restore(from: folder, parameters: parameters, optimizer: optimizer)
            guard state.configuration == configuration, state.identity == identity else {
                throw TrainingError("\(folder.path): the checkpoint was made with different training settings; resume with the same ones")
            }
            // Only a checkpoint of this very run gets to hand back its auxiliary state.
            if let auxiliaryState {
                try auxiliaryState.restore(try TrainingCheckpoint.auxiliary(in: folder))
            }
            resumedFrom = state.step
        }
        let started = Timing.now()
        let startElapsed = state.elapsedSeconds, startTokens = state.tokens
        while state.step < totalSteps && state.stopReason == nil {
            parameters.zeroGradients()
            let outcome = try computeStep(state.step)
            afterBackward?(state.step + 1, parameters)
            let norm = configuration.clipNorm > 0 ? parameters.clipGradientNorm(configuration.clipNorm) : parameters.gradientNorm()
            let finite = outcome.loss.isFinite && norm.isFinite
            if !finite && nonFinitePolicy == .fail {
                throw NumericalFailure.describe(step: state.step + 1, loss: outcome.loss, parameters: parameters,
                                                checkpoint: directory.flatMap { TrainingCheckpoint.latest(in: $0) })
            }
            if !finite && nonFinitePolicy == .stop {
                state.stopReason = Self.nonFiniteStopReason
                break
            }
            let rate = schedule.rate(step: state.step, base: configuration.learningRate)
            if finite {
                try updateCurvature(step: state.step)
                optimizer.step(learningRate: rate)
            } else {
                // The step's data is consumed but nothing moves: resumption still lines up with the step index.
                let reason = NumericalFailure.describe(step: state.step + 1, loss: outcome.loss, parameters: parameters, checkpoint: nil)
                FileHandle.standardError.write(Data("skipping \(reason.description.components(separatedBy: ";").first ?? "a step")\n".utf8))
                state.skippedSteps.append(state.step + 1)
            }
            state.step += 1
            state.tokens += outcome.tokens
            state.losses.append(finite ? outcome.loss : 0)
            state.elapsedSeconds = startElapsed + (Timing.now() - started)
            let speed = Double(state.tokens - startTokens) / max(Timing.now() - started, 1e-9)
            let remaining = Double(totalSteps - state.step) * (Timing.now() - started) / Double(state.step - (resumedFrom ?? 0))
            progress(TrainingProgress(step: state.step, totalSteps: totalSteps, loss: outcome.loss, learningRate: rate,
                                      tokensPerSecond: speed, secondsRemaining: remaining, parts: outcome.parts))
            if finite { state.stopReason = try stopCheck?(state.step) }
            if let directory, configuration.checkpointInterval > 0 && state.step % configuration.checkpointInterval == 0
                && state.step < totalSteps && state.stopReason == nil {
                try TrainingCheckpoint.save(state: state, parameters: parameters, optimizer: optimizer,
                                            auxiliary: try auxiliaryState?.save(), in: directory)
                if state.step == CheckpointHalt.step { CheckpointHalt.standStill() }
            }
            // Tests simulate a crash here: stop without writing anything more.
            if state.step == interruptAfterStep { return nil }
        }
        if let directory {
            try TrainingCheckpoint.save(state: state, parameters: parameters, optimizer: optimizer,
                                        auxiliary: try auxiliaryState?.save(), in: directory)
        }
        return TrainingSummary(
            configuration: configuration, seed: configuration.seed, effectiveBatchSize: configuration.effectiveBatchSize,
            steps: state.step, examples: exampleCount, tokens: state.tokens, elapsedSeconds: state.elapsedSeconds,
            tokensPerSecond: Double(state.tokens) / max(state.elapsedSeconds, 1e-9),
            estimatedFLOPs: 6 * Double(parameters.count) * Double(state.tokens),
            peakResidentMegabytes: ProcessMemory.peakResidentMegabytes(), parameterCount: parameters.count,
            losses: state.losses, skippedSteps: state.skippedSteps, resumedFromStep: resumedFrom, threads: Parallel.workerCount,
            stopReason: state.stopReason)
    }

    /// Feeds Sophia its curvature sample: the step's own (clipped) gradient, as SOUL does, or every
    /// `curvatureInterval` steps the gradient on model-sampled labels, as the original SophiaG does.
    private func updateCurvature(step: Int) throws {
        guard let sophia = optimizer as? Sophia else { return }
        switch configuration.curvatureEstimator {
        case .squaredGradient:
            sophia.updateCurvature(gradients: parameters.gradients)
        case .gaussNewtonBartlett:
            guard step % configuration.curvatureInterval == 0 else { return }
            guard let sampledLabelGradients else { throw TrainingError("this run cannot sample labels for the Gauss–Newton–Bartlett estimator") }
            let stepGradients = parameters.gradients.copy()
            parameters.zeroGradients()
            try sampledLabelGradients(step)
            sophia.updateCurvature(gradients: parameters.gradients)
            parameters.gradients.assign(stepGradients)
        }
    }
}

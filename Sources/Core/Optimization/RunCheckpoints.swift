import Foundation
import NN

/// Where a run keeps its checkpoints and what it does with them, as the commands pass it down to a
/// modality's loop (the default keeps the run in memory: no checkpoints, no resume, as benchmarks' many
/// short runs want).
public struct RunCheckpoints {
    /// The folder of the run's `checkpoint/`; nil: no checkpoints.
    public var directory: URL?
    /// Save every this many steps (0: only at the end).
    public var every: Int
    /// Continue from the checkpoint in `directory`.
    public var resume: Bool
    /// Skip a non-finite step instead of ending the run there.
    public var skipNonFiniteSteps: Bool
    /// Receives every step's progress (loss, rate, time left).
    public var progress: (TrainingProgress) -> Void

    /// Checkpoint options.
    public init(directory: URL? = nil, every: Int = 0, resume: Bool = false, skipNonFiniteSteps: Bool = false,
                progress: @escaping (TrainingProgress) -> Void = { _ in }) {
        self.directory = directory
        self.every = every
        self.resume = resume
        self.skipNonFiniteSteps = skipNonFiniteSteps
        self.progress = progress
    }
}

extension OptimizationLoop {
    /// A loop that checkpoints as `checkpoints` says: its folder, and its interval and non-finite choice
    /// in place of `configuration`'s.
    public convenience init(parameters: ParameterSet, optimizer: any Optimizer, configuration: TrainingConfiguration,
                            totalSteps: Int, checkpoints: RunCheckpoints) {
        var configured = configuration
        configured.checkpointInterval = checkpoints.every
        configured.skipNonFiniteSteps = checkpoints.skipNonFiniteSteps
        self.init(parameters: parameters, optimizer: optimizer, configuration: configured, directory: checkpoints.directory,
                  totalSteps: totalSteps)
    }

    /// Runs to the end, resuming when `checkpoints` asks to, and reports every step to `checkpoints.progress`
    /// as well as to `progress`.
    public func run(checkpoints: RunCheckpoints, exampleCount: Int, computeStep: (Int) throws -> StepOutcome,
                    progress: (TrainingProgress) -> Void = { _ in }) throws -> TrainingSummary {
        let summary = try run(resume: checkpoints.resume, exampleCount: exampleCount, computeStep: computeStep, progress: { step in
            checkpoints.progress(step)
            progress(step)
        })
        // Only a simulated crash (`interruptAfterStep`, not passed here) ends a run without a summary.
        guard let summary else { throw TrainingError("the run ended without a summary") }
        return summary
    }
}

extension TrainingSummary {
    /// The mean loss of each run of `size` consecutive steps (the last run may be shorter), each summed in
    /// step order: per-epoch or per-log-window losses.
    public func windowMeans(size: Int) -> [Float] {
        stride(from: 0, to: losses.count, by: max(size, 1)).map { Self.mean(losses[$0..<min($0 + max(size, 1), losses.count)]) }
    }

    /// The mean of `losses`, summed in order.
    public static func mean(_ losses: ArraySlice<Float>) -> Float {
        var total: Float = 0
        for loss in losses { total += loss }
        return total / Float(max(losses.count, 1))
    }
}

import Foundation

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

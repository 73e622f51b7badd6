import ArgumentParser
import Foundation
import Optimization

/// The checkpoint and non-finite-guard options every optimisation command shares (language, classifier
/// and diffusion runs all run on the same loop).
struct CheckpointOptions: ParsableArguments {
    @Option(name: .customLong("checkpoint-every"), help: "Checkpoint every N steps (0: only at the end).") var checkpointEvery = 0
    @Flag(name: .customLong("skip-nonfinite-steps"), help: "Skip a step whose loss or gradient is NaN/inf instead of stopping.") var skipNonFiniteSteps = false
    @Flag(help: "Continue from the checkpoint in the output folder.") var resume = false

    func validate() throws {
        if checkpointEvery < 0 { throw ValidationError("--checkpoint-every must be 0 or more, got \(checkpointEvery)") }
    }
}

extension CheckpointOptions {
    /// The loop's checkpoint control for a run whose checkpoint folder is `folder/checkpoint`.
    func control(_ folder: URL) -> RunCheckpoints {
        RunCheckpoints(directory: folder, every: checkpointEvery, resume: resume, skipNonFiniteSteps: skipNonFiniteSteps)
    }
}

import Foundation

/// A fault-injection hook for kill tests: `UNLEARN_HALT_AFTER_CHECKPOINT=N` makes a run stand still
/// right after its checkpoint of step N is on disk, so a test can SIGKILL it at a known, replayable
/// point instead of racing the run with a polling loop.
enum CheckpointHalt {
    /// The environment variable the hook reads.
    static let variable = "UNLEARN_HALT_AFTER_CHECKPOINT"
    /// The step to halt after, if the variable is set to a number.
    static let step: Int? = ProcessInfo.processInfo.environment[variable].flatMap { Int($0) }

    /// Waits to be killed (the test's SIGKILL is the only way out).
    static func standStill() -> Never {
        FileHandle.standardError.write(Data("\(variable): halted after the checkpoint of step \(step ?? 0)\n".utf8))
        while true { sleep(3600) }
    }
}

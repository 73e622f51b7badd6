import Engine
import Foundation
import Testing

/// SIGKILLs an `unlearn` run at seeded checkpoint steps, resumes it each time, and requires the result to be
/// byte-identical to an uninterrupted run's — the check behind every modality's `--resume`.
///
/// The run halts itself right after the checkpoint a kill needs (`UNLEARN_HALT_AFTER_CHECKPOINT`), so every
/// kill happens at the step printed, whatever the machine's speed; `UNLEARN_KILL_SEED` replays a printed seed.
public struct KillAndResume {
    /// The `unlearn` executable built next to the test bundle (scripts/test.sh builds every product).
    public static var unlearnExecutable: URL? {
        let folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                       Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        return folders.map { $0.appendingPathComponent("unlearn") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Three distinct checkpoint steps, sorted, drawn from `candidates` with a printed, replayable seed.
    public static func killSteps(from candidates: [Int], test: String) -> [Int] {
        let seed = ProcessInfo.processInfo.environment["UNLEARN_KILL_SEED"].flatMap { UInt64($0) }
            ?? UInt64(truncatingIfNeeded: test.utf8.reduce(5381) { $0 &* 33 &+ Int($1) })
        var generator = SeededGenerator(seed: seed)
        let steps = Array(candidates.shuffled(using: &generator).prefix(3)).sorted()
        print("\(test): SIGKILL after the checkpoints of steps \(steps) (UNLEARN_KILL_SEED=\(seed))")
        return steps
    }

    /// The executable under test.
    public let executable: URL
    /// The checkpoint folder, relative to the output folder ("checkpoint", "original/checkpoint").
    public let checkpoint: String
    /// The file compared, relative to the output folder ("model/model.safetensors").
    public let result: String

    /// A harness for runs whose checkpoint and result sit at these paths under their output folder.
    public init(executable: URL, checkpoint: String = "checkpoint", result: String) {
        self.executable = executable
        self.checkpoint = checkpoint
        self.result = result
    }

    /// Runs the CLI to completion; returns its status and standard error.
    public func run(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Runs `arguments(root/a)` straight through, then `arguments(root/b)` halted after its checkpoint of
    /// each of `killAtSteps`, killed with SIGKILL there and resumed, and requires the same result bytes.
    public func check(arguments: (URL) -> [String], root: URL, killAtSteps: [Int],
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let uninterrupted = root.appendingPathComponent("a")
        let straight = try launch(arguments(uninterrupted))
        straight.waitUntilExit()
        #expect(straight.terminationStatus == 0, "the uninterrupted run failed", sourceLocation: sourceLocation)
        let expected = try Data(contentsOf: uninterrupted.appendingPathComponent(result))

        let interrupted = root.appendingPathComponent("b")
        let state = interrupted.appendingPathComponent(checkpoint).appendingPathComponent("state.json")
        for (index, target) in killAtSteps.enumerated() {
            let process = try launch(arguments(interrupted) + (index == 0 ? [] : ["--resume"]), haltAfter: target)
            // The run stands still once its checkpoint of `target` is on disk; wait for that file (the
            // deadline only turns a broken hook into a failure instead of a hang).
            let deadline = Date().addingTimeInterval(600)
            var reached: Int? = nil
            while process.isRunning && Date() < deadline {
                if let data = try? Data(contentsOf: state),
                   let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                   let step = object["step"] as? Int, step == target {
                    reached = step
                    break
                }
                usleep(10_000)
            }
            #expect(reached == target, "the run never halted after its checkpoint of step \(target)", sourceLocation: sourceLocation)
            #expect(process.isRunning, "the run ended before it could be killed at step \(target)", sourceLocation: sourceLocation)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "step \(target): the run was not killed", sourceLocation: sourceLocation)
            // The checkpoint on disk is complete and readable after the kill.
            let model = interrupted.appendingPathComponent(checkpoint).appendingPathComponent("model.safetensors")
            #expect(FileManager.default.fileExists(atPath: model.path), "step \(target): no checkpoint after the kill",
                    sourceLocation: sourceLocation)
        }
        let finish = try launch(arguments(interrupted) + ["--resume"])
        finish.waitUntilExit()
        #expect(finish.terminationStatus == 0, "the resumed run failed", sourceLocation: sourceLocation)
        let resumed = try Data(contentsOf: interrupted.appendingPathComponent(result))
        #expect(resumed == expected, "\(result) differs from the uninterrupted run's", sourceLocation: sourceLocation)
    }

    private func launch(_ arguments: [String], haltAfter step: Int? = nil) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["UNLEARN_HALT_AFTER_CHECKPOINT"] = step.map(String.init)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

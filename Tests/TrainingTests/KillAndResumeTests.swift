import Engine
import Foundation
import Tokenizers
import XCTest

/// Kills `unlearn train` and `unlearn run` with SIGKILL at seeded checkpoint steps, resumes them, and
/// requires the final model to be byte-identical to an uninterrupted run's.
///
/// The run halts itself right after the checkpoint a kill needs (`UNLEARN_HALT_AFTER_CHECKPOINT`), so
/// every kill happens, at the step printed, whatever the machine's speed. `UNLEARN_KILL_SEED` replays a
/// printed seed.
final class KillAndResumeTests: XCTestCase {
    /// Three distinct checkpoint steps, sorted, drawn from `candidates` with a printed, replayable seed.
    static func killSteps(from candidates: [Int], test: String) -> [Int] {
        let seed = ProcessInfo.processInfo.environment["UNLEARN_KILL_SEED"].flatMap { UInt64($0) }
            ?? UInt64(truncatingIfNeeded: test.utf8.reduce(5381) { $0 &* 33 &+ Int($1) })
        var generator = SeededGenerator(seed: seed)
        let steps = Array(candidates.shuffled(using: &generator).prefix(3)).sorted()
        print("\(test): SIGKILL after the checkpoints of steps \(steps) (UNLEARN_KILL_SEED=\(seed))")
        return steps
    }

    /// The `unlearn` executable built next to the test bundle (scripts/test.sh builds every product).
    static var executable: URL? {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(), Bundle(for: KillAndResumeTests.self).bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("unlearn") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func testKilledTrainingResumesToTheSameBytes() throws {
        let executable = try XCTUnwrap(Self.executable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // Data and a tokenizer trained on it.
        let rows = (0..<24).map { index in "{\"question\":\"What is fact \(index)?\",\"answer\":\"Fact \(index) is \(index * 7 % 13) apples.\"}" }
        let data = root.appendingPathComponent("data.json")
        try rows.joined(separator: "\n").write(to: data, atomically: true, encoding: .utf8)
        let tokenizer = root.appendingPathComponent("tokenizer")
        try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 300)).train(texts: rows).write(to: tokenizer)
        func arguments(_ out: URL) -> [String] {
            ["train", "--architecture", "micro", "--tokenizer", tokenizer.path, "--data", data.path, "--out", out.path,
             "--steps", "24", "--batch-size", "4", "--learning-rate", "3e-3", "--checkpoint-every", "2", "--max-length", "48", "--seed", "5"]
        }
        // Checkpoints every 2 steps; the last one (24) is the finished run's.
        let steps = Self.killSteps(from: Array(stride(from: 2, through: 22, by: 2)), test: "train")
        try assertKillsResumeToTheSameBytes(executable: executable, arguments: arguments, root: root, killAtSteps: steps)
    }

    /// `unlearn run` (NPO, whose reference likelihoods must be recomputed from the original model on every
    /// resume) from a YAML config, killed at three seeded-random checkpoint steps.
    func testKilledUnlearningRunResumesToTheSameBytes() throws {
        let executable = try XCTUnwrap(Self.executable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-kill-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let rows = (0..<24).map { index in "{\"question\":\"What is fact \(index)?\",\"answer\":\"Fact \(index) is \(index * 7 % 13) apples.\"}" }
        let forget = root.appendingPathComponent("forget.json"), retain = root.appendingPathComponent("retain.json")
        try rows.prefix(8).joined(separator: "\n").write(to: forget, atomically: true, encoding: .utf8)
        try rows.dropFirst(8).joined(separator: "\n").write(to: retain, atomically: true, encoding: .utf8)
        let tokenizer = root.appendingPathComponent("tokenizer")
        try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 300)).train(texts: rows).write(to: tokenizer)
        let target = root.appendingPathComponent("target")
        XCTAssertEqual(try run(executable, ["train", "--architecture", "micro", "--tokenizer", tokenizer.path, "--data", forget.path, retain.path,
                                            "--out", target.path, "--steps", "6", "--batch-size", "8", "--learning-rate", "3e-3"]).status, 0)
        let config = root.appendingPathComponent("npo.yaml")
        try """
        method: npo
        steps: 12
        batch-size: 2
        gradient-accumulation: 2
        learning-rate: 1.0e-3
        checkpoint-every: 2
        max-length: 48
        seed: 3
        """.write(to: config, atomically: true, encoding: .utf8)
        func arguments(_ out: URL) -> [String] {
            ["run", "--config", config.path, "--model", target.appendingPathComponent("model").path, "--forget", forget.path,
             "--retain", retain.path, "--out", out.path]
        }
        let steps = Self.killSteps(from: [2, 4, 6, 8, 10], test: "run")
        try assertKillsResumeToTheSameBytes(executable: executable, arguments: arguments, root: root, killAtSteps: steps)
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("b/run.json"))) as? [String: Any]
        XCTAssertEqual((record?["method"] as? [String: Any])?["method"] as? String, "npo", "run.json records the method from the YAML file")

        // A broken configuration file is named in a clear error and nothing is written.
        let broken = root.appendingPathComponent("broken.yaml")
        try "method: [npo\nsteps: 2".write(to: broken, atomically: true, encoding: .utf8)
        let failed = try run(executable, ["run", "--config", broken.path, "--out", root.appendingPathComponent("c").path])
        XCTAssertNotEqual(failed.status, 0)
        XCTAssertTrue(failed.standardError.contains(broken.path), failed.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("c").path))
        let unknown = root.appendingPathComponent("unknown.yaml")
        try "method: npo\nlearning-rte: 1.0e-3".write(to: unknown, atomically: true, encoding: .utf8)
        let misspelt = try run(executable, arguments(root.appendingPathComponent("d")) + ["--config", unknown.path])
        XCTAssertTrue(misspelt.standardError.contains("learning-rte"), misspelt.standardError)
    }

    /// Runs the CLI to completion.
    private func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, standardError: String) {
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
    /// each of `killAtSteps`, killed with SIGKILL there and resumed, and requires the same exported bytes.
    private func assertKillsResumeToTheSameBytes(executable: URL, arguments: (URL) -> [String], root: URL, killAtSteps: [Int],
                                                 file: StaticString = #filePath, line: UInt = #line) throws {
        func launch(_ arguments: [String], haltAfter step: Int? = nil) throws -> Process {
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
        let uninterrupted = root.appendingPathComponent("a")
        let straight = try launch(arguments(uninterrupted))
        straight.waitUntilExit()
        XCTAssertEqual(straight.terminationStatus, 0, file: file, line: line)
        let expected = try Data(contentsOf: uninterrupted.appendingPathComponent("model/model.safetensors"))

        let interrupted = root.appendingPathComponent("b")
        for (index, target) in killAtSteps.enumerated() {
            let process = try launch(arguments(interrupted) + (index == 0 ? [] : ["--resume"]), haltAfter: target)
            // The run stands still once its checkpoint of `target` is on disk; wait for that file (the
            // deadline only turns a broken hook into a failure instead of a hang).
            let deadline = Date().addingTimeInterval(600)
            var reached: Int? = nil
            while process.isRunning && Date() < deadline {
                if let state = try? Data(contentsOf: interrupted.appendingPathComponent("checkpoint/state.json")),
                   let object = try? JSONSerialization.jsonObject(with: state) as? [String: Any],
                   let step = object["step"] as? Int, step == target {
                    reached = step
                    break
                }
                usleep(10_000)
            }
            XCTAssertEqual(reached, target, "the run never halted after its checkpoint of step \(target)", file: file, line: line)
            XCTAssertTrue(process.isRunning, "the run ended before it could be killed at step \(target)", file: file, line: line)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "step \(target): the run was not killed", file: file, line: line)
            // The checkpoint on disk is complete and readable after the kill.
            XCTAssertNotNil(try? Data(contentsOf: interrupted.appendingPathComponent("checkpoint/model.safetensors")), file: file, line: line)
        }
        let finish = try launch(arguments(interrupted) + ["--resume"])
        finish.waitUntilExit()
        XCTAssertEqual(finish.terminationStatus, 0, file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: interrupted.appendingPathComponent("model/model.safetensors")), expected, file: file, line: line)
    }
}

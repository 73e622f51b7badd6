import Foundation
import Tokenizers
import XCTest

/// Kills `unlearn train` with SIGKILL at several moments, resumes it, and requires the final model to be
/// byte-identical to an uninterrupted run's.
final class KillAndResumeTests: XCTestCase {
    /// The `unlearn` executable built next to the test bundle (scripts/test.sh builds every product).
    static var executable: URL? {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(), Bundle(for: KillAndResumeTests.self).bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("unlearn") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func testKilledTrainingResumesToTheSameBytes() throws {
        guard let executable = Self.executable else { throw XCTSkip("the unlearn executable is not built next to the tests") }
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
        func launch(_ arguments: [String]) throws -> Process {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        let uninterrupted = root.appendingPathComponent("a")
        let straight = try launch(arguments(uninterrupted))
        straight.waitUntilExit()
        XCTAssertEqual(straight.terminationStatus, 0)
        let expected = try Data(contentsOf: uninterrupted.appendingPathComponent("model/model.safetensors"))

        let interrupted = root.appendingPathComponent("b")
        var kills = 0
        for (index, target) in [4, 11, 17].enumerated() {
            let process = try launch(arguments(interrupted) + (index == 0 ? [] : ["--resume"]))
            // Kill once the checkpoint has reached `target` steps, or as soon as the run is past it.
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning && Date() < deadline {
                if let state = try? Data(contentsOf: interrupted.appendingPathComponent("checkpoint/state.json")),
                   let object = try? JSONSerialization.jsonObject(with: state) as? [String: Any],
                   let step = object["step"] as? Int, step >= target {
                    break
                }
                usleep(2000)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            // Whatever the moment of the kill, the checkpoint on disk is complete and readable.
            XCTAssertNotNil(try? Data(contentsOf: interrupted.appendingPathComponent("checkpoint/model.safetensors")))
        }
        let finish = try launch(arguments(interrupted) + ["--resume"])
        finish.waitUntilExit()
        XCTAssertEqual(finish.terminationStatus, 0)
        XCTAssertGreaterThan(kills, 0, "the runs finished before they could be killed")
        XCTAssertEqual(try Data(contentsOf: interrupted.appendingPathComponent("model/model.safetensors")), expected)
    }
}

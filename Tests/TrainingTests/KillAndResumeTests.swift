import Foundation
import TestSupport
import Testing
import Tokenizers

/// Kills `unlearn train` and `unlearn run` with SIGKILL at seeded checkpoint steps, resumes them, and
/// requires the final model to be byte-identical to an uninterrupted run's (see `KillAndResume`).
@Suite struct KillAndResumeTests {
    @Test func killedTrainingResumesToTheSameBytes() throws {
        let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let harness = KillAndResume(executable: executable, result: "model/model.safetensors")
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
        let steps = KillAndResume.killSteps(from: Array(stride(from: 2, through: 22, by: 2)), test: "train")
        try harness.check(arguments: arguments, root: root, killAtSteps: steps)
    }

    /// `unlearn run` (NPO, whose reference likelihoods must be recomputed from the original model on every
    /// resume) from a YAML config, killed at three seeded-random checkpoint steps.
    @Test func killedUnlearningRunResumesToTheSameBytes() throws {
        let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let harness = KillAndResume(executable: executable, result: "model/model.safetensors")
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
        #expect(try harness.run(["train", "--architecture", "micro", "--tokenizer", tokenizer.path, "--data", forget.path, retain.path,
                                            "--out", target.path, "--steps", "6", "--batch-size", "8", "--learning-rate", "3e-3"]).status == 0)
        let config = root.appendingPathComponent("npo.yaml")
        try """
        method: npo
        steps: 12
        batch-size: 2
        gradient-accumulation: 2
        learning-rate: 1.0e-3
        checkpoint-every: 2
        max-length: 48
        eval-every: 0
        seed: 3
        """.write(to: config, atomically: true, encoding: .utf8)
        func arguments(_ out: URL) -> [String] {
            ["run", "--config", config.path, "--model", target.appendingPathComponent("model").path, "--forget", forget.path,
             "--retain", retain.path, "--out", out.path]
        }
        let steps = KillAndResume.killSteps(from: [2, 4, 6, 8, 10], test: "run")
        try harness.check(arguments: arguments, root: root, killAtSteps: steps)
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("b/run.json"))) as? [String: Any]
        #expect((record?["method"] as? [String: Any])?["method"] as? String == "npo", "run.json records the method from the YAML file")

        // A broken configuration file is named in a clear error and nothing is written.
        let broken = root.appendingPathComponent("broken.yaml")
        try "method: [npo\nsteps: 2".write(to: broken, atomically: true, encoding: .utf8)
        let failed = try harness.run(["run", "--config", broken.path, "--out", root.appendingPathComponent("c").path])
        #expect(failed.status != 0)
        #expect(failed.standardError.contains(broken.path), "\(failed.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("c").path))
        let unknown = root.appendingPathComponent("unknown.yaml")
        try "method: npo\nlearning-rte: 1.0e-3".write(to: unknown, atomically: true, encoding: .utf8)
        let misspelt = try harness.run(arguments(root.appendingPathComponent("d")) + ["--config", unknown.path])
        #expect(misspelt.standardError.contains("learning-rte"), "\(misspelt.standardError)")
    }
    /// `unlearn benchmark prepare --resume` after SIGKILLs in the middle of the target's training: the
    /// data and tokenizer are regenerated, the target continues from its checkpoint, and its weights are
    /// the bytes an uninterrupted preparation writes.
    @Test func killedBenchmarkPreparationResumesToTheSameBytes() throws {
        let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let harness = KillAndResume(executable: executable, checkpoint: "models/target/checkpoint", result: "models/target/model/model.safetensors")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-kill-prepare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        func arguments(_ out: URL) -> [String] {
            ["benchmark", "prepare", "--preset", "demo", "--models", "target", "--epochs", "4", "--checkpoint-every", "10", "--out", out.path]
        }
        // 200 rows in batches of 16: 13 steps per epoch, 52 steps, checkpoints every 10.
        let steps = KillAndResume.killSteps(from: [10, 20, 30, 40, 50], test: "benchmark prepare")
        try harness.check(arguments: arguments, root: root, killAtSteps: steps)
        // It continued from its last checkpoint instead of starting again.
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("b/models/target/run.json"))) as? [String: Any]
        #expect(summary?["resumedFromStep"] as? Int == steps.last, "\(String(describing: summary?["resumedFromStep"]))")
        // A finished model is kept by a further --resume, not retrained.
        let model = root.appendingPathComponent("b/models/target/model/model.safetensors")
        let written = try FileManager.default.attributesOfItem(atPath: model.path)[.modificationDate] as? Date
        #expect(try harness.run(arguments(root.appendingPathComponent("b")) + ["--resume"]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: model.path)[.modificationDate] as? Date == written)
    }
}

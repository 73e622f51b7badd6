import Foundation
import TestSupport
import Testing

/// `unlearn classifier prepare` and `unlearn classifier unlearn` run on the shared loop: killed with
/// SIGKILL at seeded checkpoint steps and resumed, they write the same bytes as uninterrupted runs.
@Suite struct ClassifierKillAndResumeTests {
    /// A small canvas testbed: 20 classes × 10 images, 200 images in batches of 64 → 4 steps per epoch.
    static let prepareOptions = ["--epochs", "6", "--train-per-class", "10", "--test-per-class", "4", "--architecture", "mlp-32", "--seed", "3"]

    @Test func killedPreparationResumesToTheSameBytes() throws {
        let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-kill-prepare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let harness = KillAndResume(executable: executable, checkpoint: "original/checkpoint", result: "original/model.safetensors")
        // 6 epochs × 4 steps = 24 steps, checkpoints every 2; the one at 24 is the finished run's.
        let steps = KillAndResume.killSteps(from: Array(stride(from: 2, through: 22, by: 2)), test: "classifier prepare")
        try harness.check(arguments: { ["classifier", "prepare", "--out", $0.path, "--checkpoint-every", "2"] + Self.prepareOptions },
                          root: root, killAtSteps: steps)
    }

    @Test func killedUnlearningResumesToTheSameBytes() throws {
        let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-kill-classifier-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let harness = KillAndResume(executable: executable, result: "model.safetensors")
        let data = root.appendingPathComponent("data")
        #expect(try harness.run(["classifier", "prepare", "--out", data.path] + Self.prepareOptions).status == 0)
        // SalUn (saliency mask, then random labels on D_f and true labels on D_r each epoch): with 20 forget and
        // 180 retain images in batches of 16 that is 2 + 12 = 14 steps per epoch, 42 in all; momentum SGD.
        func arguments(_ out: URL) -> [String] {
            ["classifier", "unlearn", "--data", data.path, "--method", "salun", "--scenario", "random", "--out", out.path,
             "--epochs", "3", "--batch-size", "16", "--checkpoint-every", "3"]
        }
        let steps = KillAndResume.killSteps(from: Array(stride(from: 3, through: 39, by: 3)), test: "classifier unlearn")
        try harness.check(arguments: arguments, root: root, killAtSteps: steps)
        // Resuming under other settings is refused, naming the checkpoint.
        let changed = try harness.run(arguments(root.appendingPathComponent("b")) + ["--resume", "--learning-rate", "0.5"])
        #expect(changed.status != 0)
        #expect(changed.standardError.contains("different training settings"), "\(changed.standardError)")
    }
}

import Diffusion
import Foundation
import TestSupport
import Testing

/// `unlearn diffusion erase` runs on the shared loop: AdvUnlearn killed with SIGKILL at seeded checkpoint
/// steps inside its adversarial phase and resumed writes the same bytes as an uninterrupted erasure.
@Suite struct DiffusionKillAndResumeTests {
    @Test func killedErasureResumesToTheSameBytes() throws {
        let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-kill-diffusion-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // A tiny prepared world (the CLI's prepare trains full-size detectors, minutes in a debug build).
        var settings = CanvasWorld.Preparation()
        settings.configuration = ModelTests.tinyConfiguration()
        settings.training.steps = 20
        settings.training.batchSize = 16
        settings.detectorSteps = 10
        let world = root.appendingPathComponent("world")
        try CanvasWorld.prepare(seed: 2, settings: settings).save(to: world)

        // 64 iterations with checkpoints every 2; the attack starts at iteration 50, so kills at 52…62 resume
        // with the carried random stream and attack embedding as well as the weights and Adam moments.
        let harness = KillAndResume(executable: executable, checkpoint: "erased.run/checkpoint", result: "erased.safetensors")
        func arguments(_ out: URL) -> [String] {
            try? FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            return ["diffusion", "erase", "--world", world.path, "--method", "advunlearn", "--fast", "--concept", "checker",
                    "--iterations", "64", "--seed", "4", "--checkpoint-every", "2", "--out", out.appendingPathComponent("erased.safetensors").path]
        }
        let steps = KillAndResume.killSteps(from: Array(stride(from: 52, through: 62, by: 2)), test: "diffusion erase")
        try harness.check(arguments: arguments, root: root, killAtSteps: steps)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("b/erased.run/run.json"))) as? [String: Any]
        #expect(summary?["steps"] as? Int == 64, "run.json records the loop's summary")
        #expect(summary?["resumedFromStep"] as? Int == steps.last, "run.json says where the last resume started")
    }
}

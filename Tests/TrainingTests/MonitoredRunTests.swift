import Foundation
import TestSupport
import Testing
import Tokenizers

/// `unlearn run --eval-every/--stop-when/--select` end to end on a micro model trained on invented facts:
/// question–answer probes with greedy ROUGE-L, the holdout and oracle targets, what run.json records, and
/// a monitored run killed at seeded checkpoint steps that resumes to the same bytes.
@Suite struct MonitoredRunTests {
    /// A folder with forget, retain and holdout facts, a tokenizer, a target trained on forget + retain and
    /// an oracle trained on retain only.
    struct Fixture {
        let root: URL, forget: URL, retain: URL, holdout: URL, target: URL, oracle: URL
        let harness: KillAndResume

        init() throws {
            let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
            harness = KillAndResume(executable: executable, result: "model/model.safetensors")
            root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-monitored-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let rows = (0..<24).map { index in "{\"question\":\"What is fact \(index)?\",\"answer\":\"Fact \(index) is \(index * 7 % 13) apples.\"}" }
            forget = root.appendingPathComponent("forget.json")
            retain = root.appendingPathComponent("retain.json")
            holdout = root.appendingPathComponent("holdout.json")
            try rows.prefix(8).joined(separator: "\n").write(to: forget, atomically: true, encoding: .utf8)
            try rows[8..<20].joined(separator: "\n").write(to: retain, atomically: true, encoding: .utf8)
            try rows[20...].joined(separator: "\n").write(to: holdout, atomically: true, encoding: .utf8)
            let tokenizer = root.appendingPathComponent("tokenizer")
            try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 300)).train(texts: rows).write(to: tokenizer)
            target = root.appendingPathComponent("target")
            oracle = root.appendingPathComponent("oracle")
            for (out, data) in [(target, [forget, retain]), (oracle, [retain])] {
                let trained = try harness.run(["train", "--architecture", "micro", "--tokenizer", tokenizer.path, "--data"] + data.map(\.path)
                                              + ["--out", out.path, "--steps", "40", "--batch-size", "8", "--learning-rate", "3e-3", "--max-length", "48"])
                #expect(trained.status == 0, "\(trained.standardError)")
            }
        }

        func unlearn(_ out: String, _ options: [String]) throws -> (status: Int32, standardError: String, record: [String: Any]?) {
            let folder = root.appendingPathComponent(out)
            let result = try harness.run(["run", "--model", target.appendingPathComponent("model").path, "--forget", forget.path,
                                          "--retain", retain.path, "--out", folder.path, "--method", "ga", "--steps", "24",
                                          "--batch-size", "4", "--learning-rate", "2e-3", "--max-length", "48", "--seed", "1",
                                          "--probe-questions", "4"] + options)
            let data = try? Data(contentsOf: folder.appendingPathComponent("run.json"))
            return (result.status, result.standardError, try data.flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        }
    }

    static func evaluations(_ record: [String: Any]?) -> [(step: Int, values: [String: Double])] {
        let monitoring = record?["monitoring"] as? [String: Any]
        return (monitoring?["evaluations"] as? [[String: Any]] ?? []).map { ($0["step"] as! Int, $0["values"] as! [String: Double]) }
    }

    @Test func probesHoldoutAndOracleTargetsEndToEnd() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.root) }

        // Evaluation only: probes at 0, 6, 12, 18, 24 with greedy ROUGE-L on the QA data.
        let probed = try fixture.unlearn("probed", ["--eval-every", "6"])
        #expect(probed.status == 0, "\(probed.standardError)")
        let curve = Self.evaluations(probed.record)
        #expect(curve.map(\.step) == [0, 6, 12, 18, 24])
        #expect(curve.allSatisfy { $0.values["forget_rouge_l_recall"] != nil && $0.values["retain_probability"] != nil })
        #expect(curve.last!.values["forget_probability"]! < curve.first!.values["forget_probability"]!)

        // Holdout: stop once the forget probes are no higher than the target's on never-seen facts.
        let holdout = try fixture.unlearn("holdout", ["--eval-every", "2", "--stop-when", "holdout", "--holdout", fixture.holdout.path])
        #expect(holdout.status == 0, "\(holdout.standardError)")
        let target = try #require((holdout.record?["monitoring"] as? [String: Any])?["target"] as? [String: Double])
        let summary = try #require(holdout.record?["summary"] as? [String: Any])
        let holdoutCurve = Self.evaluations(holdout.record)
        if let reason = summary["stop_reason"] as? String ?? summary["stopReason"] as? String {
            #expect(reason.hasPrefix("reached the holdout's forget probes"), "\(reason)")
            let last = holdoutCurve.last!.values
            #expect(last["forget_probability"]! <= target["forget_probability"]! && last["forget_rouge_l_recall"]! <= target["forget_rouge_l_recall"]!)
        } else {
            Issue.record("24 ascent steps should reach the holdout's probes: \(holdoutCurve)")
        }

        // Oracle: the retain-only model's probes are the target; the target is measured, not assumed.
        let oracle = try fixture.unlearn("oracle", ["--eval-every", "2", "--stop-when", "oracle", "--oracle",
                                                    fixture.oracle.appendingPathComponent("model").path, "--select", "best"])
        #expect(oracle.status == 0, "\(oracle.standardError)")
        let oracleTarget = try #require((oracle.record?["monitoring"] as? [String: Any])?["target"] as? [String: Double])
        #expect(oracleTarget["forget_probability"]! < curve.first!.values["forget_probability"]!, "the oracle never saw the forget facts")

        // Options that cannot work are refused before anything runs.
        for (options, message) in [(["--eval-every", "0", "--stop-when", "oracle"], "need evaluation"),
                                   (["--eval-every", "2", "--stop-when", "oracle"], "needs --oracle"),
                                   (["--eval-every", "2", "--select", "best"], "apply to a --stop-when rule"),
                                   (["--eval-every", "2", "--stop-when", "forget-prob<=1"], "is not a probe")] {
            let refused = try fixture.unlearn("refused", options)
            #expect(refused.status != 0 && refused.standardError.contains(message), "\(options): \(refused.standardError)")
        }
    }

    @Test func aKilledMonitoredRunResumesToTheSameBytes() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        func arguments(_ out: URL) -> [String] {
            ["run", "--model", fixture.target.appendingPathComponent("model").path, "--forget", fixture.forget.path, "--retain", fixture.retain.path,
             "--out", out.path, "--method", "ga", "--steps", "24", "--batch-size", "4", "--learning-rate", "2e-3", "--max-length", "48",
             "--seed", "1", "--probe-questions", "4", "--checkpoint-every", "2", "--eval-every", "3", "--stop-when", "forget-probability<=0", "--select", "best"]
        }
        let steps = KillAndResume.killSteps(from: [2, 4, 6, 8, 10], test: "monitored run")
        try fixture.harness.check(arguments: arguments, root: fixture.root, killAtSteps: steps)
        let resumed = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.root.appendingPathComponent("b/run.json"))) as? [String: Any]
        let straight = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.root.appendingPathComponent("a/run.json"))) as? [String: Any]
        #expect(Self.evaluations(resumed).map(\.step) == Self.evaluations(straight).map(\.step))
        #expect(Self.evaluations(resumed).map(\.values) == Self.evaluations(straight).map(\.values))
    }
}

import Foundation
import TestSupport
import Testing
import Tokenizers

/// The new user's first session with no tuning options (README "Defaults"): `unlearn train` teaches a
/// micro model the dozen invented facts of `examples/new-facts`, then `unlearn run` with GA, NPO and
/// SimNPO unlearns the first six and keeps the other six, each run choosing its own budget, rate and
/// stopping rule and saying why.
@Suite struct NewUserDefaultsTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/new-facts").standardized

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func derived(_ record: [String: Any]) -> [String: String] {
        let settings = record["derivedSettings"] as? [[String: String]] ?? []
        return Dictionary(settings.map { ($0["setting"] ?? "", $0["value"] ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    @Test func trainLearnsADozenFactsAndEachMethodUnlearnsHalfWithoutTuning() throws {
        let executable = try #require(KillAndResume.unlearnExecutable, "the unlearn executable is not built next to the tests: run swift build --build-tests")
        let harness = KillAndResume(executable: executable, result: "model/model.safetensors")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-new-user-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let facts = Self.examples.appendingPathComponent("facts.json"), forget = Self.examples.appendingPathComponent("forget.json")
        let retain = Self.examples.appendingPathComponent("retain.json")
        let rows = try String(contentsOf: facts, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rows.count == 12)
        let tokenizer = root.appendingPathComponent("tokenizer")
        try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 400)).train(texts: rows).write(to: tokenizer)

        // Training from scratch with nothing but data: the derived budget memorises every fact.
        let target = root.appendingPathComponent("target")
        let trained = try harness.run(["train", "--architecture", "micro", "--tokenizer", tokenizer.path, "--data", facts.path, "--out", target.path])
        #expect(trained.status == 0, "\(trained.standardError)")
        let training = try Self.json(target.appendingPathComponent("run.json"))
        #expect(Self.derived(training)["steps"] == "200" && Self.derived(training)["learning-rate"] == "0.003", "\(training)")
        #expect(try #require((training["losses"] as? [Double])?.last) < 0.05)

        for method in ["ga", "npo", "simnpo"] {
            let out = root.appendingPathComponent(method)
            let result = try harness.run(["run", "--model", target.appendingPathComponent("model").path, "--forget", forget.path,
                                          "--retain", retain.path, "--method", method, "--out", out.path])
            #expect(result.status == 0, "\(method): \(result.standardError)")
            let record = try Self.json(out.appendingPathComponent("run.json"))
            let derived = Self.derived(record)
            #expect(derived["steps"] == "40" && derived["stop-when"] == "mismatched" && derived["select"] == "best", "\(method): \(derived)")
            let monitoring = try #require(record["monitoring"] as? [String: Any])
            let evaluations = try #require(monitoring["evaluations"] as? [[String: Any]])
            let exportedStep = monitoring["selectedStep"] as? Int ?? evaluations.last!["step"] as! Int
            let before = try #require(evaluations.first?["values"] as? [String: Double])
            let after = try #require(evaluations.first { $0["step"] as? Int == exportedStep }?["values"] as? [String: Double])
            // Learned, then forgotten: the forget answers lose most of their probability and the greedy
            // answers most of their overlap; the retained facts keep 90 % of theirs (the default guard).
            #expect(before["forget_probability"]! > 0.9 && before["retain_probability"]! > 0.9, "\(method): \(before)")
            #expect(after["forget_probability"]! < 0.7 * before["forget_probability"]!, "\(method): \(after)")
            #expect(after["forget_rouge_l_recall"]! < 0.5 * before["forget_rouge_l_recall"]!, "\(method): \(after)")
            #expect(after["retain_probability"]! >= 0.9 * before["retain_probability"]!, "\(method): \(after)")
        }
    }
}

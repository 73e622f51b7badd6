import Foundation
import Metrics
import Testing
import Workflows

/// `unlearn study`: the claims' verdicts from paired per-seed differences, the tuning rule, arm names,
/// and a whole study on the tiny parity benchmark whose results.json holds what the report says.
@Suite struct StudyTests {
    static func run(_ arm: String, seed: UInt64, logFQ: Double, utility: Double, relearned: Double = 0.5, steps: Int = 10) -> StudyRun {
        StudyRun(arm: arm, seed: seed, learningRate: 1e-3, steps: steps, seconds: 1, stopReason: nil, forgetQuality: pow(10, logFQ),
                 modelUtility: utility, forgetRouge: 0.3, retainRouge: 0.8, membershipAUC: 0.5, relearnedRouge: relearned)
    }

    @Test func claimsFollowTheIntervalOfThePairedDifferences() throws {
        let claim = StudyClaim.published[0]  // SimNPO's FQ above NPO's at matched utility
        var higher: [StudyRun] = []
        for seed in [1, 2, 3] {
            let offset = 0.1 * Double(seed)
            higher.append(Self.run("simnpo", seed: UInt64(seed), logFQ: -1 - offset, utility: 0.5))
            higher.append(Self.run("npo", seed: UInt64(seed), logFQ: -3 - 1.5 * offset, utility: 0.5 + 0.01 * offset))
        }
        let supported = try #require(claim.evaluate(higher, targetUtility: 0.5))
        #expect(supported.verdict == "supported", "\(supported.reason)")
        // Differences 2.05, 2.1, 2.15: mean 2.1, interval ± 4.303 · 0.05 / √3.
        let difference = try #require(supported.difference)
        #expect(abs(difference.mean - 2.1) < 1e-9 && abs(difference.upper! - (2.1 + 4.303 * 0.05 / 3.0.squareRoot())) < 1e-9)

        let lower = higher.map { run -> StudyRun in var run = run; run.forgetQuality = run.arm == "simnpo" ? 1e-6 : run.forgetQuality; return run }
        #expect(claim.evaluate(lower, targetUtility: 0.5)?.verdict == "refuted")

        let mixed = higher.map { run -> StudyRun in
            var run = run
            if run.arm == "simnpo" { run.forgetQuality = run.seed == 2 ? 1e-6 : 1 }
            return run
        }
        #expect(claim.evaluate(mixed, targetUtility: 0.5)?.verdict == "not resolved at this size")

        let unmatched = higher.map { run -> StudyRun in var run = run; if run.arm == "simnpo" { run.modelUtility = 0.3 }; return run }
        let outcome = try #require(claim.evaluate(unmatched, targetUtility: 0.5))
        #expect(outcome.verdict == "not resolved" && outcome.reason.hasPrefix("utilities are not matched"))

        // Relearning: the claim holds when less comes back for SimNPO.
        let relearning = StudyClaim.published[1]
        var robust: [StudyRun] = []
        for seed in [1, 2, 3] {
            robust.append(Self.run("simnpo", seed: UInt64(seed), logFQ: -1, utility: 0.5, relearned: 0.2 + 0.01 * Double(seed)))
            robust.append(Self.run("npo", seed: UInt64(seed), logFQ: -1, utility: 0.5, relearned: 0.6))
        }
        #expect(relearning.evaluate(robust, targetUtility: 0.5)?.verdict == "supported")
        #expect(StudyClaim.published[2].evaluate(robust, targetUtility: 0.5) == nil, "no npo+soul arm: no verdict")

        // Steps to the oracle only count when every run reached it.
        var soul: [StudyRun] = []
        for seed in [1, 2, 3] {
            var fast = Self.run("npo+soul", seed: UInt64(seed), logFQ: -1, utility: 0.5, steps: 5 + seed)
            var slow = Self.run("npo", seed: UInt64(seed), logFQ: -1, utility: 0.5, steps: 20)
            fast.stopReason = "reached the oracle's forget probes (…)"
            slow.stopReason = "reached the oracle's forget probes (…)"
            soul += [fast, slow]
        }
        #expect(StudyClaim.published[2].evaluate(soul, targetUtility: 0.5)?.verdict == "supported")
        soul[1].stopReason = "retain guard: …"
        let guarded = try #require(StudyClaim.published[2].evaluate(soul, targetUtility: 0.5))
        #expect(guarded.verdict == "not resolved" && guarded.reason.hasPrefix("1 of 6 runs stopped before reaching the oracle"))
    }

    @Test func tuningKeepsUtilityThenMaximisesForgetQuality() {
        let candidates = [Self.run("npo", seed: 0, logFQ: -1, utility: 0.40), Self.run("npo", seed: 0, logFQ: -2, utility: 0.49),
                          Self.run("npo", seed: 0, logFQ: -4, utility: 0.50)]
        #expect(StudyWorkflow.choose(candidates, targetUtility: 0.5).modelUtility == 0.49, "the 0.40 run lost more than 5 % utility")
        let allLost = [Self.run("ga", seed: 0, logFQ: -1, utility: 0.1), Self.run("ga", seed: 0, logFQ: -5, utility: 0.2)]
        #expect(StudyWorkflow.choose(allLost, targetUtility: 0.5).modelUtility == 0.2)
    }

    @Test func armsAreMethodsWithAnOptionalSecondOrderVariant() throws {
        #expect(try StudyArm(parsing: "npo+soul") == StudyArm(parsing: "NPO+soul"))
        #expect(try StudyArm(parsing: "npo+soul").secondOrder && !(try StudyArm(parsing: "npo").secondOrder))
        #expect { try StudyArm(parsing: "npx") } throws: { String(describing: $0).contains("unknown method") }
        #expect { try StudyArm(parsing: "npo+wagle") } throws: { String(describing: $0).contains("+soul") }
    }

    @Test func aStudyOnTheParityBenchmarkWritesItsResults() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../EvaluationTests/Fixtures/parity").standardized
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-study-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("tofu").path) {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("tofu/\(file)"), to: data.appendingPathComponent(file))
        }
        // The unlearning splits: the evaluation rows carry question and answer.
        try FileManager.default.copyItem(at: data.appendingPathComponent("forget10_perturbed.json"), to: data.appendingPathComponent("forget10.json"))
        try FileManager.default.copyItem(at: data.appendingPathComponent("retain_perturbed.json"), to: data.appendingPathComponent("retain90.json"))
        var study = StudyWorkflow(data: data, target: fixtures.appendingPathComponent("target").path, oracle: fixtures.appendingPathComponent("oracle").path,
                                  arms: [try StudyArm(parsing: "npo"), try StudyArm(parsing: "simnpo")], output: root.appendingPathComponent("study"))
        study.seeds = [1, 2]
        study.learningRateFactors = [0.3, 1]
        var lines: [String] = []
        let results = try study.run(log: { lines.append($0) }, progress: { _, _ in })
        #expect(results.tuning.count == 4 && results.runs.count == 4)
        #expect(Set(results.runs.map(\.seed)) == [1, 2] && results.tuning.allSatisfy { $0.seed == 0 })
        for arm in ["npo", "simnpo"] {
            let rate = try #require(results.chosenLearningRates[arm])
            #expect(results.runs.filter { $0.arm == arm }.allSatisfy { $0.learningRate == rate })
            #expect(results.runs.filter { $0.arm == arm }.allSatisfy { $0.relearnedRouge != nil && $0.steps > 0 })
            // The aggregate is the interval of the runs' values.
            let utilities = results.runs.filter { $0.arm == arm }.map(\.modelUtility)
            #expect(results.aggregates[arm]?["model_utility"] == ConfidenceInterval(utilities))
        }
        #expect(results.oracle.relearnedRouge != nil && results.oracle.forgetQuality == 1)
        #expect(results.claims.map(\.claim.statement).contains(StudyClaim.published[0].statement))
        let report = try String(contentsOf: root.appendingPathComponent("study/report.md"), encoding: .utf8)
        #expect(report.contains("Claims") && report.contains("simnpo") && report.contains("oracle (retrained)"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("study/report.html").path))
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("study/results.json"))) as? [String: Any]
        #expect((saved?["runs"] as? [[String: Any]])?.count == 4)
    }
}

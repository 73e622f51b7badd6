import Evaluation
import Testing

/// `--stop-when`: parsing, the oracle/holdout/threshold decisions, the retain guard and the distance that
/// `--select best` minimises.
@Suite struct StoppingRuleTests {
    static let baseline = ProbeValues(forgetProbability: 0.9, forgetRouge: 0.8, retainProbability: 0.8, retainLoss: 0.2)
    static let oracle = ProbeValues(forgetProbability: 0.3, forgetRouge: 0.25, retainProbability: 0.8, retainLoss: 0.2)

    @Test func criteriaParseAndBadOnesAreNamed() throws {
        #expect(try StoppingRule.Criterion(parsing: "oracle") == .oracle)
        #expect(try StoppingRule.Criterion(parsing: "holdout") == .holdout)
        #expect(try StoppingRule.Criterion(parsing: "mismatched") == .mismatched)
        #expect(try StoppingRule.Criterion(parsing: "forget-rouge<=0.3") == .threshold(.forgetRouge, atMost: true, 0.3))
        #expect(try StoppingRule.Criterion(parsing: "forget-truth-ratio>=0.6") == .threshold(.forgetTruthRatio, atMost: false, 0.6))
        for (text, problem) in [("forget-prob<=0.1", "'forget-prob' is not a probe"), ("forget-rouge<=x", "'x' is not a number"),
                                ("forget-rouge=0.1", "expected oracle, holdout"), ("soon", "expected oracle, holdout")] {
            #expect { try StoppingRule.Criterion(parsing: text) } throws: { String(describing: $0).contains(problem) }
        }
    }

    @Test func theOracleCriterionNeedsEveryComparedForgetProbeAtOrBelowTheOracles() throws {
        let rule = try StoppingRule(criterion: .oracle, target: Self.oracle, baseline: Self.baseline, maximumRetainDrop: nil)
        var values = Self.baseline
        values.forgetProbability = 0.29
        #expect(rule.decide(values) == .proceed, "ROUGE-L is still above the oracle's")
        values.forgetRouge = 0.25
        let reason = try #require(rule.decide(values).stopReason)
        #expect(reason.hasPrefix("reached the oracle's forget probes") && reason.contains("forget-rouge 0.25 <= 0.25"), "\(reason)")
        #expect(abs(rule.distance(values) - 0.01) < 1e-12)
        #expect(abs(rule.distance(Self.baseline) - (0.6 + 0.55)) < 1e-12)
    }

    @Test func theMismatchedCriterionComparesWithAnotherAnswersProbes() throws {
        // The target: the model's own probability and ROUGE-L of other forget questions' answers.
        let swapped = ProbeValues(forgetProbability: 0.2, forgetRouge: 0.45)
        let rule = try StoppingRule(criterion: .mismatched, target: swapped, baseline: Self.baseline, maximumRetainDrop: nil)
        var values = Self.baseline
        values.forgetProbability = 0.15
        #expect(rule.decide(values) == .proceed, "the greedy answer is still closer to the true one")
        values.forgetRouge = 0.4
        let reason = try #require(rule.decide(values).stopReason)
        #expect(reason.hasPrefix("reached the mismatched answers' forget probes"), "\(reason)")
        #expect { try StoppingRule(criterion: .mismatched, target: nil, baseline: Self.baseline, maximumRetainDrop: nil) }
            throws: { String(describing: $0).contains("mismatched") }
    }

    @Test func theRetainGuardComesFirstAndCountsARelativeFall() throws {
        let rule = try StoppingRule(criterion: .threshold(.forgetProbability, atMost: true, 0.5), target: nil, baseline: Self.baseline,
                                    maximumRetainDrop: 0.1)
        var values = Self.baseline
        values.forgetProbability = 0.4
        values.retainProbability = 0.73  // fell by 8.75 %: allowed
        #expect(rule.decide(values).stopReason?.hasPrefix("reached forget-probability") == true)
        values.retainProbability = 0.71  // 11.25 %: not allowed, even though the target is reached
        #expect(rule.decide(values).stopReason?.hasPrefix("retain guard") == true)
        #expect(!rule.keepsRetain(values))
    }

    @Test func rulesRefuseWhatTheRunCannotMeasure() {
        let textProbes = ProbeValues(forgetProbability: 0.9)
        #expect { try StoppingRule(criterion: .threshold(.forgetRouge, atMost: true, 0.3), target: nil, baseline: textProbes, maximumRetainDrop: nil) }
            throws: { String(describing: $0).contains("no forget-rouge probe") }
        #expect { try StoppingRule(criterion: .oracle, target: nil, baseline: Self.baseline, maximumRetainDrop: nil) }
            throws: { String(describing: $0).contains("oracle") }
        #expect { try StoppingRule(criterion: .holdout, target: Self.oracle, baseline: textProbes, maximumRetainDrop: 0.1) }
            throws: { String(describing: $0).contains("needs a retain set") }
    }
}

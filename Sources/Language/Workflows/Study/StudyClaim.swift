import Foundation
import Metrics

/// A claim from the literature tested on a study's runs: the per-seed difference of one measure between
/// two arms (paired by seed), its 95 % interval and a verdict.
public struct StudyClaim: Codable, Sendable {
    /// The claim in words.
    public var statement: String
    public var first: String
    public var second: String
    public var metric: StudyMetric
    /// The claim holds when first − second is above zero (true) or below it (false).
    public var firstIsHigher: Bool
    /// Whether the claim compares at matched utility: the utility difference's interval must lie within
    /// ±5 % of the target's utility, or the claim is not resolved.
    public var atMatchedUtility: Bool
    /// Whether the claim is about reaching the stopping target (steps to the oracle): every run of both
    /// arms must have stopped by reaching it, or the claim is not resolved.
    public var needsReachedTarget = false

    /// The outcome on a study's runs.
    public struct Outcome: Codable, Sendable {
        public var claim: StudyClaim
        /// first − second per seed.
        public var difference: ConfidenceInterval?
        public var utilityDifference: ConfidenceInterval?
        /// supported, refuted or not resolved.
        public var verdict: String
        /// Why, in words.
        public var reason: String
    }

    /// The claims the study asks about, for the arms that are present.
    public static let published: [StudyClaim] = [
        StudyClaim(statement: "SimNPO reaches a higher forget quality than NPO at matched utility", first: "simnpo", second: "npo",
                   metric: .logForgetQuality, firstIsHigher: true, atMatchedUtility: true),
        StudyClaim(statement: "SimNPO is more robust to relearning than NPO (less comes back)", first: "simnpo", second: "npo",
                   metric: .relearnedRouge, firstIsHigher: false, atMatchedUtility: false),
        StudyClaim(statement: "SOUL's second-order optimiser reaches the oracle in fewer steps than AdamW (NPO)", first: "npo+soul", second: "npo",
                   metric: .steps, firstIsHigher: false, atMatchedUtility: false, needsReachedTarget: true),
        StudyClaim(statement: "SOUL's second-order optimiser reaches the oracle in fewer steps than AdamW (GradDiff)", first: "graddiff+soul",
                   second: "graddiff", metric: .steps, firstIsHigher: false, atMatchedUtility: false, needsReachedTarget: true),
    ]

    /// Tests the claim on `runs` (seeds both arms have); nil when an arm is missing.
    public func evaluate(_ runs: [StudyRun], targetUtility: Double) -> Outcome? {
        let firstRuns = Dictionary(runs.filter { $0.arm == first }.map { ($0.seed, $0) }, uniquingKeysWith: { $1 })
        let secondRuns = Dictionary(runs.filter { $0.arm == second }.map { ($0.seed, $0) }, uniquingKeysWith: { $1 })
        let seeds = firstRuns.keys.filter { secondRuns[$0] != nil }.sorted()
        guard !seeds.isEmpty else { return nil }
        let differences = seeds.compactMap { seed -> Double? in
            guard let a = firstRuns[seed]!.value(metric), let b = secondRuns[seed]!.value(metric) else { return nil }
            return a - b
        }
        guard differences.count == seeds.count else {
            return Outcome(claim: self, verdict: "not resolved", reason: "\(metric.heading) was not measured for every run")
        }
        let difference = ConfidenceInterval(differences)
        let utility = ConfidenceInterval(seeds.map { firstRuns[$0]!.modelUtility - secondRuns[$0]!.modelUtility })
        if needsReachedTarget {
            let compared = seeds.flatMap { [firstRuns[$0]!, secondRuns[$0]!] }
            let missed = compared.filter { !($0.stopReason?.hasPrefix("reached") ?? false) }
            if !missed.isEmpty {
                return Outcome(claim: self, difference: difference, utilityDifference: utility, verdict: "not resolved",
                               reason: "\(missed.count) of \(compared.count) runs stopped before reaching the oracle (retain guard or step budget)")
            }
        }
        if seeds.count < 2 {
            return Outcome(claim: self, difference: difference, utilityDifference: utility, verdict: "not resolved", reason: "one seed gives no interval")
        }
        if atMatchedUtility {
            let tolerance = 0.05 * targetUtility
            let (lower, upper) = (utility.lower ?? -.infinity, utility.upper ?? .infinity)
            guard lower >= -tolerance && upper <= tolerance else {
                return Outcome(claim: self, difference: difference, utilityDifference: utility, verdict: "not resolved",
                               reason: String(format: "utilities are not matched: their difference's interval [%.3f, %.3f] leaves ±%.3f (5 %% of the target's)",
                                              lower, upper, tolerance))
            }
        }
        let holds = firstIsHigher ? difference.excludesZeroAbove : difference.excludesZeroBelow
        let fails = firstIsHigher ? difference.excludesZeroBelow : difference.excludesZeroAbove
        let interval = String(format: "%@ − %@ = %.3g, 95 %% interval [%.3g, %.3g] over %d seeds", first, second, difference.mean,
                              difference.lower ?? .nan, difference.upper ?? .nan, seeds.count)
        if holds { return Outcome(claim: self, difference: difference, utilityDifference: utility, verdict: "supported", reason: interval + " excludes 0 in the claimed direction") }
        if fails { return Outcome(claim: self, difference: difference, utilityDifference: utility, verdict: "refuted", reason: interval + " excludes 0 against the claim") }
        return Outcome(claim: self, difference: difference, utilityDifference: utility, verdict: "not resolved at this size", reason: interval + " contains 0")
    }
}

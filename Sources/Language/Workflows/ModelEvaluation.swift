import Evaluation
import Foundation
import Unlearning

/// One evaluated model as reports show it: the TOFU summary, the per-sample values behind its plots,
/// and, for an unlearning run, its loss curve and cost.
public struct ModelEvaluation: Codable, Sendable {
    public var name: String
    public var summary: TofuSuite.Summary
    /// Raw forget truth ratios (the sample forget quality compares with the oracle's).
    public var forgetTruthRatios: [Double]
    /// Min-K% scores of forget and holdout answers (the membership-inference ROC).
    public var forgetMembershipScores: [Double]
    public var holdoutMembershipScores: [Double]
    /// Objective value per step of the unlearning run (empty for the target and the oracle).
    public var losses: [Float]
    /// Wall time of the unlearning run, seconds (nil for the target and the oracle).
    public var unlearningSeconds: Double?
    /// The run's probes (`--eval-every`): (step, values), empty when it did not evaluate.
    public var probes: [RunMonitor.Evaluation] = []

    /// Pulls the plotted per-sample values out of a suite run.
    public init(name: String, summary: TofuSuite.Summary, sets: [TofuSuite.SetResult], losses: [Float] = [], unlearningSeconds: Double? = nil,
                probes: [RunMonitor.Evaluation] = []) {
        self.name = name
        self.summary = summary
        let forget = sets.first { $0.name == "forget" }
        forgetTruthRatios = forget?.truthRatio ?? []
        forgetMembershipScores = forget?.minKScore ?? []
        holdoutMembershipScores = sets.first { $0.name == "holdout" }?.minKScore ?? []
        self.losses = losses
        self.unlearningSeconds = unlearningSeconds
        self.probes = probes
    }
}

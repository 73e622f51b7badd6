import Foundation

/// What `--eval-every` measures at one step: cheap probes of forgetting and of utility.
public struct ProbeValues: Codable, Sendable, Equatable {
    /// Mean length-normalised probability exp(−mean token loss) of the forget answers (TOFU's probability).
    public var forgetProbability: Double
    /// Mean ROUGE-L recall of greedy answers to the first forget questions (nil for text data).
    public var forgetRouge: Double?
    /// Mean truth ratio P̄(perturbed)/P̄(correct) on the forget questions that have perturbed answers (nil when none has).
    public var forgetTruthRatio: Double?
    /// Mean length-normalised probability of the retain answers (nil without retain data).
    public var retainProbability: Double?
    /// Mean token loss on the retain answers (nil without retain data).
    public var retainLoss: Double?

    public init(forgetProbability: Double, forgetRouge: Double? = nil, forgetTruthRatio: Double? = nil,
                retainProbability: Double? = nil, retainLoss: Double? = nil) {
        self.forgetProbability = forgetProbability
        self.forgetRouge = forgetRouge
        self.forgetTruthRatio = forgetTruthRatio
        self.retainProbability = retainProbability
        self.retainLoss = retainLoss
    }

    enum CodingKeys: String, CodingKey {
        case forgetProbability = "forget_probability", forgetRouge = "forget_rouge_l_recall", forgetTruthRatio = "forget_truth_ratio"
        case retainProbability = "retain_probability", retainLoss = "retain_loss"
    }

    /// A probe's value by its command-line name (`forget-probability`, `forget-rouge`, `forget-truth-ratio`,
    /// `retain-probability`, `retain-loss`).
    public func value(_ probe: Probe) -> Double? {
        switch probe {
        case .forgetProbability: return forgetProbability
        case .forgetRouge: return forgetRouge
        case .forgetTruthRatio: return forgetTruthRatio
        case .retainProbability: return retainProbability
        case .retainLoss: return retainLoss
        }
    }

    /// One line for the terminal.
    public var description: String {
        Probe.allCases.compactMap { probe in value(probe).map { "\(probe.rawValue) \(String(format: "%.4g", $0))" } }.joined(separator: ", ")
    }
}

/// A probe's command-line name.
public enum Probe: String, CaseIterable, Sendable, Codable {
    case forgetProbability = "forget-probability", forgetRouge = "forget-rouge", forgetTruthRatio = "forget-truth-ratio"
    case retainProbability = "retain-probability", retainLoss = "retain-loss"
}

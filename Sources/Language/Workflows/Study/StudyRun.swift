import Foundation

/// What one unlearning run of a study measured (one arm, one seed, one learning rate).
public struct StudyRun: Codable, Sendable {
    public var arm: String
    public var seed: UInt64
    public var learningRate: Float
    public var steps: Int
    public var seconds: Double
    /// Why the run ended before its budget (nil: it ran every step).
    public var stopReason: String?
    public var forgetQuality: Double?
    public var modelUtility: Double
    public var forgetRouge: Double
    public var retainRouge: Double
    public var membershipAUC: Double?
    /// Forget ROUGE-L on the held-out half of the forget answers after the relearning attack (nil: not run).
    public var relearnedRouge: Double?

    public init(arm: String, seed: UInt64, learningRate: Float, steps: Int, seconds: Double, stopReason: String?, forgetQuality: Double?,
                modelUtility: Double, forgetRouge: Double, retainRouge: Double, membershipAUC: Double?, relearnedRouge: Double?) {
        self.arm = arm
        self.seed = seed
        self.learningRate = learningRate
        self.steps = steps
        self.seconds = seconds
        self.stopReason = stopReason
        self.forgetQuality = forgetQuality
        self.modelUtility = modelUtility
        self.forgetRouge = forgetRouge
        self.retainRouge = retainRouge
        self.membershipAUC = membershipAUC
        self.relearnedRouge = relearnedRouge
    }

    /// log10 of forget quality: the KS p-value spans orders of magnitude, so seeds are averaged in logs.
    public var logForgetQuality: Double? { forgetQuality.map { log10(max($0, 1e-300)) } }

    /// A metric by its study name (the keys of `StudyMetric`).
    public func value(_ metric: StudyMetric) -> Double? {
        switch metric {
        case .logForgetQuality: return logForgetQuality
        case .modelUtility: return modelUtility
        case .forgetRouge: return forgetRouge
        case .retainRouge: return retainRouge
        case .membershipAUC: return membershipAUC
        case .relearnedRouge: return relearnedRouge
        case .steps: return Double(steps)
        case .seconds: return seconds
        }
    }
}

/// The measures a study aggregates over seeds.
public enum StudyMetric: String, CaseIterable, Codable, Sendable {
    case logForgetQuality = "log10_forget_quality", modelUtility = "model_utility", forgetRouge = "forget_rouge_l_recall"
    case retainRouge = "retain_rouge_l_recall", membershipAUC = "mia_min_k_auc", relearnedRouge = "relearned_rouge_l_recall"
    case steps, seconds

    /// Column heading.
    public var heading: String {
        switch self {
        case .logForgetQuality: return "log10 FQ"
        case .modelUtility: return "model utility"
        case .forgetRouge: return "forget ROUGE-L"
        case .retainRouge: return "retain ROUGE-L"
        case .membershipAUC: return "MIA AUC"
        case .relearnedRouge: return "ROUGE-L after relearning"
        case .steps: return "steps"
        case .seconds: return "seconds"
        }
    }
}

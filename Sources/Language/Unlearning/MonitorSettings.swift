import Evaluation
import Foundation

/// How an unlearning run evaluates itself and when it stops (`--eval-every`, `--stop-when`, `--oracle`,
/// `--holdout`, `--max-retain-drop`, `--select`).
public struct MonitorSettings: Codable, Sendable, Equatable {
    /// Steps between evaluations.
    public var every: Int
    /// The stopping criterion as given (`oracle`, `holdout`, `forget-probability<=0.1`); nil: evaluate only.
    public var stopWhen: String?
    /// The retrained model whose probes `oracle` targets.
    public var oracle: String?
    /// Question–answer rows no model was trained on, whose probes `holdout` targets.
    public var holdout: String?
    /// Largest allowed relative fall of the retain probability.
    public var maximumRetainDrop: Double?
    /// Keep the evaluated weights closest to the target instead of the last ones.
    public var selectBest: Bool
    /// Forget and retain questions scored at each evaluation (the first ones of each file list).
    public var scoredQuestions: Int
    /// Forget questions answered greedily for ROUGE-L.
    public var generatedQuestions: Int

    public init(every: Int, stopWhen: String? = nil, oracle: String? = nil, holdout: String? = nil, maximumRetainDrop: Double? = nil,
                selectBest: Bool = false, scoredQuestions: Int = 16, generatedQuestions: Int = 8) throws {
        self.every = every
        self.stopWhen = stopWhen
        self.oracle = oracle
        self.holdout = holdout
        self.maximumRetainDrop = maximumRetainDrop
        self.selectBest = selectBest
        self.scoredQuestions = scoredQuestions
        self.generatedQuestions = generatedQuestions
        let criterion = try stopWhen.map(StoppingRule.Criterion.init(parsing:))
        if criterion == .oracle && oracle == nil { throw StoppingRuleError("--stop-when oracle needs --oracle MODEL (the retrained model)") }
        if criterion == .holdout && holdout == nil { throw StoppingRuleError("--stop-when holdout needs --holdout FILE (questions the model never saw)") }
        if let maximumRetainDrop, !(0..<1).contains(maximumRetainDrop) { throw StoppingRuleError("--max-retain-drop must be in [0, 1), e.g. 0.05") }
        if (maximumRetainDrop != nil || selectBest) && criterion == nil {
            throw StoppingRuleError("--max-retain-drop and --select best apply to a --stop-when rule")
        }
    }
}

/// What `run.json` records about evaluation during the run.
public struct MonitorRecord: Codable, Sendable {
    public var settings: MonitorSettings
    /// The oracle's or holdout's probe values the rule targets.
    public var target: ProbeValues?
    public var evaluations: [RunMonitor.Evaluation]
    /// The step whose weights were exported when `--select best` chose an earlier one.
    public var selectedStep: Int?
}

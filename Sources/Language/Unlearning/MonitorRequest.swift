import Evaluation
import Foundation
import Optimization

/// The evaluation and stopping options of `unlearn run` as the user gave them (nil: not given), resolved
/// into `MonitorSettings` once the run's budget and data are known. A run given none of them evaluates
/// itself ten times and stops at a default rule; `--eval-every 0` turns evaluation off.
public struct MonitorRequest: Sendable, Equatable {
    public var every: Int?
    public var stopWhen: String?
    public var oracle: String?
    public var holdout: String?
    public var maximumRetainDrop: Double?
    public var selectBest: Bool?
    public var scoredQuestions: Int

    /// The retain guard of the default rule: stop before the retain answers lose a tenth of their probability.
    public static let defaultRetainDrop = 0.1
    /// Evaluations over a run's budget when `--eval-every` is derived.
    public static let evaluationsPerRun = 40

    public init(every: Int? = nil, stopWhen: String? = nil, oracle: String? = nil, holdout: String? = nil,
                maximumRetainDrop: Double? = nil, selectBest: Bool? = nil, scoredQuestions: Int = 16) {
        self.every = every
        self.stopWhen = stopWhen
        self.oracle = oracle
        self.holdout = holdout
        self.maximumRetainDrop = maximumRetainDrop
        self.selectBest = selectBest
        self.scoredQuestions = scoredQuestions
    }

    /// Whether the user chose how the run evaluates or stops (then nothing else is added to it).
    var chosen: Bool { every != nil || stopWhen != nil || maximumRetainDrop != nil || selectBest != nil }

    /// Rejects options that cannot work, before anything is loaded.
    public func validate() throws {
        if every == 0 {
            guard stopWhen == nil, maximumRetainDrop == nil, selectBest != true else {
                throw StoppingRuleError("--stop-when, --max-retain-drop and --select best need evaluation: not --eval-every 0")
            }
            return
        }
        if let every, every < 0 { throw StoppingRuleError("--eval-every must be 0 (off) or a step count") }
        _ = try MonitorSettings(every: every ?? 1, stopWhen: stopWhen, oracle: oracle, holdout: holdout, maximumRetainDrop: maximumRetainDrop,
                                selectBest: selectBest ?? false, scoredQuestions: scoredQuestions)
    }

    /// The settings of a run of `totalSteps` steps, and the reason for each one derived; nil with
    /// `--eval-every 0`. `questionAnswerData` says whether the forget set has questions (not text) and
    /// `forgetRows` how many; `hasRetain` whether there is a retain set to guard.
    public func resolve(totalSteps: Int, questionAnswerData: Bool, forgetRows: Int, hasRetain: Bool) throws -> (MonitorSettings?, [DerivedSetting]) {
        if every == 0 { return (nil, []) }
        var derived: [DerivedSetting] = []
        var stopWhen = self.stopWhen
        var maximumRetainDrop = self.maximumRetainDrop
        var selectBest = self.selectBest ?? false
        if !chosen {
            if oracle != nil {
                stopWhen = "oracle"
                derived.append(DerivedSetting(setting: "stop-when", value: "oracle", reason: "--oracle is given: stop when the forget probes reach the retrained model's"))
            } else if holdout != nil {
                stopWhen = "holdout"
                derived.append(DerivedSetting(setting: "stop-when", value: "holdout", reason: "--holdout is given: stop when the forget probes reach the model's own on never-seen questions"))
            } else if questionAnswerData && forgetRows >= 2 {
                stopWhen = "mismatched"
                derived.append(DerivedSetting(
                    setting: "stop-when", value: "mismatched",
                    reason: "no --oracle or --holdout: stop when each forget answer is no more likely, and the greedy answer no closer to it, than another forget question's answer is (measured on the model as loaded)"))
            } else {
                derived.append(DerivedSetting(setting: "stop-when", value: "none",
                                              reason: questionAnswerData ? "a single forget question has no other answer to compare with: the step budget decides"
                                                                         : "text data has no answers to compare: the step budget decides"))
            }
            if stopWhen != nil {
                if hasRetain {
                    maximumRetainDrop = Self.defaultRetainDrop
                    derived.append(DerivedSetting(setting: "max-retain-drop", value: String(format: "%g", Self.defaultRetainDrop),
                                                  reason: "stop before the retain answers lose more than a tenth of their probability"))
                }
                selectBest = true
                derived.append(DerivedSetting(setting: "select", value: "best", reason: "export the evaluated step closest to the stopping target that kept the retain guard"))
            }
        }
        let interval: Int
        if let every {
            interval = every
        } else {
            interval = max(1, totalSteps / Self.evaluationsPerRun)
            derived.insert(DerivedSetting(setting: "eval-every", value: "\(interval)",
                                          reason: "about \(Self.evaluationsPerRun) evaluations over the \(totalSteps) steps"), at: 0)
        }
        let settings = try MonitorSettings(every: interval, stopWhen: stopWhen, oracle: oracle, holdout: holdout, maximumRetainDrop: maximumRetainDrop,
                                           selectBest: selectBest, scoredQuestions: scoredQuestions)
        return (settings, derived)
    }
}

import Foundation

/// When `--stop-when` ends a run: the forget probes reach a target (the oracle's values, the model's own
/// values on never-trained holdout questions or on the forget questions with each other's answers, or a
/// threshold), unless retain utility has fallen further
/// than `--max-retain-drop` first. It also scores how close an evaluated step is to the target, for
/// `--select best`.
public struct StoppingRule: Sendable {
    /// What the forget probes must reach.
    public enum Criterion: Sendable, Equatable {
        /// The oracle's forget probability and ROUGE-L (`--oracle MODEL`).
        case oracle
        /// The model's own probability and ROUGE-L on holdout questions it never saw (`--holdout FILE`).
        case holdout
        /// The model's own probability and ROUGE-L, as loaded, on the forget questions each paired with
        /// another forget question's answer: the true answer is no more likely, and the greedy answer no
        /// closer to it, than another fact's answer (needs no oracle and no holdout data).
        case mismatched
        /// One probe against a bound: `forget-probability<=0.1`, `forget-truth-ratio>=0.6`.
        case threshold(Probe, atMost: Bool, Double)

        /// Parses `oracle`, `holdout`, `mismatched` or `PROBE<=VALUE` / `PROBE>=VALUE`.
        public init(parsing text: String) throws {
            switch text {
            case "oracle": self = .oracle
            case "holdout": self = .holdout
            case "mismatched": self = .mismatched
            default:
                let atMost = text.contains("<=")
                let parts = text.components(separatedBy: atMost ? "<=" : ">=")
                let probes = Probe.allCases.map(\.rawValue).joined(separator: ", ")
                guard parts.count == 2, text.contains("<=") != text.contains(">=") else {
                    throw StoppingRuleError("--stop-when '\(text)': expected oracle, holdout, mismatched, or PROBE<=VALUE / PROBE>=VALUE with a probe of \(probes)")
                }
                guard let probe = Probe(rawValue: parts[0].trimmingCharacters(in: .whitespaces)) else {
                    throw StoppingRuleError("--stop-when '\(text)': '\(parts[0])' is not a probe (choose from \(probes))")
                }
                guard let bound = Double(parts[1].trimmingCharacters(in: .whitespaces)), bound.isFinite else {
                    throw StoppingRuleError("--stop-when '\(text)': '\(parts[1])' is not a number")
                }
                self = .threshold(probe, atMost: atMost, bound)
            }
        }

        /// Whether the target is a set of probe values measured before the run.
        public var comparesProbes: Bool { self == .oracle || self == .holdout || self == .mismatched }

        /// Whose probe values the target holds, for messages.
        var owner: String {
            switch self {
            case .oracle: return "the oracle's"
            case .holdout: return "the holdout's"
            case .mismatched: return "the mismatched answers'"
            case .threshold: return "the threshold's"
            }
        }

        /// As given on the command line.
        public var text: String {
            switch self {
            case .oracle: return "oracle"
            case .holdout: return "holdout"
            case .mismatched: return "mismatched"
            case .threshold(let probe, let atMost, let bound): return "\(probe.rawValue)\(atMost ? "<=" : ">=")\(bound)"
            }
        }
    }

    /// What a rule decides at an evaluation.
    public enum Decision: Sendable, Equatable {
        case proceed
        /// The target is reached (why, for the summary).
        case reached(String)
        /// Retain utility fell too far (why).
        case retainGuard(String)

        /// The reason a run stops, if it does.
        public var stopReason: String? {
            switch self {
            case .proceed: return nil
            case .reached(let reason), .retainGuard(let reason): return reason
            }
        }
    }

    public let criterion: Criterion
    /// The probe values the `oracle`, `holdout` and `mismatched` criteria target.
    public let target: ProbeValues?
    /// The model's probes before training: the reference of the retain guard.
    public let baseline: ProbeValues
    /// Largest allowed relative fall of the retain probability (0.05 = 5 %); nil: no guard.
    public let maximumRetainDrop: Double?

    public init(criterion: Criterion, target: ProbeValues?, baseline: ProbeValues, maximumRetainDrop: Double?) throws {
        if criterion.comparesProbes, target == nil {
            throw StoppingRuleError("--stop-when \(criterion.text) needs \(criterion.owner) probe values")
        }
        if case .threshold(let probe, _, _) = criterion, baseline.value(probe) == nil {
            throw StoppingRuleError("--stop-when \(criterion.text): this run has no \(probe.rawValue) probe (it needs question–answer data\(probe.rawValue.hasPrefix("retain") ? " and a retain set" : ""))")
        }
        if maximumRetainDrop != nil, baseline.retainProbability == nil {
            throw StoppingRuleError("--max-retain-drop needs a retain set")
        }
        self.criterion = criterion
        self.target = target
        self.baseline = baseline
        self.maximumRetainDrop = maximumRetainDrop
    }

    /// The oracle, holdout and mismatched criteria compare these forget probes (those both sides have).
    private func targetProbes(_ values: ProbeValues) -> [(probe: Probe, value: Double, target: Double)] {
        guard let target else { return [] }
        return [Probe.forgetProbability, .forgetRouge].compactMap { probe in
            guard let value = values.value(probe), let goal = target.value(probe) else { return nil }
            return (probe, value, goal)
        }
    }

    /// Whether `values` satisfies the retain guard.
    public func keepsRetain(_ values: ProbeValues) -> Bool {
        guard let maximumRetainDrop, let start = baseline.retainProbability, let now = values.retainProbability else { return true }
        return now >= start * (1 - maximumRetainDrop)
    }

    /// Whether the target is reached by `values`.
    public func reached(_ values: ProbeValues) -> Bool {
        switch criterion {
        case .oracle, .holdout, .mismatched:
            return targetProbes(values).allSatisfy { $0.value <= $0.target }
        case .threshold(let probe, let atMost, let bound):
            guard let value = values.value(probe) else { return false }
            return atMost ? value <= bound : value >= bound
        }
    }

    /// The decision at an evaluation.
    public func decide(_ values: ProbeValues) -> Decision {
        if !keepsRetain(values), let start = baseline.retainProbability, let now = values.retainProbability, let maximumRetainDrop {
            return .retainGuard(String(format: "retain guard: retain probability fell from %.4g to %.4g, more than %.4g %%", start, now, 100 * maximumRetainDrop))
        }
        guard reached(values) else { return .proceed }
        switch criterion {
        case .oracle, .holdout, .mismatched:
            let parts = targetProbes(values).map { String(format: "%@ %.4g <= %.4g", $0.probe.rawValue, $0.value, $0.target) }
            return .reached("reached \(criterion.owner) forget probes (\(parts.joined(separator: ", ")))")
        case .threshold(let probe, let atMost, let bound):
            return .reached(String(format: "reached %@ %.4g %@ %.4g", probe.rawValue, values.value(probe) ?? .nan, atMost ? "<=" : ">=", bound))
        }
    }

    /// How far `values` is from the target (0 = on it): the sum of absolute differences over the compared
    /// probes, or the distance to the threshold. `--select best` keeps the evaluated step with the smallest.
    public func distance(_ values: ProbeValues) -> Double {
        switch criterion {
        case .oracle, .holdout, .mismatched:
            return targetProbes(values).reduce(0) { $0 + abs($1.value - $1.target) }
        case .threshold(let probe, _, let bound):
            return values.value(probe).map { abs($0 - bound) } ?? .infinity
        }
    }
}

/// A `--stop-when` or `--max-retain-drop` that cannot be used; the description says why.
public struct StoppingRuleError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

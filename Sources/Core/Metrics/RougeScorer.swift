import Foundation

/// Precision, recall and F-measure of one ROUGE variant for one target/prediction pair.
public struct RougeScore: Equatable, Sendable {
    public let precision: Double
    public let recall: Double
    public let fMeasure: Double

    public init(precision: Double, recall: Double) {
        self.precision = precision
        self.recall = recall
        // rouge-score defines F as 0 when precision and recall are both 0.
        self.fMeasure = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    static let zero = RougeScore(precision: 0, recall: 0)
}

/// A ROUGE variant: n-gram overlap (`rouge1`, `rouge2`, …) or longest common subsequence (`rougeL`).
public enum RougeType: Hashable, Sendable, CustomStringConvertible {
    case rougeN(Int)
    case rougeL

    /// Parses rouge-score's names ("rouge1", "rouge2", "rougeL").
    public init?(name: String) {
        if name == "rougeL" {
            self = .rougeL
        } else if name.hasPrefix("rouge"), let order = Int(name.dropFirst(5)), order > 0 {
            self = .rougeN(order)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .rougeN(let order): return "rouge\(order)"
        case .rougeL: return "rougeL"
        }
    }
}

/// ROUGE scorer compatible with Google's rouge-score `RougeScorer` (default tokenizer, optional
/// Porter stemming). Arguments follow rouge-score's order: `score(target:prediction:)`, so recall
/// is measured against the target (ground truth).
public struct RougeScorer: Sendable {
    public let types: [RougeType]
    public let tokenizer: RougeTokenizer

    public init(types: [RougeType] = [.rougeN(1), .rougeL], useStemmer: Bool = false) throws {
        for case .rougeN(let order) in types where order < 1 {
            throw MetricsError.invalidValue("ROUGE-N needs n ≥ 1, got \(order)")
        }
        self.types = types
        self.tokenizer = RougeTokenizer(usesStemmer: useStemmer)
    }

    /// Scores `prediction` against `target` for every configured type.
    public func score(target: String, prediction: String) -> [RougeType: RougeScore] {
        let targetTokens = tokenizer.tokenize(target)
        let predictionTokens = tokenizer.tokenize(prediction)
        var scores: [RougeType: RougeScore] = [:]
        for type in types {
            switch type {
            case .rougeL:
                scores[type] = Self.longestCommonSubsequenceScore(target: targetTokens, prediction: predictionTokens)
            case .rougeN(let order):
                scores[type] = Self.ngramScore(target: targetTokens, prediction: predictionTokens, order: order)
            }
        }
        return scores
    }

    /// ROUGE-L recall, the TOFU generation metric (`rougeL_recall` in the legacy logs).
    public func rougeLRecall(target: String, prediction: String) -> Double {
        let targetTokens = tokenizer.tokenize(target)
        let predictionTokens = tokenizer.tokenize(prediction)
        return Self.longestCommonSubsequenceScore(target: targetTokens, prediction: predictionTokens).recall
    }

    /// ROUGE-L from already tokenized sequences; empty sides score 0 as in rouge-score.
    public static func longestCommonSubsequenceScore(target: [String], prediction: [String]) -> RougeScore {
        guard !target.isEmpty, !prediction.isEmpty else { return .zero }
        let common = Double(longestCommonSubsequenceLength(target, prediction))
        return RougeScore(precision: common / Double(prediction.count), recall: common / Double(target.count))
    }

    /// ROUGE-N from already tokenized sequences. Clipped counts: each n-gram matches at most as
    /// often as it occurs in the target; empty sides divide by 1 as rouge-score does.
    public static func ngramScore(target: [String], prediction: [String], order: Int) -> RougeScore {
        let targetCounts = ngramCounts(target, order: order)
        let predictionCounts = ngramCounts(prediction, order: order)
        var overlap = 0
        for (gram, count) in targetCounts {
            overlap += min(count, predictionCounts[gram] ?? 0)
        }
        let targetTotal = max(targetCounts.values.reduce(0, +), 1)
        let predictionTotal = max(predictionCounts.values.reduce(0, +), 1)
        return RougeScore(precision: Double(overlap) / Double(predictionTotal), recall: Double(overlap) / Double(targetTotal))
    }

    /// Length of the longest common subsequence, with a two-row dynamic programme (O(n·m) time,
    /// O(m) memory); only the length matters for ROUGE-L.
    public static func longestCommonSubsequenceLength<Element: Equatable>(_ first: [Element], _ second: [Element]) -> Int {
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: second.count + 1)
        var current = previous
        for item in first {
            for column in 1...second.count {
                current[column] = item == second[column - 1]
                    ? previous[column - 1] + 1
                    : max(previous[column], current[column - 1])
            }
            swap(&previous, &current)
        }
        return previous[second.count]
    }

    private static func ngramCounts(_ tokens: [String], order: Int) -> [String: Int] {
        var counts: [String: Int] = [:]
        guard tokens.count >= order else { return counts }
        for start in 0...(tokens.count - order) {
            // Tokens contain only [a-z0-9], so a space joins them without ambiguity.
            counts[tokens[start..<(start + order)].joined(separator: " "), default: 0] += 1
        }
        return counts
    }
}

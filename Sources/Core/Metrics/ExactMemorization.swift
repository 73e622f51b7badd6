import Foundation

/// Exact memorisation (open-unlearning `exact_memorization`): the fraction of answer tokens whose
/// teacher-forced argmax prediction equals the label. Teacher forcing means each prediction is
/// made from the gold prefix, not from the model's own generation.
public enum ExactMemorization {
    /// EM for one sample, or nil when there are no answer tokens (open-unlearning reports None).
    public static func score(predictedTokens: [Int], labels: [Int]) throws -> Double? {
        guard predictedTokens.count == labels.count else {
            throw MetricsError.lengthMismatch("EM predictions vs labels", predictedTokens.count, labels.count)
        }
        guard !labels.isEmpty else { return nil }
        let matches = zip(predictedTokens, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(matches) / Double(labels.count)
    }

    /// Teacher-forced argmax per position; ties go to the lowest token id, like `torch.argmax`.
    public static func argmaxPredictions(logits rows: [[Double]]) -> [Int] {
        rows.map { row in
            var best = 0
            for (index, value) in row.enumerated() where value > row[best] { best = index }
            return best
        }
    }
}

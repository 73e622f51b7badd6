import Foundation

/// Receiver operating characteristic of binary labels against real-valued scores, built like
/// scikit-learn's `roc_curve` (ties share one threshold; collinear points optionally dropped), with
/// the trapezoidal area that equals `roc_auc_score`.
public struct ROCCurve: Equatable, Sendable {
    /// False-positive rate at each threshold, starting at 0.
    public let falsePositiveRates: [Double]
    /// True-positive rate at each threshold, starting at 0.
    public let truePositiveRates: [Double]
    /// Score thresholds (a sample is predicted positive when its score ≥ threshold); the first is +∞.
    public let thresholds: [Double]

    /// Builds the curve. `labels` are 1 for the positive class and 0 for the negative one.
    /// `dropIntermediate` removes points collinear with their neighbours (sklearn's default, used
    /// by `roc_auc_score` too); it never changes the area.
    public init(labels: [Int], scores: [Double], dropIntermediate: Bool = true) throws {
        guard labels.count == scores.count else {
            throw MetricsError.lengthMismatch("ROC labels vs scores", labels.count, scores.count)
        }
        guard !labels.isEmpty else { throw MetricsError.emptyInput("ROC labels") }
        if let bad = labels.first(where: { $0 != 0 && $0 != 1 }) {
            throw MetricsError.invalidValue("ROC labels must be 0 or 1, got \(bad)")
        }
        if let bad = scores.first(where: { !$0.isFinite }) {
            throw MetricsError.invalidValue("ROC scores must be finite, got \(bad)")
        }
        // Descending scores; the order inside a tie is irrelevant because a tie forms one threshold.
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var truePositives: [Double] = []
        var falsePositives: [Double] = []
        var cutoffs: [Double] = []
        var positives = 0.0
        var negatives = 0.0
        for (rank, index) in order.enumerated() {
            if labels[index] == 1 { positives += 1 } else { negatives += 1 }
            // Emit a point after the last sample of each distinct score.
            let isLastOfTie = rank == order.count - 1 || scores[order[rank + 1]] != scores[index]
            if isLastOfTie {
                truePositives.append(positives)
                falsePositives.append(negatives)
                cutoffs.append(scores[index])
            }
        }
        guard positives > 0, negatives > 0 else {
            // sklearn returns NaN here; an explicit error is more useful to callers.
            throw MetricsError.invalidValue("ROC needs both classes (positives: \(Int(positives)), negatives: \(Int(negatives)))")
        }
        if dropIntermediate && truePositives.count > 2 {
            // Keep a point only where either cumulative count bends (non-zero second difference).
            var kept: [Int] = [0]
            for index in 1..<(truePositives.count - 1) {
                let bendFalse = falsePositives[index + 1] - 2 * falsePositives[index] + falsePositives[index - 1]
                let bendTrue = truePositives[index + 1] - 2 * truePositives[index] + truePositives[index - 1]
                if bendFalse != 0 || bendTrue != 0 { kept.append(index) }
            }
            kept.append(truePositives.count - 1)
            truePositives = kept.map { truePositives[$0] }
            falsePositives = kept.map { falsePositives[$0] }
            cutoffs = kept.map { cutoffs[$0] }
        }
        // The curve starts at (0, 0) with an infinite threshold.
        self.truePositiveRates = [0] + truePositives.map { $0 / positives }
        self.falsePositiveRates = [0] + falsePositives.map { $0 / negatives }
        self.thresholds = [.infinity] + cutoffs
    }

    /// Area under the curve by the trapezoidal rule (sklearn's `auc(fpr, tpr)`).
    public var area: Double {
        var total = 0.0
        for index in 1..<falsePositiveRates.count {
            let width = falsePositiveRates[index] - falsePositiveRates[index - 1]
            total += width * (truePositiveRates[index] + truePositiveRates[index - 1]) / 2
        }
        return total
    }
}

/// Area under the ROC curve, equal to scikit-learn's `roc_auc_score(labels, scores)` for 0/1
/// labels (ties between a positive and a negative count one half).
public func rocAUC(labels: [Int], scores: [Double]) throws -> Double {
    try ROCCurve(labels: labels, scores: scores).area
}

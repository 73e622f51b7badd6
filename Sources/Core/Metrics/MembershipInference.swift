import Foundation

/// Membership-inference attack scores from per-token log-probabilities, following open-unlearning's
/// `evals/metrics/mia`. Every score is loss-like: higher means "looks less like training data".
public enum MembershipInference {
    /// Mean and variance of log p under a next-token distribution, the normalisers of Min-K%++.
    public struct TokenMoments: Equatable, Sendable {
        /// μ = Σ_v p_v log p_v.
        public let mean: Double
        /// σ² = Σ_v p_v (log p_v)² − μ².
        public let variance: Double

        public init(mean: Double, variance: Double) {
            self.mean = mean
            self.variance = variance
        }

        /// Moments of one full-vocabulary log-probability row (log-softmax output).
        public init(vocabularyLogProbabilities row: [Double]) {
            var mean = 0.0
            var secondMoment = 0.0
            for logProbability in row where logProbability > -Double.infinity {
                let probability = exp(logProbability)
                mean += probability * logProbability
                secondMoment += probability * logProbability * logProbability
            }
            self.mean = mean
            self.variance = secondMoment - mean * mean
        }
    }

    /// Open-unlearning's Min-K% default fraction (its configs use 0.4).
    public static let defaultFraction = 0.2

    /// LOSS attack: the average token NLL of the target text. open-unlearning takes this from
    /// `evaluate_probability`, i.e. over every labelled answer token including the final EOS, so
    /// pass those log-probabilities (Min-K% instead drops the EOS prediction).
    public static func lossScore(tokenLogProbabilities: [Double]) throws -> Double {
        guard !tokenLogProbabilities.isEmpty else { throw MetricsError.emptyInput("token log-probabilities") }
        return -tokenLogProbabilities.reduce(0, +) / Double(tokenLogProbabilities.count)
    }

    /// zlib attack: average NLL divided by the zlib-compressed length of the text's UTF-8 bytes,
    /// so texts that are intrinsically easy to predict (repetitive) are not mistaken for members.
    public static func zlibScore(averageLoss: Double, text: String) throws -> Double {
        averageLoss / Double(try ZlibCompression.compressedLength(of: text))
    }

    /// Min-K% Prob: −mean of the k·n lowest token log-probabilities, with
    /// num_k = max(1, ⌊n·k⌋). An empty sequence scores 0, as in open-unlearning.
    public static func minKScore(tokenLogProbabilities: [Double], fraction: Double = defaultFraction) throws -> Double {
        try checkFraction(fraction)
        return lowestMeanNegated(tokenLogProbabilities, fraction: fraction)
    }

    /// Min-K%++: each token's log-probability is standardised by the mean and variance of log p
    /// under the model's own next-token distribution, z_t = (log p(x_t) − μ_t)/σ_t (variance
    /// clamped at 1e-6), then Min-K% is applied to z. An empty sequence scores 0.
    public static func minKPlusPlusScore(tokenLogProbabilities: [Double], moments: [TokenMoments], fraction: Double = defaultFraction) throws -> Double {
        try checkFraction(fraction)
        guard tokenLogProbabilities.count == moments.count else {
            throw MetricsError.lengthMismatch("Min-K%++ token log-probabilities vs moments", tokenLogProbabilities.count, moments.count)
        }
        let standardized = zip(tokenLogProbabilities, moments).map { logProbability, moment in
            (logProbability - moment.mean) / max(moment.variance, 1e-6).squareRoot()
        }
        return lowestMeanNegated(standardized, fraction: fraction)
    }

    /// Reference attack: target-model average loss minus a reference (e.g. retain) model's.
    public static func referenceScore(targetAverageLoss: Double, referenceAverageLoss: Double) -> Double {
        targetAverageLoss - referenceAverageLoss
    }

    /// Attack AUC with open-unlearning's labels (forget = 0, holdout = 1): 1 means forget samples
    /// look far more like members than holdout samples (memorised), 0.5 means indistinguishable.
    public static func auc(forgetScores: [Double], holdoutScores: [Double]) throws -> Double {
        let labels = [Int](repeating: 0, count: forgetScores.count) + [Int](repeating: 1, count: holdoutScores.count)
        return try rocAUC(labels: labels, scores: forgetScores + holdoutScores)
    }

    private static func lowestMeanNegated(_ values: [Double], fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        // Python's int() truncates n·k, then at least one token is kept.
        let count = max(1, Int((Double(values.count) * fraction).rounded(.towardZero)))
        let lowest = values.sorted().prefix(count)
        return -lowest.reduce(0, +) / Double(count)
    }

    private static func checkFraction(_ fraction: Double) throws {
        guard fraction > 0, fraction <= 1 else {
            throw MetricsError.invalidValue("Min-K fraction must lie in (0, 1], got \(fraction)")
        }
    }
}

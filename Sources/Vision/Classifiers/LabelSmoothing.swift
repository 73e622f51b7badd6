import Engine

/// Generalised label smoothing (Wei et al.; UGradSL's building block): soft targets
/// `y^{GLS,r} = (1 − r)·onehot(y) + r/K`, with a negative rate r giving negative label smoothing (NLS).
///
/// The cross-entropy against these targets is `(1 − r)·NLL + r·mean_k(−log p_k)` and its gradient with
/// respect to the logits is `p − y^{GLS,r}` (the targets sum to 1 for every r). With r < 0 the true class
/// gets more than 1 and every other class a negative weight, so ascending it keeps pushing probability
/// off the true class even after plain cross-entropy ascent has flattened out.
public enum LabelSmoothing {
    /// The `[N, K]` smoothed targets of `labels`.
    public static func targets(labels: [Int], classes: Int, rate: Float) -> Tensor {
        let result = Tensor(repeating: rate / Float(classes), shape: [labels.count, classes])
        for (row, label) in labels.enumerated() {
            precondition(label >= 0 && label < classes, "LabelSmoothing: label \(label) outside \(classes) classes")
            result.data[row * classes + label] += 1 - rate
        }
        return result
    }

    /// Mean over the batch of the cross-entropy of `logits [N, K]` against the rate-`rate` smoothed labels
    /// (rate 0 is the ordinary cross-entropy).
    public static func crossEntropy(logits: Variable, labels: [Int], rate: Float) -> Variable {
        if rate == 0 { return tokenNegativeLogLikelihood(logits: logits, targets: labels).mean() }
        let classes = logits.shape[1]
        let perImage = softTargetCrossEntropy(logits: logits, targets: targets(labels: labels, classes: classes, rate: rate))
        return perImage.mean()
    }
}

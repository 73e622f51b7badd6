import Foundation

/// Per-token negative log-likelihood `−log softmax(logits)[target]`, fused (log-softmax, gather and the
/// backward `softmax − onehot` never materialise a probability tensor).
///
/// `logits` is `[..., V]`; `targets` holds one class per row (row-major over the leading axes). Rows whose
/// target equals `ignoreIndex` (−100, as in PyTorch) contribute 0 and receive no gradient. The result has
/// the leading shape of `logits`.
public func tokenNegativeLogLikelihood(logits: Variable, targets: [Int], ignoreIndex: Int = -100) -> Variable {
    let vocabulary = logits.shape.last ?? 1
    let rows = logits.value.count / max(vocabulary, 1)
    precondition(targets.count == rows, "tokenNegativeLogLikelihood: \(targets.count) targets for \(rows) rows")
    for target in targets where target != ignoreIndex {
        precondition(target >= 0 && target < vocabulary, "tokenNegativeLogLikelihood: target \(target) outside vocabulary of \(vocabulary)")
    }
    let outputShape = Array(logits.shape.dropLast())
    let output = Tensor(zeros: outputShape)
    let logSumExps = Tensor(zeros: [rows])
    let source = logits.value
    let (px, py, pl) = (SendablePointer(source.data), SendablePointer(output.data), SendablePointer(logSumExps.data))
    Parallel.forRanges(rows, minimumChunk: 2) { range in
        for row in range where targets[row] != ignoreIndex {
            let x = px.pointer + row * vocabulary
            let lse = SoftmaxKernels.logSumExp(x, vocabulary)
            pl.pointer[row] = lse
            py.pointer[row] = lse - x[targets[row]]
        }
    }
    return Variable.record(output, inputs: [logits]) { gradient in
        // Every row is written below (ignored and zero-weight rows with zeros), so no zero-filling first.
        let result = Tensor(uninitialized: source.shape)
        // Pointers are re-derived here so the closure owns the tensors they point into.
        let (px, pl) = (SendablePointer(source.data), SendablePointer(logSumExps.data))
        let (pg, pr) = (SendablePointer(gradient.data), SendablePointer(result.data))
        Parallel.forRanges(rows, minimumChunk: 2) { range in
            for row in range {
                let g = pg.pointer[row]
                let x = px.pointer + row * vocabulary, r = pr.pointer + row * vocabulary
                if targets[row] == ignoreIndex || g == 0 {
                    r.update(repeating: 0, count: vocabulary)
                    continue
                }
                let lse = pl.pointer[row]
                VectorExponential.exponentiate(x, minus: lse, times: g, into: r, count: vocabulary)
                r[targets[row]] -= g
            }
        }
        return [result]
    }
}

/// Summed answer-token NLL per sequence and the number of scored tokens, the quantity every unlearning
/// objective is built from (GA, NPO, SimNPO, DPO, …).
public struct SequenceLoss {
    /// Σ over non-ignored tokens of −log p, one entry per sequence: shape `[B]`.
    public let negativeLogLikelihoodSum: Variable
    /// Non-ignored target tokens per sequence.
    public let tokenCounts: [Int]

    /// Wraps per-sequence sums (tests build these by hand to check objectives against closed forms).
    public init(negativeLogLikelihoodSum: Variable, tokenCounts: [Int]) {
        precondition(negativeLogLikelihoodSum.shape == [tokenCounts.count], "SequenceLoss: sums \(negativeLogLikelihoodSum.shape) for \(tokenCounts.count) sequences")
        self.negativeLogLikelihoodSum = negativeLogLikelihoodSum
        self.tokenCounts = tokenCounts
    }

    /// Mean NLL over all scored tokens of the batch (the usual language-model loss).
    public var meanTokenLoss: Variable {
        negativeLogLikelihoodSum.sum().scaled(by: 1 / Float(max(tokenCounts.reduce(0, +), 1)))
    }
}

/// Sequence losses for `logits [B, T, V]` against `targets` (`B·T` ids, already shifted so that
/// `targets[b, t]` is the token after position t; `ignoreIndex` marks prompt and padding positions).
public func sequenceLoss(logits: Variable, targets: [Int], ignoreIndex: Int = -100) -> SequenceLoss {
    precondition(logits.shape.count == 3, "sequenceLoss: logits must be [B, T, V], got \(logits.shape)")
    return sequenceLoss(tokenNegativeLogLikelihoods: tokenNegativeLogLikelihood(logits: logits, targets: targets, ignoreIndex: ignoreIndex),
                        targets: targets, ignoreIndex: ignoreIndex)
}

/// Sequence losses from per-token NLLs `[B, T]` (from the full logits or the chunked projection).
public func sequenceLoss(tokenNegativeLogLikelihoods perToken: Variable, targets: [Int], ignoreIndex: Int = -100) -> SequenceLoss {
    precondition(perToken.shape.count == 2, "sequenceLoss: per-token NLLs must be [B, T], got \(perToken.shape)")
    let (batch, length) = (perToken.shape[0], perToken.shape[1])
    let counts = (0..<batch).map { b in targets[(b * length)..<((b + 1) * length)].filter { $0 != ignoreIndex }.count }
    return SequenceLoss(negativeLogLikelihoodSum: perToken.sum(axis: 1), tokenCounts: counts)
}

/// Cross-entropy of `logits [..., K]` against soft targets `[..., K]`: `−Σ_k y_k · log softmax(z)_k` per
/// row, the result having the leading shape of `logits`.
///
/// Targets need not be probabilities: label smoothing with a negative rate (UGradSL's NLS) gives entries
/// below 0 and above 1. Per row the loss is `Σy · logsumexp(z) − Σ_k y_k z_k`, so its gradient is
/// `softmax(z) · Σy − y`, which is the familiar `p − y` whenever the targets sum to 1 (smoothed one-hots do,
/// for every rate). Targets are constants: no gradient flows to them.
public func softTargetCrossEntropy(logits: Variable, targets: Tensor) -> Variable {
    precondition(logits.shape == targets.shape, "softTargetCrossEntropy: targets \(targets.shape) do not match logits \(logits.shape)")
    let classes = logits.shape.last ?? 1
    let rows = logits.value.count / max(classes, 1)
    let output = Tensor(zeros: Array(logits.shape.dropLast()))
    let logSumExps = Tensor(zeros: [rows]), targetSums = Tensor(zeros: [rows])
    let source = logits.value
    let (pz, py, po) = (SendablePointer(source.data), SendablePointer(targets.data), SendablePointer(output.data))
    let (pl, ps) = (SendablePointer(logSumExps.data), SendablePointer(targetSums.data))
    Parallel.forRanges(rows, minimumChunk: 64) { range in
        for row in range {
            let z = pz.pointer + row * classes, y = py.pointer + row * classes
            let lse = SoftmaxKernels.logSumExp(z, classes)
            let total = Elementwise.sum(y, count: classes)
            pl.pointer[row] = lse
            ps.pointer[row] = total
            po.pointer[row] = total * lse - Elementwise.dot(y, z, count: classes)
        }
    }
    return Variable.record(output, inputs: [logits]) { gradient in
        let result = Tensor(zeros: source.shape)
        let (pz, py, pg, pr) = (SendablePointer(source.data), SendablePointer(targets.data), SendablePointer(gradient.data), SendablePointer(result.data))
        let (pl, ps) = (SendablePointer(logSumExps.data), SendablePointer(targetSums.data))
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                let g = pg.pointer[row]
                if g == 0 { continue }
                let z = pz.pointer + row * classes, y = py.pointer + row * classes, r = pr.pointer + row * classes
                VectorExponential.exponentiate(z, minus: pl.pointer[row], times: g * ps.pointer[row], into: r, count: classes)
                for index in 0..<classes { r[index] -= g * y[index] }
            }
        }
        return [result]
    }
}

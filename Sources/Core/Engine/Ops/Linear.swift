/// `x · weightᵀ + bias` with PyTorch's `[out, in]` weight layout: x is `[..., in]`, the result `[..., out]`.
///
/// Forward and both weight/input gradients are single GEMM calls over all rows (B·T), the shape BLAS
/// runs fastest.
public func linear(_ input: Variable, weight: Variable, bias: Variable? = nil) -> Variable {
    precondition(weight.shape.count == 2, "linear: weight must be [out, in], got \(weight.shape)")
    let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
    precondition(input.shape.last == inFeatures, "linear: input \(input.shape) does not end in \(inFeatures)")
    if let bias { precondition(bias.shape == [outFeatures], "linear: bias \(bias.shape) is not [\(outFeatures)]") }
    let rows = input.value.count / max(inFeatures, 1)
    let x = input.value, w = weight.value
    var outputShape = input.shape
    outputShape[outputShape.count - 1] = outFeatures
    // β = 0 overwrites the output; with a bias it is filled first and accumulated into.
    let output = Tensor(uninitialized: outputShape)
    if let bias {
        for row in 0..<rows { (output.data + row * outFeatures).update(from: bias.value.data, count: outFeatures) }
    }
    MatrixMultiply.gemm(transposeA: false, transposeB: true, m: rows, n: outFeatures, k: inFeatures,
                        a: x.data, lda: inFeatures, b: w.data, ldb: inFeatures,
                        beta: bias == nil ? 0 : 1, c: output.data, ldc: outFeatures)
    let needs = (input.requiresGradient, weight.requiresGradient, bias?.requiresGradient ?? false)
    var inputs = [input, weight]
    if let bias { inputs.append(bias) }
    return Variable.record(output, inputs: inputs) { gradient in
        var gradients: [Tensor?] = [nil, nil]
        if needs.0 {
            let dx = Tensor(uninitialized: x.shape)
            MatrixMultiply.gemm(transposeA: false, transposeB: false, m: rows, n: inFeatures, k: outFeatures,
                                a: gradient.data, lda: outFeatures, b: w.data, ldb: inFeatures, c: dx.data, ldc: inFeatures)
            gradients[0] = dx
        }
        if needs.1 {
            // A parameter's gradient buffer already exists (ParameterSet): the GEMM accumulates straight
            // into it (β = 1) instead of filling a new tensor that is then added, which for a tied
            // SmolLM2 head was a 113 MB allocation and an extra pass per step.
            if weight.isLeaf, let existing = weight.gradient {
                MatrixMultiply.gemm(transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: rows,
                                    a: gradient.data, lda: outFeatures, b: x.data, ldb: inFeatures, beta: 1, c: existing.data, ldc: inFeatures)
            } else {
                let dw = Tensor(uninitialized: w.shape)
                MatrixMultiply.gemm(transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: rows,
                                    a: gradient.data, lda: outFeatures, b: x.data, ldb: inFeatures, c: dw.data, ldc: inFeatures)
                gradients[1] = dw
            }
        }
        if needs.2 { gradients.append(Broadcasting.reduce(gradient, to: [outFeatures])) }
        return gradients
    }
}

/// Matrix product over the last two axes: `[..., M, K] · [..., K, N] → [..., M, N]`. Leading (batch)
/// axes must match, or `b` may be a plain `[K, N]` matrix shared by every batch entry.
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
    precondition(a.shape.count >= 2 && b.shape.count >= 2, "matmul: needs rank ≥ 2, got \(a.shape) and \(b.shape)")
    let (m, k) = (a.shape[a.shape.count - 2], a.shape[a.shape.count - 1])
    let (k2, n) = (b.shape[b.shape.count - 2], b.shape[b.shape.count - 1])
    precondition(k == k2, "matmul: inner sizes differ in \(a.shape) · \(b.shape)")
    let batchShape = Array(a.shape.dropLast(2))
    let shared = b.shape.count == 2
    precondition(shared || Array(b.shape.dropLast(2)) == batchShape, "matmul: batch axes differ in \(a.shape) · \(b.shape)")
    let batches = Shape.count(batchShape)
    let (left, right) = (a.value, b.value)
    let output = Tensor(uninitialized: batchShape + [m, n])
    if shared {
        MatrixMultiply.gemm(transposeA: false, transposeB: false, m: batches * m, n: n, k: k,
                            a: left.data, lda: k, b: right.data, ldb: n, c: output.data, ldc: n)
    } else {
        for batch in 0..<batches {
            MatrixMultiply.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k,
                                a: left.data + batch * m * k, lda: k, b: right.data + batch * k * n, ldb: n,
                                c: output.data + batch * m * n, ldc: n)
        }
    }
    let needs = (a.requiresGradient, b.requiresGradient)
    return Variable.record(output, inputs: [a, b]) { gradient in
        var gradientA: Tensor? = nil, gradientB: Tensor? = nil
        if needs.0 {
            // dA = dC · Bᵀ
            let da = Tensor(uninitialized: left.shape)
            for batch in 0..<batches {
                MatrixMultiply.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n,
                                    a: gradient.data + batch * m * n, lda: n,
                                    b: right.data + (shared ? 0 : batch * k * n), ldb: n,
                                    c: da.data + batch * m * k, ldc: k)
            }
            gradientA = da
        }
        if needs.1 {
            // dB = Aᵀ · dC, summed over batches when B is shared.
            let db = Tensor(uninitialized: right.shape)
            if shared {
                MatrixMultiply.gemm(transposeA: true, transposeB: false, m: k, n: n, k: batches * m,
                                    a: left.data, lda: k, b: gradient.data, ldb: n, c: db.data, ldc: n)
            } else {
                for batch in 0..<batches {
                    MatrixMultiply.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m,
                                        a: left.data + batch * m * k, lda: k, b: gradient.data + batch * m * n, ldb: n,
                                        c: db.data + batch * k * n, ldc: n)
                }
            }
            gradientB = db
        }
        return [gradientA, gradientB]
    }
}

import CKernels
import Foundation

/// Causal scaled-dot-product attention with grouped-query heads, fused forward and backward.
///
/// Shapes: `query [B, T, H, D]`, `key`/`value [B, S, KV, D]` with `H` a multiple of `KV`; query head h
/// reads key/value head `h / (H / KV)`. Keys are the last S positions, so with a cache of `S − T` earlier
/// tokens query t may attend keys `0 ... S − T + t`. The result is `[B, T, H, D]`.
///
/// On CPUs with AVX-512 and head sizes that are multiples of 16 (up to 128) the `CKernels` kernel runs:
/// register-tiled loops over four query rows at a time, keeping only each row's log-sum-exp for backward.
/// Elsewhere, per (batch, head) the scores, softmax and weighted sum are GEMMs on strided slices of the
/// inputs (no transposes are materialised) and the probabilities are kept for backward. Both skip the
/// masked upper triangle (queries in blocks of `queryBlock` rows multiply only the keys their last row
/// can see) and split work across (batch, KV head) groups, so that key/value gradients of heads sharing
/// a KV head never race.
public func causalAttention(query: Variable, key: Variable, value: Variable, scale: Float, queryBlock: Int = 64) -> Variable {
    precondition(query.shape.count == 4 && key.shape.count == 4 && value.shape == key.shape,
                 "causalAttention: query \(query.shape), key \(key.shape), value \(value.shape)")
    let (batch, length, heads, dimension) = (query.shape[0], query.shape[1], query.shape[2], query.shape[3])
    let (keyLength, keyHeads) = (key.shape[1], key.shape[2])
    precondition(key.shape[0] == batch && key.shape[3] == dimension && keyHeads > 0 && heads % keyHeads == 0,
                 "causalAttention: incompatible query \(query.shape) and key \(key.shape)")
    precondition(keyLength >= length, "causalAttention: \(keyLength) keys for \(length) queries")
    let layout = AttentionLayout(batch: batch, length: length, keyLength: keyLength, heads: heads,
                                 keyHeads: keyHeads, dimension: dimension, scale: scale, queryBlock: max(1, queryBlock))
    let (q, k, v) = (query.value, key.value, value.value)
    let output = Tensor(uninitialized: query.shape)  // both paths write every row
    let needs = (query.requiresGradient, key.requiresGradient || value.requiresGradient)
    let vectorised = VectorKernels.enabled && unlearn_attention_supported(dimension) != 0  // head sizes 16k ≤ 128
    let needsBackward = GradientMode.isEnabled && (needs.0 || needs.1)
    if vectorised {
        // The AVX-512 kernel keeps one log-sum-exp per query row and rebuilds the probabilities in
        // backward: 36 KB instead of 9 MB per SmolLM2 layer at 4 × 256 tokens.
        let logSumExps = needsBackward ? Tensor(uninitialized: [batch, heads, length]) : nil
        layout.vectorisedForward(q, k, v, logSumExps, output)
        return Variable.record(output, inputs: [query, key, value]) { gradient in
            let dq = Tensor(uninitialized: q.shape), dk = Tensor(zeros: k.shape), dv = Tensor(zeros: v.shape)
            layout.vectorisedBackward(q, k, v, logSumExps!, gradient, dq, dk, dv)
            return [needs.0 ? dq : nil, needs.1 ? dk : nil, needs.1 ? dv : nil]
        }
    }
    let probabilities = Tensor(zeros: [batch, heads, length, keyLength])
    layout.forward(q, k, v, probabilities, output)
    return Variable.record(output, inputs: [query, key, value]) { gradient in
        let dq = Tensor(uninitialized: q.shape), dk = Tensor(zeros: k.shape), dv = Tensor(zeros: v.shape)
        layout.backward(q, k, v, probabilities, gradient, dq, dk, dv)
        return [needs.0 ? dq : nil, needs.1 ? dk : nil, needs.1 ? dv : nil]
    }
}

/// Strides and loops of one attention call.
struct AttentionLayout: Sendable {
    let batch, length, keyLength, heads, keyHeads, dimension: Int
    let scale: Float
    let queryBlock: Int
    var group: Int { heads / keyHeads }

    /// Query row blocks and, for each, how many keys its rows can see at most.
    var blocks: [(rows: Range<Int>, keys: Int)] {
        stride(from: 0, to: length, by: queryBlock).map { start in
            let end = min(start + queryBlock, length)
            return (start..<end, past + end)
        }
    }
    var past: Int { keyLength - length }
    var queryRowStride: Int { heads * dimension }
    var keyRowStride: Int { keyHeads * dimension }

    func queryOffset(_ b: Int, _ h: Int) -> Int { b * length * queryRowStride + h * dimension }
    func keyOffset(_ b: Int, _ kvh: Int) -> Int { b * keyLength * keyRowStride + kvh * dimension }
    func probabilityOffset(_ b: Int, _ h: Int) -> Int { (b * heads + h) * length * keyLength }

    /// Runs `body(b, kvh)` for every (batch, KV head) pair in parallel, with single-threaded BLAS inside.
    func forEachGroup(_ body: @escaping @Sendable (Int, Int) -> Void) {
        MatrixMultiply.withSingleThreadedBLAS {
            Parallel.forRanges(batch * keyHeads) { range in
                for pair in range { body(pair / keyHeads, pair % keyHeads) }
            }
        }
    }

    func forward(_ q: Tensor, _ k: Tensor, _ v: Tensor, _ probabilities: Tensor, _ output: Tensor) {
        let (pq, pk, pv, pp, po) = (SendablePointer(q.data), SendablePointer(k.data), SendablePointer(v.data),
                                    SendablePointer(probabilities.data), SendablePointer(output.data))
        forEachGroup { b, kvh in
            for h in (kvh * group)..<((kvh + 1) * group) {
                for (rows, keys) in blocks {
                    // Probabilities past `keys` stay 0 from the zeroed buffer: they are all masked.
                    let scores = pp.pointer + probabilityOffset(b, h) + rows.lowerBound * keyLength
                    let queries = pq.pointer + queryOffset(b, h) + rows.lowerBound * queryRowStride
                    // scores[rows, 0..<keys] = scale · Q Kᵀ
                    MatrixMultiply.gemm(transposeA: false, transposeB: true, m: rows.count, n: keys, k: dimension,
                                        alpha: scale, a: queries, lda: queryRowStride,
                                        b: pk.pointer + keyOffset(b, kvh), ldb: keyRowStride, c: scores, ldc: keyLength)
                    for t in rows {
                        let row = scores + (t - rows.lowerBound) * keyLength
                        let visible = past + t + 1
                        let lse = SoftmaxKernels.logSumExp(row, visible)
                        VectorExponential.exponentiate(row, minus: lse, into: row, count: visible)
                        for s in visible..<keys { row[s] = 0 }
                    }
                    // out[rows] = P V
                    MatrixMultiply.gemm(transposeA: false, transposeB: false, m: rows.count, n: dimension, k: keys,
                                        a: scores, lda: keyLength, b: pv.pointer + keyOffset(b, kvh), ldb: keyRowStride,
                                        c: po.pointer + queryOffset(b, h) + rows.lowerBound * queryRowStride, ldc: queryRowStride)
                }
            }
        }
    }

    func backward(_ q: Tensor, _ k: Tensor, _ v: Tensor, _ probabilities: Tensor, _ gradient: Tensor,
                  _ dq: Tensor, _ dk: Tensor, _ dv: Tensor) {
        let (pq, pk, pv, pp) = (SendablePointer(q.data), SendablePointer(k.data), SendablePointer(v.data), SendablePointer(probabilities.data))
        let (pg, pdq, pdk, pdv) = (SendablePointer(gradient.data), SendablePointer(dq.data), SendablePointer(dk.data), SendablePointer(dv.data))
        forEachGroup { b, kvh in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: length * keyLength)
            defer { scratch.deallocate() }
            for h in (kvh * group)..<((kvh + 1) * group) {
                for (rows, keys) in blocks {
                    let p = pp.pointer + probabilityOffset(b, h) + rows.lowerBound * keyLength
                    let upstream = pg.pointer + queryOffset(b, h) + rows.lowerBound * queryRowStride
                    let queries = pq.pointer + queryOffset(b, h) + rows.lowerBound * queryRowStride
                    let scores = scratch + rows.lowerBound * keyLength
                    // dV[0..<keys] += Pᵀ dO
                    MatrixMultiply.gemm(transposeA: true, transposeB: false, m: keys, n: dimension, k: rows.count,
                                        a: p, lda: keyLength, b: upstream, ldb: queryRowStride,
                                        beta: 1, c: pdv.pointer + keyOffset(b, kvh), ldc: keyRowStride)
                    // dP[rows, 0..<keys] = dO Vᵀ
                    MatrixMultiply.gemm(transposeA: false, transposeB: true, m: rows.count, n: keys, k: dimension,
                                        a: upstream, lda: queryRowStride, b: pv.pointer + keyOffset(b, kvh), ldb: keyRowStride,
                                        c: scores, ldc: keyLength)
                    // dS = P ⊙ (dP − Σ dP⊙P), zero where masked (P = 0 there)
                    for t in rows {
                        let pRow = p + (t - rows.lowerBound) * keyLength, dRow = scores + (t - rows.lowerBound) * keyLength
                        let visible = past + t + 1
                        let dot = Elementwise.dot(pRow, dRow, count: visible)
                        for s in 0..<visible { dRow[s] = pRow[s] * (dRow[s] - dot) }
                        for s in visible..<keys { dRow[s] = 0 }
                    }
                    // dQ[rows] = scale · dS K ;  dK[0..<keys] += scale · dSᵀ Q
                    MatrixMultiply.gemm(transposeA: false, transposeB: false, m: rows.count, n: dimension, k: keys,
                                        alpha: scale, a: scores, lda: keyLength, b: pk.pointer + keyOffset(b, kvh), ldb: keyRowStride,
                                        c: pdq.pointer + queryOffset(b, h) + rows.lowerBound * queryRowStride, ldc: queryRowStride)
                    MatrixMultiply.gemm(transposeA: true, transposeB: false, m: keys, n: dimension, k: rows.count,
                                        alpha: scale, a: scores, lda: keyLength, b: queries, ldb: queryRowStride,
                                        beta: 1, c: pdk.pointer + keyOffset(b, kvh), ldc: keyRowStride)
                }
            }
        }
    }
}

extension AttentionLayout {
    /// The C description of (batch b, key/value head kvh)'s slice of the tensors.
    private func group(_ b: Int, _ kvh: Int, _ q: SendablePointer<Float>, _ k: SendablePointer<Float>, _ v: SendablePointer<Float>,
                       _ output: SendablePointer<Float>, _ logSumExps: SendablePointer<Float>?) -> UnlearnAttentionGroup {
        let firstHead = kvh * group
        return UnlearnAttentionGroup(
            query: UnsafePointer(q.pointer + queryOffset(b, firstHead)), key: UnsafePointer(k.pointer + keyOffset(b, kvh)),
            value: UnsafePointer(v.pointer + keyOffset(b, kvh)), output: output.pointer + queryOffset(b, firstHead),
            rowLogSumExp: logSumExps.map { $0.pointer + (b * heads + firstHead) * length },
            length: length, keyLength: keyLength, group: group, dimension: dimension,
            queryRowStride: queryRowStride, keyRowStride: keyRowStride, scale: scale)
    }

    /// `forward` through the AVX-512 kernel, one call per (batch, key/value head) group; writes each query
    /// row's log-sum-exp when `logSumExps` (`[B, H, T]`) is given.
    func vectorisedForward(_ q: Tensor, _ k: Tensor, _ v: Tensor, _ logSumExps: Tensor?, _ output: Tensor) {
        let (pq, pk, pv, po) = (SendablePointer(q.data), SendablePointer(k.data), SendablePointer(v.data), SendablePointer(output.data))
        let pl = logSumExps.map { SendablePointer($0.data) }
        Parallel.forRanges(batch * keyHeads) { range in
            for pair in range {
                var description = group(pair / keyHeads, pair % keyHeads, pq, pk, pv, po, pl)
                // Called outside `precondition`, whose condition -Ounchecked never evaluates.
                let status = unlearn_attention_forward(&description)
                if status != 0 { fatalError("causalAttention: out of memory for attention scratch") }
            }
        }
    }

    /// `backward` through the AVX-512 kernel, from the forward pass's log-sum-exps.
    func vectorisedBackward(_ q: Tensor, _ k: Tensor, _ v: Tensor, _ logSumExps: Tensor, _ gradient: Tensor,
                            _ dq: Tensor, _ dk: Tensor, _ dv: Tensor) {
        let (pq, pk, pv, pl) = (SendablePointer(q.data), SendablePointer(k.data), SendablePointer(v.data), SendablePointer(logSumExps.data))
        let (pg, pdq, pdk, pdv) = (SendablePointer(gradient.data), SendablePointer(dq.data), SendablePointer(dk.data), SendablePointer(dv.data))
        Parallel.forRanges(batch * keyHeads) { range in
            for pair in range {
                let (b, kvh) = (pair / keyHeads, pair % keyHeads)
                // The backward pass reads no output: the query gradient stands in for it.
                var description = group(b, kvh, pq, pk, pv, pdq, pl)
                let firstHead = kvh * group
                var gradients = UnlearnAttentionGradients(
                    upstream: UnsafePointer(pg.pointer + queryOffset(b, firstHead)), queryGradient: pdq.pointer + queryOffset(b, firstHead),
                    keyGradient: pdk.pointer + keyOffset(b, kvh), valueGradient: pdv.pointer + keyOffset(b, kvh))
                let status = unlearn_attention_backward(&description, &gradients)
                if status != 0 { fatalError("causalAttention: out of memory for attention scratch") }
            }
        }
    }
}

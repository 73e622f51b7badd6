// Converts Llama attn_q / attn_k weights between Hugging Face's "rotate half" row order and the
// interleaved-pair row order llama.cpp's converter stores in GGUF.
//
// Within each head of `headDim = rows / heads` rows, HF row `t·headDim/2 + i` (t ∈ {0,1})
// corresponds to GGUF row `2i + t`. Use `heads = n_head` for Q and `heads = n_head_kv` for K.
// `columns` may be 1 to handle bias vectors.

/// GGUF (interleaved) → HF (half-split) row order.
public func unpermuteLlamaQK(weights: [Float], rows: Int, columns: Int, heads: Int) throws -> [Float] {
    try reorderLlamaQKRows(weights: weights, rows: rows, columns: columns, heads: heads, toHuggingFace: true)
}

/// HF (half-split) → GGUF (interleaved) row order; the inverse of `unpermuteLlamaQK`.
public func permuteLlamaQK(weights: [Float], rows: Int, columns: Int, heads: Int) throws -> [Float] {
    try reorderLlamaQKRows(weights: weights, rows: rows, columns: columns, heads: heads, toHuggingFace: false)
}

private func reorderLlamaQKRows(weights: [Float], rows: Int, columns: Int, heads: Int, toHuggingFace: Bool) throws -> [Float] {
    guard rows >= 0, columns >= 0, heads > 0, rows % (2 * heads) == 0 else {
        throw CheckpointError.invalidArgument("RoPE permutation", "rows \(rows) must be a multiple of 2 × heads (\(heads))")
    }
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, weights.count == count else {
        throw CheckpointError.invalidArgument("RoPE permutation", "\(weights.count) weights do not match \(rows) × \(columns)")
    }
    let headDim = rows / heads
    let halfDim = headDim / 2
    var result = [Float](repeating: 0, count: count)
    weights.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { destination in
            for head in 0..<heads {
                for pair in 0..<halfDim {
                    for part in 0..<2 {
                        let interleavedRow = head * headDim + 2 * pair + part
                        let halfSplitRow = head * headDim + part * halfDim + pair
                        let (from, to) = toHuggingFace ? (interleavedRow, halfSplitRow) : (halfSplitRow, interleavedRow)
                        for column in 0..<columns {
                            destination[to * columns + column] = source[from * columns + column]
                        }
                    }
                }
            }
        }
    }
    return result
}

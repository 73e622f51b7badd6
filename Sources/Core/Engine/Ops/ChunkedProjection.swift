/// The chunk loop behind the chunked output projection `Σ input · weightᵀ`: gathers a chunk of rows of
/// every term's input, projects them into one reused logit buffer, and back-propagates a chunk's logit
/// gradient. `chunkedTokenNegativeLogLikelihood` runs it for losses; scoring that needs the whole
/// distribution of some rows (membership statistics, last-position choices) runs it directly, so
/// neither ever holds more than one chunk of logits.
public struct ChunkedProjection {
    /// A chunk's logits are kept near this many floats (16 MB), few enough to stay cheap at any vocabulary
    /// and many rows enough that the weight-gradient GEMM, which reads and writes the whole
    /// vocabulary × hidden gradient once per chunk, is not dominated by that traffic.
    public static let chunkFloats = 4 << 20

    /// Rows per chunk for a vocabulary: 85 for SmolLM2's 49,152 entries, 32 for Llama-3's 128,256.
    public static func defaultChunkRows(vocabulary: Int) -> Int { max(1, chunkFloats / max(vocabulary, 1)) }

    let inputs: [Tensor]
    let weights: [Tensor]
    /// Width of a logit row.
    public let vocabulary: Int
    /// Rows of every input (the product of its leading axes).
    public let rows: Int
    let chunkRows: Int

    /// The projection of the terms' current values (recording no graph); every term's input must have
    /// the same leading axes and every weight `vocabulary` rows.
    public init(terms: [ProjectionTerm], chunkRows: Int? = nil) {
        precondition(!terms.isEmpty, "ChunkedProjection: no projection terms")
        let leadingShape = Array(terms[0].input.shape.dropLast())
        vocabulary = terms[0].weight.shape[0]
        for term in terms {
            precondition(term.weight.shape.count == 2 && term.weight.shape[0] == vocabulary,
                         "ChunkedProjection: weight \(term.weight.shape) is not [\(vocabulary), in]")
            precondition(term.input.shape.last == term.weight.shape[1] && Array(term.input.shape.dropLast()) == leadingShape,
                         "ChunkedProjection: input \(term.input.shape) does not match \(leadingShape) + [\(term.weight.shape[1])]")
        }
        inputs = terms.map(\.input.value)
        weights = terms.map(\.weight.value)
        rows = Shape.count(leadingShape)
        self.chunkRows = chunkRows ?? Self.defaultChunkRows(vocabulary: vocabulary)
        precondition(self.chunkRows >= 1, "ChunkedProjection: chunk of \(self.chunkRows) rows")
    }

    /// Calls `body` with each chunk of `rows` (consecutive, at most `chunkRows` of them), that chunk's
    /// logits `[chunk.count, vocabulary]` (which `body` may overwrite) and the chunk's gathered input rows.
    public func forEachChunk(of rows: [Int], _ body: ([Int], SendablePointer<Float>, [Tensor]) -> Void) {
        guard !rows.isEmpty else { return }
        // Both buffers are reused by every chunk: the loop's memory is one chunk, whatever the row count.
        let logits = Tensor(uninitialized: [min(chunkRows, rows.count), vocabulary])
        let gathered = inputs.map { Tensor(uninitialized: [min(chunkRows, rows.count), $0.shape.last!]) }
        for start in stride(from: 0, to: rows.count, by: chunkRows) {
            let chunk = Array(rows[start..<min(start + chunkRows, rows.count)])
            for (term, input) in inputs.enumerated() {
                let width = input.shape.last!
                for (index, row) in chunk.enumerated() {
                    (gathered[term].data + index * width).update(from: input.data + row * width, count: width)
                }
                // β = 0 overwrites the buffer with the first term; later terms add to it.
                MatrixMultiply.gemm(transposeA: false, transposeB: true, m: chunk.count, n: vocabulary, k: width,
                                    a: gathered[term].data, lda: width, b: weights[term].data, ldb: width,
                                    beta: term == 0 ? 0 : 1, c: logits.data, ldc: vocabulary)
            }
            body(chunk, SendablePointer(logits.data), gathered)
        }
    }

    /// Adds one chunk's share of every needed gradient: `dInput = dLogits · weight` into the chunk's rows
    /// and `dWeight += dLogitsᵀ · input` (nil entries are not needed).
    func backpropagate(chunk: [Int], gathered: [Tensor], logitGradient: SendablePointer<Float>,
                       inputGradients: [Tensor?], weightGradients: [Tensor?]) {
        for term in inputs.indices {
            let width = inputs[term].shape.last!
            if let inputGradient = inputGradients[term] {
                let rowsGradient = Tensor(uninitialized: [chunk.count, width])
                MatrixMultiply.gemm(transposeA: false, transposeB: false, m: chunk.count, n: width, k: vocabulary,
                                    a: logitGradient.pointer, lda: vocabulary, b: weights[term].data, ldb: width,
                                    c: rowsGradient.data, ldc: width)
                // A row belongs to exactly one chunk, so its gradient is written, not added.
                for (index, row) in chunk.enumerated() {
                    (inputGradient.data + row * width).update(from: rowsGradient.data + index * width, count: width)
                }
            }
            if let weightGradient = weightGradients[term] {
                MatrixMultiply.gemm(transposeA: true, transposeB: false, m: vocabulary, n: width, k: chunk.count,
                                    a: logitGradient.pointer, lda: vocabulary, b: gathered[term].data, ldb: width,
                                    beta: 1, c: weightGradient.data, ldc: width)
            }
        }
    }
}

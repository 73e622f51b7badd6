import Engine

/// Logits of chosen positions, a chunk at a time, for scoring that needs whole next-token distributions
/// of some rows (membership statistics, last-position choices) but never all positions' logits at once.
extension CausalLanguageModel {
    /// Calls `body` with consecutive chunks of `rows` (indices `b·length + t` of `input`'s positions),
    /// the chunk's logits `[chunk.count, vocabulary]` and the vocabulary size, without gradients. A model
    /// that only produces logits gives them one row at a time out of its full logits.
    public func forEachLogitChunk(_ input: ModelInput, rows: [Int], _ body: ([Int], UnsafeMutablePointer<Float>, Int) -> Void) {
        GradientMode.withoutGradients {
            if let terms = outputProjectionTerms(input) {
                let projection = ChunkedProjection(terms: terms)
                projection.forEachChunk(of: rows) { chunk, logits, _ in body(chunk, logits.pointer, projection.vocabulary) }
            } else {
                let logits = forward(input, cache: nil).logits.value
                let vocabulary = logits.shape.last ?? 0
                for row in rows { body([row], logits.data + row * vocabulary, vocabulary) }
            }
        }
    }
}

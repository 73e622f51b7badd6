/// One summand of an output projection: `input · weightᵀ`, with `input` `[..., inFeatures]` and `weight`
/// `[vocabulary, inFeatures]`. A plain head is one term (hidden states, head weight); a LoRA-adapted head
/// adds a second (the scaled adapter-down output, the adapter-up weight).
public struct ProjectionTerm {
    /// `[..., inFeatures]`; every term of one projection has the same leading axes.
    public let input: Variable
    /// `[vocabulary, inFeatures]`, PyTorch's `[out, in]` layout as `linear` uses.
    public let weight: Variable

    public init(input: Variable, weight: Variable) {
        self.input = input
        self.weight = weight
    }
}

/// Per-token negative log-likelihood of `targets` under the logits `Σ input · weightᵀ`, computed a chunk
/// of rows at a time (`ChunkedProjection`) so the `[rows × vocabulary]` logit matrix never exists: only
/// one chunk's logits do.
///
/// The result equals `tokenNegativeLogLikelihood(logits: Σ linear(input, weight), targets:)` up to float
/// rounding: the leading shape of the inputs, 0 (and no gradient) where the target is `ignoreIndex`.
/// Rows with an ignored target are never projected at all (prompt and padding positions cost nothing).
/// The backward pass recomputes each chunk's logits from the inputs and the per-row log-sum-exp kept by
/// the forward pass, then accumulates the input and weight gradients chunk by chunk.
public func chunkedTokenNegativeLogLikelihood(terms: [ProjectionTerm], targets: [Int], ignoreIndex: Int = -100,
                                              chunkRows: Int? = nil) -> Variable {
    let projection = ChunkedProjection(terms: terms, chunkRows: chunkRows)
    let (rows, vocabulary) = (projection.rows, projection.vocabulary)
    precondition(targets.count == rows, "chunkedTokenNegativeLogLikelihood: \(targets.count) targets for \(rows) rows")
    for target in targets where target != ignoreIndex {
        precondition(target >= 0 && target < vocabulary, "chunkedTokenNegativeLogLikelihood: target \(target) outside vocabulary of \(vocabulary)")
    }
    let scored = (0..<rows).filter { targets[$0] != ignoreIndex }
    let output = Tensor(zeros: Array(terms[0].input.shape.dropLast()))
    let logSumExps = Tensor(zeros: [rows])
    projection.forEachChunk(of: scored) { chunk, logits, _ in
        let (py, pl) = (SendablePointer(output.data), SendablePointer(logSumExps.data))
        Parallel.forRanges(chunk.count, minimumChunk: 2) { range in
            for index in range {
                let row = chunk[index], x = logits.pointer + index * vocabulary
                let lse = SoftmaxKernels.logSumExp(x, vocabulary)
                pl.pointer[row] = lse
                py.pointer[row] = lse - x[targets[row]]
            }
        }
    }
    let needsInput = terms.map(\.input.requiresGradient), needsWeight = terms.map(\.weight.requiresGradient)
    let inputShapes = terms.map(\.input.shape), weightVariables = terms.map(\.weight)
    return Variable.record(output, inputs: terms.map(\.input) + terms.map(\.weight)) { gradient in
        // Zero-filled because ignored rows (and rows whose upstream gradient is 0) receive nothing.
        let inputGradients = terms.indices.map { needsInput[$0] ? Tensor(zeros: inputShapes[$0]) : nil }
        // A parameter's gradient buffer already exists (ParameterSet): accumulate straight into it, as
        // `linear` does, instead of allocating a second vocabulary × hidden tensor to add afterwards.
        var returnedWeightGradients: [Tensor?] = Array(repeating: nil, count: terms.count)
        let weightGradients: [Tensor?] = terms.indices.map { index in
            guard needsWeight[index] else { return nil }
            if weightVariables[index].isLeaf, let existing = weightVariables[index].gradient { return existing }
            let fresh = Tensor(zeros: weightVariables[index].shape)
            returnedWeightGradients[index] = fresh
            return fresh
        }
        let active = scored.filter { gradient.data[$0] != 0 }
        let pg = SendablePointer(gradient.data), pl = SendablePointer(logSumExps.data)
        projection.forEachChunk(of: active) { chunk, logits, gathered in
            // Turn the chunk's logits into their gradient in place: g · (softmax − onehot(target)).
            Parallel.forRanges(chunk.count, minimumChunk: 2) { range in
                for index in range {
                    let row = chunk[index], g = pg.pointer[row], x = logits.pointer + index * vocabulary
                    _ = VectorExponential.exponentiate(x, minus: pl.pointer[row], times: g, into: x, count: vocabulary)
                    x[targets[row]] -= g
                }
            }
            projection.backpropagate(chunk: chunk, gathered: gathered, logitGradient: logits,
                                     inputGradients: inputGradients, weightGradients: weightGradients)
        }
        return inputGradients + returnedWeightGradients
    }
}

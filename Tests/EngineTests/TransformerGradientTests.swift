import Testing
@testable import Engine

/// Finite-difference checks of the transformer ops: linear, matmul, norms, softmax, embedding, RoPE,
/// attention and cross-entropy, plus gradients taken at hidden activations and input embeddings.
@Suite struct TransformerGradientTests {
    @Test func linearAndMatmul() {
        let x = GradientCheck.leaf([2, 3, 5], seed: 20)
        let weight = GradientCheck.leaf([4, 5], seed: 21)
        let bias = GradientCheck.leaf([4], seed: 22)
        GradientCheck.check([x, weight, bias]) { linear(x, weight: weight, bias: bias) }
        GradientCheck.check([x, weight]) { linear(x, weight: weight) }
        let b = GradientCheck.leaf([2, 5, 3], seed: 23)
        let shared = GradientCheck.leaf([5, 3], seed: 24)
        GradientCheck.check([x, b]) { matmul(x, b) }
        GradientCheck.check([x, shared]) { matmul(x, shared) }
    }

    @Test func normalizations() {
        let x = GradientCheck.leaf([3, 8], seed: 25, scale: 2, shift: 0.5)
        let weight = GradientCheck.leaf([8], seed: 26, shift: 1)
        let bias = GradientCheck.leaf([8], seed: 27)
        GradientCheck.check([x, weight]) { rmsNorm(x, weight: weight, epsilon: 1e-5) }
        GradientCheck.check([x, weight, bias]) { layerNorm(x, weight: weight, bias: bias, epsilon: 1e-5) }
    }

    @Test func softmaxFamily() {
        let x = GradientCheck.leaf([3, 7], seed: 28, scale: 2)
        GradientCheck.check([x]) { x.softmax() }
        GradientCheck.check([x]) { x.logSoftmax() }
    }

    @Test func embeddingGradients() {
        let table = GradientCheck.leaf([6, 4], seed: 29)
        GradientCheck.check([table]) { embedding([1, 3, 1, 5, 0, 3], shape: [2, 3], table: table) }
    }

    @Test func rotary() {
        let x = GradientCheck.leaf([2, 3, 2, 8], seed: 30)
        let plain = RotaryEmbedding(dimension: 8, theta: 10_000)
        let scaled = RotaryEmbedding(dimension: 8, theta: 500_000,
                                     scaling: .llama3(factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalMaxPositions: 16))
        GradientCheck.check([x]) { applyRotary(x, positions: [0, 1, 2], rotary: plain) }
        GradientCheck.check([x]) { applyRotary(x, positions: [5, 9, 40], rotary: scaled) }
    }

    @Test func groupedQueryAttention() {
        // 4 query heads over 2 KV heads, 2 cached positions before 3 new queries.
        let query = GradientCheck.leaf([2, 3, 4, 4], seed: 31)
        let key = GradientCheck.leaf([2, 5, 2, 4], seed: 32)
        let value = GradientCheck.leaf([2, 5, 2, 4], seed: 33)
        GradientCheck.check([query, key, value]) { causalAttention(query: query, key: key, value: value, scale: 0.5) }
        let selfKey = GradientCheck.leaf([2, 3, 2, 4], seed: 34), selfValue = GradientCheck.leaf([2, 3, 2, 4], seed: 35)
        GradientCheck.check([query, selfKey, selfValue]) { causalAttention(query: query, key: selfKey, value: selfValue, scale: 0.5) }
        // Query blocks of 2 rows: several blocks, each seeing a different number of keys.
        GradientCheck.check([query, key, value]) { causalAttention(query: query, key: key, value: value, scale: 0.5, queryBlock: 2) }
        GradientCheck.check([query, selfKey, selfValue]) { causalAttention(query: query, key: selfKey, value: selfValue, scale: 0.5, queryBlock: 1) }
    }

    @Test func tokenNegativeLogLikelihoodGradients() {
        let logits = GradientCheck.leaf([2, 3, 7], seed: 36, scale: 2)
        let targets = [3, -100, 6, 0, 2, -100]
        GradientCheck.check([logits]) { tokenNegativeLogLikelihood(logits: logits, targets: targets) }
        GradientCheck.check([logits]) { sequenceLoss(logits: logits, targets: targets).meanTokenLoss }
    }

    @Test func gradientAtHiddenActivationAndInputEmbeddings() {
        // RMU steers a hidden layer and UnlearnDiff-style attacks optimise input embeddings: both need
        // gradients at non-parameter nodes.
        let inputs = GradientCheck.leaf([2, 5], seed: 37)  // input embeddings as a leaf
        let first = GradientCheck.leaf([6, 5], seed: 38), second = GradientCheck.leaf([3, 6], seed: 39)
        let hidden = linear(inputs, weight: first).gelu()
        let output = linear(hidden, weight: second)
        let upstream = Tensor(repeating: 1, shape: output.shape)
        let kept = Backward.run(seeds: [(output, upstream)], retain: [hidden])
        // d(Σ output)/d hidden = Σ_rows of `second` broadcast, per row.
        let expected = (0..<6).map { column in (0..<3).reduce(Float(0)) { $0 + second.value.data[$1 * 6 + column] } }
        let hiddenGradient = kept[ObjectIdentifier(hidden)]
        #expect(hiddenGradient != nil)
        assertClose(Array(hiddenGradient!.scalars.prefix(6)), expected)
        #expect(inputs.gradient != nil)
        // Injecting a gradient directly at the hidden node reaches only the layers below it.
        first.gradient = nil; second.gradient = nil
        let hidden2 = linear(inputs, weight: first).gelu()
        Backward.run(seeds: [(hidden2, Tensor(repeating: 1, shape: hidden2.shape))])
        #expect(first.gradient != nil)
        #expect(second.gradient == nil)
        GradientCheck.check([inputs, first]) { linear(inputs, weight: first).gelu() }
    }
}

import Testing
import TestSupport
@testable import Engine

/// The chunked projection + cross-entropy against the full-logit path (`linear` then
/// `tokenNegativeLogLikelihood`): same per-token NLLs and same hidden and weight gradients, whatever the
/// chunk size, with ignored targets; and its own gradients against finite differences.
@Suite struct ChunkedProjectionCrossEntropyTests {
    /// 2 × 11 positions (22 rows, 5 of them ignored, so 17 scored rows), hidden 16, vocabulary 37.
    static let targets = [3, -100, 36, 0, 7, 7, -100, 12, 30, 1, 5,
                          -100, 2, 19, 33, 4, -100, -100, 8, 21, 0, 11]

    /// Per-token NLLs of both paths and the gradients of Σ upstream ⊙ NLL at hidden and weight.
    static func run(chunked: Bool, chunkRows: Int?, hidden: Tensor, weight: Tensor, upstream: Tensor)
        -> (values: [Float], hiddenGradient: [Float], weightGradient: [Float]) {
        let h = Variable(hidden.copy(), requiresGradient: true), w = Variable(weight.copy(), requiresGradient: true)
        let output = chunked
            ? chunkedTokenNegativeLogLikelihood(terms: [ProjectionTerm(input: h, weight: w)], targets: targets, chunkRows: chunkRows)
            : tokenNegativeLogLikelihood(logits: linear(h, weight: w), targets: targets)
        Backward.run(seeds: [(output, upstream)])
        return (output.value.scalars, h.gradient?.scalars ?? [], w.gradient?.scalars ?? [])
    }

    static func randomInputs(seed: UInt64) -> (hidden: Tensor, weight: Tensor, upstream: Tensor) {
        var generator = SeededGenerator(seed: seed)
        return (Tensor.normal([2, 11, 16], generator: &generator),
                Tensor.normal([37, 16], standardDeviation: 0.5, generator: &generator),
                Tensor.normal([2, 11], generator: &generator))
    }

    @Test func valuesAndGradientsMatchTheFullLogitPath() {
        let (hidden, weight, upstream) = Self.randomInputs(seed: 41)
        let full = Self.run(chunked: false, chunkRows: nil, hidden: hidden, weight: weight, upstream: upstream)
        // 4 divides neither 22 rows nor 17 scored ones; 1 is the smallest chunk, 64 holds everything, nil
        // is the default size; 17 is exactly the scored rows.
        for chunkRows in [4, 1, 17, 64, nil] as [Int?] {
            let chunked = Self.run(chunked: true, chunkRows: chunkRows, hidden: hidden, weight: weight, upstream: upstream)
            let label = "chunk of \(chunkRows.map(String.init) ?? "default") rows"
            let values = closeness(chunked.values, full.values, tolerance: 1e-5)
            #expect(values.passes, "NLL, \(label): \(values)")
            let hiddenGradient = closeness(chunked.hiddenGradient, full.hiddenGradient, tolerance: 1e-5)
            #expect(hiddenGradient.passes, "hidden gradient, \(label): \(hiddenGradient)")
            let weightGradient = closeness(chunked.weightGradient, full.weightGradient, tolerance: 1e-5)
            #expect(weightGradient.passes, "weight gradient, \(label): \(weightGradient)")
        }
        // Ignored positions are 0 with no gradient, scored ones are not: the comparison above is not vacuous.
        for (row, target) in Self.targets.enumerated() {
            #expect((full.values[row] == 0) == (target == -100), "row \(row)")
            let rowGradient = full.hiddenGradient[(row * 16)..<((row + 1) * 16)]
            #expect(rowGradient.allSatisfy { $0 == 0 } == (target == -100), "row \(row)")
        }
    }

    @Test func weightGradientAddsIntoAnExistingParameterGradient() {
        // ParameterSet gives every parameter a gradient buffer before backward, and a tied head's weight
        // also receives the embedding's gradient: the op must add to what is there, not overwrite it.
        let (hidden, weight, upstream) = Self.randomInputs(seed: 42)
        let full = Self.run(chunked: false, chunkRows: nil, hidden: hidden, weight: weight, upstream: upstream)
        let h = Variable(hidden.copy(), requiresGradient: true), w = Variable(weight.copy(), requiresGradient: true)
        w.gradient = Tensor(repeating: 0.25, shape: weight.shape)
        let output = chunkedTokenNegativeLogLikelihood(terms: [ProjectionTerm(input: h, weight: w)], targets: Self.targets, chunkRows: 5)
        Backward.run(seeds: [(output, upstream)])
        let comparison = closeness(w.gradient!.scalars, full.weightGradient.map { $0 + 0.25 }, tolerance: 1e-5)
        #expect(comparison.passes, "\(comparison)")
    }

    @Test func frozenWeightGetsNoGradientAndHiddenStillDoes() {
        let (hidden, weight, upstream) = Self.randomInputs(seed: 43)
        let full = Self.run(chunked: false, chunkRows: nil, hidden: hidden, weight: weight, upstream: upstream)
        let h = Variable(hidden.copy(), requiresGradient: true), w = Variable(weight.copy())
        let output = chunkedTokenNegativeLogLikelihood(terms: [ProjectionTerm(input: h, weight: w)], targets: Self.targets, chunkRows: 3)
        Backward.run(seeds: [(output, upstream)])
        #expect(w.gradient == nil)
        let comparison = closeness(h.gradient?.scalars ?? [], full.hiddenGradient, tolerance: 1e-5)
        #expect(comparison.passes, "\(comparison)")
    }

    @Test func twoTermsMatchTheSumOfTwoProjections() {
        // A LoRA-adapted head: logits = h·Wᵀ + u·Bᵀ with u = (α/r)·h·Aᵀ.
        let hidden = GradientCheck.leaf([22, 16], seed: 44), weight = GradientCheck.leaf([37, 16], seed: 45, scale: 0.5)
        let down = GradientCheck.leaf([4, 16], seed: 46, scale: 0.5), up = GradientCheck.leaf([37, 4], seed: 47, scale: 0.5)
        var generator = SeededGenerator(seed: 48)
        let upstream = Tensor.normal([22], generator: &generator)
        func gradients(_ build: () -> Variable) -> [[Float]] {
            for leaf in [hidden, weight, down, up] { leaf.gradient = nil }
            Backward.run(seeds: [(build(), upstream)])
            return [hidden, weight, down, up].map { $0.gradient?.scalars ?? [] }
        }
        var chunkedValues: [Float] = [], fullValues: [Float] = []
        let chunked = gradients {
            let output = chunkedTokenNegativeLogLikelihood(
                terms: [ProjectionTerm(input: hidden, weight: weight),
                        ProjectionTerm(input: linear(hidden, weight: down).scaled(by: 2), weight: up)],
                targets: Self.targets, chunkRows: 6)
            chunkedValues = output.value.scalars
            return output
        }
        let full = gradients {
            let logits = linear(hidden, weight: weight) + linear(linear(hidden, weight: down).scaled(by: 2), weight: up)
            let output = tokenNegativeLogLikelihood(logits: logits, targets: Self.targets)
            fullValues = output.value.scalars
            return output
        }
        #expect(closeness(chunkedValues, fullValues, tolerance: 1e-5).passes)
        for (index, name) in ["hidden", "weight", "adapter down", "adapter up"].enumerated() {
            let comparison = closeness(chunked[index], full[index], tolerance: 1e-5)
            #expect(!full[index].isEmpty && comparison.passes, "\(name): \(comparison)")
        }
    }

    @Test func gradientsMatchFiniteDifferences() {
        let hidden = GradientCheck.leaf([2, 11, 6], seed: 49), weight = GradientCheck.leaf([9, 6], seed: 50)
        let targets = Self.targets.map { $0 == -100 ? -100 : $0 % 9 }
        GradientCheck.check([hidden, weight]) {
            chunkedTokenNegativeLogLikelihood(terms: [ProjectionTerm(input: hidden, weight: weight)], targets: targets, chunkRows: 4)
        }
        // Through the per-sequence sums the objectives use, and with a second (adapter) term.
        let input = GradientCheck.leaf([2, 11, 3], seed: 51), adapter = GradientCheck.leaf([9, 3], seed: 52)
        GradientCheck.check([hidden, weight, input, adapter]) {
            let perToken = chunkedTokenNegativeLogLikelihood(
                terms: [ProjectionTerm(input: hidden, weight: weight), ProjectionTerm(input: input, weight: adapter)],
                targets: targets, chunkRows: 5)
            return sequenceLoss(tokenNegativeLogLikelihoods: perToken, targets: targets).negativeLogLikelihoodSum
        }
    }
}

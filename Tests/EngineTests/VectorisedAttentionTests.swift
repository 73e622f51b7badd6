import Testing
import TestSupport
@testable import Engine

extension VectorKernelSwitching {
    /// The AVX-512 attention kernel against the BLAS-based loops it replaces, on shapes that exercise its
    /// edges: partial 4-row tiles, key counts off the 32-key step, a KV cache (past > 0), grouped heads and
    /// every head-size chunking (16, 32, 48, 64, 80, 128).
    @Suite(.enabled(if: VectorKernels.available, "this CPU has no AVX-512: attention always takes the BLAS path"))
    final class VectorisedAttentionTests {
        // Whatever a test did, the kernels are back on for the next one.
        deinit { VectorKernels.allowed = true }

        /// Output and the three gradients of one attention call, with the vectorised kernel on or off.
        private func run(vectorised: Bool, q: Tensor, k: Tensor, v: Tensor, upstream: Tensor, scale: Float) -> [[Float]] {
            VectorKernels.allowed = vectorised
            defer { VectorKernels.allowed = true }
            let (query, key, value) = (Variable(q, requiresGradient: true), Variable(k, requiresGradient: true), Variable(v, requiresGradient: true))
            let output = causalAttention(query: query, key: key, value: value, scale: scale)
            (output * Variable(upstream)).sum().backward()
            return [output.value.scalars, query.gradient!.scalars, key.gradient!.scalars, value.gradient!.scalars]
        }

        @Test func matchesBLASPathOnEdgeShapes() {
            var generator = SeededGenerator(seed: 77)
            let cases: [(batch: Int, length: Int, past: Int, heads: Int, keyHeads: Int, dimension: Int)] = [
                (2, 37, 0, 6, 2, 64), (1, 5, 0, 2, 2, 16), (2, 33, 7, 4, 1, 32), (1, 1, 40, 3, 3, 48),
                (1, 70, 0, 2, 1, 80), (1, 19, 3, 2, 2, 128), (3, 64, 0, 9, 3, 64),
            ]
            for shape in cases {
                let keyLength = shape.length + shape.past
                let q = Tensor.normal([shape.batch, shape.length, shape.heads, shape.dimension], generator: &generator)
                let k = Tensor.normal([shape.batch, keyLength, shape.keyHeads, shape.dimension], generator: &generator)
                let v = Tensor.normal([shape.batch, keyLength, shape.keyHeads, shape.dimension], generator: &generator)
                let upstream = Tensor.normal(q.shape, generator: &generator)
                let scale = 1 / Float(shape.dimension).squareRoot()
                let reference = run(vectorised: false, q: q, k: k, v: v, upstream: upstream, scale: scale)
                let vectorised = run(vectorised: true, q: q, k: k, v: v, upstream: upstream, scale: scale)
                for (name, index) in [("output", 0), ("query gradient", 1), ("key gradient", 2), ("value gradient", 3)] {
                    let worst = closeness(vectorised[index], reference[index], tolerance: 2e-5)
                    #expect(worst.passes, "\(name) of \(shape): \(worst)")
                }
            }
        }

        @Test func scoringWithoutGradientsEqualsTrainingForward() {
            var generator = SeededGenerator(seed: 78)
            let q = Tensor.normal([2, 21, 4, 32], generator: &generator)
            let k = Tensor.normal([2, 21, 2, 32], generator: &generator), v = Tensor.normal([2, 21, 2, 32], generator: &generator)
            let kept = causalAttention(query: Variable(q, requiresGradient: true), key: Variable(k), value: Variable(v), scale: 0.3).value
            let scored = GradientMode.withoutGradients { causalAttention(query: Variable(q), key: Variable(k), value: Variable(v), scale: 0.3).value }
            #expect(kept.scalars == scored.scalars)
        }

        @Test func gradientsMatchFiniteDifferences() {
            var generator = SeededGenerator(seed: 79)
            let query = Variable(Tensor.normal([1, 6, 2, 16], generator: &generator), requiresGradient: true)
            let key = Variable(Tensor.normal([1, 9, 1, 16], generator: &generator), requiresGradient: true)
            let value = Variable(Tensor.normal([1, 9, 1, 16], generator: &generator), requiresGradient: true)
            GradientCheck.check([query, key, value]) { causalAttention(query: query, key: key, value: value, scale: 0.5) }
        }

        @Test func nonFiniteScoresPropagate() {
            var generator = SeededGenerator(seed: 80)
            let q = Tensor.normal([1, 4, 1, 16], generator: &generator)
            q.data[16 + 5] = .nan
            let k = Tensor.normal([1, 4, 1, 16], generator: &generator), v = Tensor.normal([1, 4, 1, 16], generator: &generator)
            let output = causalAttention(query: Variable(q), key: Variable(k), value: Variable(v), scale: 0.25).value
            #expect(output.scalars[0..<16].allSatisfy { $0.isFinite }, "row 0 has no NaN input")
            #expect(output.scalars[16..<32].allSatisfy { $0.isNaN }, "row 1's query is NaN")
        }
    }
}

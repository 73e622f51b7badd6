import Testing
@testable import Engine

/// Graph recording, accumulation and the iterative walk.
@Suite struct AutodiffTests {
    @Test func noGradientModeRecordsNothing() {
        let weight = Variable(Tensor([1, 2], shape: [2]), requiresGradient: true)
        let result = GradientMode.withoutGradients { (weight * weight).sum() }
        #expect(!result.requiresGradient)
        #expect(result.isLeaf)
        #expect((weight * weight).requiresGradient)
    }

    @Test func gradientsAccumulateAcrossUsesAndCalls() {
        // f = Σ (x·x + x) ⇒ df/dx = 2x + 1; a second backward adds to the first.
        let x = Variable(Tensor([1, -2, 3], shape: [3]), requiresGradient: true)
        ((x * x) + x).sum().backward()
        #expect(x.gradient?.scalars == [3, -3, 7])
        ((x * x) + x).sum().backward()
        #expect(x.gradient?.scalars == [6, -6, 14])
    }

    @Test func detachedValuesStopGradients() {
        let x = Variable(Tensor([2], shape: [1]), requiresGradient: true)
        (x * x.detached()).sum().backward()
        #expect(x.gradient?.scalars == [2])
    }

    @Test func deepGraphDoesNotOverflowTheStack() {
        // 50,000 chained ops: a recursive walk would overflow the thread stack.
        let x = Variable(Tensor([1], shape: [1]), requiresGradient: true)
        var y = x
        for _ in 0..<50_000 { y = y.scaled(by: 1) }
        y.sum().backward()
        #expect(x.gradient?.scalars == [1])
    }

    @Test func seededGeneratorIsReproducibleAndWellDistributed() {
        var first = SeededGenerator(seed: 99), second = SeededGenerator(seed: 99), other = SeededGenerator(seed: 100)
        let a = (0..<5).map { _ in first.next() }, b = (0..<5).map { _ in second.next() }
        #expect(a == b)
        #expect(a != (0..<5).map { _ in other.next() })
        let samples = Tensor.normal([20_000], mean: 1, standardDeviation: 2, generator: &first).scalars
        let mean = samples.reduce(0, +) / Float(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(samples.count)
        #expect(abs(mean - 1) <= 0.05)
        #expect(abs(variance.squareRoot() - 2) <= 0.05)
        let uniform = Tensor.uniform([20_000], low: -1, high: 1, generator: &first).scalars
        #expect(uniform.allSatisfy { $0 >= -1 && $0 < 1 })
        #expect(abs(uniform.reduce(0, +) / Float(uniform.count)) <= 0.02)
    }
}

import Foundation
import Testing
@testable import Engine

/// Forward values of the fused kernels against direct formulas.
@Suite struct KernelValueTests {
    @Test func attentionMatchesNaiveSoftmaxAttention() {
        var generator = SeededGenerator(seed: 40)
        let (batch, length, past, heads, keyHeads, dimension) = (2, 3, 2, 4, 2, 5)
        let keyLength = length + past
        let q = Tensor.normal([batch, length, heads, dimension], generator: &generator)
        let k = Tensor.normal([batch, keyLength, keyHeads, dimension], generator: &generator)
        let v = Tensor.normal([batch, keyLength, keyHeads, dimension], generator: &generator)
        let scale: Float = 0.4
        let output = causalAttention(query: Variable(q), key: Variable(k), value: Variable(v), scale: scale).value
        // Blocked queries give the same result.
        for block in [1, 2] {
            assertClose(causalAttention(query: Variable(q), key: Variable(k), value: Variable(v), scale: scale, queryBlock: block).value.scalars,
                        output.scalars, tolerance: 1e-6)
        }
        var expected = [Float](repeating: 0, count: output.count)
        for b in 0..<batch { for t in 0..<length { for h in 0..<heads {
            let kvh = h / (heads / keyHeads)
            let visible = past + t + 1
            var scores = [Double](repeating: 0, count: visible)
            for s in 0..<visible {
                var dot = 0.0
                for d in 0..<dimension {
                    dot += Double(q.data[((b * length + t) * heads + h) * dimension + d]) * Double(k.data[((b * keyLength + s) * keyHeads + kvh) * dimension + d])
                }
                scores[s] = dot * Double(scale)
            }
            let maximum = scores.max()!
            let weights = scores.map { Foundation.exp($0 - maximum) }
            let total = weights.reduce(0, +)
            for d in 0..<dimension {
                var value = 0.0
                for s in 0..<visible { value += weights[s] / total * Double(v.data[((b * keyLength + s) * keyHeads + kvh) * dimension + d]) }
                expected[((b * length + t) * heads + h) * dimension + d] = Float(value)
            }
        }}}
        assertClose(output.scalars, expected, tolerance: 1e-5)
    }

    @Test func crossEntropyValuesAndIgnoredRows() {
        let logits = Tensor([1, 2, 3, 0, 0, 0, -1, 5, 2], shape: [1, 3, 3])
        let loss = tokenNegativeLogLikelihood(logits: Variable(logits), targets: [2, -100, 0]).value.scalars
        let first = Foundation.log(Foundation.exp(1.0) + Foundation.exp(2.0) + Foundation.exp(3.0)) - 3
        let third = Foundation.log(Foundation.exp(-1.0) + Foundation.exp(5.0) + Foundation.exp(2.0)) + 1
        assertClose(loss, [Float(first), 0, Float(third)])
        let summary = sequenceLoss(logits: Variable(logits), targets: [2, -100, 0])
        #expect(summary.tokenCounts == [2])
        assertClose(summary.negativeLogLikelihoodSum.value.scalars, [Float(first + third)])
    }

    @Test func rmsNormAndLayerNormValues() {
        let x = Tensor([1, 2, 3, 4], shape: [1, 4])
        let weight = Variable(Tensor([1, 2, 1, 0.5], shape: [4]))
        let rms = Float((30.0 / 4 + 1e-6).squareRoot())
        assertClose(rmsNorm(Variable(x), weight: weight, epsilon: 1e-6).value.scalars, [1 / rms, 4 / rms, 3 / rms, 2 / rms])
        let deviation = Float((1.25 + 1e-5).squareRoot())
        let normalized = layerNorm(Variable(x), weight: weight, bias: Variable(Tensor(repeating: 1, shape: [4])), epsilon: 1e-5)
        assertClose(normalized.value.scalars, [1 - 1.5 / deviation, 1 - 1 / deviation, 1 + 0.5 / deviation, 1 + 0.75 / deviation])
    }

    @Test func rotaryRotatesHalvesByPositionAngle() {
        let rotary = RotaryEmbedding(dimension: 4, theta: 100)
        #expect(rotary.inverseFrequencies == [1, 0.1])
        let x = Tensor([1, 2, 3, 4], shape: [1, 1, 1, 4])
        let y = applyRotary(Variable(x), positions: [3], rotary: rotary).value.scalars
        let (c0, s0, c1, s1) = (cos(Float(3)), sin(Float(3)), cos(Float(0.3)), sin(Float(0.3)))
        assertClose(y, [1 * c0 - 3 * s0, 2 * c1 - 4 * s1, 3 * c0 + 1 * s0, 4 * c1 + 2 * s1])
    }

    @Test func llama3ScalingLeavesHighFrequenciesAndDividesLowOnes() {
        let plain = RotaryEmbedding(dimension: 64, theta: 500_000)
        let scaled = RotaryEmbedding(dimension: 64, theta: 500_000,
                                     scaling: .llama3(factor: 8, lowFrequencyFactor: 1, highFrequencyFactor: 4, originalMaxPositions: 8192))
        #expect(scaled.inverseFrequencies[0] == plain.inverseFrequencies[0])  // wavelength 2π < 2048
        #expect(abs(scaled.inverseFrequencies[31] - plain.inverseFrequencies[31] / 8) <= 1e-12)
    }

    @Test func softmaxRowsSumToOne() {
        var generator = SeededGenerator(seed: 41)
        let x = Variable(.normal([5, 11], standardDeviation: 10, generator: &generator))
        let y = x.softmax().value
        for row in 0..<5 { #expect(abs(Elementwise.sum(y.data + row * 11, count: 11) - 1) <= 1e-6) }
        assertClose(x.logSoftmax().value.scalars, y.scalars.map { Foundation.log($0) }, tolerance: 1e-5)
    }

    @Test func halfPrecisionConversions() {
        #expect(HalfPrecision.float(fromHalf: 0x3C00) == 1)
        #expect(HalfPrecision.float(fromHalf: 0xC000) == -2)
        #expect(HalfPrecision.float(fromHalf: 0x0001) == 0x1p-24)  // smallest subnormal
        #expect(HalfPrecision.float(fromHalf: 0x7C00) == .infinity)
        #expect(HalfPrecision.float(fromHalf: 0x7E00).isNaN)
        #expect(HalfPrecision.float(fromBFloat16: 0x3F80) == 1)
        #expect(HalfPrecision.bfloat16(from: 1.00390625) == 0x3F80)  // ties round to even
        for bits in stride(from: UInt16(0), to: 0x7C00, by: 97) {
            #expect(HalfPrecision.half(from: HalfPrecision.float(fromHalf: bits)) == bits)
        }
    }
}

/// The vectorised exponential against libm.
@Suite struct VectorExponentialTests {
    @Test func matchesLibmAcrossTheFloatRange() {
        var worst: Float = 0
        var x: Float = -87
        while x < 88 {
            var lanes = SIMD16<Float>()
            for lane in 0..<16 { lanes[lane] = x + Float(lane) * 0.0007 }
            let result = VectorExponential.exp(lanes)
            for lane in 0..<16 {
                let expected = Foundation.exp(Double(lanes[lane]))
                worst = max(worst, Float(abs(Double(result[lane]) - expected) / expected))
            }
            x += 0.0137
        }
        #expect(worst < 3e-7)  // about 2 ulp
        let edges = VectorExponential.exp(SIMD16<Float>(-.infinity, -200, -87.5, 0, 1, 89, .infinity, .nan, 0, 0, 0, 0, 0, 0, 0, 0))
        #expect(edges[0] == 0); #expect(edges[1] == 0); #expect(edges[2] == 0)
        #expect(edges[3] == 1); #expect(abs(edges[4] - Float(M_E)) <= 1e-6)
        #expect(edges[5] == .infinity); #expect(edges[6] == .infinity); #expect(edges[7].isNaN)
    }

    @Test func rowHelpersHandleTails() {
        let values: [Float] = (0..<37).map { Float($0) * 0.1 - 2 }
        var output = [Float](repeating: 0, count: 37)
        let total = values.withUnsafeBufferPointer { source in output.withUnsafeMutableBufferPointer { destination in
            VectorExponential.exponentiate(source.baseAddress!, minus: 0.5, into: destination.baseAddress!, count: 37)
        }}
        assertClose(output, values.map { Foundation.exp($0 - 0.5) }, tolerance: 1e-6)
        #expect(abs(total - output.reduce(0, +)) <= 1e-4)
        #expect(values.withUnsafeBufferPointer { VectorExponential.maximum($0.baseAddress!, count: 37) } == values.max()!)
    }
}

import Foundation
import Testing
@testable import Engine

/// Convolution, max pooling and soft-target cross-entropy: values against direct formulas, gradients
/// against finite differences.
@Suite struct ConvolutionTests {
    /// The definition of a channels-last cross-correlation, written as plainly as possible.
    private func directConvolution(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride: Int, padding: Int) -> [Float] {
        let (n, h, width, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[1], w.shape[2])
        let oh = (h + 2 * padding - kh) / stride + 1, ow = (width + 2 * padding - kw) / stride + 1
        var result: [Float] = []
        for image in 0..<n {
            for row in 0..<oh {
                for column in 0..<ow {
                    for feature in 0..<o {
                        var total = Double(b?.data[feature] ?? 0)
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let (r, q) = (row * stride - padding + i, column * stride - padding + j)
                                if r < 0 || r >= h || q < 0 || q >= width { continue }
                                for channel in 0..<c {
                                    total += Double(x.data[((image * h + r) * width + q) * c + channel])
                                        * Double(w.data[((feature * kh + i) * kw + j) * c + channel])
                                }
                            }
                        }
                        result.append(Float(total))
                    }
                }
            }
        }
        return result
    }

    @Test func convolutionMatchesTheDirectFormula() {
        for (stride, padding) in [(1, 0), (1, 1), (2, 1), (2, 0)] {
            let x = GradientCheck.leaf([2, 7, 6, 3], seed: 1)
            let w = GradientCheck.leaf([4, 3, 2, 3], seed: 2)
            let b = GradientCheck.leaf([4], seed: 3)
            let y = convolution2D(x, weight: w, bias: b, stride: stride, padding: padding)
            let oh = (7 + 2 * padding - 3) / stride + 1, ow = (6 + 2 * padding - 2) / stride + 1
            #expect(y.shape == [2, oh, ow, 4])
            assertClose(y.value.scalars, directConvolution(x.value, w.value, b.value, stride: stride, padding: padding), tolerance: 1e-5)
        }
    }

    @Test func convolutionGradientsMatchFiniteDifferences() {
        for (stride, padding) in [(1, 1), (2, 0)] {
            let x = GradientCheck.leaf([2, 6, 5, 3], seed: 4)
            let w = GradientCheck.leaf([4, 3, 3, 3], seed: 5, scale: 0.5)
            let b = GradientCheck.leaf([4], seed: 6)
            GradientCheck.check([x, w, b], maximumProbes: 64) {
                convolution2D(x, weight: w, bias: b, stride: stride, padding: padding)
            }
        }
    }

    @Test func maxPoolPicksWindowMaximaAndRoutesGradientsToThem() {
        // 1 image, 4×4, one channel: values 0…15 row-major, so each 2×2 window's maximum is its bottom-right.
        let x = Variable(Tensor((0..<16).map(Float.init), shape: [1, 4, 4, 1]), requiresGradient: true)
        let y = maxPool2D(x, window: 2)
        #expect(y.value.scalars == [5, 7, 13, 15])
        Backward.run(seeds: [(y, Tensor([1, 2, 3, 4], shape: [1, 2, 2, 1]))])
        var expected = [Float](repeating: 0, count: 16)
        (expected[5], expected[7], expected[13], expected[15]) = (1, 2, 3, 4)
        #expect(x.gradient?.scalars == expected)
    }

    @Test func maxPoolGradientsMatchFiniteDifferences() {
        // Distinct values 0.1 apart: a finite-difference step of 0.01 never changes a window's winner.
        let count = 2 * 6 * 6 * 3
        var generator = SeededGenerator(seed: 8)
        let values = (0..<count).map { Float($0) * 0.1 }.shuffled(using: &generator)
        let x = Variable(Tensor(values, shape: [2, 6, 6, 3]), requiresGradient: true)
        for (window, stride) in [(2, 2), (3, 1)] {
            GradientCheck.check([x], maximumProbes: 96) { maxPool2D(x, window: window, stride: stride) }
        }
    }

    @Test func softTargetCrossEntropyClosedFormAndGradient() {
        // Targets with negative entries (negative label smoothing): loss Σy·lse − Σ y·z, gradient p·Σy − y.
        let logits = GradientCheck.leaf([3, 5], seed: 9)
        let targets = Tensor([1.4, -0.1, -0.1, -0.1, -0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0, 0, 1, 0, 0.5], shape: [3, 5])
        let loss = softTargetCrossEntropy(logits: logits, targets: targets)
        var expectedLoss: [Float] = [], expectedGradient: [Float] = []
        for row in 0..<3 {
            let z = (0..<5).map { Double(logits.value.data[row * 5 + $0]) }
            let y = (0..<5).map { Double(targets.data[row * 5 + $0]) }
            let lse = Foundation.log(z.map { Foundation.exp($0) }.reduce(0, +))
            expectedLoss.append(Float(zip(y, z).map { -$0 * ($1 - lse) }.reduce(0, +)))
            expectedGradient += (0..<5).map { Float(Foundation.exp(z[$0] - lse) * y.reduce(0, +) - y[$0]) }
        }
        assertClose(loss.value.scalars, expectedLoss, tolerance: 1e-5)
        loss.sum().backward()
        assertClose(logits.gradient?.scalars ?? [], expectedGradient, tolerance: 1e-5)
        GradientCheck.check([logits]) { softTargetCrossEntropy(logits: logits, targets: targets) }
    }

    @Test func softTargetCrossEntropyWithOneHotTargetsIsTheNegativeLogLikelihood() {
        let logits = GradientCheck.leaf([4, 6], seed: 10)
        let labels = [2, 0, 5, 3]
        let oneHot = Tensor(zeros: [4, 6])
        for (row, label) in labels.enumerated() { oneHot.data[row * 6 + label] = 1 }
        let soft = GradientMode.withoutGradients { softTargetCrossEntropy(logits: logits, targets: oneHot) }
        let hard = GradientMode.withoutGradients { tokenNegativeLogLikelihood(logits: logits, targets: labels) }
        assertClose(soft.value.scalars, hard.value.scalars, tolerance: 1e-6)
    }
}

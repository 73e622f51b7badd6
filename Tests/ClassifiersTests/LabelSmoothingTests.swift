import Foundation
import Testing
@testable import Classifiers
import Engine

/// Generalised label smoothing with negative rates against its closed forms.
@Suite struct LabelSmoothingTests {
    @Test func targetsFollowTheFormulaAndSumToOne() {
        // y = (1 − r)·onehot + r/K with r = −0.5, K = 4: the true class gets 1.5 − 0.125, the others −0.125.
        let targets = LabelSmoothing.targets(labels: [2, 0], classes: 4, rate: -0.5)
        #expect(targets.shape == [2, 4])
        #expect(targets.scalars == [-0.125, -0.125, 1.375, -0.125, 1.375, -0.125, -0.125, -0.125])
        let positive = LabelSmoothing.targets(labels: [1], classes: 5, rate: 0.25)
        #expect(positive.scalars == [0.05, 0.8, 0.05, 0.05, 0.05])
    }

    @Test func lossAndGradientMatchTheClosedForms() {
        // Loss = mean over rows of (1 − r)·NLL + r·mean_k(−log p_k); gradient = (p − y^{GLS,r}) / N.
        var generator = SeededGenerator(seed: 3)
        let rows = 3, classes = 5
        let logitValues = Tensor.normal([rows, classes], standardDeviation: 2, generator: &generator)
        let labels = [4, 1, 1]
        for rate: Float in [-1, -0.5, 0, 0.3] {
            let logits = Variable(logitValues.copy(), requiresGradient: true)
            let loss = LabelSmoothing.crossEntropy(logits: logits, labels: labels, rate: rate)
            loss.backward()
            var expectedLoss = 0.0
            var expectedGradient: [Float] = []
            for row in 0..<rows {
                let z = (0..<classes).map { Double(logitValues.data[row * classes + $0]) }
                let logSumExp = Foundation.log(z.map { Foundation.exp($0) }.reduce(0, +))
                let logProbabilities = z.map { $0 - logSumExp }
                let negativeLogLikelihood = -logProbabilities[labels[row]]
                let uniform = -logProbabilities.reduce(0, +) / Double(classes)
                expectedLoss += ((1 - Double(rate)) * negativeLogLikelihood + Double(rate) * uniform) / Double(rows)
                for k in 0..<classes {
                    let target = (k == labels[row] ? 1 - Double(rate) : 0) + Double(rate) / Double(classes)
                    expectedGradient.append(Float((Foundation.exp(logProbabilities[k]) - target) / Double(rows)))
                }
            }
            #expect(abs(Double(loss.value.scalar) - expectedLoss) <= 1e-5 * max(1, abs(expectedLoss)), "rate \(rate)")
            let gradient = logits.gradient?.scalars ?? []
            #expect(gradient.count == expectedGradient.count)
            for (computed, expected) in zip(gradient, expectedGradient) {
                #expect(abs(computed - expected) <= 1e-6, "rate \(rate)")
            }
        }
    }

    @Test func negativeSmoothingKeepsAnAscentDirectionWherePlainCrossEntropyVanishes() {
        // A confidently wrong row: plain CE's gradient is already small on the true class's logit beyond the
        // probability gap, while NLS targets above 1 keep p_y − y_y clearly negative (ascent keeps pushing).
        let logits = Variable(Tensor([10, 0, 0, 0], shape: [1, 4]), requiresGradient: true)
        LabelSmoothing.crossEntropy(logits: logits, labels: [0], rate: -0.5).backward()
        let smoothed = logits.gradient!.scalars[0]
        logits.gradient = nil
        LabelSmoothing.crossEntropy(logits: logits, labels: [0], rate: 0).backward()
        let plain = logits.gradient!.scalars[0]
        #expect(abs(plain) < 1e-3)
        #expect(abs(smoothed - (plain - 0.5 + 0.125)) <= 1e-6)
    }
}

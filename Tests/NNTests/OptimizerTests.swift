import Foundation
import Testing
@testable import Engine
@testable import NN

/// Optimizers against updates computed by hand in double precision with PyTorch's formulas.
@Suite struct OptimizerTests {
    /// Two parameters with fixed values and a gradient function we control.
    private func makeParameters() -> (ParameterSet, Variable, Variable) {
        let weight = Variable(Tensor([0.5, -1.5, 2.0, 0.0], shape: [2, 2]), requiresGradient: true)
        let bias = Variable(Tensor([0.25, -0.75], shape: [2]), requiresGradient: true)
        return (ParameterSet([("layer.weight", weight), ("layer.bias", bias)]), weight, bias)
    }

    private let gradientSchedule: [[Double]] = [
        [0.1, -0.2, 0.3, 0.0, 0.5, -0.4],
        [-0.3, 0.1, 0.2, 0.7, -0.1, 0.2],
        [0.05, 0.05, -0.6, 0.2, 0.3, 0.0],
    ]

    @Test func adamWMatchesPyTorchFormulaWithDecayMaskAndFrozenCoordinates() {
        let (parameters, weight, bias) = makeParameters()
        let decayMask = parameters.huggingFaceWeightDecayMask()
        #expect(decayMask.scalars == [1, 1, 1, 1, 0, 0])  // biases are not decayed
        let updateMask = Tensor([1, 1, 0, 1, 1, 1], shape: [6])  // coordinate 2 frozen
        let optimizer = AdamW(parameters: parameters, betas: (0.9, 0.99), epsilon: 1e-8, weightDecay: 0.1,
                              masks: UpdateMasks(weightDecay: decayMask, update: updateMask))
        var theta = parameters.values.scalars.map(Double.init)
        var m = [Double](repeating: 0, count: 6), v = m
        let rates: [Double] = [0.1, 0.05, 0.2]
        for (step, gradients) in gradientSchedule.enumerated() {
            for index in 0..<6 { parameters.gradients.data[index] = Float(gradients[index]) }
            optimizer.step(learningRate: Float(rates[step]))
            let t = Double(step + 1)
            for index in 0..<6 where updateMask.data[index] != 0 {
                if decayMask.data[index] != 0 { theta[index] *= 1 - rates[step] * 0.1 }
                m[index] = 0.9 * m[index] + 0.1 * gradients[index]
                v[index] = 0.99 * v[index] + 0.01 * gradients[index] * gradients[index]
                let mHat = m[index] / (1 - pow(0.9, t)), vHat = v[index] / (1 - pow(0.99, t))
                theta[index] -= rates[step] * mHat / (vHat.squareRoot() + 1e-8)
            }
        }
        for index in 0..<6 { #expect(abs(Double(parameters.values.data[index]) - theta[index]) <= 1e-6, "coordinate \(index)") }
        #expect(weight.value.data[2] == 2.0, "a frozen coordinate must not move, weight decay included")
        #expect(bias.value.scalars == Array(parameters.values.scalars[4...]))  // views share the flat buffer
        #expect(optimizer.stepCount == 3)
    }

    @Test func adamWVectorPathGivesTheScalarPathsBits() {
        // 40 coordinates: two 16-lane blocks and a scalar tail; an all-ones update mask forces the scalar loop.
        func run(updateMask: Tensor?) -> [Float] {
            var generator = SeededGenerator(seed: 9)
            let weight = Variable(Tensor((0..<40).map { _ in generator.nextNormal() }, shape: [40]), requiresGradient: true)
            let parameters = ParameterSet([("w", weight)])
            let decay = Tensor((0..<40).map { Float($0 % 3 == 0 ? 0 : 1) }, shape: [40])
            let optimizer = AdamW(parameters: parameters, weightDecay: 0.1, masks: UpdateMasks(weightDecay: decay, update: updateMask))
            for step in 0..<4 {
                for index in 0..<40 { parameters.gradients.data[index] = generator.nextNormal() * Float(step + 1) }
                optimizer.step(learningRate: 0.01)
            }
            return parameters.values.scalars + optimizer.firstMoments.scalars + optimizer.secondMoments.scalars
        }
        #expect(run(updateMask: nil) == run(updateMask: Tensor(repeating: 1, shape: [40])))
    }

    @Test func sophiaStepsMatchTheSophiaGFormulaWithClippingAndMasks() {
        let (parameters, _, _) = makeParameters()
        let decayMask = parameters.huggingFaceWeightDecayMask()
        let updateMask = Tensor([1, 0, 1, 1, 1, 1], shape: [6])  // coordinate 1 frozen
        let optimizer = Sophia(parameters: parameters, betas: (0.9, 0.95), rho: 0.04, batchScale: 100, weightDecay: 0.1,
                               masks: UpdateMasks(weightDecay: decayMask, update: updateMask))
        let frozen = parameters.values.data[1]
        var theta = parameters.values.scalars.map(Double.init)
        var m = [Double](repeating: 0, count: 6), h = m
        var clippedCoordinates = 0, unclippedCoordinates = 0
        for (step, gradients) in gradientSchedule.enumerated() {
            let rate = [0.1, 0.05, 0.2][step]
            for index in 0..<6 { parameters.gradients.data[index] = Float(gradients[index]) }
            optimizer.updateCurvature(gradients: parameters.gradients)  // SOUL's squared-gradient estimate
            optimizer.step(learningRate: Float(rate))
            for index in 0..<6 where updateMask.data[index] != 0 {
                h[index] = 0.95 * h[index] + 0.05 * gradients[index] * gradients[index]
                if decayMask.data[index] != 0 { theta[index] *= 1 - rate * 0.1 }
                m[index] = 0.9 * m[index] + 0.1 * gradients[index]
                let ratio = min(abs(m[index]) / (0.04 * 100 * h[index] + 1e-15), 1)
                if ratio == 1 { clippedCoordinates += 1 } else if ratio > 0 { unclippedCoordinates += 1 }
                let sign: Double = m[index] > 0 ? 1 : (m[index] < 0 ? -1 : 0)
                theta[index] -= rate * sign * ratio
            }
            for index in 0..<6 {
                #expect(abs(Double(parameters.values.data[index]) - theta[index]) <= 1e-6, "step \(step + 1), coordinate \(index)")
            }
        }
        #expect(parameters.values.data[1] == frozen, "a masked coordinate must not move, not even by weight decay")
        #expect(clippedCoordinates > 0, "the schedule must exercise the clip")
        #expect(unclippedCoordinates > 0, "the schedule must exercise the curvature-scaled step")
        #expect(optimizer.stepCount == 3)
    }

    @Test func sgdMomentumNesterovAndWeightDecayMatchPyTorch() {
        for nesterov in [false, true] {
            let (parameters, _, _) = makeParameters()
            let optimizer = SGD(parameters: parameters, momentum: 0.9, dampening: 0, nesterov: nesterov, weightDecay: 0.01)
            var theta = parameters.values.scalars.map(Double.init)
            var buffer = [Double](repeating: 0, count: 6)
            for (step, gradients) in gradientSchedule.enumerated() {
                for index in 0..<6 { parameters.gradients.data[index] = Float(gradients[index]) }
                optimizer.step(learningRate: 0.1)
                for index in 0..<6 {
                    var g = gradients[index] + 0.01 * theta[index]
                    buffer[index] = step == 0 ? g : 0.9 * buffer[index] + g
                    g = nesterov ? g + 0.9 * buffer[index] : buffer[index]
                    theta[index] -= 0.1 * g
                }
            }
            for index in 0..<6 { #expect(abs(Double(parameters.values.data[index]) - theta[index]) <= 1e-6) }
        }
    }

    @Test func globalNormClipping() {
        let (parameters, _, _) = makeParameters()
        let gradients: [Float] = [3, 0, 0, 4, 0, 0]  // norm 5
        for index in 0..<6 { parameters.gradients.data[index] = gradients[index] }
        #expect(abs(parameters.clipGradientNorm(1) - 5) <= 1e-6)
        #expect(abs(parameters.gradientNorm() - 1) <= 1e-5)
        #expect(abs(parameters.gradients.data[0] - 0.6) <= 1e-5)
        #expect(abs(parameters.clipGradientNorm(10) - 1) <= 1e-5)  // below the bound: untouched
        #expect(abs(parameters.gradients.data[3] - 0.8) <= 1e-5)
    }

    @Test func schedulesMatchTransformersDefinitions() {
        #expect(LearningRateSchedule.constant.rate(step: 7, base: 2) == 2)
        let warm = LearningRateSchedule.warmupConstant(warmupSteps: 4)
        #expect([0, 1, 4, 9].map { warm.factor(step: $0) } == [0, 0.25, 1, 1])
        let linear = LearningRateSchedule.linear(warmupSteps: 2, totalSteps: 10)
        #expect([0, 1, 2, 6, 10, 12].map { linear.factor(step: $0) } == [0, 0.5, 1, 0.5, 0, 0])
        let cosine = LearningRateSchedule.cosine(warmupSteps: 2, totalSteps: 10)
        #expect(cosine.factor(step: 1) == 0.5)
        #expect(cosine.factor(step: 2) == 1)
        #expect(abs(cosine.factor(step: 6) - 0.5) <= 1e-6)
        #expect(abs(cosine.factor(step: 8) - Float(0.5 * (1 + cos(Double.pi * 0.75)))) <= 1e-6)
        #expect(abs(cosine.factor(step: 10)) <= 1e-6)
    }
}

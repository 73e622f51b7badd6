import Testing
@testable import Engine
@testable import NN

/// The same seed and thread count give bitwise-identical parameters after several training steps.
@Suite struct DeterminismTests {
    /// A two-layer GELU network trained with AdamW on seeded random data; returns the final parameters.
    private func train(seed: UInt64, steps: Int = 5) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        let first = Linear(inFeatures: 16, outFeatures: 64, generator: &generator)
        let norm = LayerNorm(width: 64)
        let second = Linear(inFeatures: 64, outFeatures: 10, generator: &generator)
        let parameters = ParameterSet(
            first.namedParameters().map { ("first." + $0.name, $0.variable) }
            + norm.namedParameters().map { ("norm." + $0.name, $0.variable) }
            + second.namedParameters().map { ("second." + $0.name, $0.variable) })
        let optimizer = AdamW(parameters: parameters, weightDecay: 0.01)
        let schedule = LearningRateSchedule.cosine(warmupSteps: 1, totalSteps: steps)
        for step in 0..<steps {
            let inputs = Variable(.normal([2, 24, 16], generator: &generator))
            let targets = (0..<48).map { _ in Int(generator.next() % 10) }
            parameters.zeroGradients()
            let logits = second(norm(first(inputs)).gelu())
            sequenceLoss(logits: logits, targets: targets).meanTokenLoss.backward()
            parameters.clipGradientNorm(1)
            optimizer.step(learningRate: schedule.rate(step: step, base: 1e-2))
        }
        return parameters.values.scalars
    }

    @Test func sameSeedGivesBitwiseIdenticalParameters() {
        let first = train(seed: 42), second = train(seed: 42)
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
        #expect(first != train(seed: 43))
    }

    @Test func trainingLowersTheLoss() {
        var generator = SeededGenerator(seed: 5)
        let layer = Linear(inFeatures: 8, outFeatures: 4, generator: &generator)
        let parameters = ParameterSet(layer.namedParameters())
        let optimizer = AdamW(parameters: parameters, weightDecay: 0)
        let inputs = Variable(.normal([1, 32, 8], generator: &generator))
        let targets = (0..<32).map { $0 % 4 }
        var losses: [Float] = []
        for _ in 0..<30 {
            parameters.zeroGradients()
            let loss = sequenceLoss(logits: layer(inputs), targets: targets).meanTokenLoss
            losses.append(loss.value.scalar)
            loss.backward()
            optimizer.step(learningRate: 0.05)
        }
        #expect(losses.last! < losses.first! * 0.8)
    }
}

import Testing
import TestSupport
@testable import Engine

/// Finite-difference gradient checking: compares backward's gradients of Σ w ⊙ f(inputs), for a random
/// projection w, with central differences computed in double precision from float forward passes.
enum GradientCheck {
    static func check(_ inputs: [Variable], step: Float = 1e-2, absoluteTolerance: Double = 3e-3,
                      relativeTolerance: Double = 2e-2, maximumProbes: Int = 48, seed: UInt64 = 11,
                      sourceLocation: SourceLocation = #_sourceLocation, _ function: () -> Variable) {
        var generator = SeededGenerator(seed: seed)
        for input in inputs { input.gradient = nil }
        let output = function()
        let projection = Tensor.normal(output.shape, generator: &generator)
        Backward.run(seeds: [(output, projection)])
        func objective() -> Double {
            let value = GradientMode.withoutGradients { function() }.value
            var total = 0.0
            for index in 0..<value.count { total += Double(value.data[index]) * Double(projection.data[index]) }
            return total
        }
        for (inputIndex, input) in inputs.enumerated() {
            guard let analytic = input.gradient else {
                Issue.record("input \(inputIndex) received no gradient", sourceLocation: sourceLocation)
                continue
            }
            #expect(analytic.shape == input.shape, "gradient shape of input \(inputIndex)", sourceLocation: sourceLocation)
            let count = input.value.count
            let probes = count <= maximumProbes ? Array(0..<count) : (0..<maximumProbes).map { _ in Int(generator.next() % UInt64(count)) }
            for index in probes {
                let original = input.value.data[index]
                input.value.data[index] = original + step
                let plus = objective()
                input.value.data[index] = original - step
                let minus = objective()
                input.value.data[index] = original
                let numeric = (plus - minus) / (2 * Double(step))
                let computed = Double(analytic.data[index])
                let tolerance = absoluteTolerance + relativeTolerance * abs(numeric)
                #expect(abs(computed - numeric) <= tolerance,
                        "input \(inputIndex) element \(index): backward \(computed), finite difference \(numeric)", sourceLocation: sourceLocation)
            }
        }
    }

    /// A leaf of normal values that requires a gradient.
    static func leaf(_ shape: [Int], seed: UInt64, scale: Float = 1, shift: Float = 0) -> Variable {
        var generator = SeededGenerator(seed: seed)
        let tensor = Tensor.normal(shape, mean: shift, standardDeviation: scale, generator: &generator)
        return Variable(tensor, requiresGradient: true)
    }

    /// A leaf of values uniform in [low, high).
    static func uniformLeaf(_ shape: [Int], seed: UInt64, low: Float, high: Float) -> Variable {
        var generator = SeededGenerator(seed: seed)
        return Variable(.uniform(shape, low: low, high: high, generator: &generator), requiresGradient: true)
    }
}

/// Asserts two float arrays agree elementwise within `tolerance` (absolute, scaled by max(1, |expected|)).
func assertClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let result = closeness(actual, expected, tolerance: Double(tolerance))
    #expect(result.passes, "\(result.description)", sourceLocation: sourceLocation)
}

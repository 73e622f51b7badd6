import Foundation

/// Differentiable elementwise functions of one variable (used by loss formulas, not the hot path).
extension Variable {
    /// Applies `function` elementwise; `derivative(input, output)` gives d output / d input.
    func map(_ function: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Variable {
        let input = value
        let output = Tensor(zeros: shape)
        for index in 0..<output.count { output.data[index] = function(input.data[index]) }
        return Variable.record(output, inputs: [self]) { gradient in
            let result = Tensor(zeros: gradient.shape)
            for index in 0..<result.count {
                result.data[index] = gradient.data[index] * derivative(input.data[index], output.data[index])
            }
            return [result]
        }
    }

    /// e^x.
    public func exp() -> Variable { map({ Foundation.exp($0) }, derivative: { _, output in output }) }
    /// Natural logarithm.
    public func log() -> Variable { map({ Foundation.log($0) }, derivative: { input, _ in 1 / input }) }
    /// Logistic sigmoid 1/(1+e^-x).
    public func sigmoid() -> Variable { map(Activation.sigmoid, derivative: { _, output in output * (1 - output) }) }
    /// log σ(x), computed without overflow for large |x|.
    public func logSigmoid() -> Variable {
        map({ input in -Activation.softplus(-input) }, derivative: { input, _ in Activation.sigmoid(-input) })
    }
    /// Softplus log(1 + e^x), overflow-safe.
    public func softplus() -> Variable { map(Activation.softplus, derivative: { input, _ in Activation.sigmoid(input) }) }
    /// Hyperbolic tangent.
    public func tanh() -> Variable { map({ Foundation.tanh($0) }, derivative: { _, output in 1 - output * output }) }
    /// max(x, 0).
    public func relu() -> Variable { map({ max($0, 0) }, derivative: { input, _ in input > 0 ? 1 : 0 }) }
    /// |x| (subgradient 0 at 0, as PyTorch).
    public func abs() -> Variable { map({ Swift.abs($0) }, derivative: { input, _ in input > 0 ? 1 : (input < 0 ? -1 : 0) }) }
    /// x².
    public func squared() -> Variable { map({ $0 * $0 }, derivative: { input, _ in 2 * input }) }
    /// √x.
    public func squareRoot() -> Variable { map({ $0.squareRoot() }, derivative: { _, output in 0.5 / output }) }
    /// x^exponent for a constant exponent.
    public func power(_ exponent: Float) -> Variable {
        map({ Foundation.pow($0, exponent) }, derivative: { input, _ in exponent * Foundation.pow(input, exponent - 1) })
    }
    /// Clamps into [low, high]; the gradient is zero where clamped.
    public func clamped(_ low: Float, _ high: Float) -> Variable {
        map({ Swift.min(Swift.max($0, low), high) }, derivative: { input, _ in input >= low && input <= high ? 1 : 0 })
    }
}

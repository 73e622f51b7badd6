import Engine
import NN

/// The optional l1 term λ·Σ|θ| over the updated weights (l1-sparse unlearning, Jia et al. 2023). Its
/// gradient λ·sign(θ) is added straight into the flat gradient buffer: no graph node is needed.
public enum SparsityPenalty {
    /// Adds λ·sign(θ) to the gradients; returns λ·Σ|θ|.
    @discardableResult
    public static func apply(coefficient: Float, parameters: ParameterSet) -> Float {
        let (theta, gradient) = (parameters.values.data, parameters.gradients.data)
        var total: Double = 0
        for index in 0..<parameters.count {
            let value = theta[index]
            total += Double(Swift.abs(value))
            gradient[index] += coefficient * (value > 0 ? 1 : (value < 0 ? -1 : 0))
        }
        return coefficient * Float(total)
    }
}

import Engine

/// The trainable parameters of a model gathered into one flat value buffer and one flat gradient buffer.
///
/// Each parameter's `value` and `gradient` become views into the flat buffers (llm.c's layout), so an
/// optimizer step, gradient clipping or a gradient mask is one loop over contiguous memory, and the
/// optimizer state has the same flat layout.
public final class ParameterSet {
    /// Dotted names, in buffer order.
    public let names: [String]
    /// The parameters, in buffer order.
    public let variables: [Variable]
    /// Where each parameter lives inside the flat buffers.
    public let ranges: [Range<Int>]
    /// All parameter values.
    public let values: Tensor
    /// All gradients (zeroed by `zeroGradients`).
    public let gradients: Tensor

    /// Moves `parameters` into flat buffers (their current values are preserved).
    public init(_ parameters: [(name: String, variable: Variable)]) {
        var offset = 0
        var ranges: [Range<Int>] = []
        for parameter in parameters {
            precondition(parameter.variable.requiresGradient, "ParameterSet: '\(parameter.name)' does not require gradients")
            ranges.append(offset..<(offset + parameter.variable.value.count))
            offset += parameter.variable.value.count
        }
        values = Tensor(zeros: [offset])
        gradients = Tensor(zeros: [offset])
        for (parameter, range) in zip(parameters, ranges) {
            let variable = parameter.variable
            let shape = variable.value.shape
            (values.data + range.lowerBound).update(from: variable.value.data, count: range.count)
            variable.value = Tensor(storage: values.storage, offset: range.lowerBound, shape: shape)
            variable.gradient = Tensor(storage: gradients.storage, offset: range.lowerBound, shape: shape)
            variable.name = variable.name ?? parameter.name
        }
        self.names = parameters.map(\.name)
        self.variables = parameters.map(\.variable)
        self.ranges = ranges
    }

    /// Number of scalar parameters.
    public var count: Int { values.count }

    /// Sets every gradient to zero.
    public func zeroGradients() { gradients.zero() }

    /// Euclidean norm of all gradients together.
    public func gradientNorm() -> Float {
        Float(Double(Elementwise.dot(gradients.data, gradients.data, count: gradients.count)).squareRoot())
    }

    /// Scales gradients so their global norm is at most `maximumNorm` (PyTorch `clip_grad_norm_`);
    /// returns the norm before clipping.
    @discardableResult
    public func clipGradientNorm(_ maximumNorm: Float) -> Float {
        let norm = gradientNorm()
        let coefficient = maximumNorm / (norm + 1e-6)
        if coefficient < 1 { Elementwise.scale(gradients.data, by: coefficient, into: gradients.data, count: gradients.count) }
        return norm
    }

    /// A flat 0/1 mask selecting which parameters get weight decay under Hugging Face's convention:
    /// everything except biases and normalisation weights.
    public func huggingFaceWeightDecayMask() -> Tensor {
        let mask = Tensor(zeros: [count])
        for (name, range) in zip(names, ranges) {
            let lowered = name.lowercased()
            let exempt = lowered.hasSuffix("bias") || lowered.contains("norm") || lowered.contains("ln_")
            if !exempt { (mask.data + range.lowerBound).update(repeating: 1, count: range.count) }
        }
        return mask
    }
}

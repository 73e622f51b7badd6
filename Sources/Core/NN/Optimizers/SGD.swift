import Engine

/// Stochastic gradient descent with momentum, dampening, Nesterov and coupled (L2) weight decay,
/// matching `torch.optim.SGD`.
public final class SGD: Optimizer {
    public let parameters: ParameterSet
    public private(set) var stepCount = 0
    /// Momentum factor (0 disables the buffer).
    public let momentum: Float
    /// Dampening of the momentum buffer's gradient term.
    public let dampening: Float
    /// Nesterov momentum.
    public let nesterov: Bool
    /// L2 penalty added to the gradient.
    public let weightDecay: Float
    /// Which coordinates decay and which may move.
    public var masks: UpdateMasks
    /// Momentum buffer, flat like the parameters.
    public let momentumBuffer: Tensor

    /// A plain SGD optimizer; all options default to off as in PyTorch.
    public init(parameters: ParameterSet, momentum: Float = 0, dampening: Float = 0, nesterov: Bool = false,
                weightDecay: Float = 0, masks: UpdateMasks = UpdateMasks()) {
        precondition(!nesterov || (momentum > 0 && dampening == 0), "SGD: Nesterov needs momentum > 0 and no dampening")
        self.parameters = parameters
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.masks = masks
        momentumBuffer = Tensor(zeros: [momentum > 0 ? parameters.count : 0])
    }

    public func restore(stepCount: Int) { self.stepCount = stepCount }

    public var stateTensors: [(name: String, tensor: Tensor)] { [("momentum_buffer", momentumBuffer)] }

    public func step(learningRate: Float) {
        let first = stepCount == 0
        stepCount += 1
        let theta = parameters.values.data, gradient = parameters.gradients.data, buffer = momentumBuffer.data
        for index in 0..<parameters.count {
            if let update = masks.update, update.data[index] == 0 { continue }
            var g = gradient[index]
            if weightDecay != 0 && (masks.weightDecay.map { $0.data[index] != 0 } ?? true) { g += weightDecay * theta[index] }
            if momentum > 0 {
                // PyTorch seeds the buffer with the first gradient, undampened.
                let velocity = first ? g : momentum * buffer[index] + (1 - dampening) * g
                buffer[index] = velocity
                g = nesterov ? g + momentum * velocity : velocity
            }
            theta[index] -= learningRate * g
        }
    }
}

import Engine

/// Updates a `ParameterSet` from its accumulated gradients.
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates.
    var parameters: ParameterSet { get }
    /// Completed steps.
    var stepCount: Int { get }
    /// Applies one update with the given learning rate (gradients are left untouched).
    func step(learningRate: Float)
    /// The state a checkpoint must keep to continue exactly, as named flat tensors (restored in place).
    var stateTensors: [(name: String, tensor: Tensor)] { get }
    /// Restores the step counter after `stateTensors` were loaded from a checkpoint.
    func restore(stepCount: Int)
}

/// Flat per-coordinate masks shared by the optimizers.
public struct UpdateMasks {
    /// 1 where weight decay applies (nil: everywhere).
    public var weightDecay: Tensor?
    /// 1 where a coordinate may change at all (nil: everywhere). A 0 freezes the coordinate completely:
    /// no gradient step, no weight decay, no state update (WAGLE/SalUn masks rely on this).
    public var update: Tensor?

    /// Masks over a flat parameter buffer.
    public init(weightDecay: Tensor? = nil, update: Tensor? = nil) {
        self.weightDecay = weightDecay
        self.update = update
    }
}

import Engine

/// The stopping rule of ascent-based methods (GA, UGradSL, UGradSL+): after every step, stop once the
/// forget-set accuracy has fallen to the target (UGradSL "stops when D_f converges"; past that point
/// ascent only destroys the model), and if a step made the outputs non-finite, put back the weights from
/// before that step and stop.
struct AscentStoppingRule {
    private let context: UnlearningContext
    private let beforeStep: Tensor

    init(_ context: UnlearningContext) {
        self.context = context
        beforeStep = Tensor(zeros: [context.parameters.count])
    }

    /// Called before a step: keeps the weights the step starts from (finite: the previous check passed).
    func remember() { beforeStep.assign(context.parameters.values) }

    /// Called after a step: the reason to stop, if any.
    func check() -> StopReason? {
        let (accuracy, finite) = context.forgetAccuracy()
        guard finite else {
            context.parameters.values.assign(beforeStep)
            return .diverged
        }
        return accuracy <= context.forgetAccuracyTarget ? .reachedTarget : nil
    }
}

/// An endless stream of batches over an index set, reshuffled at every pass (the partner set of a
/// mixed step: retain batches for UGradSL's forget steps, forget batches for UGradSL+'s retain steps).
struct CyclingBatches {
    private let indices: [Int]
    private let size: Int
    private var generator: SeededGenerator
    private var pending: [[Int]] = []

    init(_ indices: [Int], size: Int, generator: SeededGenerator) {
        self.indices = indices
        self.size = size
        self.generator = generator
    }

    mutating func next() -> [Int] {
        if pending.isEmpty { pending = ImageBatches.shuffledBatches(indices, size: size, generator: &generator).reversed() }
        return pending.removeLast()
    }
}

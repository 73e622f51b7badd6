import Engine
import Models
import Training

/// Reference values computed once, before the first step, from the model as loaded (the model before
/// unlearning): NPO and DPO need each forget/alternate answer's summed NLL, RMU each retain example's
/// hidden states. Caching them means no second model copy stays in memory, and a resumed run recomputes
/// them from the original checkpoint before its own state is restored.
public struct ReferenceCache: Sendable {
    public var forgetNegativeLogLikelihood: [Float] = []
    public var alternateNegativeLogLikelihood: [Float] = []
    public var retainHiddenStates: [Tensor] = []

    public init() {}

    /// Computes what `needs` asks for, in batches of `batchSize`, without gradients.
    public static func compute(model: CausalLanguageModel, needs: ReferenceNeeds, data: UnlearningData, padId: Int,
                               maximumLength: Int, batchSize: Int, steeringLayer: Int) -> ReferenceCache {
        var cache = ReferenceCache()
        func summedLosses(_ examples: [TokenizedExample]) -> [Float] {
            stride(from: 0, to: examples.count, by: batchSize).flatMap { start in
                let batch = TokenBatch(Array(examples[start..<min(start + batchSize, examples.count)]), padId: padId, maximumLength: maximumLength)
                return GradientMode.withoutGradients {
                    model.sequenceLoss(tokens: batch.ids, batch: batch.batch, length: batch.length, targets: batch.targets)
                        .negativeLogLikelihoodSum.value.scalars
                }
            }
        }
        if needs.contains(.forgetNegativeLogLikelihood) { cache.forgetNegativeLogLikelihood = summedLosses(data.forget) }
        if needs.contains(.alternateNegativeLogLikelihood) { cache.alternateNegativeLogLikelihood = summedLosses(data.alternate) }
        if needs.contains(.retainHiddenStates) {
            for start in stride(from: 0, to: data.retain.count, by: batchSize) {
                let batch = TokenBatch(Array(data.retain[start..<min(start + batchSize, data.retain.count)]), padId: padId, maximumLength: maximumLength)
                let hidden = GradientMode.withoutGradients {
                    model.forward(ModelInput(tokens: batch.ids, batch: batch.batch, length: batch.length, capturedLayers: [steeringLayer]),
                                  cache: nil).hiddenStates[steeringLayer]!.value
                }
                let width = hidden.shape[2]
                for row in 0..<batch.batch {
                    let states = Tensor(zeros: [batch.lengths[row], width])
                    states.data.update(from: hidden.data + row * batch.length * width, count: states.count)
                    cache.retainHiddenStates.append(states)
                }
            }
        }
        return cache
    }

    /// The values of the given rows.
    func slice(forget: [Int], retain: [Int]) -> ReferenceSlice {
        var slice = ReferenceSlice()
        if !forgetNegativeLogLikelihood.isEmpty { slice.forgetNegativeLogLikelihood = forget.map { forgetNegativeLogLikelihood[$0] } }
        if !alternateNegativeLogLikelihood.isEmpty { slice.alternateNegativeLogLikelihood = forget.map { alternateNegativeLogLikelihood[$0] } }
        if !retainHiddenStates.isEmpty { slice.retainHiddenStates = retain.map { retainHiddenStates[$0] } }
        return slice
    }
}

/// The tokenized data of an unlearning run.
public struct UnlearningData: Sendable {
    /// What must be forgotten.
    public var forget: [TokenizedExample]
    /// What must be kept (may be empty for methods without a retain term).
    public var retain: [TokenizedExample]
    /// Forget questions with a refusal answer, row for row with `forget` (IDK methods only).
    public var alternate: [TokenizedExample]

    public init(forget: [TokenizedExample], retain: [TokenizedExample], alternate: [TokenizedExample] = []) {
        self.forget = forget
        self.retain = retain
        self.alternate = alternate
    }
}

import Engine
import Models
import Training

/// Everything an objective sees for one micro-batch: the model, its forget rows (with IDK alternates
/// when the method uses them), the paired retain rows and the cached reference values of those rows.
public final class ObjectiveContext {
    public let model: CausalLanguageModel
    public let settings: MethodSettings
    public let forget: TokenBatch
    public let retain: TokenBatch?
    /// The forget questions with a refusal answer, row for row with `forget`.
    public let alternate: TokenBatch?
    /// Reference values of exactly these rows.
    public let reference: ReferenceSlice
    /// The frozen model before unlearning (only for the KL retain term).
    public let referenceModel: CausalLanguageModel?

    public init(model: CausalLanguageModel, settings: MethodSettings, forget: TokenBatch, retain: TokenBatch?,
                alternate: TokenBatch?, reference: ReferenceSlice, referenceModel: CausalLanguageModel?) {
        self.model = model
        self.settings = settings
        self.forget = forget
        self.retain = retain
        self.alternate = alternate
        self.reference = reference
        self.referenceModel = referenceModel
    }

    /// Per-sequence summed answer NLL of `batch` under the model being unlearned.
    public func sequenceLoss(_ batch: TokenBatch) -> SequenceLoss {
        model.sequenceLoss(tokens: batch.ids, batch: batch.batch, length: batch.length, targets: batch.targets)
    }

    /// The output of decoder layer `layer` on `batch`, `[batch, length, hidden]`.
    public func hiddenState(_ batch: TokenBatch, layer: Int) -> Variable {
        let input = ModelInput(tokens: batch.ids, batch: batch.batch, length: batch.length, capturedLayers: [layer])
        return model.forward(input, cache: nil).hiddenStates[layer]!
    }
}

/// Cached reference values for the rows of one micro-batch.
public struct ReferenceSlice: Sendable {
    /// Summed answer NLL of each forget row under the reference model (NPO, DPO's losing answer).
    public var forgetNegativeLogLikelihood: [Float] = []
    /// Summed NLL of each alternate (IDK) row under the reference model (DPO's winning answer).
    public var alternateNegativeLogLikelihood: [Float] = []
    /// Reference hidden states of each retain row at RMU's layer, `[length, hidden]` each.
    public var retainHiddenStates: [Tensor] = []

    public init() {}
}

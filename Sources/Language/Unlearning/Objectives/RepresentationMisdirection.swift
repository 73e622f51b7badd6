import Engine
import Models
import Optimization

/// RMU (Li et al. 2024, WMDP): push the steered layer's hidden states on forget data toward a fixed
/// random control vector c·u/‖u‖ (u uniform in [0, 1)^d), and keep them equal to the frozen model's on
/// retain data; only the selected layers' weights change (`MethodSettings.trainableParameters`).
/// Squared errors are averaged over real (unpadded) positions and hidden units.
public struct RepresentationMisdirection: UnlearningObjective {
    public let layer: Int
    /// c·u/‖u‖, `[hidden]`.
    public let controlVector: Tensor

    public init(layer: Int, hiddenSize: Int, steeringCoefficient: Float, seed: UInt64) {
        self.layer = layer
        controlVector = Self.controlVector(hiddenSize: hiddenSize, coefficient: steeringCoefficient, seed: seed)
    }

    /// The fixed control vector: uniform [0, 1) direction (as the reference code's `torch.rand`), scaled to norm c.
    public static func controlVector(hiddenSize: Int, coefficient: Float, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed ^ 0x524D_5543_4F4E_5452)
        let direction = (0..<hiddenSize).map { _ in generator.nextUniform() }
        let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return Tensor(direction.map { $0 / max(norm, 1e-12) * coefficient }, shape: [hiddenSize])
    }

    public var needs: ReferenceNeeds { .retainHiddenStates }
    /// Its hidden states come from `forward`, which also projects every position to logits.
    public var readsFullLogits: Bool { true }

    /// Mean squared error between `hidden` `[B, T, d]` and `target` (broadcast), over positions where
    /// `mask` `[B, T]` is 1.
    public static func maskedMeanSquaredError(_ hidden: Variable, _ target: Tensor, mask: Tensor) -> Variable {
        let (batch, length, width) = (hidden.shape[0], hidden.shape[1], hidden.shape[2])
        let positions = mask.scalars.reduce(0, +)
        let squared = (hidden - Variable(target)).squared() * Variable(mask.reshaped([batch, length, 1]))
        return squared.sum().scaled(by: 1 / (max(positions, 1) * Float(width)))
    }

    public func forgetLoss(_ context: ObjectiveContext) -> Variable {
        let hidden = context.hiddenState(context.forget, layer: layer)
        return Self.maskedMeanSquaredError(hidden, controlVector, mask: context.forget.realPositionMask)
    }

    public func retainLoss(_ context: ObjectiveContext) -> Variable? {
        guard let retain = context.retain else { return nil }
        let hidden = context.hiddenState(retain, layer: layer)
        let width = hidden.shape[2]
        // Cached reference states are per example at its own length: lay them out as the padded batch.
        let reference = Tensor(zeros: hidden.shape)
        for (row, states) in context.reference.retainHiddenStates.enumerated() {
            let count = min(states.count, retain.lengths[row] * width)
            (reference.data + row * retain.length * width).update(from: states.data, count: count)
        }
        return Self.maskedMeanSquaredError(hidden, reference, mask: retain.realPositionMask)
    }
}

/// RMU's rules, kept with the objective: its defaults, its trainable layers and its layer check.
extension RepresentationMisdirection {
    /// The WMDP recipe scaled to the model: steer layer min(7, L/2) with c = 20, retain weight α = 100.
    @Sendable static func defaults(_ settings: inout MethodSettings, model: ModelConfiguration) {
        settings.steeringLayer = min(7, model.layerCount / 2)
        settings.steeringCoefficient = 20
        settings.retainWeight = 100
    }

    /// Unless the user chose the trainable weights, they follow the steered layer.
    @Sendable static func resolve(_ settings: inout MethodSettings, model: ModelConfiguration) {
        if settings.trainableParameters == nil {
            settings.trainableParameters = steeredLayersPattern(layer: settings.steeringLayer, model: model)
        }
    }

    /// The objective, refusing a steered layer the model does not have.
    @Sendable static func make(_ settings: MethodSettings, model: ModelConfiguration) throws -> any UnlearningObjective {
        guard (0..<model.layerCount).contains(settings.steeringLayer) else {
            throw TrainingError("RMU's steering layer \(settings.steeringLayer) does not exist (the model has \(model.layerCount) layers)")
        }
        return RepresentationMisdirection(layer: settings.steeringLayer, hiddenSize: model.hiddenSize,
                                          steeringCoefficient: settings.steeringCoefficient, seed: settings.seed)
    }

    /// RMU's trainable weights: the MLP output projections of the steered layer and the two below it
    /// (the reference's `layer_ids 5,6,7`, `param_ids 6` for layer 7).
    public static func steeredLayersPattern(layer: Int, model: ModelConfiguration) -> String {
        let layers = (max(0, layer - 2)...max(0, layer)).map(String.init).joined(separator: "|")
        return model.architecture == .gpt2 ? "transformer\\.h\\.(\(layers))\\.mlp\\.c_proj\\.weight"
                                           : "model\\.layers\\.(\(layers))\\.mlp\\.down_proj\\.weight"
    }
}

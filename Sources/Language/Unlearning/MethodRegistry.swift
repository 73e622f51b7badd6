import Models
import Optimization
import Training

/// The one place unlearning methods are registered: name, one-line description, defaults and objective.
public enum MethodRegistry {
    /// A registered method.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        /// The method's published defaults on top of `MethodSettings`' (model-dependent for RMU).
        let defaults: @Sendable (inout MethodSettings, ModelConfiguration) -> Void
        let objective: @Sendable (MethodSettings, ModelConfiguration) -> any UnlearningObjective
    }

    public static let entries: [Entry] = [
        Entry(name: "ga", summary: "gradient ascent on forget answers",
              defaults: { settings, _ in settings.retainWeight = 0 },
              objective: { _, _ in GradientAscent() }),
        Entry(name: "graddiff", summary: "gradient ascent on forget + descent on retain (NLL or KL)",
              defaults: { settings, _ in settings.retainWeight = 1 },
              objective: { _, _ in GradientAscent() }),
        Entry(name: "npo", summary: "negative preference optimisation against the model before unlearning (β 0.1)",
              defaults: { settings, _ in settings.beta = 0.1; settings.retainWeight = 1 },
              objective: { settings, _ in NegativePreferenceOptimization(beta: settings.beta) }),
        Entry(name: "simnpo", summary: "reference-free, length-normalised NPO (β 4.5, δ 0, γ 0.125 as open-unlearning)",
              defaults: { settings, _ in settings.beta = 4.5; settings.margin = 0; settings.forgetWeight = 0.125; settings.retainWeight = 1 },
              objective: { settings, _ in SimpleNegativePreferenceOptimization(beta: settings.beta, margin: settings.margin) }),
        Entry(name: "idknll", summary: "descent on forget questions answered with a refusal",
              defaults: { settings, _ in settings.retainWeight = 1 },
              objective: { _, _ in IdkNegativeLogLikelihood() }),
        Entry(name: "idkdpo", summary: "DPO preferring a refusal over the forget answer (β 0.1)",
              defaults: { settings, _ in settings.beta = 0.1; settings.retainWeight = 1 },
              objective: { settings, _ in IdkPreferenceOptimization(beta: settings.beta) }),
        Entry(name: "rmu", summary: "steer one layer's forget activations to a random vector, keep retain activations",
              defaults: { settings, model in
                  settings.steeringLayer = min(7, model.layerCount / 2)
                  settings.steeringCoefficient = 20
                  settings.retainWeight = 100
                  settings.trainableParameters = steeredLayersPattern(layer: settings.steeringLayer, model: model)
              },
              objective: { settings, model in
                  RepresentationMisdirection(layer: settings.steeringLayer, hiddenSize: model.hiddenSize,
                                             steeringCoefficient: settings.steeringCoefficient, seed: settings.seed)
              }),
        Entry(name: "ugradsl", summary: "gradient ascent with negative label smoothing + retain descent (r −0.2)",
              defaults: { settings, _ in settings.smoothing = -0.2; settings.retainWeight = 1 },
              objective: { settings, _ in SmoothedGradientAscent(smoothing: settings.smoothing) }),
    ]

    /// RMU's trainable weights: the MLP output projections of the steered layer and the two below it
    /// (the reference's `layer_ids 5,6,7`, `param_ids 6` for layer 7).
    public static func steeredLayersPattern(layer: Int, model: ModelConfiguration) -> String {
        let layers = (max(0, layer - 2)...max(0, layer)).map(String.init).joined(separator: "|")
        return model.architecture == .gpt2 ? "transformer\\.h\\.(\(layers))\\.mlp\\.c_proj\\.weight"
                                           : "model\\.layers\\.(\(layers))\\.mlp\\.down_proj\\.weight"
    }

    /// Registered names, in table order.
    public static var names: [String] { entries.map(\.name) }

    static func entry(_ name: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.name == name.lowercased() }) else {
            throw TrainingError("unknown unlearning method '\(name)' (choose from \(names.joined(separator: ", ")))")
        }
        return entry
    }

    /// The method's default settings for a model.
    public static func defaults(for name: String, model: ModelConfiguration) throws -> MethodSettings {
        let entry = try entry(name)
        var settings = MethodSettings(method: entry.name)
        entry.defaults(&settings, model)
        return settings
    }

    /// The objective for `settings`.
    public static func objective(for settings: MethodSettings, model: ModelConfiguration) throws -> any UnlearningObjective {
        if settings.method == "rmu" && !(0..<model.layerCount).contains(settings.steeringLayer) {
            throw TrainingError("RMU's steering layer \(settings.steeringLayer) does not exist (the model has \(model.layerCount) layers)")
        }
        return try entry(settings.method).objective(settings, model)
    }
}

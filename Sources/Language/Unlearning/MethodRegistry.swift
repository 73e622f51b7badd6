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
        /// Builds the objective, refusing settings the model cannot run.
        let objective: @Sendable (MethodSettings, ModelConfiguration) throws -> any UnlearningObjective
        /// Settings derived from others once the user's are in (RMU's trainable layers follow its layer).
        var resolve: @Sendable (inout MethodSettings, ModelConfiguration) -> Void = { _, _ in }
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
              defaults: RepresentationMisdirection.defaults, objective: RepresentationMisdirection.make,
              resolve: RepresentationMisdirection.resolve),
        Entry(name: "ugradsl", summary: "gradient ascent with negative label smoothing + retain descent (r −0.2)",
              defaults: { settings, _ in settings.smoothing = -0.2; settings.retainWeight = 1 },
              objective: { settings, _ in SmoothedGradientAscent(smoothing: settings.smoothing) }),
    ]

    /// Registered names, in table order.
    public static var names: [String] { entries.map(\.name) }

    static func entry(_ name: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.name == name.lowercased() }) else {
            throw TrainingError("unknown unlearning method '\(name)' (choose from \(names.joined(separator: ", ")))")
        }
        return entry
    }

    /// The method's default settings for a model, with `overrides` (`--set key=value`, the dedicated
    /// flags) applied before the settings that derive from others are filled in.
    public static func settings(for name: String, model: ModelConfiguration,
                                overrides: SettingOverrides = SettingOverrides()) throws -> MethodSettings {
        let entry = try entry(name)
        var settings = MethodSettings(method: entry.name)
        entry.defaults(&settings, model)
        settings = try overrides.apply(to: settings)
        guard settings.method == entry.name else { throw TrainingError("--set method: choose the method with --method") }
        entry.resolve(&settings, model)
        return settings
    }

    /// The objective for `settings`.
    public static func objective(for settings: MethodSettings, model: ModelConfiguration) throws -> any UnlearningObjective {
        try entry(settings.method).objective(settings, model)
    }
}

import Models
import Optimization
import Training

/// The one place unlearning methods are registered: name, one-line description, defaults and objective.
public enum MethodRegistry {
    /// A registered language-model unlearning method: settings `MethodSettings`, built for a model.
    public typealias Entry = MethodDescriptor<MethodSettings, ModelConfiguration, any UnlearningObjective>

    /// An entry whose defaults start from `MethodSettings(method: name)`.
    static func entry(_ name: String, _ summary: String, defaults: @escaping @Sendable (inout MethodSettings, ModelConfiguration) -> Void,
                      resolve: @escaping @Sendable (inout MethodSettings, ModelConfiguration) -> Void = { _, _ in },
                      objective: @escaping @Sendable (MethodSettings, ModelConfiguration) throws -> any UnlearningObjective) -> Entry {
        Entry(name: name, summary: summary, defaults: { model in
            var settings = MethodSettings(method: name)
            defaults(&settings, model)
            return settings
        }, resolve: resolve, build: objective)
    }

    public static let entries: [Entry] = [
        entry("ga", "gradient ascent on forget answers",
              defaults: { settings, _ in settings.retainWeight = 0 },
              objective: { _, _ in GradientAscent() }),
        entry("graddiff", "gradient ascent on forget + descent on retain (NLL or KL)",
              defaults: { settings, _ in settings.retainWeight = 1 },
              objective: { _, _ in GradientAscent() }),
        entry("npo", "negative preference optimisation against the model before unlearning (β 0.1)",
              defaults: { settings, _ in settings.beta = 0.1; settings.retainWeight = 1 },
              objective: { settings, _ in NegativePreferenceOptimization(beta: settings.beta) }),
        entry("simnpo", "reference-free, length-normalised NPO (β 4.5, δ 0, γ 0.125 as open-unlearning)",
              defaults: { settings, _ in settings.beta = 4.5; settings.margin = 0; settings.forgetWeight = 0.125; settings.retainWeight = 1 },
              objective: { settings, _ in SimpleNegativePreferenceOptimization(beta: settings.beta, margin: settings.margin) }),
        entry("idknll", "descent on forget questions answered with a refusal",
              defaults: { settings, _ in settings.retainWeight = 1 },
              objective: { _, _ in IdkNegativeLogLikelihood() }),
        entry("idkdpo", "DPO preferring a refusal over the forget answer (β 0.1)",
              defaults: { settings, _ in settings.beta = 0.1; settings.retainWeight = 1 },
              objective: { settings, _ in IdkPreferenceOptimization(beta: settings.beta) }),
        entry("rmu", "steer one layer's forget activations to a random vector, keep retain activations",
              defaults: RepresentationMisdirection.defaults, resolve: RepresentationMisdirection.resolve,
              objective: RepresentationMisdirection.make),
        entry("ugradsl", "gradient ascent with negative label smoothing + retain descent (r −0.2)",
              defaults: { settings, _ in settings.smoothing = -0.2; settings.retainWeight = 1 },
              objective: { settings, _ in SmoothedGradientAscent(smoothing: settings.smoothing) }),
    ]

    /// Registered names, in table order.
    public static var names: [String] { entries.map(\.name) }

    static func named(_ name: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.name == name.lowercased() }) else {
            throw TrainingError("unknown unlearning method '\(name)' (choose from \(names.joined(separator: ", ")))")
        }
        return entry
    }

    /// The method's default settings for a model, with `overrides` (`--set key=value`, the dedicated
    /// flags) applied before the settings that derive from others are filled in.
    public static func settings(for name: String, model: ModelConfiguration,
                                overrides: SettingOverrides = SettingOverrides()) throws -> MethodSettings {
        let entry = try named(name)
        let settings = try entry.settings(for: model, overrides: overrides)
        guard settings.method == entry.name else { throw TrainingError("--set method: choose the method with --method") }
        return settings
    }

    /// The objective for `settings`.
    public static func objective(for settings: MethodSettings, model: ModelConfiguration) throws -> any UnlearningObjective {
        try named(settings.method).make(settings, model)
    }
}

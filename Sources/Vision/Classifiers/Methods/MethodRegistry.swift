import Optimization

/// A registered classifier-unlearning method: the shared descriptor shape (name, summary, `Codable`
/// settings with defaults, factory) plus what the classifier benchmark needs — a table name, the grid it
/// is tuned over and the settings its description shows.
public struct ClassifierMethod: Sendable {
    /// Name, summary, defaults and factory, as every modality declares a method.
    public let descriptor: MethodDescriptor<ClassifierMethodSettings, Void, any ClassifierUnlearningMethod>
    /// Name in tables ("SalUn").
    public let displayName: String
    /// Settings tried by the benchmark's tuning seed (empty: not tuned, e.g. Retrain).
    public let grid: [ClassifierMethodSettings]
    /// Which settings matter, for printing a run's configuration.
    public let shownSettings: [MethodSettingKey]

    /// A method with fixed defaults.
    init(name: String, displayName: String, summary: String, defaults: ClassifierMethodSettings, grid: [ClassifierMethodSettings],
         shownSettings: [MethodSettingKey], make: @escaping @Sendable (ClassifierMethodSettings) -> any ClassifierUnlearningMethod) {
        descriptor = MethodDescriptor(name: name, summary: summary, defaults: { _ in defaults }, build: { settings, _ in make(settings) })
        self.displayName = displayName
        self.grid = grid
        self.shownSettings = shownSettings
    }

    /// Command-line name ("salun").
    public var name: String { descriptor.name }
    /// One line on what it does.
    public var summary: String { descriptor.summary }
    /// Settings used when none are given.
    public var defaults: ClassifierMethodSettings {
        // Without overrides nothing is decoded, so this cannot fail.
        try! descriptor.settings(for: ())
    }
    /// The defaults with `overrides` (`--set key=value`, the dedicated flags) applied.
    public func settings(overrides: SettingOverrides) throws -> ClassifierMethodSettings { try descriptor.settings(for: (), overrides: overrides) }
    /// Builds the method.
    public func make(_ settings: ClassifierMethodSettings) -> any ClassifierUnlearningMethod {
        // The classifier factories cannot fail: they only store their settings.
        try! descriptor.make(settings, ())
    }

    /// "lr 0.01, 10 ep, α −0.5" for the settings that matter to this method.
    public func describe(_ settings: ClassifierMethodSettings) -> String {
        shownSettings.map { $0.describe(settings) }.joined(separator: ", ")
    }
}

/// A setting that a method's description shows.
public enum MethodSettingKey: Sendable {
    case learningRate, epochs, clipNorm, l1Strength, maskFraction, smoothingRate, retainWeight

    func describe(_ settings: ClassifierMethodSettings) -> String {
        func number(_ value: Float) -> String {
            let text = "\(value)"
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        switch self {
        case .learningRate: return "lr \(number(settings.learningRate))"
        case .epochs: return "\(settings.epochs) ep"
        case .clipNorm: return settings.clipNorm.map { "clip \(number($0))" } ?? "no clip"
        case .l1Strength: return "ℓ1 \(number(settings.l1Strength))"
        case .maskFraction: return "mask \(Int((settings.maskFraction * 100).rounded())) %"
        case .smoothingRate: return "α \(number(settings.smoothingRate))"
        case .retainWeight: return "p \(number(settings.retainWeight))"
        }
    }
}

/// Every classifier-unlearning method, in table order: the one place a method is registered.
///
/// Defaults and grids follow the reference code's (SGD, momentum 0.9, weight decay 5e-4, batch 64, a few
/// epochs at a constant rate) scaled to this testbed; grids are what the benchmark's tuning seed searches,
/// as the OPTML papers tune each method for the smallest gap to Retrain.
public enum ClassifierMethods {
    /// All methods; Retrain first (the reference every gap is measured against).
    public static let all: [ClassifierMethod] = [
        ClassifierMethod(name: "retrain", displayName: "Retrain", summary: "train from scratch on D_r with the original recipe (the oracle)",
                         defaults: ClassifierMethodSettings(learningRate: 0.05, epochs: 60), grid: [], shownSettings: [],
                         make: { Retrain(settings: $0) }),
        ClassifierMethod(name: "ft", displayName: "FT", summary: "fine-tune on D_r",
                         defaults: ClassifierMethodSettings(learningRate: 0.03, epochs: 10),
                         grid: grid(learningRates: [0.01, 0.03, 0.1], epochs: [5, 10]) { _ in },
                         shownSettings: [.learningRate, .epochs], make: { FineTune(settings: $0) }),
        ClassifierMethod(name: "ga", displayName: "GA", summary: "gradient ascent on D_f (clipped, stopping rule)",
                         defaults: ClassifierMethodSettings(learningRate: 0.01, epochs: 10, clipNorm: 5),
                         grid: grid(learningRates: [0.001, 0.003, 0.01, 0.03], epochs: [10]) { $0.clipNorm = 5 },
                         shownSettings: [.learningRate], make: { GradientAscentUnlearning(settings: $0) }),
        ClassifierMethod(name: "rl", displayName: "RL", summary: "random labels on D_f, then true labels on D_r, every epoch",
                         defaults: ClassifierMethodSettings(learningRate: 0.01, epochs: 10),
                         grid: grid(learningRates: [0.003, 0.01, 0.03], epochs: [5, 10]) { _ in },
                         shownSettings: [.learningRate, .epochs], make: { RandomLabels(settings: $0) }),
        ClassifierMethod(name: "l1-sparse", displayName: "ℓ1-sparse", summary: "fine-tune on D_r with a linearly decaying ℓ1 penalty",
                         defaults: ClassifierMethodSettings(learningRate: 0.03, epochs: 10, l1Strength: 2e-3),
                         grid: [Float(5e-4), 1e-3, 2e-3, 5e-3].flatMap { strength in
                             grid(learningRates: [0.01, 0.03], epochs: [10]) { $0.l1Strength = strength }
                         },
                         shownSettings: [.learningRate, .epochs, .l1Strength], make: { SparseFineTune(settings: $0) }),
        ClassifierMethod(name: "salun", displayName: "SalUn", summary: "random labels on the top 50 % forget-salient weights; the rest frozen",
                         defaults: ClassifierMethodSettings(learningRate: 0.01, epochs: 10, maskFraction: 0.5),
                         grid: grid(learningRates: [0.003, 0.01, 0.03], epochs: [5, 10]) { $0.maskFraction = 0.5 },
                         shownSettings: [.learningRate, .epochs, .maskFraction], make: { SaliencyUnlearning(settings: $0) }),
        ClassifierMethod(name: "ga-retain", displayName: "GA + retain (α = 0)", summary: "UGradSL without label smoothing: the ablation",
                         defaults: ClassifierMethodSettings(learningRate: 0.01, epochs: 10, clipNorm: 5, smoothingRate: 0, retainWeight: 0.7),
                         grid: mixedGrid(rates: [0]), shownSettings: [.learningRate, .retainWeight], make: { SmoothedGradientUnlearning(settings: $0) }),
        ClassifierMethod(name: "ugradsl", displayName: "UGradSL", summary: "GA with negative label smoothing mixed with retain descent",
                         defaults: ClassifierMethodSettings(learningRate: 0.01, epochs: 10, clipNorm: 5, smoothingRate: -0.5, retainWeight: 0.7),
                         grid: mixedGrid(rates: [-0.2, -0.5, -1]), shownSettings: [.learningRate, .retainWeight, .smoothingRate],
                         make: { SmoothedGradientUnlearning(settings: $0) }),
        ClassifierMethod(name: "ugradsl+", displayName: "UGradSL+", summary: "the UGradSL objective on a fine-tuning backbone (passes over D_r)",
                         defaults: ClassifierMethodSettings(learningRate: 0.01, epochs: 3, clipNorm: 5, smoothingRate: -0.5, retainWeight: 0.9),
                         grid: [Float(-0.2), -0.5, -1].flatMap { rate in
                             [Float(0.7), 0.9].flatMap { weight in
                                 grid(learningRates: [0.01, 0.03], epochs: [3]) { $0.clipNorm = 5; $0.smoothingRate = rate; $0.retainWeight = weight }
                             }
                         },
                         shownSettings: [.learningRate, .epochs, .retainWeight, .smoothingRate], make: { SmoothedFineTuneUnlearning(settings: $0) }),
    ]

    /// The method called `name`.
    public static func named(_ name: String) throws -> ClassifierMethod {
        guard let descriptor = all.first(where: { $0.name == name.lowercased() }) else {
            throw ClassifierError("--method", "unknown method '\(name)' (one of: \(all.map(\.name).joined(separator: ", ")))")
        }
        return descriptor
    }

    /// Learning rate × epochs, each then adjusted by `configure`.
    static func grid(learningRates: [Float], epochs: [Int], _ configure: (inout ClassifierMethodSettings) -> Void) -> [ClassifierMethodSettings] {
        learningRates.flatMap { rate in
            epochs.map { count in
                var settings = ClassifierMethodSettings(learningRate: rate, epochs: count)
                configure(&settings)
                return settings
            }
        }
    }

    /// The UGradSL-style grid: learning rate × retain weight p for each smoothing rate α (GA backbone).
    public static func mixedGrid(rates: [Float]) -> [ClassifierMethodSettings] {
        rates.flatMap { rate in
            [Float(0.5), 0.7, 0.9].flatMap { weight in
                grid(learningRates: [0.003, 0.01, 0.03], epochs: [10]) { $0.clipNorm = 5; $0.smoothingRate = rate; $0.retainWeight = weight }
            }
        }
    }
}

import Engine
import Foundation
import NN
import Optimization

/// A concept-erasure algorithm: turns the frozen original model into an erased copy.
public protocol ErasureMethod {
    /// Registry name.
    var name: String { get }
    /// Erases `context.concept`; never modifies `context.original`.
    func erase(_ context: ErasureContext) throws -> ErasureOutcome
}

/// Shared bookkeeping of an erasure run: copy the model, restrict it to a scope, time it and measure it.
public enum ErasureRun {
    /// Runs `body(student, parameters, masks)` (which returns its losses) on a fresh copy of the original.
    public static func measure(context: ErasureContext, scope: TrainableScope,
                               _ body: (CanvasDiffusionModel, ParameterSet, UpdateMasks) throws -> [Float]) throws -> ErasureOutcome {
        try measure(context: context, prepare: { scope.prepare($0) }, body)
    }

    /// Like `measure(context:scope:)` with a custom parameter selection (SalUn's saliency mask).
    public static func measure(context: ErasureContext, prepare: (CanvasDiffusionModel) -> (parameters: ParameterSet, masks: UpdateMasks, updatable: Int),
                               _ body: (CanvasDiffusionModel, ParameterSet, UpdateMasks) throws -> [Float]) throws -> ErasureOutcome {
        PeakMemory.reset()
        let started = Date()
        let student = context.original.copy()
        let (parameters, masks, updatable) = prepare(student)
        let losses = try body(student, parameters, masks)
        let seconds = Date().timeIntervalSince(started)
        student.setTrainable(false)
        return ErasureOutcome(model: student, seconds: seconds, updatableParameters: updatable,
                              changedParameters: student.changedParameterCount(comparedWith: context.original),
                              peakMemoryBytes: PeakMemory.bytes(), losses: losses)
    }
}

/// The one place erasure methods are registered by name (CLI `--method`, benchmark rows). Each method's
/// struct is its own `Codable` settings, so `--set key=value` reaches every field.
public enum ErasureRegistry {
    /// A registered erasure method whose settings type is `Method` itself.
    public typealias Entry<Method: ErasureMethod & Codable & Sendable> = MethodDescriptor<Method, Void, any ErasureMethod>

    /// ESD with its default (condition) scope.
    public static let esd = Entry<ESD>(name: "esd", summary: "negative-guidance fine-tuning towards the frozen model's ∅-anchored target",
                                       defaults: { _ in ESD() }, build: { method, _ in method })
    /// AdvUnlearn on the text encoder.
    public static let advUnlearn = Entry<AdvUnlearn>(name: "advunlearn", summary: "ESD against an inner soft-prompt attack, with a retain term",
                                                     defaults: { _ in AdvUnlearn() }, build: { method, _ in method })
    /// SalUn on the saliency-masked denoiser.
    public static let salUn = Entry<SalUn>(name: "salun", summary: "pseudo-concept targets on the most forget-salient denoiser weights",
                                           defaults: { _ in SalUn() }, build: { method, _ in method })

    /// One registered method with its settings type erased, so methods whose settings differ share one list.
    public struct Registered: Sendable {
        /// Command-line name.
        public let name: String
        /// One line on what it does.
        public let summary: String
        let build: @Sendable (SettingOverrides) throws -> any ErasureMethod

        init<Method>(_ entry: Entry<Method>) {
            name = entry.name
            summary = entry.summary
            build = { overrides in try entry.make(entry.settings(for: (), overrides: overrides), ()) }
        }
    }

    /// Every erasure method, in the order the CLI lists them: the one line a new method adds.
    public static let entries = [Registered(esd), Registered(advUnlearn), Registered(salUn)]

    /// Method names the CLI accepts.
    public static var names: [String] { entries.map(\.name) }

    /// A method by name; the dedicated options become overrides applied before `overrides`
    /// (`--set key=value`). `scope` nil means the method's default scope.
    public static func method(named name: String, scope: TrainableScope? = nil, eta: Float? = nil, anchor: ESDTarget.Anchor? = nil,
                              iterations: Int? = nil, fastAttack: Bool = false, retainWeight: Float? = nil,
                              overrides: SettingOverrides = SettingOverrides()) throws -> ErasureMethod {
        guard let entry = entries.first(where: { $0.name == name.lowercased() }) else {
            throw DiffusionError.invalidArgument("--method", "unknown erasure method '\(name)'; choose one of \(names.joined(separator: ", "))")
        }
        // AdvUnlearn's fast-AT variant: the sign-gradient attack with one step.
        var changes = try SettingOverrides(flags: [
            "scope": scope?.rawValue, "eta": eta, "anchor": anchor?.rawValue, "iterations": iterations, "retain-weight": retainWeight,
            "attack": fastAttack ? AdvUnlearn.Attack.fast.rawValue : nil, "attack-steps": fastAttack ? 1 : nil,
        ])
        for pair in overrides.pairs { changes.append(pair.key, pair.value) }
        return try entry.build(changes)
    }

    /// The benchmark's rows: (label, method).
    public static func benchmarkMethods() -> [(label: String, method: ErasureMethod)] {
        var fast = AdvUnlearn()
        fast.attack = .fast
        fast.attackSteps = 1
        var noRetain = AdvUnlearn()
        noRetain.retainWeight = 0
        // AdvUnlearn spends ≈ 400 + 350·10 forward–backward passes; these ESD rows get the same budget so a
        // lower attack success cannot be put down to AdvUnlearn simply training longer.
        var longCondition = ESD(scope: .condition)
        longCondition.iterations = 4000
        var longText = ESD(scope: .textEncoder)
        longText.iterations = 4000
        return [
            ("ESD-u (whole denoiser)", ESD(scope: .denoiser)),
            ("ESD-x (condition weights)", ESD(scope: .condition)),
            ("ESD-x (condition weights, 4000 it)", longCondition),
            ("ESD (text encoder)", ESD(scope: .textEncoder)),
            ("ESD (text encoder, 4000 it)", longText),
            ("AdvUnlearn (text encoder)", AdvUnlearn()),
            ("AdvUnlearn fast-AT (text encoder)", fast),
            ("AdvUnlearn γ = 0 (text encoder)", noRetain),
            ("SalUn (saliency 50%)", SalUn()),
        ]
    }
}

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

/// The one place erasure methods are registered by name (CLI `--method`, benchmark rows).
public enum ErasureRegistry {
    /// Method names the CLI accepts.
    public static let names = ["esd", "advunlearn", "salun"]

    /// A method by name with its options; `scope` nil means the method's default scope; `overrides`
    /// (`--set key=value`) reach every field of the method's settings last.
    public static func method(named name: String, scope: TrainableScope? = nil, eta: Float? = nil, anchor: ESDTarget.Anchor? = nil,
                              iterations: Int? = nil, fastAttack: Bool = false, retainWeight: Float? = nil,
                              overrides: SettingOverrides = SettingOverrides()) throws -> ErasureMethod {
        switch name.lowercased() {
        case "esd":
            var method = ESD(scope: scope ?? .condition)
            if let eta { method.eta = eta }
            if let anchor { method.anchor = anchor }
            if let iterations { method.iterations = iterations }
            return try overrides.apply(to: method)
        case "advunlearn":
            var method = AdvUnlearn()
            if let scope { method.scope = scope }
            if let eta { method.eta = eta }
            if let anchor { method.anchor = anchor }
            if let iterations { method.iterations = iterations }
            if let retainWeight { method.retainWeight = retainWeight }
            method.attack = fastAttack ? .fast : .standard
            if fastAttack { method.attackSteps = 1 }
            return try overrides.apply(to: method)
        case "salun":
            var method = SalUn()
            if let iterations { method.iterations = iterations }
            return try overrides.apply(to: method)
        default:
            throw DiffusionError.invalidArgument("--method", "unknown erasure method '\(name)'; choose one of \(names.joined(separator: ", "))")
        }
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

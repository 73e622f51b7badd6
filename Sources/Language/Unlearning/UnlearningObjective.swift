import Engine

/// Which reference values an objective reads; they are computed once before the first step.
public struct ReferenceNeeds: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Summed NLL of every forget example under the reference model.
    public static let forgetNegativeLogLikelihood = ReferenceNeeds(rawValue: 1)
    /// Summed NLL of every alternate (IDK) example under the reference model.
    public static let alternateNegativeLogLikelihood = ReferenceNeeds(rawValue: 2)
    /// Hidden states of every retain example at the steered layer.
    public static let retainHiddenStates = ReferenceNeeds(rawValue: 4)
    /// The forget questions paired with refusal answers.
    public static let alternateAnswers = ReferenceNeeds(rawValue: 8)
}

/// An unlearning objective's forget term (and, for RMU, its own retain term). One file per method;
/// `MethodRegistry` maps names to them.
public protocol UnlearningObjective: Sendable {
    /// Reference values the objective reads.
    var needs: ReferenceNeeds { get }
    /// Whether the objective reads the model's full `[tokens × vocabulary]` logits rather than only
    /// per-token NLLs (which never form them), so the memory estimate counts them.
    var readsFullLogits: Bool { get }
    /// The forget term of one micro-batch, a mean over its rows (or tokens), before the weight γ.
    func forgetLoss(_ context: ObjectiveContext) -> Variable
    /// A method-specific retain term before the weight α; nil uses the configured `RetainLossKind`.
    func retainLoss(_ context: ObjectiveContext) -> Variable?
}

extension UnlearningObjective {
    public var needs: ReferenceNeeds { [] }
    public var readsFullLogits: Bool { false }
    public func retainLoss(_ context: ObjectiveContext) -> Variable? { nil }
}

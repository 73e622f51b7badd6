/// A node of the autodiff graph: a tensor value plus, when gradients flow through it, how it was made.
///
/// Leaves created with `requiresGradient: true` (parameters, input embeddings, anything a caller wants a
/// gradient for) accumulate into `gradient` when `backward` runs. Intermediate nodes are recorded only
/// when gradient recording is on (`GradientMode`) and at least one input requires a gradient, so a
/// forward pass over frozen weights (evaluation, reference models) builds no graph at all.
public final class Variable: @unchecked Sendable {
    /// The value computed in the forward pass.
    public var value: Tensor
    /// Accumulated gradient of a leaf after `backward` (same shape as `value`); nil until one arrives.
    public var gradient: Tensor?
    /// Whether gradients flow to (or through) this node. Set it to false on a parameter to freeze it
    /// (RMU's untouched layers, LoRA's base weights): ops then skip computing its gradient.
    public var requiresGradient: Bool
    /// Optional name used in error messages and reports (e.g. a parameter's dotted HF name).
    public var name: String?

    private(set) var inputs: [Variable]
    /// Maps the gradient of this node's output to gradients of its inputs (nil where not needed).
    private(set) var backwardRule: ((Tensor) -> [Tensor?])?

    /// A leaf holding `value`.
    public init(_ value: Tensor, requiresGradient: Bool = false, name: String? = nil) {
        self.value = value
        self.requiresGradient = requiresGradient
        self.name = name
        self.inputs = []
        self.backwardRule = nil
    }

    /// The op that produced this node (for the profiler's backward breakdown).
    private(set) var operation: String?

    init(value: Tensor, inputs: [Variable], operation: String? = nil, backwardRule: @escaping (Tensor) -> [Tensor?]) {
        self.value = value
        self.requiresGradient = true
        self.inputs = inputs
        self.operation = operation
        self.backwardRule = backwardRule
    }

    /// Releases the graph below this node iteratively: a long chain released recursively (each deinit
    /// releasing its inputs) would overflow the stack just as a recursive backward walk would.
    deinit {
        guard !inputs.isEmpty else { return }
        var pending = inputs
        inputs.removeAll()
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.inputs)
                node.inputs.removeAll()
                node.backwardRule = nil
            }
        }
    }

    /// Shape of the value.
    public var shape: [Int] { value.shape }
    /// Whether this node is a leaf (not produced by a recorded op).
    public var isLeaf: Bool { backwardRule == nil }

    /// The output of an op: recorded with its backward rule when any input needs a gradient.
    /// `function` (the calling op, filled in by the compiler) names the op in profiles.
    public static func record(_ value: Tensor, inputs: [Variable], function: String = #function,
                              backward: @escaping (Tensor) -> [Tensor?]) -> Variable {
        if OperationProfiler.isEnabled { OperationProfiler.forwardFinished(function) }
        if GradientMode.isEnabled && inputs.contains(where: { $0.requiresGradient }) {
            return Variable(value: value, inputs: inputs, operation: OperationProfiler.isEnabled ? OperationProfiler.operationName(function) : nil,
                            backwardRule: backward)
        }
        return Variable(value)
    }

    /// A leaf with the same value and no history: gradients stop here.
    public func detached() -> Variable { Variable(value) }

    /// Clears the accumulated gradient.
    public func zeroGradient() { gradient?.zero() }
}

/// Whether ops record the graph. Turn it off for evaluation with `GradientMode.withoutGradients`.
public enum GradientMode {
    @TaskLocal static var enabledValue = true

    /// True unless inside `withoutGradients`.
    public static var isEnabled: Bool { enabledValue }

    /// Runs `body` without recording any graph (no activation memory is kept).
    public static func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
        try $enabledValue.withValue(false, operation: body)
    }
}

/// Reverse-mode differentiation over the recorded graph.
///
/// The graph is walked iteratively (an explicit stack, never recursion: deep models overflow the call
/// stack). Each node's gradient is complete once every consumer has run, which a reverse topological
/// order guarantees; it is then handed to the node's backward rule and released, so peak memory holds
/// only the gradients of the frontier.
public enum Backward {
    /// Back-propagates `seeds` (output node, gradient of the objective w.r.t. it) through the graph,
    /// accumulating into `gradient` of every leaf that requires one. Returns the gradients of any
    /// intermediate nodes listed in `retain` (e.g. hidden states or input embeddings).
    @discardableResult
    public static func run(seeds: [(Variable, Tensor)], retain: [Variable] = []) -> [ObjectIdentifier: Tensor] {
        let order = topologicalOrder(from: seeds.map { $0.0 })
        let retained = Set(retain.map(ObjectIdentifier.init))
        var pending: [ObjectIdentifier: GradientSlot] = [:]
        for (node, gradient) in seeds {
            precondition(node.shape == gradient.shape, "backward: seed gradient \(gradient.shape) for node \(node.shape)")
            accumulate(gradient, into: &pending, for: node)
        }
        var kept: [ObjectIdentifier: Tensor] = [:]
        for node in order.reversed() {
            let key = ObjectIdentifier(node)
            guard let slot = pending.removeValue(forKey: key) else { continue }
            if retained.contains(key) { kept[key] = slot.tensor }
            if let rule = node.backwardRule {
                let started = OperationProfiler.isEnabled ? Timing.now() : 0
                defer { if OperationProfiler.isEnabled { OperationProfiler.backwardFinished(node.operation ?? "other", seconds: Timing.now() - started) } }
                let inputGradients = rule(slot.tensor)
                for (input, gradient) in zip(node.inputs, inputGradients) {
                    guard let gradient, input.requiresGradient else { continue }
                    precondition(gradient.shape == input.shape || gradient.count == input.value.count,
                                 "backward: gradient \(gradient.shape) for input \(input.shape)")
                    accumulate(gradient.shape == input.shape ? gradient : gradient.reshaped(input.shape),
                               into: &pending, for: input)
                }
            } else if node.requiresGradient {
                if let existing = node.gradient {
                    Elementwise.addInPlace(existing.data, slot.tensor.data, count: existing.count)
                } else {
                    node.gradient = slot.owned ? slot.tensor : slot.tensor.copy()
                }
            }
        }
        OperationProfiler.mark()
        return kept
    }

    /// Convenience: back-propagates from a scalar objective with gradient 1.
    @discardableResult
    public static func run(from objective: Variable, retain: [Variable] = []) -> [ObjectIdentifier: Tensor] {
        precondition(objective.value.count == 1, "backward: objective must be a scalar, got shape \(objective.shape)")
        return run(seeds: [(objective, Tensor(repeating: 1, shape: objective.shape))], retain: retain)
    }

    /// A gradient on its way to a node; `owned` says whether we may add into it in place.
    private struct GradientSlot {
        var tensor: Tensor
        var owned: Bool
    }

    private static func accumulate(_ gradient: Tensor, into pending: inout [ObjectIdentifier: GradientSlot], for node: Variable) {
        let key = ObjectIdentifier(node)
        guard var slot = pending[key] else {
            // Backward rules may return the same tensor for several inputs (e.g. add), so the first
            // arrival is borrowed and only copied if a second contribution must be added to it.
            pending[key] = GradientSlot(tensor: gradient, owned: false)
            return
        }
        if !slot.owned { slot = GradientSlot(tensor: slot.tensor.copy(), owned: true) }
        Elementwise.addInPlace(slot.tensor.data, gradient.data, count: gradient.count)
        pending[key] = slot
    }

    /// Nodes reachable from `outputs` through recorded edges, each after all of its inputs.
    static func topologicalOrder(from outputs: [Variable]) -> [Variable] {
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Variable, Bool)] = outputs.filter { $0.requiresGradient }.map { ($0, false) }
        while let (node, inputsDone) = stack.popLast() {
            let key = ObjectIdentifier(node)
            if inputsDone { order.append(node); continue }
            if visited.contains(key) { continue }
            visited.insert(key)
            stack.append((node, true))
            for input in node.inputs where input.requiresGradient && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}

extension Variable {
    /// Back-propagates from this scalar objective into every leaf that requires a gradient.
    public func backward() { Backward.run(from: self) }
}

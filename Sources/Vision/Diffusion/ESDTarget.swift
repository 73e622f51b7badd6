import Engine

/// ESD's negative-guidance target ε*(x_t, c_anchor) − η·(ε*(x_t, c) − ε*(x_t, ∅)).
///
/// Two released conventions: old ESD, AdvUnlearn and UnlearnCanvas anchor on the unconditional
/// prediction (default η = 1); the newer diffusers `esd_sd.py` anchors on the conditional prediction
/// (default η = 2). The two coincide when η_conditional = η_unconditional + 1.
public enum ESDTarget {
    /// Which prediction the target is anchored on.
    public enum Anchor: String, Codable, Sendable, CaseIterable {
        /// ε*(x_t, ∅) − η(ε*(c) − ε*(∅)) (paper code, AdvUnlearn).
        case unconditional
        /// ε*(x_t, c) − η(ε*(c) − ε*(∅)) (diffusers code).
        case conditional
    }

    /// The target elementwise from the frozen model's conditional and unconditional predictions.
    public static func target(conditional: Tensor, unconditional: Tensor, eta: Float, anchor: Anchor) -> Tensor {
        precondition(conditional.shape == unconditional.shape, "ESDTarget: \(conditional.shape) vs \(unconditional.shape)")
        let result = Tensor(zeros: conditional.shape)
        for index in 0..<result.count {
            let c = conditional.data[index], u = unconditional.data[index]
            let base = anchor == .unconditional ? u : c
            result.data[index] = base - eta * (c - u)
        }
        return result
    }
}

/// Euclidean projection onto the probability simplex {x : 0 ≤ x ≤ 1, Σx = 1}.
///
/// `bisection` is UnlearnDiff's `projection` (find μ with Σ clip(v − μ, 0, 1) = 1 by bisection);
/// `sorted` is the exact closed form of Duchi et al. (2008) used to check it.
public enum SimplexProjection {
    /// UnlearnDiff's bisection on the shift μ, to `tolerance` in μ.
    public static func bisection(_ values: [Float], tolerance: Float = 1e-7, maximumIterations: Int = 100) -> [Float] {
        precondition(!values.isEmpty, "SimplexProjection: empty vector")
        func excess(_ mu: Float) -> Float { values.reduce(0) { $0 + min(max($1 - mu, 0), 1) } - 1 }
        var low = (values.min() ?? 0) - 1, high = values.max() ?? 0
        for _ in 0..<maximumIterations {
            let middle = (low + high) / 2
            if excess(middle) > 0 { low = middle } else { high = middle }
            if high - low < tolerance { break }
        }
        let mu = (low + high) / 2
        return values.map { min(max($0 - mu, 0), 1) }
    }

    /// The exact projection by sorting: x_i = max(v_i − θ, 0) with θ from the largest ρ such that
    /// u_ρ − (Σ_{j≤ρ} u_j − 1)/ρ > 0 for u sorted descending.
    public static func sorted(_ values: [Float]) -> [Float] {
        let u = values.sorted(by: >)
        var cumulative: Float = 0, theta: Float = 0
        for (index, value) in u.enumerated() {
            cumulative += value
            let candidate = (cumulative - 1) / Float(index + 1)
            if value - candidate > 0 { theta = candidate }
        }
        return values.map { max($0 - theta, 0) }
    }
}

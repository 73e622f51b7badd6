import Engine

/// Fréchet distance between Gaussians fitted to two feature sets (FID's formula, in a detector's space):
/// ‖μ₁ − μ₂‖² + Tr(C₁) + Tr(C₂) − 2·Tr((C₁^{1/2} C₂ C₁^{1/2})^{1/2}).
public enum FrechetDistance {
    /// The distance between feature rows `[N, d]` and `[M, d]`.
    public static func between(_ first: Tensor, _ second: Tensor) -> Double {
        precondition(first.shape.count == 2 && second.shape.count == 2 && first.shape[1] == second.shape[1],
                     "FrechetDistance: feature shapes \(first.shape) and \(second.shape)")
        let d = first.shape[1]
        let (mean1, covariance1) = moments(first), (mean2, covariance2) = moments(second)
        var meanTerm = 0.0
        for index in 0..<d { meanTerm += (mean1[index] - mean2[index]) * (mean1[index] - mean2[index]) }
        var traces = 0.0
        for index in 0..<d { traces += covariance1[index * d + index] + covariance2[index * d + index] }
        // C₁^{1/2} from C₁'s eigen-decomposition (negative round-off eigenvalues clipped to 0).
        let (values, vectors) = SymmetricEigen.decompose(covariance1, size: d)
        var root = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0..<d {
            var sum = 0.0
            for k in 0..<d { sum += vectors[i * d + k] * max(values[k], 0).squareRoot() * vectors[j * d + k] }
            root[i * d + j] = sum
        } }
        let middle = multiply(multiply(root, covariance2, d), root, d)
        var symmetric = middle
        for i in 0..<d { for j in 0..<d { symmetric[i * d + j] = 0.5 * (middle[i * d + j] + middle[j * d + i]) } }
        let crossValues = SymmetricEigen.decompose(symmetric, size: d).values
        let crossTrace = crossValues.reduce(0) { $0 + max($1, 0).squareRoot() }
        return max(0, meanTerm + traces - 2 * crossTrace)
    }

    /// Mean and (population) covariance of the rows.
    static func moments(_ features: Tensor) -> ([Double], [Double]) {
        let (n, d) = (features.shape[0], features.shape[1])
        var mean = [Double](repeating: 0, count: d)
        for row in 0..<n { for column in 0..<d { mean[column] += Double(features.data[row * d + column]) } }
        for column in 0..<d { mean[column] /= Double(max(n, 1)) }
        var covariance = [Double](repeating: 0, count: d * d)
        var centred = [Double](repeating: 0, count: d)
        for row in 0..<n {
            for column in 0..<d { centred[column] = Double(features.data[row * d + column]) - mean[column] }
            for i in 0..<d where centred[i] != 0 { for j in i..<d { covariance[i * d + j] += centred[i] * centred[j] } }
        }
        for i in 0..<d { for j in i..<d {
            covariance[i * d + j] /= Double(max(n, 1))
            covariance[j * d + i] = covariance[i * d + j]
        } }
        return (mean, covariance)
    }

    static func multiply(_ a: [Double], _ b: [Double], _ d: Int) -> [Double] {
        var result = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for k in 0..<d {
            let aik = a[i * d + k]
            if aik == 0 { continue }
            for j in 0..<d { result[i * d + j] += aik * b[k * d + j] }
        } }
        return result
    }
}

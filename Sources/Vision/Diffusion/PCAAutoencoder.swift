import Engine
import Foundation

/// The fixed linear "VAE": PCA onto the top principal components, scaled so latents have unit mean
/// variance per dimension (the role of Stable Diffusion's 0.18215 latent scale).
public struct PCAAutoencoder: Sendable {
    /// Per-pixel mean `[pixels]`.
    public let mean: Tensor
    /// Orthonormal components as rows `[latentDimension, pixels]`.
    public let components: Tensor
    /// Latent = projection / scale.
    public let scale: Float
    /// Fraction of the fitting data's variance the components keep.
    public let explainedVariance: Float

    /// An autoencoder from stored parts.
    public init(mean: Tensor, components: Tensor, scale: Float, explainedVariance: Float) {
        self.mean = mean; self.components = components; self.scale = scale; self.explainedVariance = explainedVariance
    }

    /// Latent width.
    public var latentDimension: Int { components.shape[0] }
    /// Image width in floats.
    public var pixelCount: Int { components.shape[1] }

    /// Fits PCA to `images` `[N, pixels]` by orthogonal (subspace) iteration on the covariance followed by
    /// a Rayleigh–Ritz rotation: GEMM-bound, so fitting 96 of 768 dimensions takes about a second.
    public static func fit(images: Tensor, latentDimension k: Int, iterations: Int = 40, seed: UInt64) -> PCAAutoencoder {
        let (count, pixels) = (images.shape[0], images.shape[1])
        precondition(k <= pixels && k <= count, "PCAAutoencoder.fit: \(k) components from \(count)×\(pixels) data")
        let mean = Tensor(zeros: [pixels])
        for row in 0..<count { for column in 0..<pixels { mean.data[column] += images.data[row * pixels + column] } }
        for column in 0..<pixels { mean.data[column] /= Float(count) }
        let centred = images.copy()
        for row in 0..<count { for column in 0..<pixels { centred.data[row * pixels + column] -= mean.data[column] } }
        let covariance = Tensor(zeros: [pixels, pixels])
        MatrixMultiply.gemm(transposeA: true, transposeB: false, m: pixels, n: pixels, k: count, alpha: 1 / Float(count),
                            a: centred.data, lda: pixels, b: centred.data, ldb: pixels, c: covariance.data, ldc: pixels)
        var totalVariance: Double = 0
        for index in 0..<pixels { totalVariance += Double(covariance.data[index * pixels + index]) }
        // Basis stored as columns of Q [pixels, k].
        var generator = SeededGenerator(seed: seed)
        var basis = Tensor.normal([pixels, k], generator: &generator)
        orthonormaliseColumns(basis)
        for _ in 0..<iterations {
            let product = Tensor(zeros: [pixels, k])
            MatrixMultiply.gemm(transposeA: false, transposeB: false, m: pixels, n: k, k: pixels,
                                a: covariance.data, lda: pixels, b: basis.data, ldb: k, c: product.data, ldc: k)
            orthonormaliseColumns(product)
            basis = product
        }
        // Rayleigh–Ritz: B = Qᵀ C Q, rotate Q by B's eigenvectors so components are ordered by variance.
        let cq = Tensor(zeros: [pixels, k])
        MatrixMultiply.gemm(transposeA: false, transposeB: false, m: pixels, n: k, k: pixels,
                            a: covariance.data, lda: pixels, b: basis.data, ldb: k, c: cq.data, ldc: k)
        let small = Tensor(zeros: [k, k])
        MatrixMultiply.gemm(transposeA: true, transposeB: false, m: k, n: k, k: pixels,
                            a: basis.data, lda: k, b: cq.data, ldb: k, c: small.data, ldc: k)
        var symmetric = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { symmetric[i * k + j] = 0.5 * Double(small.data[i * k + j] + small.data[j * k + i]) } }
        let (values, vectors) = SymmetricEigen.decompose(symmetric, size: k)
        let components = Tensor(zeros: [k, pixels])
        for component in 0..<k {
            for pixel in 0..<pixels {
                var sum: Double = 0
                for inner in 0..<k { sum += Double(basis.data[pixel * k + inner]) * vectors[inner * k + component] }
                components.data[component * pixels + pixel] = Float(sum)
            }
        }
        let kept = values.reduce(0) { $0 + max($1, 0) }
        let scale = Float((kept / Double(k)).squareRoot())
        return PCAAutoencoder(mean: mean, components: components, scale: max(scale, 1e-6),
                              explainedVariance: Float(kept / max(totalVariance, 1e-12)))
    }

    /// Images `[N, pixels]` → latents `[N, latentDimension]`.
    public func encode(_ images: Tensor) -> Tensor {
        let count = images.shape[0]
        let centred = images.copy()
        for row in 0..<count { for column in 0..<pixelCount { centred.data[row * pixelCount + column] -= mean.data[column] } }
        let latents = Tensor(zeros: [count, latentDimension])
        MatrixMultiply.gemm(transposeA: false, transposeB: true, m: count, n: latentDimension, k: pixelCount, alpha: 1 / scale,
                            a: centred.data, lda: pixelCount, b: components.data, ldb: pixelCount, c: latents.data, ldc: latentDimension)
        return latents
    }

    /// Latents `[N, latentDimension]` → images `[N, pixels]`, clamped to [−1, 1].
    public func decode(_ latents: Tensor) -> Tensor {
        let count = latents.shape[0]
        let images = Tensor(zeros: [count, pixelCount])
        for row in 0..<count { (images.data + row * pixelCount).update(from: mean.data, count: pixelCount) }
        MatrixMultiply.gemm(transposeA: false, transposeB: false, m: count, n: pixelCount, k: latentDimension, alpha: scale,
                            a: latents.data, lda: latentDimension, b: components.data, ldb: pixelCount, beta: 1,
                            c: images.data, ldc: pixelCount)
        for index in 0..<images.count { images.data[index] = max(-1, min(1, images.data[index])) }
        return images
    }

    /// Modified Gram–Schmidt on the columns of a row-major `[rows, columns]` matrix, in place.
    static func orthonormaliseColumns(_ matrix: Tensor) {
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let data = matrix.data
        for column in 0..<columns {
            for previous in 0..<column {
                var dot: Double = 0
                for row in 0..<rows { dot += Double(data[row * columns + column]) * Double(data[row * columns + previous]) }
                let factor = Float(dot)
                for row in 0..<rows { data[row * columns + column] -= factor * data[row * columns + previous] }
            }
            var norm: Double = 0
            for row in 0..<rows { norm += Double(data[row * columns + column]) * Double(data[row * columns + column]) }
            let inverse = Float(1 / max(norm.squareRoot(), 1e-12))
            for row in 0..<rows { data[row * columns + column] *= inverse }
        }
    }
}

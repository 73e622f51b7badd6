import Testing
@testable import Engine

/// GEMM agrees with a naive triple loop for every transpose combination, strided leading dimensions,
/// α/β, on both the OpenBLAS path and the portable Swift fallback.
@Suite struct MatrixMultiplyTests {
    private func naive(_ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                       _ a: [Float], _ lda: Int, _ b: [Float], _ ldb: Int, _ beta: Float, _ c: [Float], _ ldc: Int) -> [Float] {
        var result = c
        for row in 0..<m {
            for column in 0..<n {
                var total = 0.0
                for inner in 0..<k {
                    let left = transposeA ? a[inner * lda + row] : a[row * lda + inner]
                    let right = transposeB ? b[column * ldb + inner] : b[inner * ldb + column]
                    total += Double(left) * Double(right)
                }
                result[row * ldc + column] = alpha * Float(total) + beta * c[row * ldc + column]
            }
        }
        return result
    }

    private func checkAllLayouts(portable: Bool) {
        var generator = SeededGenerator(seed: 3)
        for (m, n, k) in [(37, 21, 19), (1, 33, 17)] {  // one row takes the GEMV path
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                let lda = (transposeA ? m : k) + 3, ldb = (transposeB ? k : n) + 2, ldc = n + 5
                let a = Tensor.normal([(transposeA ? k : m) * lda], generator: &generator).scalars
                let b = Tensor.normal([(transposeB ? n : k) * ldb], generator: &generator).scalars
                let c = Tensor.normal([m * ldc], generator: &generator).scalars
                let expected = naive(transposeA, transposeB, m, n, k, 0.7, a, lda, b, ldb, 0.3, c, ldc)
                var actual = c
                a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in actual.withUnsafeMutableBufferPointer { pc in
                    if portable {
                        PortableGEMM.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.7,
                                          a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb, beta: 0.3, c: pc.baseAddress!, ldc: ldc)
                    } else {
                        MatrixMultiply.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.7,
                                            a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb, beta: 0.3, c: pc.baseAddress!, ldc: ldc)
                    }
                }}}
                // Padding columns of C (beyond n) must be untouched.
                assertClose(actual, expected, tolerance: 1e-5)
            }
        }
        }
    }

    @Test func engineGEMMMatchesNaive() { checkAllLayouts(portable: false) }
    @Test func portableGEMMMatchesNaive() { checkAllLayouts(portable: true) }

    // Swift Testing cannot skip from inside a test: the condition is a trait, and the skip keeps its reason.
    @Test(.enabled(if: BLASLibrary.shared != nil, "OpenBLAS is not installed: the portable GEMM is in use"))
    func openBLASIsLoadedWithFastKernelsWhenInstalled() throws {
        // CI installs OpenBLAS; on this AVX-512 machine the engine must pick SkylakeX itself.
        let blas = try #require(BLASLibrary.shared)
        if let requested = CPUFeatures.current.bestOpenBLASCoreType, blas.requestedCoreType != nil {
            #expect(blas.coreName.lowercased() == requested.lowercased())
        }
        #expect(blas.coreName.lowercased() != "prescott", "OpenBLAS fell back to SSE3 kernels")
    }
}

/// A pure-Swift SIMD GEMM used when OpenBLAS is absent: correct everywhere, roughly 10–20× slower.
///
/// It packs op(A) and op(B) into contiguous row-major panels, then runs a 4-row × 16-column register
/// kernel (`acc += a * b` on `SIMD16<Float>` vectorises on baseline x86-64; `addProduct` would not).
public enum PortableGEMM {
    /// Same contract as `MatrixMultiply.gemm`.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        // Pack op(A) as [m, k] and op(B) as [k, n], both contiguous.
        let packedA = UnsafeMutablePointer<Float>.allocate(capacity: m * k)
        let packedB = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
        defer { packedA.deallocate(); packedB.deallocate() }
        for row in 0..<m {
            for column in 0..<k {
                packedA[row * k + column] = transposeA ? a[column * lda + row] : a[row * lda + column]
            }
        }
        for row in 0..<k {
            for column in 0..<n {
                packedB[row * n + column] = transposeB ? b[column * ldb + row] : b[row * ldb + column]
            }
        }
        let sendableA = SendablePointer(packedA), sendableB = SendablePointer(packedB), sendableC = SendablePointer(c)
        Parallel.forRanges(m, minimumChunk: 4) { rows in
            kernel(rows: rows, n: n, k: k, alpha: alpha, a: sendableA.pointer, b: sendableB.pointer,
                   beta: beta, c: sendableC.pointer, ldc: ldc)
        }
    }

    private static func kernel(rows: Range<Int>, n: Int, k: Int, alpha: Float,
                               a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>,
                               beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let accumulators = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { accumulators.deallocate() }
        for row in rows {
            accumulators.update(repeating: 0, count: n)
            let aRow = a + row * k
            let vectorEnd = n & ~15
            for inner in 0..<k {
                let scale = aRow[inner]
                if scale == 0 { continue }
                let bRow = b + inner * n
                let broadcast = SIMD16<Float>(repeating: scale)
                var column = 0
                while column < vectorEnd {
                    let raw = UnsafeMutableRawPointer(accumulators + column)
                    let current = raw.loadUnaligned(as: SIMD16<Float>.self)
                    let bVector = UnsafeRawPointer(bRow + column).loadUnaligned(as: SIMD16<Float>.self)
                    raw.storeBytes(of: current + broadcast * bVector, as: SIMD16<Float>.self)
                    column &+= 16
                }
                while column < n {
                    accumulators[column] += scale * bRow[column]
                    column &+= 1
                }
            }
            let cRow = c + row * ldc
            for column in 0..<n {
                cRow[column] = alpha * accumulators[column] + (beta == 0 ? 0 : beta * cRow[column])
            }
        }
    }
}

/// Single-precision GEMM for row-major matrices: `C = alpha·op(A)·op(B) + beta·C`.
///
/// Dispatches to OpenBLAS when it is loaded and to `PortableGEMM` otherwise. Leading dimensions may exceed
/// the logical column count, which lets attention multiply per-head slices of `[B, T, H, D]` in place.
public enum MatrixMultiply {
    /// Whether OpenBLAS is in use.
    public static var usesOpenBLAS: Bool { BLASLibrary.shared != nil }

    /// A one-line description of the GEMM backend and its kernel set, for logs and benchmarks.
    public static var backendDescription: String {
        guard let blas = BLASLibrary.shared else {
            return "portable Swift GEMM (OpenBLAS not found: install libopenblas0-pthread for ~10x faster GEMM)"
        }
        return "OpenBLAS \(blas.coreName) kernels, \(blas.threadCount) threads (\(blas.path))"
    }

    /// `C[M,N] = alpha · op(A)[M,K] · op(B)[K,N] + beta · C`, where op transposes when asked.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            for row in 0..<m { scaleRow(c + row * ldc, n, beta) }
            return
        }
        if let blas = BLASLibrary.shared {
            // One row (a generation step): GEMV streams the weights once; GEMM's packing is pure overhead.
            if m == 1 && !transposeA, let sgemv = blas.sgemv {
                // Newer OpenBLAS scales y by β = 0 as 0·y, which keeps NaN from an unset output buffer.
                if beta == 0 { c.update(repeating: 0, count: n) }
                if transposeB {
                    sgemv(101, 111, Int32(n), Int32(k), alpha, b, Int32(ldb), a, 1, beta, c, 1)
                } else {
                    sgemv(101, 112, Int32(k), Int32(n), alpha, b, Int32(ldb), a, 1, beta, c, 1)
                }
                return
            }
            blas.sgemm(101, transposeA ? 112 : 111, transposeB ? 112 : 111,
                       Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        } else {
            PortableGEMM.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                              alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// Runs `body` with BLAS limited to one thread, so our own parallel loops may call GEMM without
    /// oversubscribing the cores (nested parallelism halves throughput on two cores).
    public static func withSingleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
        guard let blas = BLASLibrary.shared else { return try body() }
        let previous = blas.threadCount
        if previous == 1 { return try body() }
        blas.threadCount = 1
        defer { blas.threadCount = previous }
        return try body()
    }

    private static func scaleRow(_ row: UnsafeMutablePointer<Float>, _ count: Int, _ beta: Float) {
        if beta == 0 { row.update(repeating: 0, count: count) } else if beta != 1 {
            for index in 0..<count { row[index] *= beta }
        }
    }
}

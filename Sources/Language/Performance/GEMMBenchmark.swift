import Engine

/// Measures single-precision GEMM throughput for square matrices through the engine's GEMM entry point.
public enum GEMMBenchmark {
    /// One size's result.
    public struct Result: Sendable {
        /// Matrix side n (an n×n·n×n product).
        public let size: Int
        /// GFLOPS of the fastest run (2n³ flops).
        public let bestGFLOPS: Double
        /// GFLOPS of the median run.
        public let medianGFLOPS: Double
        /// Timed runs.
        public let runs: Int
    }

    /// Times `C = A·Bᵀ` (the layout `linear` uses) for each size.
    public static func run(sizes: [Int] = [256, 512, 1024, 2048], minimumSeconds: Double = 0.5) -> [Result] {
        var generator = SeededGenerator(seed: 1)
        return sizes.map { size in
            let a = Tensor.normal([size, size], generator: &generator)
            let b = Tensor.normal([size, size], generator: &generator)
            let c = Tensor(zeros: [size, size])
            let samples = Timing.measure(minimumSeconds: minimumSeconds) {
                MatrixMultiply.gemm(transposeA: false, transposeB: true, m: size, n: size, k: size,
                                    a: a.data, lda: size, b: b.data, ldb: size, c: c.data, ldc: size)
            }
            let flops = 2 * Double(size) * Double(size) * Double(size)
            return Result(size: size, bestGFLOPS: flops / samples[0] / 1e9,
                          medianGFLOPS: flops / Timing.median(samples) / 1e9, runs: samples.count)
        }
    }
}

import Engine
import Models

/// The time a Llama-shaped model's GEMMs alone take: every linear layer's forward product and, for a
/// training step, its input- and weight-gradient products, each timed warm and in isolation at the
/// step's shapes. No implementation that keeps these single-precision products can run the workload
/// faster, so it bounds the tokens/s any engine can reach on this CPU.
public enum GEMMFloor {
    /// One (m, n, k) product with its transpose flags and how many times a pass runs it.
    struct Product: Hashable {
        let m, n, k: Int
        let transposeA, transposeB: Bool
    }

    /// Seconds of GEMM per forward pass (`training` false) or per training step, at `batch × length`.
    public static func seconds(_ configuration: ModelConfiguration, batch: Int, length: Int, training: Bool) -> Double {
        let c = configuration, rows = batch * length
        // (out, in) of each linear layer of one block, then the head.
        let block = [(c.attentionHeads * c.headSize, c.hiddenSize), (c.keyValueHeads * c.headSize, c.hiddenSize),
                     (c.keyValueHeads * c.headSize, c.hiddenSize), (c.hiddenSize, c.attentionHeads * c.headSize),
                     (c.intermediateSize, c.hiddenSize), (c.intermediateSize, c.hiddenSize), (c.hiddenSize, c.intermediateSize)]
        var counts: [Product: Int] = [:]
        func add(_ out: Int, _ inputs: Int, times: Int) {
            counts[Product(m: rows, n: out, k: inputs, transposeA: false, transposeB: true), default: 0] += times
            if training {
                counts[Product(m: rows, n: inputs, k: out, transposeA: false, transposeB: false), default: 0] += times
                counts[Product(m: out, n: inputs, k: rows, transposeA: true, transposeB: false), default: 0] += times
            }
        }
        for (out, inputs) in block { add(out, inputs, times: c.layerCount) }
        add(c.vocabularySize, c.hiddenSize, times: 1)
        return counts.reduce(0) { total, entry in total + Double(entry.value) * time(entry.key) }
    }

    /// Median seconds of one product on warm operands.
    static func time(_ product: Product) -> Double {
        let (m, n, k) = (product.m, product.n, product.k)
        let a = Tensor(repeating: 0.01, shape: [m * k]), b = Tensor(repeating: 0.02, shape: [k * n])
        let c = Tensor(uninitialized: [m * n])
        let samples = Timing.measure(minimumSeconds: 0.2, minimumRuns: 3) {
            MatrixMultiply.gemm(transposeA: product.transposeA, transposeB: product.transposeB, m: m, n: n, k: k,
                                a: a.data, lda: product.transposeA ? m : k, b: b.data, ldb: product.transposeB ? k : n,
                                c: c.data, ldc: n)
        }
        return Timing.median(samples)
    }
}

import Engine
import Models
import NN

/// The time a model's GEMMs alone take: every linear layer's forward product and, for a training step,
/// its input- and weight-gradient products, each timed warm and in isolation at the step's shapes. No
/// implementation that keeps these single-precision products can run the workload faster, so it bounds
/// the tokens/s any engine can reach on this CPU.
public enum GEMMFloor {
    /// One (m, n, k) product with its transpose flags.
    struct Product: Hashable {
        let m, n, k: Int
        let transposeA, transposeB: Bool
    }

    /// Seconds of GEMM per forward pass (`training` false) or per training step, at `batch × length`.
    public static func seconds(_ model: CausalLanguageModel, batch: Int, length: Int, training: Bool) -> Double {
        let rows = batch * length
        // [out, in] of every linear layer, and of the head when it is the tied embedding table.
        var weights = model.namedModules().compactMap { ($0.module as? Linear)?.weight.shape }
        if model.configuration.tiedEmbeddings { weights.append(model.tokenEmbeddingTable.shape) }
        var counts: [Product: Int] = [:]
        for shape in weights {
            let (out, inputs) = (shape[0], shape[1])
            counts[Product(m: rows, n: out, k: inputs, transposeA: false, transposeB: true), default: 0] += 1
            if training {
                counts[Product(m: rows, n: inputs, k: out, transposeA: false, transposeB: false), default: 0] += 1
                counts[Product(m: out, n: inputs, k: rows, transposeA: true, transposeB: false), default: 0] += 1
            }
        }
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

import Engine

/// Measures forward and backward time of the engine's fused transformer ops at a real model's shapes
/// (default: one SmolLM2-135M layer on a batch of 4 × 256 tokens).
public enum OpsBenchmark {
    /// Shapes of the measured layer.
    public struct Shapes: Sendable {
        public var batch = 4, length = 256, hidden = 576, heads = 9, keyHeads = 3, intermediate = 1536, vocabulary = 49152
        /// SmolLM2-135M's layer shapes at batch 4 × 256.
        public init() {}
        var headSize: Int { hidden / heads }
        var tokens: Int { batch * length }
    }

    /// One op's result.
    public struct Result: Sendable {
        /// Op name.
        public let name: String
        /// Median forward milliseconds.
        public let forwardMilliseconds: Double
        /// Median backward milliseconds.
        public let backwardMilliseconds: Double
        /// Tokens processed per second, forward + backward.
        public let tokensPerSecond: Double
        /// GFLOPS forward + backward where the op's work is dominated by multiply-adds (else nil).
        public let gflops: Double?
    }

    /// Times each op.
    public static func run(shapes: Shapes = Shapes(), minimumSeconds: Double = 0.3) -> [Result] {
        var generator = SeededGenerator(seed: 7)
        func input(_ shape: [Int], _ scale: Float = 1) -> Variable {
            Variable(.normal(shape, standardDeviation: scale, generator: &generator), requiresGradient: true)
        }
        let s = shapes
        let hiddenStates = input([s.batch, s.length, s.hidden])
        let norm = input([s.hidden])
        let weight = input([s.intermediate, s.hidden], 0.02)
        let gate = input([s.batch, s.length, s.intermediate]), up = input([s.batch, s.length, s.intermediate])
        let query = input([s.batch, s.length, s.heads, s.headSize])
        let key = input([s.batch, s.length, s.keyHeads, s.headSize]), value = input([s.batch, s.length, s.keyHeads, s.headSize])
        let logits = input([s.batch, s.length, s.vocabulary])
        let head = input([s.vocabulary, s.hidden], 0.02)
        let targets = (0..<s.tokens).map { $0 * 7919 % s.vocabulary }
        let rotary = RotaryEmbedding(dimension: s.headSize, theta: 100_000)
        let positions = Array(0..<s.length)
        let linearFlops = 6.0 * Double(s.tokens * s.hidden * s.intermediate)
        let attentionFlops = 6.0 * Double(s.batch * s.heads * s.length * s.length * s.headSize)
        let headFlops = 6.0 * Double(s.tokens * s.hidden * s.vocabulary)
        var cases: [(String, Double?, () -> Variable)] = [
            ("linear \(s.hidden)→\(s.intermediate)", linearFlops, { linear(hiddenStates, weight: weight) }),
            ("rmsnorm \(s.hidden)", nil, { rmsNorm(hiddenStates, weight: norm, epsilon: 1e-5) }),
            ("swiglu \(s.intermediate)", nil, { swiglu(gate: gate, up: up) }),
            ("rope \(s.heads)×\(s.headSize)", nil, { applyRotary(query, positions: positions, rotary: rotary) }),
            ("attention \(s.heads)/\(s.keyHeads) heads", attentionFlops,
             { causalAttention(query: query, key: key, value: value, scale: 1 / Float(s.headSize).squareRoot()) }),
            ("cross-entropy vocab \(s.vocabulary)", nil, { tokenNegativeLogLikelihood(logits: logits, targets: targets) }),
            // The output head and its loss both ways: through the full logits, and chunked (which
            // recomputes each chunk's logits in backward, one GEMM more, to hold only a chunk of them).
            ("head + cross-entropy, full logits", headFlops, { tokenNegativeLogLikelihood(logits: linear(hiddenStates, weight: head), targets: targets) }),
            ("head + cross-entropy, chunked", headFlops,
             { chunkedTokenNegativeLogLikelihood(terms: [ProjectionTerm(input: hiddenStates, weight: head)], targets: targets) }),
        ]
        // The ops with AVX-512 kernels again through their portable loops, to show what the kernels gain.
        if VectorKernels.available {
            for (name, flops, forward) in cases where ["swiglu", "attention", "cross-entropy"].contains(where: name.hasPrefix) {
                cases.append((name + " (portable)", flops, forward))
            }
        }
        return cases.map { name, flops, forward in
            VectorKernels.allowed = !name.hasSuffix("(portable)")
            defer { VectorKernels.allowed = true }
            let forwardTimes = Timing.measure(minimumSeconds: minimumSeconds) { _ = forward() }
            let output = forward()
            let seed = Tensor(repeating: 1e-3, shape: output.shape)
            let backwardTimes = Timing.measure(minimumSeconds: minimumSeconds) {
                Backward.run(seeds: [(output, seed)])
            }
            let (forwardSeconds, backwardSeconds) = (Timing.median(forwardTimes), Timing.median(backwardTimes))
            let total = forwardSeconds + backwardSeconds
            return Result(name: name, forwardMilliseconds: forwardSeconds * 1e3, backwardMilliseconds: backwardSeconds * 1e3,
                          tokensPerSecond: Double(s.tokens) / total, gflops: flops.map { $0 / total / 1e9 })
        }
    }
}

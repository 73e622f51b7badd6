import CKernels
/// The transformer activations: SiLU, GELU (tanh) and the fused SwiGLU gate, parallel over elements.
extension Variable {
    /// x·σ(x).
    public func silu() -> Variable {
        let input = value
        let output = Tensor(zeros: shape)
        Activations.forEach(output.count, input, output) { x, y, range in
            for index in range { y[index] = x[index] * Activation.sigmoid(x[index]) }
        }
        return Variable.record(output, inputs: [self]) { gradient in
            let result = Tensor(zeros: gradient.shape)
            Activations.forEach(result.count, input, result) { x, dx, range in
                for index in range {
                    let s = Activation.sigmoid(x[index])
                    dx[index] = gradient.data[index] * s * (1 + x[index] * (1 - s))
                }
            }
            return [result]
        }
    }

    /// GELU with the tanh approximation (GPT-2's `gelu_new`).
    public func gelu() -> Variable {
        let input = value
        let output = Tensor(zeros: shape)
        Activations.forEach(output.count, input, output) { x, y, range in
            for index in range { y[index] = Activation.gelu(x[index]) }
        }
        return Variable.record(output, inputs: [self]) { gradient in
            let result = Tensor(zeros: gradient.shape)
            Activations.forEach(result.count, input, result) { x, dx, range in
                for index in range { dx[index] = gradient.data[index] * Activation.geluDerivative(x[index]) }
            }
            return [result]
        }
    }
}

/// silu(gate) ⊙ up, the Llama MLP gate, in one pass (no silu(gate) intermediate is kept).
public func swiglu(gate: Variable, up: Variable) -> Variable {
    precondition(gate.shape == up.shape, "swiglu: gate \(gate.shape) and up \(up.shape) differ")
    let (a, b) = (gate.value, up.value)
    let output = Tensor(uninitialized: gate.shape)
    let (pa, pb, po) = (SendablePointer(a.data), SendablePointer(b.data), SendablePointer(output.data))
    Parallel.forRanges(output.count, minimumChunk: 16384) { range in
        if VectorKernels.enabled {
            unlearn_swiglu(pa.pointer + range.lowerBound, pb.pointer + range.lowerBound, po.pointer + range.lowerBound, range.count)
            return
        }
        var index = range.lowerBound
        while index &+ 16 <= range.upperBound {
            let x = Elementwise.load(pa.pointer, index)
            Elementwise.store(x * Activation.sigmoid(x) * Elementwise.load(pb.pointer, index), po.pointer, index)
            index &+= 16
        }
        while index < range.upperBound {
            po.pointer[index] = pa.pointer[index] * Activation.sigmoid(pa.pointer[index]) * pb.pointer[index]
            index &+= 1
        }
    }
    return Variable.record(output, inputs: [gate, up]) { gradient in
        let gradientGate = Tensor(uninitialized: a.shape), gradientUp = Tensor(uninitialized: b.shape)
        let (pg, pdg, pdu) = (SendablePointer(gradient.data), SendablePointer(gradientGate.data), SendablePointer(gradientUp.data))
        Parallel.forRanges(gradient.count, minimumChunk: 16384) { range in
            if VectorKernels.enabled {
                let start = range.lowerBound
                unlearn_swiglu_backward(pa.pointer + start, pb.pointer + start, pg.pointer + start, pdg.pointer + start, pdu.pointer + start, range.count)
                return
            }
            var index = range.lowerBound
            while index &+ 16 <= range.upperBound {
                let x = Elementwise.load(pa.pointer, index), g = Elementwise.load(pg.pointer, index)
                let s = Activation.sigmoid(x)
                Elementwise.store(g * Elementwise.load(pb.pointer, index) * s * (1 + x * (1 - s)), pdg.pointer, index)
                Elementwise.store(g * x * s, pdu.pointer, index)
                index &+= 16
            }
            while index < range.upperBound {
                let x = pa.pointer[index], s = Activation.sigmoid(x), g = pg.pointer[index]
                pdg.pointer[index] = g * pb.pointer[index] * s * (1 + x * (1 - s))
                pdu.pointer[index] = g * x * s
                index &+= 1
            }
        }
        return [gradientGate, gradientUp]
    }
}

/// Parallel elementwise driver for the activation kernels.
enum Activations {
    static func forEach(_ count: Int, _ input: Tensor, _ output: Tensor,
                        _ body: @escaping @Sendable (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Range<Int>) -> Void) {
        let (source, destination) = (SendablePointer(input.data), SendablePointer(output.data))
        Parallel.forRanges(count, minimumChunk: 16384) { range in body(source.pointer, destination.pointer, range) }
    }
}

import Foundation

/// RMSNorm over the last axis, as in Llama: `y = w ⊙ x / √(mean(x²) + ε)`.
public func rmsNorm(_ input: Variable, weight: Variable, epsilon: Float) -> Variable {
    let width = input.shape.last ?? 1
    precondition(weight.shape == [width], "rmsNorm: weight \(weight.shape) does not match last axis \(width)")
    let rows = input.value.count / max(width, 1)
    let (x, w) = (input.value, weight.value)
    let output = Tensor(uninitialized: x.shape)  // every row written
    let inverseRoots = Tensor(uninitialized: [rows])  // 1/rms per row, kept for backward
    let (px, pw, py, pr) = (SendablePointer(x.data), SendablePointer(w.data), SendablePointer(output.data), SendablePointer(inverseRoots.data))
    Parallel.forRanges(rows, minimumChunk: 8) { range in
        for row in range {
            let source = px.pointer + row * width, destination = py.pointer + row * width
            let meanSquare = Elementwise.dot(source, source, count: width) / Float(width)
            let r = 1 / (meanSquare + epsilon).squareRoot()
            pr.pointer[row] = r
            for index in 0..<width { destination[index] = pw.pointer[index] * (source[index] * r) }
        }
    }
    let needs = (input.requiresGradient, weight.requiresGradient)
    return Variable.record(output, inputs: [input, weight]) { gradient in
        // Pointers are re-derived here so the closure owns the tensors they point into.
        let (px, pw, pr) = (SendablePointer(x.data), SendablePointer(w.data), SendablePointer(inverseRoots.data))
        let dx = needs.0 ? Tensor(uninitialized: x.shape) : nil
        let partials = RowPartials(rows: rows, width: width, enabled: needs.1)
        let (pg, pdx) = (SendablePointer(gradient.data), dx.map { SendablePointer($0.data) })
        Parallel.forChunks(rows, minimumChunk: 8) { chunk, range in
            let partial = partials.buffer(chunk)
            for row in range {
                let source = px.pointer + row * width, upstream = pg.pointer + row * width
                let r = pr.pointer[row]
                if let pdx {
                    // dx = r·g − (r³/C)·x·Σ(g⊙x), with g = w ⊙ dy.
                    var dotGX: Float = 0
                    for index in 0..<width { dotGX += pw.pointer[index] * upstream[index] * source[index] }
                    let correction = r * r * r * dotGX / Float(width)
                    let destination = pdx.pointer + row * width
                    for index in 0..<width {
                        destination[index] = r * pw.pointer[index] * upstream[index] - correction * source[index]
                    }
                }
                if let partial {
                    for index in 0..<width { partial[index] += upstream[index] * source[index] * r }
                }
            }
        }
        return [dx, partials.total()]
    }
}

/// LayerNorm over the last axis, as in GPT-2: `y = w ⊙ (x − μ)/√(σ² + ε) + b`.
public func layerNorm(_ input: Variable, weight: Variable, bias: Variable, epsilon: Float) -> Variable {
    let width = input.shape.last ?? 1
    precondition(weight.shape == [width] && bias.shape == [width], "layerNorm: weight/bias must be [\(width)]")
    let rows = input.value.count / max(width, 1)
    let (x, w, b) = (input.value, weight.value, bias.value)
    let output = Tensor(zeros: x.shape)
    let means = Tensor(zeros: [rows]), inverseDeviations = Tensor(zeros: [rows])
    let (px, pw, pb, py) = (SendablePointer(x.data), SendablePointer(w.data), SendablePointer(b.data), SendablePointer(output.data))
    let (pm, ps) = (SendablePointer(means.data), SendablePointer(inverseDeviations.data))
    Parallel.forRanges(rows, minimumChunk: 8) { range in
        for row in range {
            let source = px.pointer + row * width, destination = py.pointer + row * width
            let mean = Elementwise.sum(source, count: width) / Float(width)
            var variance: Float = 0
            for index in 0..<width { let d = source[index] - mean; variance += d * d }
            let s = 1 / (variance / Float(width) + epsilon).squareRoot()
            pm.pointer[row] = mean; ps.pointer[row] = s
            for index in 0..<width { destination[index] = (source[index] - mean) * s * pw.pointer[index] + pb.pointer[index] }
        }
    }
    let needs = (input.requiresGradient, weight.requiresGradient || bias.requiresGradient)
    return Variable.record(output, inputs: [input, weight, bias]) { gradient in
        // Pointers are re-derived here so the closure owns the tensors they point into.
        let (px, pw) = (SendablePointer(x.data), SendablePointer(w.data))
        let (pm, ps) = (SendablePointer(means.data), SendablePointer(inverseDeviations.data))
        let dx = needs.0 ? Tensor(zeros: x.shape) : nil
        let weightPartials = RowPartials(rows: rows, width: width, enabled: needs.1)
        let biasPartials = RowPartials(rows: rows, width: width, enabled: needs.1)
        let (pg, pdx) = (SendablePointer(gradient.data), dx.map { SendablePointer($0.data) })
        Parallel.forChunks(rows, minimumChunk: 8) { chunk, range in
            let weightPartial = weightPartials.buffer(chunk), biasPartial = biasPartials.buffer(chunk)
            for row in range {
                let source = px.pointer + row * width, upstream = pg.pointer + row * width
                let mean = pm.pointer[row], s = ps.pointer[row]
                if let pdx {
                    // dx = s·(dn − mean(dn) − n·mean(dn⊙n)), with n the normalised input and dn = w ⊙ dy.
                    var meanDn: Float = 0, meanDnN: Float = 0
                    for index in 0..<width {
                        let dn = pw.pointer[index] * upstream[index]
                        meanDn += dn
                        meanDnN += dn * (source[index] - mean) * s
                    }
                    meanDn /= Float(width); meanDnN /= Float(width)
                    let destination = pdx.pointer + row * width
                    for index in 0..<width {
                        let n = (source[index] - mean) * s
                        destination[index] = s * (pw.pointer[index] * upstream[index] - meanDn - n * meanDnN)
                    }
                }
                if let weightPartial, let biasPartial {
                    for index in 0..<width {
                        weightPartial[index] += upstream[index] * (source[index] - mean) * s
                        biasPartial[index] += upstream[index]
                    }
                }
            }
        }
        return [dx, weightPartials.total(), biasPartials.total()]
    }
}

/// Per-chunk accumulators for a parameter gradient summed over rows, added in a fixed order so the
/// result does not depend on thread timing.
final class RowPartials: @unchecked Sendable {
    let width: Int
    let storage: Tensor?

    init(rows: Int, width: Int, enabled: Bool) {
        self.width = width
        self.storage = enabled ? Tensor(zeros: [Parallel.workerCount, width]) : nil
    }

    /// The accumulator of parallel chunk `chunk`, or nil when disabled.
    func buffer(_ chunk: Int) -> UnsafeMutablePointer<Float>? { storage.map { $0.data + chunk * width } }

    /// The sum of all chunk accumulators, or nil when disabled.
    func total() -> Tensor? {
        guard let storage else { return nil }
        let result = Tensor(zeros: [width])
        for chunk in 0..<Parallel.workerCount { Elementwise.addInPlace(result.data, storage.data + chunk * width, count: width) }
        return result
    }
}

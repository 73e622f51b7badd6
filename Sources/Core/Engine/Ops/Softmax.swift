import Foundation

/// Softmax and log-softmax over the last axis, numerically stabilised by the row maximum.
extension Variable {
    /// softmax along the last axis.
    public func softmax() -> Variable {
        let width = shape.last ?? 1, rows = value.count / max(width, 1)
        let output = Tensor(zeros: shape)
        SoftmaxKernels.rows(rows, width, value, output, logarithm: false)
        return Variable.record(output, inputs: [self]) { gradient in
            // dx = y ⊙ (g − Σ g⊙y)
            let result = Tensor(zeros: gradient.shape)
            let (py, pg, pr) = (SendablePointer(output.data), SendablePointer(gradient.data), SendablePointer(result.data))
            Parallel.forRanges(rows, minimumChunk: 4) { range in
                for row in range {
                    let y = py.pointer + row * width, g = pg.pointer + row * width, r = pr.pointer + row * width
                    let dot = Elementwise.dot(y, g, count: width)
                    for index in 0..<width { r[index] = y[index] * (g[index] - dot) }
                }
            }
            return [result]
        }
    }

    /// log-softmax along the last axis.
    public func logSoftmax() -> Variable {
        let width = shape.last ?? 1, rows = value.count / max(width, 1)
        let output = Tensor(zeros: shape)
        SoftmaxKernels.rows(rows, width, value, output, logarithm: true)
        return Variable.record(output, inputs: [self]) { gradient in
            // dx = g − softmax ⊙ Σ g
            let result = Tensor(zeros: gradient.shape)
            let (py, pg, pr) = (SendablePointer(output.data), SendablePointer(gradient.data), SendablePointer(result.data))
            Parallel.forRanges(rows, minimumChunk: 4) { range in
                for row in range {
                    let y = py.pointer + row * width, g = pg.pointer + row * width, r = pr.pointer + row * width
                    let total = Elementwise.sum(g, count: width)
                    VectorExponential.exponentiate(y, minus: 0, into: r, count: width)
                    for index in 0..<width { r[index] = g[index] - r[index] * total }
                }
            }
            return [result]
        }
    }
}

/// Row kernels shared by softmax, log-softmax and cross-entropy.
enum SoftmaxKernels {
    /// log Σ exp(row), stable.
    @inline(__always) static func logSumExp(_ row: UnsafePointer<Float>, _ width: Int) -> Float {
        let maximum = VectorExponential.maximum(row, count: width)
        if maximum == -.infinity { return -.infinity }
        return maximum + Foundation.log(VectorExponential.sumOfExponentials(row, minus: maximum, count: width))
    }

    static func rows(_ rows: Int, _ width: Int, _ input: Tensor, _ output: Tensor, logarithm: Bool) {
        let (px, py) = (SendablePointer(input.data), SendablePointer(output.data))
        Parallel.forRanges(rows, minimumChunk: 4) { range in
            for row in range {
                let x = px.pointer + row * width, y = py.pointer + row * width
                let lse = logSumExp(x, width)
                if logarithm {
                    for index in 0..<width { y[index] = x[index] - lse }
                } else {
                    VectorExponential.exponentiate(x, minus: lse, into: y, count: width)
                }
            }
        }
    }
}

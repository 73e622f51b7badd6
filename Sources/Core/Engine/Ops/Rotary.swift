import Foundation

/// Rotary position embedding frequencies for one head size, as Hugging Face computes them (float32),
/// with optional Llama-3 or linear frequency scaling.
public struct RotaryEmbedding: Sendable, Equatable {
    /// Frequency scaling variants found in `config.json`'s `rope_scaling`.
    public enum Scaling: Sendable, Equatable {
        /// Llama 3.x "llama3" scaling.
        case llama3(factor: Float, lowFrequencyFactor: Float, highFrequencyFactor: Float, originalMaxPositions: Int)
        /// Positions divided by `factor`.
        case linear(factor: Float)
    }

    /// Rotated dimensions per head (the head size).
    public let dimension: Int
    /// `dimension / 2` inverse frequencies.
    public let inverseFrequencies: [Float]

    /// Frequencies `θ^(−2i/d)` for `i < d/2`, then scaled.
    public init(dimension: Int, theta: Float, scaling: Scaling? = nil) {
        precondition(dimension % 2 == 0, "RotaryEmbedding: head size \(dimension) must be even")
        self.dimension = dimension
        var frequencies = (0..<(dimension / 2)).map { index -> Float in
            1 / Foundation.pow(theta, Float(2 * index) / Float(dimension))
        }
        switch scaling {
        case .none: break
        case .linear(let factor): frequencies = frequencies.map { $0 / factor }
        case .llama3(let factor, let low, let high, let original):
            let lowWavelength = Float(original) / low, highWavelength = Float(original) / high
            frequencies = frequencies.map { frequency in
                let wavelength = 2 * Float.pi / frequency
                if wavelength < highWavelength { return frequency }
                if wavelength > lowWavelength { return frequency / factor }
                let smooth = (Float(original) / wavelength - low) / (high - low)
                return (1 - smooth) * frequency / factor + smooth * frequency
            }
        }
        inverseFrequencies = frequencies
    }

    /// cos and sin tables `[positions.count, dimension/2]`.
    func tables(_ positions: [Int]) -> (cos: [Float], sin: [Float]) {
        let half = dimension / 2
        var cosines = [Float](repeating: 0, count: positions.count * half), sines = cosines
        for (row, position) in positions.enumerated() {
            for index in 0..<half {
                let angle = Float(position) * inverseFrequencies[index]
                cosines[row * half + index] = Foundation.cos(angle)
                sines[row * half + index] = Foundation.sin(angle)
            }
        }
        return (cosines, sines)
    }
}

/// Applies rotary embedding (HF half-split `rotate_half` layout) to `x` of shape `[B, T, heads, D]`,
/// token t of every sequence sitting at `positions[t]`.
public func applyRotary(_ input: Variable, positions: [Int], rotary: RotaryEmbedding) -> Variable {
    precondition(input.shape.count == 4 && input.shape[3] == rotary.dimension,
                 "applyRotary: expected [B, T, heads, \(rotary.dimension)], got \(input.shape)")
    let (batch, length, heads) = (input.shape[0], input.shape[1], input.shape[2])
    precondition(positions.count == length, "applyRotary: \(positions.count) positions for \(length) tokens")
    let (cosines, sines) = rotary.tables(positions)
    let output = Tensor(uninitialized: input.shape)  // every element written
    RotaryKernel.rotate(input.value, into: output, batch, length, heads, rotary.dimension, cosines, sines, inverse: false)
    return Variable.record(output, inputs: [input]) { gradient in
        let result = Tensor(uninitialized: gradient.shape)
        RotaryKernel.rotate(gradient, into: result, batch, length, heads, rotary.dimension, cosines, sines, inverse: true)
        return [result]
    }
}

/// The rotation itself; the backward pass is the rotation by −θ.
enum RotaryKernel {
    static func rotate(_ source: Tensor, into destination: Tensor, _ batch: Int, _ length: Int, _ heads: Int,
                       _ dimension: Int, _ cosines: [Float], _ sines: [Float], inverse: Bool) {
        let half = dimension / 2
        let sign: Float = inverse ? -1 : 1
        let (px, py) = (SendablePointer(source.data), SendablePointer(destination.data))
        Parallel.forRanges(batch * length, minimumChunk: 64) { tokens in
            cosines.withUnsafeBufferPointer { cosines in
                sines.withUnsafeBufferPointer { sines in
                    for token in tokens {
                        let cosRow = (token % length) * half
                        for h in 0..<heads {
                            let base = (token * heads + h) * dimension
                            let x = px.pointer + base, y = py.pointer + base
                            for index in 0..<half {
                                let c = cosines[cosRow + index], s = sign * sines[cosRow + index]
                                let first = x[index], second = x[index + half]
                                y[index] = first * c - second * s
                                y[index + half] = second * c + first * s
                            }
                        }
                    }
                }
            }
        }
    }
}

import CKernels
/// A vectorised e^x for `SIMD16<Float>` (≤ 2 ulp on the normal range), used by every softmax-shaped kernel.
///
/// libm's `expf` is a scalar call per element, which made the 49k-way cross-entropy of a real vocabulary
/// the slowest op of a training step. This is the classic Cody–Waite range reduction
/// `x = n·ln2 + r, |r| ≤ ln2/2` with a degree-6 minimax polynomial for e^r, and 2ⁿ built in the exponent
/// bits. Every step is a plain SIMD add/multiply/convert, so it vectorises on baseline x86-64.
public enum VectorExponential {
    @inline(__always) public static func exp(_ input: SIMD16<Float>) -> SIMD16<Float> {
        // `replacing(with:where:)` compiles to compare-and-blend; `clamped` and `pointwiseMin` do not
        // (they are 6-10× slower here because of their NaN rules).
        let low = SIMD16<Float>(repeating: -87.33654), high = SIMD16<Float>(repeating: 88.72283)
        let x = input.replacing(with: high, where: input .> high).replacing(with: low, where: input .< low)
        // Round x·log2(e) to nearest by adding and removing 1.5·2²³ (no SSE4.1 `round` needed); the
        // integer n then sits in the low mantissa bits of the shifted value.
        let magic = SIMD16<Float>(repeating: 12_582_912)
        let shifted = x * 1.442695040888963 + magic
        let n = shifted - magic
        var r = x - n * 0.693359375
        r = r - n * -2.12194440e-4
        var p = SIMD16<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let polynomial = p * (r * r) + r + 1
        // 2ⁿ via exponent fields. n ∈ [−126, 128] after clamping, which one biased exponent cannot hold at
        // either end, so 2ⁿ is built as 2^⌊n/2⌋ · 2^(n − ⌊n/2⌋), both factors normal floats.
        let whole = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000
        let half = whole &>> 1
        let first = unsafeBitCast((half &+ 127) &<< 23, to: SIMD16<Float>.self)
        let second = unsafeBitCast((whole &- half &+ 127) &<< 23, to: SIMD16<Float>.self)
        var result = polynomial * first * second
        // Below the float range the true value rounds to 0 (this also maps −∞ to 0).
        result.replace(with: 0, where: input .< low)
        result.replace(with: .infinity, where: input .> high)
        result.replace(with: input, where: input .!= input)  // NaN stays NaN
        return result
    }

    /// `destination[i] = factor · e^(source[i] − shift)`; returns the sum of the results.
    @discardableResult
    public static func exponentiate(_ source: UnsafePointer<Float>, minus shift: Float, times factor: Float = 1,
                                    into destination: UnsafeMutablePointer<Float>, count: Int) -> Float {
        if VectorKernels.enabled { return unlearn_exponentiate(source, shift, factor, destination, count) }
        let offset = SIMD16<Float>(repeating: shift)
        let multiplier = SIMD16<Float>(repeating: factor)
        var lanes = SIMD16<Float>(repeating: 0)
        var index = 0
        while index &+ 16 <= count {
            let value = exp(Elementwise.load(source, index) - offset) * multiplier
            Elementwise.store(value, destination, index)
            lanes += value
            index &+= 16
        }
        var total = lanes.sum()
        if index < count {
            // Pad the tail into one vector so every element goes through the same formula.
            var tail = SIMD16<Float>(repeating: -.infinity)
            for lane in 0..<(count - index) { tail[lane] = source[index + lane] - shift }
            let value = exp(tail) * multiplier
            for lane in 0..<(count - index) { destination[index + lane] = value[lane]; total += value[lane] }
        }
        return total
    }

    /// Σ e^(source[i] − shift) without storing the terms.
    public static func sumOfExponentials(_ source: UnsafePointer<Float>, minus shift: Float, count: Int) -> Float {
        if VectorKernels.enabled { return unlearn_sum_of_exponentials(source, shift, count) }
        let offset = SIMD16<Float>(repeating: shift)
        var lanes = SIMD16<Float>(repeating: 0)
        var index = 0
        while index &+ 16 <= count {
            lanes += exp(Elementwise.load(source, index) - offset)
            index &+= 16
        }
        if index < count {
            var tail = SIMD16<Float>(repeating: -.infinity)
            for lane in 0..<(count - index) { tail[lane] = source[index + lane] - shift }
            lanes += exp(tail)
        }
        return lanes.sum()
    }

    /// The maximum of `count` floats (−∞ for none).
    public static func maximum(_ source: UnsafePointer<Float>, count: Int) -> Float {
        if VectorKernels.enabled { return unlearn_maximum(source, count) }
        var lanes = SIMD16<Float>(repeating: -.infinity)
        var index = 0
        while index &+ 16 <= count {
            let values = Elementwise.load(source, index)
            lanes.replace(with: values, where: values .> lanes)
            index &+= 16
        }
        var result = lanes.max()
        while index < count { result = Swift.max(result, source[index]); index &+= 1 }
        return result
    }
}

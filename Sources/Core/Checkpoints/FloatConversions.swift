/// Bit-exact conversions between Float and the 16/8-bit float encodings used in checkpoints.
///
/// Written by hand (rather than via `Float16`) so results are identical on every platform and the
/// fp16 decode can be served from a lookup table inside hot dequantization loops.
public enum FloatConversions {
    /// All 65,536 fp16 bit patterns decoded to Float; hoist `withUnsafeBufferPointer` out of loops.
    static let halfTable: [Float] = (0...0xFFFF).map { halfToFloatArithmetic(UInt16($0)) }

    /// IEEE binary16 bits → Float (exact; subnormals, infinities and NaN payloads preserved).
    @inline(__always)
    public static func halfToFloat(_ bits: UInt16) -> Float {
        halfTable.withUnsafeBufferPointer { $0[Int(bits)] }
    }

    static func halfToFloatArithmetic(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x03FF)
        if exponent == 0x1F {
            // Inf/NaN: widen the payload so NaNs stay NaN.
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            // Zero or subnormal: value = mantissa * 2^-24, exactly representable in Float.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }

    /// Float → IEEE binary16 bits with round-to-nearest-even (what ggml's FP32→FP16 and numpy do).
    public static func floatToHalf(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        var mantissa = bits & 0x007F_FFFF
        if exponent == 0xFF {
            // Keep NaN a NaN even when the top payload bits are zero.
            let payload: UInt16 = mantissa == 0 ? 0 : (0x0200 | UInt16(truncatingIfNeeded: mantissa >> 13))
            return sign | 0x7C00 | payload
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 0x1F { return sign | 0x7C00 }
        if halfExponent <= 0 {
            // Result is subnormal (or rounds to zero): shift in the implicit bit, then round.
            if halfExponent < -10 { return sign }
            mantissa |= 0x0080_0000
            let shift = UInt32(14 - halfExponent)
            var half = mantissa >> shift
            let remainder = mantissa & ((1 << shift) - 1)
            let halfway: UInt32 = 1 << (shift - 1)
            if remainder > halfway || (remainder == halfway && (half & 1) == 1) { half += 1 }
            return sign | UInt16(truncatingIfNeeded: half)
        }
        var half = UInt32(halfExponent) << 10 | (mantissa >> 13)
        let remainder = mantissa & 0x1FFF
        // A carry out of the mantissa correctly bumps the exponent (up to infinity).
        if remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1) { half += 1 }
        return sign | UInt16(truncatingIfNeeded: half)
    }

    /// bfloat16 bits → Float (bf16 is the top half of a binary32).
    @inline(__always)
    public static func bfloat16ToFloat(_ bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// Float → bfloat16 bits, round-to-nearest-even; NaN stays a quiet NaN.
    public static func floatToBFloat16(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }
        let roundingBias: UInt32 = 0x7FFF + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
    }

    /// OCP FP8 E4M3 ("e4m3fn": no infinities, S.1111.111 is NaN) → Float.
    public static func float8E4M3ToFloat(_ bits: UInt8) -> Float {
        let negative = bits & 0x80 != 0
        let exponent = Int((bits >> 3) & 0x0F)
        let mantissa = Float(bits & 0x07)
        let magnitude: Float
        if exponent == 0x0F && bits & 0x07 == 0x07 {
            return .nan
        } else if exponent == 0 {
            magnitude = mantissa / 8 * Float(sign: .plus, exponent: -6, significand: 1)
        } else {
            magnitude = (1 + mantissa / 8) * Float(sign: .plus, exponent: exponent - 7, significand: 1)
        }
        return negative ? -magnitude : magnitude
    }

    /// FP8 E5M2 is the top byte of an fp16, so it decodes through the fp16 path.
    public static func float8E5M2ToFloat(_ bits: UInt8) -> Float {
        halfToFloat(UInt16(bits) << 8)
    }

    /// FP8 E8M0 (power-of-two scale used by MX formats): 2^(bits-127); 0xFF is NaN.
    public static func float8E8M0ToFloat(_ bits: UInt8) -> Float {
        if bits == 0xFF { return .nan }
        return Float(sign: .plus, exponent: Int(bits) - 127, significand: 1)
    }
}

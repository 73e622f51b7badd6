/// Conversions from the 16-bit float formats checkpoints store (IEEE half and bfloat16) to `Float`.
public enum HalfPrecision {
    /// IEEE 754 binary16 bits → Float (exact; handles subnormals, infinities and NaN).
    @inlinable public static func float(fromHalf bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        if exponent == 0 {
            // Zero or subnormal: value = mantissa · 2^-24.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        return Float(bitPattern: sign | (UInt32(exponent + 112) << 23) | (mantissa << 13))
    }

    /// bfloat16 bits → Float (the high half of a Float).
    @inlinable public static func float(fromBFloat16 bits: UInt16) -> Float { Float(bitPattern: UInt32(bits) << 16) }

    /// Float → IEEE half bits, rounding to nearest even.
    public static func half(from value: Float) -> UInt16 { Float16(value).bitPattern }

    /// Float → bfloat16 bits, rounding to nearest even (NaN stays NaN).
    public static func bfloat16(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(bits >> 16) | 0x40 }
        let rounding = 0x7FFF + ((bits >> 16) & 1)
        return UInt16((bits &+ rounding) >> 16)
    }

    /// Converts `count` half values to floats.
    public static func convertHalf(_ source: UnsafePointer<UInt16>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { destination[index] = float(fromHalf: source[index]) }
    }

    /// Converts `count` bfloat16 values to floats.
    public static func convertBFloat16(_ source: UnsafePointer<UInt16>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { destination[index] = float(fromBFloat16: source[index]) }
    }
}

import Foundation

/// Scalar activation formulas shared by the fused kernels and the generic unary ops.
public enum Activation {
    /// 1/(1+e^-x), evaluated on the side that cannot overflow.
    @inline(__always) public static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }

    /// log(1 + e^x) without overflow.
    @inline(__always) public static func softplus(_ x: Float) -> Float {
        x > 0 ? x + Foundation.log1p(Foundation.exp(-x)) : Foundation.log1p(Foundation.exp(x))
    }

    /// σ(x) for 16 lanes, through the vectorised exponential (used by the SiLU/SwiGLU kernels).
    @inline(__always) public static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        1 / (1 + VectorExponential.exp(-x))
    }

    /// √(2/π), the GELU tanh-approximation constant.
    public static let geluScale: Float = 0.7978845608028654

    /// GELU, tanh approximation (GPT-2's `gelu_new`).
    @inline(__always) public static func gelu(_ x: Float) -> Float {
        0.5 * x * (1 + Foundation.tanh(geluScale * (x + 0.044715 * x * x * x)))
    }

    /// d GELU / dx for the tanh approximation.
    @inline(__always) public static func geluDerivative(_ x: Float) -> Float {
        let inner = geluScale * (x + 0.044715 * x * x * x)
        let t = Foundation.tanh(inner)
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * geluScale * (1 + 3 * 0.044715 * x * x)
    }
}

import CKernels

/// Whether the engine uses the AVX-512 kernels of `CKernels` (attention, exponentials, SwiGLU) or its
/// portable Swift and BLAS loops, which run everywhere and compute the same values to rounding.
public enum VectorKernels {
    /// Whether this CPU runs the AVX-512 kernels.
    public static let available = unlearn_vector_math_supported() != 0

    /// Set to false to force the portable loops (tests compare the two; `unlearn bench ops` times both).
    nonisolated(unsafe) public static var allowed = true

    /// Whether the AVX-512 kernels are in use.
    @inline(__always) public static var enabled: Bool { available && allowed }
}

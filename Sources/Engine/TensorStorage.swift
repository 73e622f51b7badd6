/// A reference-counted, 64-byte-aligned, zero-initialised buffer of `Float`s that tensors view.
public final class TensorStorage: @unchecked Sendable {
    /// First element of the buffer.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of elements the buffer holds.
    public let count: Int

    /// Allocates `count` zeroed floats. Aligned to 64 bytes so SIMD and BLAS loads never split cache lines.
    public init(count: Int) {
        precondition(count >= 0, "TensorStorage: negative element count \(count)")
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        self.count = count
    }

    deinit { pointer.deallocate() }
}

/// A reference-counted, 64-byte-aligned, zero-initialised buffer of `Float`s that tensors view.
public final class TensorStorage: @unchecked Sendable {
    /// First element of the buffer.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of elements the buffer holds.
    public let count: Int

    /// Allocates `count` zeroed floats. Aligned to 64 bytes so SIMD and BLAS loads never split cache lines.
    public init(count: Int) {
        precondition(count >= 0, "TensorStorage: negative element count \(count)")
        _ = MemoryTuning.configured
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        self.count = count
    }

    deinit { pointer.deallocate() }
}

#if os(Linux)
/// glibc's `mallopt` (declared in <malloc.h>, which the Glibc module does not export).
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Process-wide allocator settings for tensor workloads.
enum MemoryTuning {
    /// glibc serves blocks above 128 KiB with fresh `mmap`s and unmaps them on free, so every activation
    /// of every step page-faults in anew (measured: a large share of a forward pass). Raising the mmap
    /// threshold to its 32 MiB maximum and disabling trimming keeps freed activations for reuse.
    static let configured: Bool = {
        #if os(Linux)
        _ = glibcMallopt(-3, 32 * 1024 * 1024)  // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, Int32.max)         // M_TRIM_THRESHOLD
        #endif
        return true
    }()
}

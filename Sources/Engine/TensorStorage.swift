import Foundation

/// A reference-counted, 64-byte-aligned buffer of `Float`s that tensors view, zero-initialised unless
/// the caller overwrites every element anyway.
public final class TensorStorage: @unchecked Sendable {
    /// First element of the buffer.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of elements the buffer holds.
    public let count: Int

    /// Allocates `count` floats, zeroed when `zeroed`. Aligned to 64 bytes so SIMD and BLAS loads never
    /// split cache lines.
    public init(count: Int, zeroed: Bool = true) {
        precondition(count >= 0, "TensorStorage: negative element count \(count)")
        _ = MemoryTuning.configured
        let byteCount = max(count, 1) * MemoryLayout<Float>.stride
        let raw = LargeBlockPool.take(byteCount: byteCount)
            ?? UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        if zeroed { pointer.initialize(repeating: 0, count: max(count, 1)) }
        self.count = count
    }

    deinit {
        let raw = UnsafeMutableRawPointer(pointer)
        if !LargeBlockPool.give(raw, byteCount: max(count, 1) * MemoryLayout<Float>.stride) { raw.deallocate() }
    }
}

/// Keeps a few freed blocks above glibc's largest mmap threshold (32 MiB) for reuse by the next tensor
/// of the same size. glibc returns such blocks to the OS on free, so the logits of a real vocabulary
/// (201 MB for SmolLM2 at 4 × 256 tokens) page-faulted in anew on every forward pass: measured 100 ms of
/// a 1.8 s pass. Training and scoring repeat the same shapes, so exact-size reuse hits; the pool holds at
/// most `capacity` bytes, and a block that does not fit is freed as before.
enum LargeBlockPool {
    static let threshold = 32 * 1024 * 1024
    static let capacity = 1024 * 1024 * 1024
    nonisolated(unsafe) private static var blocks: [(pointer: UnsafeMutableRawPointer, byteCount: Int)] = []
    nonisolated(unsafe) private static var heldBytes = 0
    private static let lock = PoolLock()

    /// A pooled block of exactly `byteCount` bytes, or nil.
    static func take(byteCount: Int) -> UnsafeMutableRawPointer? {
        guard byteCount > threshold else { return nil }
        return lock.withLock {
            guard let index = blocks.lastIndex(where: { $0.byteCount == byteCount }) else { return nil }
            heldBytes -= byteCount
            return blocks.remove(at: index).pointer
        }
    }

    /// Keeps `pointer` for reuse; false when it is too small to pool or the pool is full.
    static func give(_ pointer: UnsafeMutableRawPointer, byteCount: Int) -> Bool {
        guard byteCount > threshold else { return false }
        return lock.withLock {
            guard heldBytes + byteCount <= capacity else { return false }
            blocks.append((pointer, byteCount))
            heldBytes += byteCount
            return true
        }
    }
}

/// A mutex for the pool (tensors are freed on worker threads too).
private final class PoolLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
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

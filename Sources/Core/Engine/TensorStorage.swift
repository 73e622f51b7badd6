import Foundation

/// A reference-counted, 64-byte-aligned buffer of `Float`s that tensors view, zero-initialised unless
/// the caller overwrites every element anyway.
public final class TensorStorage: @unchecked Sendable {
    /// First element of the buffer.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of elements the buffer holds.
    public let count: Int

    /// Bytes of the underlying block (a pooled block may be larger than `count` floats).
    private let blockBytes: Int

    /// Allocates `count` floats, zeroed when `zeroed`. Aligned to 64 bytes so SIMD and BLAS loads never
    /// split cache lines.
    public init(count: Int, zeroed: Bool = true) {
        precondition(count >= 0, "TensorStorage: negative element count \(count)")
        _ = MemoryTuning.configured
        let byteCount = max(count, 1) * MemoryLayout<Float>.stride
        let raw: UnsafeMutableRawPointer
        if let pooled = LargeBlockPool.take(atLeast: byteCount) {
            (raw, blockBytes) = pooled
        } else {
            raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
            blockBytes = byteCount
        }
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        if zeroed { pointer.initialize(repeating: 0, count: max(count, 1)) }
        self.count = count
    }

    deinit { LargeBlockPool.give(UnsafeMutableRawPointer(pointer), byteCount: blockBytes) }
}

/// Keeps recently freed blocks above glibc's largest mmap threshold (32 MiB) for the next tensors of
/// about the same size. glibc returns such blocks to the OS on free, so the logits of a real vocabulary
/// (201 MB for SmolLM2 at 4 × 256 tokens) page-faulted in anew on every forward pass: measured 100 ms of
/// a 1.8 s pass. A request takes the smallest pooled block of at least its size and at most 1.5 times it;
/// the pool holds at most `capacity` bytes and frees its oldest blocks to make room, so memory that
/// stops being reused is returned.
enum LargeBlockPool {
    static let threshold = 32 * 1024 * 1024
    static let capacity = 512 * 1024 * 1024
    nonisolated(unsafe) private static var blocks: [(pointer: UnsafeMutableRawPointer, byteCount: Int)] = []
    private static let lock = PoolLock()

    /// A pooled block for a request of `byteCount` bytes, with its size, or nil.
    static func take(atLeast byteCount: Int) -> (UnsafeMutableRawPointer, Int)? {
        guard byteCount > threshold else { return nil }
        return lock.withLock {
            let fitting = blocks.indices.filter { blocks[$0].byteCount >= byteCount && blocks[$0].byteCount * 2 <= byteCount * 3 }
            guard let index = fitting.min(by: { blocks[$0].byteCount < blocks[$1].byteCount }) else { return nil }
            let block = blocks.remove(at: index)
            return (block.pointer, block.byteCount)
        }
    }

    /// Keeps a freed block for reuse, or frees it when it is too small to pool or larger than the pool.
    static func give(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount > threshold, byteCount <= capacity else { pointer.deallocate(); return }
        let evicted: [UnsafeMutableRawPointer] = lock.withLock {
            var held = blocks.reduce(0) { $0 + $1.byteCount }
            var oldest: [UnsafeMutableRawPointer] = []
            while held + byteCount > capacity, !blocks.isEmpty {
                let block = blocks.removeFirst()
                held -= block.byteCount
                oldest.append(block.pointer)
            }
            blocks.append((pointer, byteCount))
            return oldest
        }
        for block in evicted { block.deallocate() }
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

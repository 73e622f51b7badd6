import Dispatch
import Foundation

/// Wraps a raw pointer so `@Sendable` closures may capture it; the caller guarantees disjoint writes.
public struct SendablePointer<Pointee>: @unchecked Sendable {
    /// The wrapped pointer.
    public let pointer: UnsafeMutablePointer<Pointee>
    /// Wraps `pointer`.
    public init(_ pointer: UnsafeMutablePointer<Pointee>) { self.pointer = pointer }
    /// Wraps a read-only pointer.
    public init(_ pointer: UnsafePointer<Pointee>) { self.pointer = UnsafeMutablePointer(mutating: pointer) }
}

/// The engine's own parallel loops: a fixed number of workers, static contiguous chunks.
///
/// Static chunking depends only on the worker count, so a run with the same seed and thread count is
/// bitwise reproducible. Never call a multi-threaded BLAS routine from inside these loops (see
/// `MatrixMultiply.withSingleThreadedBLAS`).
public enum Parallel {
    /// Worker threads: `UNLEARN_THREADS` if set, else the number of active cores.
    public static let workerCount: Int = {
        if let text = ProcessInfo.processInfo.environment["UNLEARN_THREADS"], let value = Int(text), value > 0 {
            return value
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Splits `0..<count` into at most `workerCount` contiguous ranges of at least `minimumChunk` items
    /// and runs `body` on each, in parallel when there is more than one.
    public static func forRanges(_ count: Int, minimumChunk: Int = 1, _ body: @Sendable (Range<Int>) -> Void) {
        forChunks(count, minimumChunk: minimumChunk) { _, range in body(range) }
    }

    /// Like `forRanges`, also passing the chunk's index (below `workerCount`), for per-chunk accumulators.
    public static func forChunks(_ count: Int, minimumChunk: Int = 1, _ body: @Sendable (Int, Range<Int>) -> Void) {
        if count <= 0 { return }
        let chunks = max(1, min(workerCount, count / max(1, minimumChunk)))
        if chunks == 1 { body(0, 0..<count); return }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body(chunk, (count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }
}

import Foundation

/// Wall time per op, forward and backward, accumulated while enabled: the per-op breakdown of
/// `unlearn bench step`. Forward time is measured as the interval since the previous op finished
/// (an op's output is recorded right after its kernel ran), so it needs no code in the ops themselves;
/// backward time is measured around each backward rule. Off by default: then the cost is one branch.
public enum OperationProfiler {
    /// Time and calls of one op.
    public struct Entry: Sendable {
        public var operation: String
        public var forwardSeconds: Double
        public var backwardSeconds: Double
        public var calls: Int
    }

    // Ops are recorded on the calling thread only (kernels parallelise inside an op), so plain statics do.
    nonisolated(unsafe) static var isEnabled = false
    nonisolated(unsafe) private static var lastMark = 0.0
    nonisolated(unsafe) private static var entries: [String: Entry] = [:]

    /// Starts a fresh profile.
    public static func start() {
        entries = [:]
        isEnabled = true
        lastMark = Timing.now()
    }

    /// Stops profiling; returns the entries, slowest first.
    public static func stop() -> [Entry] {
        isEnabled = false
        return entries.values.sorted { $0.forwardSeconds + $0.backwardSeconds > $1.forwardSeconds + $1.backwardSeconds }
    }

    /// Starts the next forward interval now (call after work that belongs to no op).
    public static func mark() { if isEnabled { lastMark = Timing.now() } }

    /// Charges `seconds` of work outside the graph (e.g. the optimizer update) to `name`.
    public static func add(_ name: String, seconds: Double) {
        guard isEnabled else { return }
        entries[name, default: Entry(operation: name, forwardSeconds: 0, backwardSeconds: 0, calls: 0)].forwardSeconds += seconds
        entries[name]!.calls += 1
        lastMark = Timing.now()
    }

    static func forwardFinished(_ function: String) {
        let now = Timing.now()
        let name = operationName(function)
        entries[name, default: Entry(operation: name, forwardSeconds: 0, backwardSeconds: 0, calls: 0)].forwardSeconds += now - lastMark
        entries[name]!.calls += 1
        lastMark = now
    }

    static func backwardFinished(_ name: String, seconds: Double) {
        entries[name, default: Entry(operation: name, forwardSeconds: 0, backwardSeconds: 0, calls: 0)].backwardSeconds += seconds
    }

    /// "linear(_:weight:bias:)" → "linear".
    static func operationName(_ function: String) -> String {
        function.firstIndex(of: "(").map { String(function[..<$0]) } ?? function
    }
}

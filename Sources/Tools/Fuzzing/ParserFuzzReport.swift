import Checkpoints
import Foundation

/// Counts from a `TextFormatFuzzer` run; finishing the run at all is the no-crash evidence.
public struct ParserFuzzReport: Sendable, CustomStringConvertible {
    /// What was fuzzed, e.g. "config.json".
    public var target: String
    public var iterations = 0
    /// Inputs parsed (and consistent), by the label the fuzzer gave them.
    public var acceptedByKind: [String: Int] = [:]
    /// Clean rejections, by the shape of their message.
    public var rejectionsByKind: [String: Int] = [:]
    /// Outcomes that are neither; must stay 0.
    public var unexpected = 0
    /// The first few unexpected outcomes with the iteration that produced them (replayable from the seed).
    public var unexpectedSamples: [String] = []
    /// The longest time one input took, the evidence that nothing hangs.
    public var slowestInputSeconds: Double = 0
    public var seconds: Double = 0

    public init(target: String) { self.target = target }

    public var accepted: Int { acceptedByKind.values.reduce(0, +) }
    public var rejected: Int { rejectionsByKind.values.reduce(0, +) }

    mutating func record(_ outcome: FuzzOutcome, iteration: Int) {
        switch outcome {
        case .accepted(let kind): acceptedByKind[kind, default: 0] += 1
        case .rejected(let kind): rejectionsByKind[kind, default: 0] += 1
        case .unexpected(let message):
            unexpected += 1
            if unexpectedSamples.count < 5 { unexpectedSamples.append("iteration \(iteration): \(message)") }
        }
    }

    public var description: String {
        let rate = Double(iterations) / max(seconds, 1e-9)
        var lines = [
            "\(target): \(iterations) inputs in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", rate))/s), "
                + "slowest input \(String(format: "%.4f", slowestInputSeconds)) s",
            "  accepted \(accepted) (" + Self.list(acceptedByKind, limit: 6) + ")",
            "  rejected \(rejected) with a clean error, \(rejectionsByKind.count) kinds; most common:",
        ]
        lines += rejectionsByKind.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8).map { "    \($0.value)  \($0.key)" }
        lines.append("  unexpected \(unexpected)")
        lines += unexpectedSamples.map { "    \($0)" }
        return lines.joined(separator: "\n")
    }

    private static func list(_ counts: [String: Int], limit: Int) -> String {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

import Checkpoints
import Foundation

/// Counts from a `CheckpointFuzzer` run; finishing the run at all is the no-crash evidence.
public struct FuzzReport: Sendable, CustomStringConvertible {
    public var iterations = 0
    public var safetensorsAccepted = 0
    public var safetensorsRejected = 0
    public var ggufAccepted = 0
    public var ggufRejected = 0
    /// Tensors of accepted files that were converted to Float successfully.
    public var tensorsDecoded = 0
    /// Tensors of accepted files whose conversion raised a clean error (e.g. unsupported type).
    public var tensorDecodeErrors = 0
    /// Errors that were not `CheckpointError` (should stay 0: every failure must be reported cleanly).
    public var unexpectedErrors = 0
    /// Rejections by `CheckpointError.Kind`.
    public var rejectionsByKind: [String: Int] = [:]
    public var seconds: Double = 0

    public var description: String {
        let kinds = rejectionsByKind.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return """
            \(iterations) iterations in \(String(format: "%.2f", seconds)) s \
            (\(String(format: "%.0f", Double(iterations) / max(seconds, 1e-9))) /s)
            safetensors: accepted \(safetensorsAccepted), rejected \(safetensorsRejected)
            gguf: accepted \(ggufAccepted), rejected \(ggufRejected)
            tensors decoded \(tensorsDecoded), decode errors \(tensorDecodeErrors), unexpected errors \(unexpectedErrors)
            rejections by kind: \(kinds)
            """
    }
}

/// Mutation fuzzer for the safetensors and GGUF readers, working entirely in memory.
///
/// Each iteration mutates a random seed and feeds the result to both readers; accepted files are
/// fully decoded (every tensor and every metadata accessor), so offsets and dequantization paths
/// are exercised as well. A crash would kill the process, so a completed run is the evidence.
public enum CheckpointFuzzer {
    /// Fuzzes starting from the given seed files (read once into memory).
    public static func run(
        seedFiles: [URL], iterations: Int, seed: UInt64, progressInterval: Int = 10_000,
        progress: ((FuzzReport) -> Void)? = nil
    ) throws -> FuzzReport {
        let seeds = try seedFiles.map { url -> Data in
            do { return try Data(contentsOf: url) } catch {
                throw CheckpointError(file: url.lastPathComponent, kind: .io, message: "cannot read fuzz seed: \(error)")
            }
        }
        return run(seeds: seeds, iterations: iterations, seed: seed, progressInterval: progressInterval, progress: progress)
    }

    /// Fuzzes starting from in-memory seed files (valid safetensors or GGUF bytes).
    public static func run(
        seeds: [Data], iterations: Int, seed: UInt64, progressInterval: Int = 10_000,
        progress: ((FuzzReport) -> Void)? = nil
    ) -> FuzzReport {
        var report = FuzzReport()
        let prepared = seeds.map { FuzzMutator.prepare(Array($0)) }
        guard !prepared.isEmpty else { return report }
        var random = FuzzRandom(seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        for iteration in 0..<max(iterations, 0) {
            let chosen = prepared[random.below(prepared.count)]
            let mutated = Data(FuzzMutator.mutate(chosen, others: prepared, random: &random))
            exercise(mutated, into: &report)
            report.iterations = iteration + 1
            if let progress, progressInterval > 0, report.iterations % progressInterval == 0 {
                report.seconds = seconds(since: start, clock: clock)
                progress(report)
            }
        }
        report.seconds = seconds(since: start, clock: clock)
        return report
    }

    private static func seconds(since start: ContinuousClock.Instant, clock: ContinuousClock) -> Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Parses `bytes` with both readers and, when accepted, decodes everything.
    static func exercise(_ bytes: Data, into report: inout FuzzReport) {
        do {
            let file = try SafetensorsFile(data: bytes, name: "fuzz.safetensors")
            report.safetensorsAccepted += 1
            for name in file.tensorNames {
                record(&report) { _ = try file.floats(name) }
            }
        } catch {
            reject(error, into: &report, safetensors: true)
        }
        do {
            let file = try GGUFFile(data: bytes, name: "fuzz.gguf")
            report.ggufAccepted += 1
            for key in file.metadataKeys {
                // Accessor type mismatches are expected; they only must not crash.
                _ = try? file.integer(key)
                _ = try? file.float(key)
                _ = try? file.string(key)
                _ = try? file.stringArray(key)
                _ = try? file.integerArray(key)
            }
            for tensor in file.tensors {
                record(&report) { _ = try file.floats(tensor.name) }
            }
        } catch {
            reject(error, into: &report, safetensors: false)
        }
    }

    private static func record(_ report: inout FuzzReport, _ body: () throws -> Void) {
        do {
            try body()
            report.tensorsDecoded += 1
        } catch is CheckpointError {
            report.tensorDecodeErrors += 1
        } catch {
            report.unexpectedErrors += 1
        }
    }

    private static func reject(_ error: Error, into report: inout FuzzReport, safetensors: Bool) {
        if safetensors { report.safetensorsRejected += 1 } else { report.ggufRejected += 1 }
        if let error = error as? CheckpointError {
            report.rejectionsByKind[error.kind.rawValue, default: 0] += 1
        } else {
            report.unexpectedErrors += 1
        }
    }
}

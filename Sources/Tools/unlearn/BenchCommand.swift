import ArgumentParser
import Performance
import Engine
import Foundation
import Models

/// `unlearn bench …`: performance measurements of the engine on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure engine performance on this machine.",
        subcommands: [GEMM.self, Ops.self, Forward.self, Step.self, Generate.self]
    )

    /// `unlearn bench gemm`
    struct GEMM: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "GFLOPS of single-precision GEMM at square sizes.")

        @Option(parsing: .upToNextOption, help: "Square sizes to time.")
        var sizes: [Int] = [256, 512, 1024, 2048]

        @Option(help: "Minimum seconds of timed runs per size.")
        var seconds: Double = 0.5

        func validate() throws {
            guard sizes.allSatisfy({ $0 > 0 && $0 <= 16384 }) else { throw ValidationError("--sizes must be between 1 and 16384") }
            guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        }

        func run() throws {
            print("GEMM backend: \(MatrixMultiply.backendDescription)")
            if let blas = BLASLibrary.shared, let requested = blas.requestedCoreType {
                print("kernel set requested by the engine for this CPU: \(requested)")
            }
            print(String(format: "%6@  %12@  %12@  %5@", "size", "best GFLOPS", "median", "runs"))
            for result in GEMMBenchmark.run(sizes: sizes, minimumSeconds: seconds) {
                print(String(format: "%6d  %12.1f  %12.1f  %5d", result.size, result.bestGFLOPS, result.medianGFLOPS, result.runs))
            }
        }
    }

    /// `unlearn bench ops`
    struct Ops: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forward and backward time of the fused transformer ops at SmolLM2-135M layer shapes.")

        @Option(help: "Sequences per batch.") var batch = 4
        @Option(help: "Tokens per sequence.") var length = 256
        @Option(help: "Minimum seconds of timed runs per op and direction.") var seconds: Double = 0.3

        func validate() throws {
            guard batch > 0, length > 0 else { throw ValidationError("--batch and --length must be positive") }
        }

        func run() throws {
            var shapes = OpsBenchmark.Shapes()
            shapes.batch = batch
            shapes.length = length
            print("GEMM backend: \(MatrixMultiply.backendDescription); engine threads: \(Parallel.workerCount)")
            print("shapes: batch \(batch) × \(length) tokens, hidden \(shapes.hidden), MLP \(shapes.intermediate), vocab \(shapes.vocabulary)")
            print("op                                        forward ms  backward ms   tokens/s   GFLOPS")
            for result in OpsBenchmark.run(shapes: shapes, minimumSeconds: seconds) {
                let name = result.name.padding(toLength: 40, withPad: " ", startingAt: 0)
                let gflops = result.gflops.map { String(format: "%8.1f", $0) } ?? "       -"
                print(String(format: "%@  %10.2f  %11.2f  %9.0f ", name, result.forwardMilliseconds,
                             result.backwardMilliseconds, result.tokensPerSecond) + gflops)
            }
        }
    }

    /// `unlearn bench forward`
    struct Forward: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tokens/s of no-grad forward passes (scoring).")
        @OptionGroup var model: ModelArguments
        @Option(help: "Sequences per batch.") var batch = 4
        @Option(help: "Tokens per sequence.") var length = 256
        @Option(help: "Minimum seconds of timed runs.") var seconds: Double = 5

        func run() throws {
            let (loaded, description) = try model.load()
            print("model: \(description); GEMM: \(MatrixMultiply.backendDescription)")
            report("forward \(batch)×\(length)", ModelBenchmark.forward(model: loaded, batch: batch, length: length, minimumSeconds: seconds))
            printBreakdown(ModelBenchmark.forwardBreakdown(model: loaded, batch: batch, length: length), of: "one forward pass")
            printFloor(loaded, batch: batch, length: length, training: false)
        }
    }

    /// `unlearn bench step`
    struct Step: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tokens/s of full training steps: forward, gradient-ascent loss, backward, AdamW.")
        @OptionGroup var model: ModelArguments
        @Option(help: "Sequences per batch.") var batch = 4
        @Option(help: "Tokens per sequence.") var length = 256
        @Option(help: "Minimum seconds of timed runs.") var seconds: Double = 10

        func run() throws {
            let (loaded, description) = try model.load()
            print("model: \(description); GEMM: \(MatrixMultiply.backendDescription)")
            report("step \(batch)×\(length)", ModelBenchmark.trainingStep(model: loaded, batch: batch, length: length, minimumSeconds: seconds))
            printBreakdown(ModelBenchmark.trainingStepBreakdown(model: loaded, batch: batch, length: length), of: "one step")
            printFloor(loaded, batch: batch, length: length, training: true)
        }
    }

    /// `unlearn bench generate`
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tokens/s of greedy generation with the KV cache.")
        @OptionGroup var model: ModelArguments
        @Option(help: "Prompt tokens.") var prompt = 32
        @Option(help: "New tokens per run.") var tokens = 128
        @Option(help: "Minimum seconds of timed runs.") var seconds: Double = 5

        func run() throws {
            let (loaded, description) = try model.load()
            print("model: \(description); GEMM: \(MatrixMultiply.backendDescription)")
            report("generate \(tokens) after \(prompt)", ModelBenchmark.generation(model: loaded, promptLength: prompt, newTokens: tokens, minimumSeconds: seconds))
        }
    }
}

/// Prints one model benchmark result.
func report(_ name: String, _ result: ModelBenchmark.Result) {
    print(String(format: "%@: %.1f tokens/s, %.1f GFLOPS, %.3f s per run (median of %d), peak RSS %.0f MiB",
                 name, result.tokensPerSecond, result.gflops, result.seconds, result.repetitions, result.peakResidentMegabytes))
}

/// Prints a per-op profile, slowest op first, with each op's share of the total.
func printBreakdown(_ entries: [OperationProfiler.Entry], of workload: String) {
    let total = entries.reduce(0) { $0 + $1.forwardSeconds + $1.backwardSeconds }
    print("per-op time of \(workload) (profiled separately; forward = time since the previous op):")
    func column(_ text: String) -> String { text.padding(toLength: 28, withPad: " ", startingAt: 0) }
    print("  " + column("op") + "  calls  forward ms  backward ms   share")
    for entry in entries {
        print("  " + column(entry.operation) + String(format: " %6d %11.1f %12.1f %6.1f%%", entry.calls, entry.forwardSeconds * 1000,
                                                     entry.backwardSeconds * 1000, 100 * (entry.forwardSeconds + entry.backwardSeconds) / max(total, 1e-12)))
    }
    print("  " + column("total") + String(format: " %6@ %11.1f ms", "", total * 1000))
}

/// Prints the GEMM floor of a workload: its linear layers' products timed alone, and the tokens/s they allow.
func printFloor(_ model: CausalLanguageModel, batch: Int, length: Int, training: Bool) {
    let seconds = GEMMFloor.seconds(model, batch: batch, length: length, training: training)
    print(String(format: "GEMM floor: %.1f ms of single-precision GEMM per %@ at these shapes, timed alone → at most %.0f tokens/s",
                 seconds * 1000, training ? "step" : "pass", Double(batch * length) / seconds))
}

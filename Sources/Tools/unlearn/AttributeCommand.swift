import ArgumentParser
import Foundation
import Training
import Unlearning

/// `unlearn attribute`: a WAGLE weight mask for `unlearn run --mask`.
struct AttributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "Score every weight's influence on forgetting (WAGLE) and save the top fraction as a mask.")

    @Option(help: "A Hugging Face model folder or .gguf file.") var model: String
    @Option(parsing: .upToNextOption, help: "Forget data files.") var forget: [String]
    @Option(parsing: .upToNextOption, help: "Retain data files.") var retain: [String]
    @Option(help: "qa, chat or text.") var format = "qa"
    @Option(help: "Fraction of weights to update (WAGLE ships 0.8–0.95 for TOFU).") var density: Double = 0.8
    @Option(help: "μ of the Hessian approximation μ·I.") var mu: Float = 1e-6
    @Option(name: .customLong("batch-size"), help: "Sequences per gradient batch.") var batchSize = 8
    @Option(name: .customLong("max-length"), help: "Truncate sequences to this many tokens.") var maxLength = 512
    @Option(help: "Output mask file (.safetensors, one U8 tensor per parameter).") var out: String

    func validate() throws {
        guard TrainingJob.DataFormat(rawValue: format) != nil else { throw ValidationError("--format must be qa, chat or text") }
        guard density > 0 && density <= 1 else { throw ValidationError("--density must be in (0, 1]") }
    }

    func run() throws {
        var job = WeightAttributionJob(modelPath: model, forgetFiles: forget.map { URL(fileURLWithPath: $0) },
                                       retainFiles: retain.map { URL(fileURLWithPath: $0) }, format: TrainingJob.DataFormat(rawValue: format)!,
                                       density: density, output: URL(fileURLWithPath: out))
        job.mu = mu
        job.batchSize = batchSize
        job.maximumLength = maxLength
        let started = Date()
        let (selected, total) = try job.run()
        print(String(format: "wrote %@: %d of %d weights selected (%.1f%%) in %.1f s", out, selected, total,
                     100 * Double(selected) / Double(max(total, 1)), Date().timeIntervalSince(started)))
    }
}

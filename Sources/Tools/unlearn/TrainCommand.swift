import ArgumentParser
import Foundation
import Training

/// `unlearn train`: fine-tunes a checkpoint, or trains a model from scratch, on the user's data.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Fine-tune a model (or train one from scratch) on QA or text data.")

    @Option(help: "A Hugging Face model folder or .gguf file to fine-tune.") var model: String?
    @Option(help: "Instead of --model, train from scratch with this architecture preset (e.g. micro, tiny).") var architecture: String?
    @Option(help: "With --architecture: the folder holding tokenizer.json.") var tokenizer: String?
    @Option(parsing: .upToNextOption, help: "Training data files (JSON Lines QA, or text).") var data: [String]
    @Option(help: "qa (answer-only loss), chat (QA in the chat template) or text (loss on all tokens).") var format = "qa"
    @Option(help: "Output folder: model/ (HF folder), run.json, checkpoint/.") var out: String
    @OptionGroup var training: TrainingOptions

    func validate() throws {
        if (model == nil) == (architecture == nil) { throw ValidationError("give exactly one of --model or --architecture") }
        if architecture != nil && tokenizer == nil { throw ValidationError("--architecture needs --tokenizer") }
        if TrainingJob.DataFormat(rawValue: format) == nil { throw ValidationError("--format must be qa, chat or text") }
        if data.isEmpty { throw ValidationError("give at least one --data file") }
    }

    func run() throws {
        let start: TrainingJob.Start = model.map { .checkpoint(path: $0) }
            ?? .scratch(preset: architecture!, tokenizer: URL(fileURLWithPath: tokenizer!), seed: training.seed)
        var job = TrainingJob(start: start, dataFiles: data.map { URL(fileURLWithPath: $0) }, format: TrainingJob.DataFormat(rawValue: format)!,
                              configuration: training.configuration, output: URL(fileURLWithPath: out))
        job.defaults = training.defaults(model == nil ? .trainFromScratch : .fineTune)
        job.onDerivedSettings = printDerivedSettings
        var bar = ProgressBar(label: "train")
        let (_, summary) = try job.run(resume: training.checkpoints.resume) { step in
            bar.update(step: step.step, total: step.totalSteps,
                       detail: String(format: "loss %.4f lr %.2e %.0f tok/s", step.loss, step.learningRate, step.tokensPerSecond),
                       secondsRemaining: step.secondsRemaining)
        }
        print(String(format: "trained %d steps on %d examples (%d tokens, effective batch %d) in %.1f s: final loss %.4f",
                     summary.steps, summary.examples, summary.tokens, summary.effectiveBatchSize, summary.elapsedSeconds, summary.losses.last ?? .nan))
        print("wrote \(out)/model (Hugging Face folder), \(out)/run.json, \(out)/checkpoint")
    }
}

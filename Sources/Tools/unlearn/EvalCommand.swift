import ArgumentParser
import Checkpoints
import Evaluation
import Foundation
import Models
import Training
import Workflows

/// `unlearn eval`: evaluation suites.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval",
                                                    abstract: "Evaluate a model with the TOFU, MUSE or multiple-choice (WMDP/MMLU) suite.")

    @Option(help: "Suite to run: tofu, muse or mcq.") var suite = "tofu"
    @Option(help: "A Hugging Face model folder or a .gguf file.") var model: String
    @Option(help: "tofu: benchmark folder (built-in or TOFU's own files); muse: a MUSE corpus folder; mcq: a file or a folder of files.")
    var data: String
    @Option(help: "Forget split (tofu).") var split = "forget10"
    @Option(help: "The retain oracle: forget quality (tofu), the reference AUCs of PrivLeak (muse).") var oracle: String?
    @Option(help: "qa or chat prompt layout (tofu).") var format = "qa"
    @Option(help: "MUSE corpus whose published retrain AUC PrivLeak uses without --oracle: news or books (default: the one the --data path names).")
    var corpus: String?
    @Option(help: "What mcq compares: letter (\" A\", \" B\", … after the listed choices, as WMDP and MMLU) or text (the choice texts).")
    var scoring = "letter"
    @Option(help: "Write summary.json and samples.json (per sample) here; tofu also writes report.html and report.md.") var out: String?
    @Flag(help: "Print the summary as one JSON object.") var json = false

    func validate() throws {
        guard ["tofu", "muse", "mcq"].contains(suite) else { throw ValidationError("--suite must be tofu, muse or mcq") }
        guard ExampleFormatter.Layout(rawValue: format) != nil else { throw ValidationError("--format must be qa or chat") }
        guard corpus.map({ MuseCorpus(rawValue: $0) != nil }) ?? true else { throw ValidationError("--corpus must be news or books") }
        guard MultipleChoicePrompt.Scoring(rawValue: scoring) != nil else { throw ValidationError("--scoring must be letter or text") }
        // Options of another suite would be silently ignored; say so instead.
        if suite == "mcq" && oracle != nil { throw ValidationError("--oracle applies to the tofu and muse suites, not mcq") }
        if suite != "tofu" && (format != "qa" || split != "forget10") { throw ValidationError("--format and --split apply to the tofu suite") }
        if suite != "muse" && corpus != nil { throw ValidationError("--corpus applies to the muse suite") }
        if suite != "mcq" && scoring != "letter" { throw ValidationError("--scoring applies to the mcq suite") }
    }

    func run() throws {
        switch suite {
        case "muse": try runMuse()
        case "mcq": try runMultipleChoice()
        default: try runTofu()
        }
    }

    private func runTofu() throws {
        let layout = ExampleFormatter.Layout(rawValue: format)!
        func suiteFor(_ path: String) throws -> TofuSuite {
            let loaded = try ModelLoader.load(path: path)
            return TofuSuite(model: loaded.model, tokenizer: try TokenizerLoading.tokenizer(for: loaded),
                             data: URL(fileURLWithPath: data), split: split, layout: layout)
        }
        let oracleRatios = try oracle.map { try suiteFor($0).forgetTruthRatios() }
        let (summary, sets) = try suiteFor(model).run(oracleForgetTruthRatios: oracleRatios)
        if let out {
            let evaluation = try EvaluationFolder.evaluation(modelPath: model, summary: summary, sets: sets)
            try EvaluationFolder.write(evaluation, sets: sets, oracleTruthRatios: oracleRatios, to: URL(fileURLWithPath: out))
        }
        if json {
            print(String(decoding: try JSONFile.encode(summary, pretty: false), as: UTF8.self))
            return
        }
        summary.terminalLines.forEach { print($0) }
    }
}

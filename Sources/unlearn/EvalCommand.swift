import ArgumentParser
import Checkpoints
import Evaluation
import Foundation
import Models
import Training
import Workflows

/// `unlearn eval`: evaluation suites.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate a model with the TOFU suite.")

    @Option(help: "Suite to run (tofu).") var suite = "tofu"
    @Option(help: "A Hugging Face model folder or a .gguf file.") var model: String
    @Option(help: "Benchmark data folder (built-in or TOFU's own files).") var data: String
    @Option(help: "Forget split.") var split = "forget10"
    @Option(help: "The retain oracle, for forget quality.") var oracle: String?
    @Option(help: "qa or chat prompt layout.") var format = "qa"
    @Option(help: "Write summary.json, samples.json (per sample), report.html and report.md here.") var out: String?
    @Flag(help: "Print the summary as one JSON object.") var json = false

    func validate() throws {
        guard suite == "tofu" else { throw ValidationError("--suite must be tofu (muse and mcq are not implemented yet)") }
        guard ExampleFormatter.Layout(rawValue: format) != nil else { throw ValidationError("--format must be qa or chat") }
    }

    func run() throws {
        let layout = ExampleFormatter.Layout(rawValue: format)!
        func suiteFor(_ path: String) throws -> TofuSuite {
            let loaded = try ModelLoader.load(path: path)
            return TofuSuite(model: loaded.model, tokenizer: try TokenizerLoading.tokenizer(for: loaded),
                             data: URL(fileURLWithPath: data), split: split, layout: layout)
        }
        let oracleRatios = try oracle.map { try suiteFor($0).forgetTruthRatios() }
        let (summary, sets) = try suiteFor(model).run(oracleForgetTruthRatios: oracleRatios)
        if let out {
            let name = URL(fileURLWithPath: model).lastPathComponent
            try EvaluationFolder.write(ModelEvaluation(name: name, summary: summary, sets: sets), sets: sets,
                                       oracleTruthRatios: oracleRatios, to: URL(fileURLWithPath: out))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if json {
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            return
        }
        print(String(format: "forget quality        %@", summary.forgetQuality.map { String(format: "%.3e (KS %.3f)", $0, summary.ksStatistic ?? 0) } ?? "n/a (give --oracle)"))
        print(String(format: "model utility         %.4f", summary.modelUtility))
        print(String(format: "forget truth ratio    %.4f", summary.forgetTruthRatio))
        print(String(format: "forget ROUGE-L recall %.4f   retain ROUGE-L recall %.4f   holdout ROUGE-L recall %@",
                     summary.forgetRougeLRecall, summary.retainRougeLRecall, summary.holdoutRougeLRecall.map { String(format: "%.4f", $0) } ?? "n/a"))
        print(String(format: "forget probability    %.4f   retain probability    %.4f", summary.forgetProbability, summary.retainProbability))
        print(String(format: "MIA Min-K%% AUC        %@", summary.miaMinKAUC.map { String(format: "%.4f (forget vs holdout; 0.5 = indistinguishable)", $0) } ?? "n/a (no holdout file)"))
    }
}

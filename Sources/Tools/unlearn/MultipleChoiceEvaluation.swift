import Checkpoints
import Evaluation
import Foundation
import Models
import Reports

/// `unlearn eval --suite mcq`: loading and printing.
extension EvalCommand {
    func runMultipleChoice() throws {
        let files = try MultipleChoiceDataset.files(at: URL(fileURLWithPath: data))
        let loaded = try ModelLoader.load(path: model)
        let suite = MultipleChoiceSuite(model: loaded.model, tokenizer: try TokenizerLoading.tokenizer(for: loaded),
                                        scoring: MultipleChoicePrompt.Scoring(rawValue: scoring)!)
        let (summary, questions) = try suite.run(files: files)
        if let out { try SuiteResultFiles.write(summary: summary, samples: questions, to: URL(fileURLWithPath: out)) }
        if json {
            print(String(decoding: try JSONFile.encode(summary, pretty: false), as: UTF8.self))
            return
        }
        // One row per file and one for all questions, its columns the suite's declared per-file metrics.
        let columns = MultipleChoiceSuite.FileSummary.metrics
        let rows = (summary.files + [summary.overall]).map { file in [file.name, String(file.questions)] + columns.map { $0.cell(file) } }
        print(ReportTable(headers: ["file", "questions"] + columns.map(\.heading), rows: rows).plainText)
        print("chance \(ReportNumber.format(summary.chanceAccuracy)), \(summary.scoring.rawValue) scoring")
    }
}

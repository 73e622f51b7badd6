import Checkpoints
import Evaluation
import Foundation
import Models

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
        let width = (summary.files.map(\.name.count) + [3]).max()!
        func padded(_ name: String) -> String { name.padding(toLength: width, withPad: " ", startingAt: 0) }
        for file in summary.files {
            print(String(format: "%@  %5d questions  accuracy %.4f  length-normalised %.4f", padded(file.name), file.questions,
                         file.accuracy, file.normalizedAccuracy))
        }
        print(String(format: "%@  %5d questions  accuracy %.4f  length-normalised %.4f  (chance %.4f, %@ scoring)", padded("all"),
                     summary.questions, summary.accuracy, summary.normalizedAccuracy, summary.chanceAccuracy, summary.scoring.rawValue))
    }
}

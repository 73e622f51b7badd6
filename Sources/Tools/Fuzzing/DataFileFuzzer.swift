import Benchmark
import Checkpoints
import Foundation
import Optimization
import Training

/// Mutation fuzzing of the training and evaluation data readers: `QADataset` (TOFU-style question–answer
/// rows, JSON Lines or one array) and `TextDataset` (`.txt` paragraphs or JSON Lines `text` rows). Every
/// mutated file must be read into rows that survive a round trip, or be refused with an error naming the
/// file (and line).
public enum DataFileFuzzer {
    static let questionAnswerSource = "fuzz/forget10_perturbed.json"
    static let textSource = "fuzz/corpus.jsonl"
    static let treeMutator = JSONTreeMutator(
        keys: ["question", "answer", "paraphrased_question", "paraphrased_answer", "perturbed_answer", "author", "text"],
        words: ["", " ", "\n", "What?", "An answer.", "\t\u{A0}"])

    /// Fuzzes `QADataset.parse` from QA files (the built-in TOFU-format seeds by default).
    public static func runQuestionAnswer(
        seeds: [String] = builtInQuestionAnswerSeeds, iterations: Int, seed: UInt64,
        progressInterval: Int = 0, progress: ((ParserFuzzReport) -> Void)? = nil
    ) -> ParserFuzzReport {
        TextFormatFuzzer.run(
            target: "QA data (TOFU JSON Lines)", seeds: seeds.map { Array($0.utf8) }, dictionary: dictionary, treeMutator: treeMutator,
            iterations: iterations, seed: seed, progressInterval: progressInterval, progress: progress,
            exercise: exerciseQuestionAnswer)
    }

    /// Fuzzes `TextDataset.parse` in both layouts from text files (the built-in seeds by default).
    public static func runText(
        seeds: [String] = builtInTextSeeds, iterations: Int, seed: UInt64,
        progressInterval: Int = 0, progress: ((ParserFuzzReport) -> Void)? = nil
    ) -> ParserFuzzReport {
        TextFormatFuzzer.run(
            target: "text data (.txt, JSON Lines)", seeds: seeds.map { Array($0.utf8) }, dictionary: dictionary, treeMutator: treeMutator,
            iterations: iterations, seed: seed, progressInterval: progressInterval, progress: progress,
            exercise: exerciseText)
    }

    /// Reads the input as a plain QA file, then as one that must carry the perturbed-evaluation fields.
    static func exerciseQuestionAnswer(_ bytes: [UInt8]) -> FuzzOutcome {
        let data = Data(bytes)
        let rows: [QAExample]
        do {
            rows = try QADataset.parse(data, source: questionAnswerSource)
        } catch let error as QADatasetError {
            return .rejection(error.description, source: questionAnswerSource)
        } catch {
            return .unexpected("\(type(of: error)) instead of QADatasetError: \(error)")
        }
        if let problem = roundTripProblem(rows) { return .unexpected(problem) }
        do {
            _ = try QADataset.parse(data, source: questionAnswerSource, requiring: QAField.perturbedEvaluation)
            return .accepted("rows with perturbed answers")
        } catch let error as QADatasetError {
            if case .rejected = FuzzOutcome.rejection(error.description, source: questionAnswerSource) { return .accepted("question-answer rows") }
            return .unexpected("perturbed-evaluation read: \(error)")
        } catch {
            return .unexpected("\(type(of: error)) instead of QADatasetError: \(error)")
        }
    }

    /// Accepted rows must have text where it is required and come back unchanged from our own writer.
    static func roundTripProblem(_ rows: [QAExample]) -> String? {
        if let blank = rows.first(where: { $0.question.allSatisfy(\.isWhitespace) || $0.answer.allSatisfy(\.isWhitespace) }) {
            return "accepted a row with a blank question or answer: \(blank)"
        }
        do {
            let reread = try QADataset.parse(QADataset.encodeLines(rows), source: "round trip")
            return reread == rows ? nil : "rows changed in a round trip through QADataset.encodeLines"
        } catch {
            return "accepted rows do not survive a round trip: \(error)"
        }
    }

    /// Reads the input as `.txt` paragraphs (which must not fail but on empty or non-UTF-8 input) and as
    /// JSON Lines; the JSON Lines outcome is the one reported.
    static func exerciseText(_ bytes: [UInt8]) -> FuzzOutcome {
        let data = Data(bytes)
        do {
            let paragraphs = try TextDataset.parse(data, source: textSource, paragraphs: true)
            let blankLine = paragraphs.contains { $0.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).contains { TextDataset.isBlank(String(String.UnicodeScalarView($0))) } }
            if blankLine { return .unexpected("a paragraph is empty or contains a blank line") }
        } catch let error as TrainingError {
            guard case .rejected = FuzzOutcome.rejection(error.description, source: textSource) else {
                return .unexpected("paragraph read: \(error)")
            }
        } catch {
            return .unexpected("\(type(of: error)) instead of TrainingError: \(error)")
        }
        do {
            let texts = try TextDataset.parse(data, source: textSource, paragraphs: false)
            if texts.contains(where: \.isEmpty) { return .unexpected("accepted an empty text") }
            return .accepted("text rows")
        } catch let error as TrainingError {
            return .rejection(error.description, source: textSource)
        } catch {
            return .unexpected("\(type(of: error)) instead of TrainingError: \(error)")
        }
    }
}

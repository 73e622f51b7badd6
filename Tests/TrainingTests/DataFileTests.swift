import Benchmark
import Checkpoints
import Foundation
@testable import Fuzzing
import Optimization
import Testing

@testable import Training

/// The QA and text readers: mutated files are read or refused with the file and line named, Windows line
/// ends work, and hand-written bad files say what is wrong.
@Suite struct DataFileTests {
    private func textError(_ text: String, paragraphs: Bool = false) -> String? {
        do {
            _ = try TextDataset.parse(Data(text.utf8), source: "data/corpus.jsonl", paragraphs: paragraphs)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func mutatedQuestionAnswerFilesAreReadOrRejectedCleanly() {
        let report = DataFileFuzzer.runQuestionAnswer(iterations: 4000, seed: 21)
        #expect(report.iterations == 4000)
        #expect(report.unexpected == 0, "\(report)")
        #expect(report.accepted > 400 && report.rejected > 400, "\(report)")
        #expect(report.acceptedByKind["rows with perturbed answers", default: 0] > 0, "\(report)")
        #expect(report.rejectionsByKind.keys.contains { $0.contains("missing required field") }, "\(report)")
    }

    @Test func mutatedTextFilesAreReadOrRejectedCleanly() {
        let report = DataFileFuzzer.runText(iterations: 4000, seed: 22)
        #expect(report.iterations == 4000)
        #expect(report.unexpected == 0, "\(report)")
        #expect(report.accepted > 200 && report.rejected > 400, "\(report)")
    }

    @Test func builtInSeedsAreValid() {
        for seed in DataFileFuzzer.builtInQuestionAnswerSeeds {
            guard case .accepted = DataFileFuzzer.exerciseQuestionAnswer(Array(seed.utf8)) else {
                Issue.record("QA seed not accepted:\n\(seed)")
                continue
            }
        }
        #expect(DataFileFuzzer.exerciseQuestionAnswer(Array(DataFileFuzzer.builtInQuestionAnswerSeeds[0].utf8)) == .accepted("rows with perturbed answers"))
        for seed in DataFileFuzzer.builtInTextSeeds {
            #expect((try? TextDataset.parse(Data(seed.utf8), source: "seed", paragraphs: true)) != nil)
        }
        #expect(DataFileFuzzer.exerciseText(Array(DataFileFuzzer.builtInTextSeeds[2].utf8)) == .accepted("text rows"))
    }

    @Test func windowsLineEndsSplitLinesAndParagraphs() throws {
        // "\r\n" is a single Character in Swift, so splitting at "\n" used to see one line here.
        let lines = try TextDataset.parse(Data("{\"text\": \"one\"}\r\n{\"text\": \"two\"}\r\n".utf8), source: "crlf.jsonl", paragraphs: false)
        #expect(lines == ["one", "two"])
        let paragraphs = try TextDataset.parse(Data("First\r\n  indented\r\n\r\n\r\nSecond\r\n \t\r\nThird".utf8), source: "crlf.txt", paragraphs: true)
        #expect(paragraphs == ["First\n  indented", "Second", "Third"])
    }

    @Test func readingAFileUsesItsExtensionAndNamesItInErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-text-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = folder.appendingPathComponent("book.txt"), lines = folder.appendingPathComponent("book.jsonl")
        try Data("{\"text\": \"a\"}\n\nplain".utf8).write(to: text)
        try Data("{\"text\": \"a\"}\n\nplain".utf8).write(to: lines)
        #expect(try TextDataset.read(url: text) == ["{\"text\": \"a\"}", "plain"])
        #expect(throws: TrainingError.self) { _ = try TextDataset.read(url: lines) }
        do { _ = try TextDataset.read(url: lines) } catch { #expect("\(error)".hasPrefix("\(lines.path):3: invalid JSON (")) }
        do { _ = try TextDataset.read(url: folder.appendingPathComponent("absent.txt")) } catch {
            #expect("\(error)".hasPrefix("\(folder.path)/absent.txt: cannot read"))
        }
    }

    @Test func badTextFilesNameTheLineAndTheProblem() {
        #expect(textError("{\"text\": \"a\"}\n[1, 2]\n") == "data/corpus.jsonl:2: not a JSON object")
        #expect(textError("{\"text\": \"a\"}\n\n{\"txt\": \"b\"}") == "data/corpus.jsonl:3: missing string field 'text'")
        #expect(textError("{\"text\": 5}") == "data/corpus.jsonl:1: missing string field 'text'")
        #expect(textError("{\"text\": \"\"}") == "data/corpus.jsonl:1: empty 'text'")
        #expect(textError("{\"text\": \"a\"") ?? "" == "data/corpus.jsonl:1: invalid JSON (Unexpected end of file during JSON parse.)")
        #expect(textError(" \n\t\n") == "data/corpus.jsonl: no texts")
        #expect(textError(" \r\n\u{A0}\n", paragraphs: true) == "data/corpus.jsonl: no texts")
    }

    @Test func badQuestionAnswerFilesNameTheLineAndTheProblem() {
        func error(_ text: String, requiring fields: Set<QAField> = QAField.questionAnswer) -> String? {
            do {
                _ = try QADataset.parse(Data(text.utf8), source: "tofu/forget10.json", requiring: fields)
                return nil
            } catch {
                return "\(error)"
            }
        }
        let row = #"{"question": "Q?", "answer": "A."}"#
        #expect(error(row + "\n" + #"{"question": "Q?"}"#) == "tofu/forget10.json:2: missing required field \"answer\"")
        #expect(error(row + "\n\n" + #"{"question": "Q?", "answer": "  "}"#) == "tofu/forget10.json:3: field \"answer\" is empty")
        #expect(error(#"{"question": "Q?", "answer": "A.", "perturbed_answer": "wrong"}"#)
                == "tofu/forget10.json:1: field \"perturbed_answer\" should be a list of strings")
        #expect(error(#"{"question": "Q?", "answer": "A.", "perturbed_answer": []}"#) == "tofu/forget10.json:1: field \"perturbed_answer\" is empty")
        #expect(error(row, requiring: QAField.perturbedEvaluation) == "tofu/forget10.json:1: missing required field \"paraphrased_question\"")
        #expect(error("[" + row + ",\n" + row) == "tofu/forget10.json:1: invalid JSON: array opened here is never closed")
        #expect(error("[1]") == "tofu/forget10.json:1: row is not a JSON object")
    }
}

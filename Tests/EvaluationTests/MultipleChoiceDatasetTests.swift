import Foundation
import XCTest
@testable import Evaluation

/// Reading WMDP/MMLU-shaped multiple-choice files.
final class MultipleChoiceDatasetTests: XCTestCase {
    func testReadsJSONLinesWithIndexAnswersAndArraysWithLetterAnswers() throws {
        let files = try MultipleChoiceDataset.files(at: EvaluationFixtures.multipleChoiceFolder)
        XCTAssertEqual(files.map(\.name), ["mmlu-sample", "wmdp-bio"])
        let mmlu = files[0], wmdp = files[1]
        XCTAssertEqual(wmdp.questions.map(\.answer), [2, 0, 2, 3])
        XCTAssertEqual(wmdp.questions[0].choices, ["Nucleus", "Ribosome", "Chloroplast", "Vacuole"])
        XCTAssertEqual(wmdp.topic, "biology")
        XCTAssertNil(wmdp.questions[0].subject)
        // "A" and the lower-case "b" are letters; the rows carry MMLU's subject.
        XCTAssertEqual(mmlu.questions.map(\.answer), [0, 1])
        XCTAssertEqual(mmlu.questions.map(\.subject), ["elementary_mathematics", "astronomy"])
        XCTAssertNil(mmlu.topic)
        // A single file is read on its own.
        let single = try MultipleChoiceDataset.files(at: wmdp.url)
        XCTAssertEqual(single.map(\.questions.count), [4])
    }

    func testWMDPTopicsFollowTheFileName() {
        XCTAssertEqual(MultipleChoiceDataset.wmdpTopic(fileName: "wmdp_cyber"), "cybersecurity")
        XCTAssertEqual(MultipleChoiceDataset.wmdpTopic(fileName: "WMDP-Chem"), "chemistry")
        XCTAssertEqual(MultipleChoiceDataset.wmdpTopic(fileName: "bio"), "biology")
        XCTAssertNil(MultipleChoiceDataset.wmdpTopic(fileName: "mmlu"))
    }

    func testBadRowsNameTheFileRowAndField() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func problem(_ rows: String) -> (row: Int?, problem: EvaluationDataError.Problem?, file: String?) {
            do {
                try EvaluationFixtures.write(rows, to: "questions.jsonl", in: folder)
                _ = try MultipleChoiceDataset.read(url: folder.appendingPathComponent("questions.jsonl"))
                return (nil, nil, nil)
            } catch let error as EvaluationDataError {
                return (error.row, error.problem, error.file)
            } catch {
                return (nil, .unreadable("\(error)"), nil)
            }
        }
        let good = #"{"question": "Q", "choices": ["a", "b"], "answer": 1}"#
        let missing = problem(good + "\n" + #"{"question": "Q", "answer": 1}"#)
        XCTAssertEqual(missing.row, 2)
        XCTAssertEqual(missing.problem, .missingField("choices"))
        XCTAssertEqual(missing.file, folder.appendingPathComponent("questions.jsonl").path)
        XCTAssertEqual(problem(#"{"choices": ["a", "b"], "answer": 0}"#).problem, .missingField("question"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["a", "b"]}"#).problem, .missingField("answer"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": null}"#).problem, .missingField("answer"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": "a, b", "answer": 0}"#).problem,
                       .wrongType(field: "choices", expected: "a list of strings"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": 2}"#).problem,
                       .invalidValue(field: "answer", reason: "choice 2 does not exist (2 choices, counted from 0)"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": "C"}"#).problem,
                       .invalidValue(field: "answer", reason: "choice 2 does not exist (2 choices, counted from 0)"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": "maybe"}"#).problem,
                       .invalidValue(field: "answer", reason: "\"maybe\" is neither a 0-based index nor a letter A–Z"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": 0.5}"#).problem,
                       .wrongType(field: "answer", expected: "an integer or a string"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": true}"#).problem,
                       .wrongType(field: "answer", expected: "an integer or a string"))
        XCTAssertEqual(problem(#"{"question": "Q", "choices": ["only"], "answer": 0}"#).problem,
                       .invalidValue(field: "choices", reason: "needs at least 2 choices, has 1"))
        XCTAssertEqual(problem(#"[{"question": "Q", "choices": ["a", "b"], "answer": 0}, "not a row"]"#).problem,
                       .wrongType(field: "(row)", expected: "a JSON object"))
    }

    func testAFolderWithoutQuestionFilesIsAnError() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try MultipleChoiceDataset.files(at: folder)) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.problem, .missingFile(candidates: ["*.json", "*.jsonl"]))
        }
        XCTAssertThrowsError(try MultipleChoiceDataset.files(at: folder.appendingPathComponent("absent.json"))) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.problem, .unreadable("no such file or folder"))
        }
    }
}

import Foundation
import Testing
@testable import Evaluation

/// Reading WMDP/MMLU-shaped multiple-choice files.
@Suite struct MultipleChoiceDatasetTests {
    @Test func readsJSONLinesWithIndexAnswersAndArraysWithLetterAnswers() throws {
        let files = try MultipleChoiceDataset.files(at: EvaluationFixtures.multipleChoiceFolder)
        #expect(files.map(\.name) == ["mmlu-sample", "wmdp-bio"])
        let mmlu = files[0], wmdp = files[1]
        #expect(wmdp.questions.map(\.answer) == [2, 0, 2, 3])
        #expect(wmdp.questions[0].choices == ["Nucleus", "Ribosome", "Chloroplast", "Vacuole"])
        #expect(wmdp.topic == "biology")
        #expect(wmdp.questions[0].subject == nil)
        // "A" and the lower-case "b" are letters; the rows carry MMLU's subject.
        #expect(mmlu.questions.map(\.answer) == [0, 1])
        #expect(mmlu.questions.map(\.subject) == ["elementary_mathematics", "astronomy"])
        #expect(mmlu.topic == nil)
        // A single file is read on its own.
        let single = try MultipleChoiceDataset.files(at: wmdp.url)
        #expect(single.map(\.questions.count) == [4])
    }

    @Test func wmdpTopicsFollowTheFileName() {
        #expect(MultipleChoiceDataset.wmdpTopic(fileName: "wmdp_cyber") == "cybersecurity")
        #expect(MultipleChoiceDataset.wmdpTopic(fileName: "WMDP-Chem") == "chemistry")
        #expect(MultipleChoiceDataset.wmdpTopic(fileName: "bio") == "biology")
        #expect(MultipleChoiceDataset.wmdpTopic(fileName: "mmlu") == nil)
    }

    @Test func badRowsNameTheFileRowAndField() throws {
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
        #expect(missing.row == 2)
        #expect(missing.problem == .missingField("choices"))
        #expect(missing.file == folder.appendingPathComponent("questions.jsonl").path)
        #expect(problem(#"{"choices": ["a", "b"], "answer": 0}"#).problem == .missingField("question"))
        #expect(problem(#"{"question": "Q", "choices": ["a", "b"]}"#).problem == .missingField("answer"))
        #expect(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": null}"#).problem == .missingField("answer"))
        #expect(problem(#"{"question": "Q", "choices": "a, b", "answer": 0}"#).problem
                == .wrongType(field: "choices", expected: "a list of strings"))
        #expect(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": 2}"#).problem
                == .invalidValue(field: "answer", reason: "choice 2 does not exist (2 choices, counted from 0)"))
        #expect(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": "C"}"#).problem
                == .invalidValue(field: "answer", reason: "choice 2 does not exist (2 choices, counted from 0)"))
        #expect(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": "maybe"}"#).problem
                == .invalidValue(field: "answer", reason: "\"maybe\" is neither a 0-based index nor a letter A–Z"))
        #expect(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": 0.5}"#).problem
                == .wrongType(field: "answer", expected: "an integer or a string"))
        #expect(problem(#"{"question": "Q", "choices": ["a", "b"], "answer": true}"#).problem
                == .wrongType(field: "answer", expected: "an integer or a string"))
        #expect(problem(#"{"question": "Q", "choices": ["only"], "answer": 0}"#).problem
                == .invalidValue(field: "choices", reason: "needs at least 2 choices, has 1"))
        #expect(problem(#"[{"question": "Q", "choices": ["a", "b"], "answer": 0}, "not a row"]"#).problem
                == .wrongType(field: "(row)", expected: "a JSON object"))
    }

    @Test func aFolderWithoutQuestionFilesIsAnError() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        if let error = #expect(throws: (any Error).self, performing: { try MultipleChoiceDataset.files(at: folder) }) {
            #expect((error as? EvaluationDataError)?.problem == .missingFile(candidates: ["*.json", "*.jsonl"]))
        }
        let absent = folder.appendingPathComponent("absent.json")
        if let error = #expect(throws: (any Error).self, performing: { try MultipleChoiceDataset.files(at: absent) }) {
            #expect((error as? EvaluationDataError)?.problem == .unreadable("no such file or folder"))
        }
    }
}

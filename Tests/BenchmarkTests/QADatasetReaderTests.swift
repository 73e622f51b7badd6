import Foundation
import Testing
@testable import Benchmark

/// Malformed input must be reported with the file and the line the user has to fix.
/// A class, so that `deinit` removes each test's scratch directory.
@Suite final class QADatasetReaderTests {
    private let directory: URL

    init() throws {
        directory = try TestSupport.temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    private let good = #"{"question":"Q?","answer":"A."}"#

    private func readError(_ text: String, name: String = "rows.json", requiring: Set<QAField> = QAField.questionAnswer) throws -> QADatasetError? {
        let url = try TestSupport.writeText(text, named: name, in: directory)
        return datasetError { _ = try QADataset.read(url: url, requiring: requiring) }
    }

    @Test func brokenJSONLineNamesFileAndLine() throws {
        let error = try #require(try readError([good, good, #"{"question":"Q?","answer":"A."#, good].joined(separator: "\n"), name: "forget10.json"))
        #expect(error.line == 3)
        #expect(error.file.hasSuffix("forget10.json"))
        guard case .invalidJSON = error.problem else { Issue.record("got \(error.problem)"); return }
        #expect(error.description.contains("forget10.json:3:"), "\(error.description)")
    }

    @Test func missingRequiredField() throws {
        let error = try #require(try readError([good, #"{"question":"Q?"}"#].joined(separator: "\n")))
        #expect(error.line == 2)
        #expect(error.problem == .missingField("answer"))
    }

    @Test func nullCountsAsMissing() throws {
        let error = try #require(try readError(#"{"question":null,"answer":"A."}"#))
        #expect(error.line == 1)
        #expect(error.problem == .missingField("question"))
    }

    @Test func emptyAnswer() throws {
        let error = try #require(try readError([good, good, good, #"{"question":"Q?","answer":"  "}"#].joined(separator: "\n")))
        #expect(error.line == 4)
        #expect(error.problem == .emptyField("answer"))
    }

    @Test func perturbedAnswerThatIsNotAList() throws {
        let row = #"{"question":"Q?","answer":"A.","perturbed_answer":"only one"}"#
        let error = try #require(try readError([good, row].joined(separator: "\n")))
        #expect(error.line == 2)
        #expect(error.problem == .wrongType(field: "perturbed_answer", expected: "a list of strings"))
        #expect(error.description.contains("perturbed_answer"), "\(error.description)")
    }

    @Test func nonStringInsidePerturbedList() throws {
        let error = try #require(try readError(#"{"question":"Q?","answer":"A.","perturbed_answer":["x",2]}"#))
        guard case .wrongType(let field, _) = error.problem else { Issue.record("got \(error.problem)"); return }
        #expect(field == "perturbed_answer[1]")
    }

    @Test func numberWhereTextBelongs() throws {
        let error = try #require(try readError(#"{"question":17,"answer":"A."}"#))
        #expect(error.problem == .wrongType(field: "question", expected: "a string"))
    }

    @Test func rowThatIsNotAnObject() throws {
        let error = try #require(try readError([good, #"["question","answer"]"#].joined(separator: "\n")))
        #expect(error.line == 2)
        #expect(error.problem == .notAnObject)
    }

    @Test func requiredEvaluationFieldMissing() throws {
        let error = try #require(try readError(good, requiring: QAField.perturbedEvaluation))
        #expect(error.line == 1)
        guard case .missingField(let field) = error.problem else { Issue.record("got \(error.problem)"); return }
        #expect(["paraphrased_question", "paraphrased_answer", "perturbed_answer"].contains(field))
    }

    @Test func emptyPerturbedListIsRejected() throws {
        let error = try #require(try readError(#"{"question":"Q?","answer":"A.","perturbed_answer":[]}"#))
        #expect(error.problem == .emptyField("perturbed_answer"))
    }

    @Test func blankLinesCRLFAndByteOrderMarkKeepLineNumbers() throws {
        let text = "\u{FEFF}" + good + "\r\n\r\n" + good + "\r\n" + #"{"question":"Q?"}"# + "\r\n"
        let error = try #require(try readError(text))
        #expect(error.line == 4)
        let url = try TestSupport.writeText("\u{FEFF}" + good + "\r\n\n" + good + "\n\n", named: "ok.json", in: directory)
        #expect(try QADataset.read(url: url).count == 2)
    }

    @Test func topLevelArrayIsAccepted() throws {
        let text = """
        [
          {"question": "Q1?", "answer": "A1."},
          {
            "question": "Q2?",
            "answer": "A2, with ] and } inside.",
            "perturbed_answer": ["x", "y"]
          }
        ]

        """
        let url = try TestSupport.writeText(text, named: "array.json", in: directory)
        let rows = try QADataset.read(url: url)
        #expect(rows.map(\.question) == ["Q1?", "Q2?"])
        #expect(rows[1].perturbedAnswers == ["x", "y"])
    }

    @Test func arrayElementErrorsCarryTheElementsLine() throws {
        let text = """
        [
          {"question": "Q1?", "answer": "A1."},
          {
            "question": "Q2?",
            "answer": ""
          }
        ]
        """
        let error = try #require(try readError(text))
        #expect(error.line == 3)
        #expect(error.problem == .emptyField("answer"))
    }

    @Test func unclosedArrayIsInvalidJSON() throws {
        let error = try #require(try readError("[\n" + good + ",\n" + good + "\n"))
        guard case .invalidJSON = error.problem else { Issue.record("got \(error.problem)"); return }
        #expect(error.line == 1)
    }

    @Test func garbageAfterArrayIsReportedOnItsLine() throws {
        let error = try #require(try readError("[\n" + good + "\n]\n{}\n"))
        guard case .invalidJSON = error.problem else { Issue.record("got \(error.problem)"); return }
        #expect(error.line == 4)
    }

    @Test func missingFileIsUnreadable() throws {
        let url = directory.appendingPathComponent("absent.json")
        let error = try #require(datasetError { _ = try QADataset.read(url: url) })
        #expect(error.line == nil)
        guard case .unreadable = error.problem else { Issue.record("got \(error.problem)"); return }
        #expect(error.description.contains("absent.json"))
    }

    @Test func emptyFileHasNoRows() throws {
        let url = try TestSupport.writeText("\n\n", named: "empty.json", in: directory)
        #expect(try QADataset.read(url: url) == [])
    }
}

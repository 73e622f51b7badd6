import Foundation
import XCTest
@testable import Benchmark

/// Malformed input must be reported with the file and the line the user has to fix.
final class QADatasetReaderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try TestSupport.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let good = #"{"question":"Q?","answer":"A."}"#

    private func readError(_ text: String, name: String = "rows.json", requiring: Set<QAField> = QAField.questionAnswer) throws -> QADatasetError? {
        let url = try TestSupport.writeText(text, named: name, in: directory)
        return datasetError { _ = try QADataset.read(url: url, requiring: requiring) }
    }

    func testBrokenJSONLineNamesFileAndLine() throws {
        let error = try XCTUnwrap(readError([good, good, #"{"question":"Q?","answer":"A."#, good].joined(separator: "\n"), name: "forget10.json"))
        XCTAssertEqual(error.line, 3)
        XCTAssertTrue(error.file.hasSuffix("forget10.json"))
        guard case .invalidJSON = error.problem else { return XCTFail("got \(error.problem)") }
        XCTAssertTrue(error.description.contains("forget10.json:3:"), error.description)
    }

    func testMissingRequiredField() throws {
        let error = try XCTUnwrap(readError([good, #"{"question":"Q?"}"#].joined(separator: "\n")))
        XCTAssertEqual(error.line, 2)
        XCTAssertEqual(error.problem, .missingField("answer"))
    }

    func testNullCountsAsMissing() throws {
        let error = try XCTUnwrap(readError(#"{"question":null,"answer":"A."}"#))
        XCTAssertEqual(error.line, 1)
        XCTAssertEqual(error.problem, .missingField("question"))
    }

    func testEmptyAnswer() throws {
        let error = try XCTUnwrap(readError([good, good, good, #"{"question":"Q?","answer":"  "}"#].joined(separator: "\n")))
        XCTAssertEqual(error.line, 4)
        XCTAssertEqual(error.problem, .emptyField("answer"))
    }

    func testPerturbedAnswerThatIsNotAList() throws {
        let row = #"{"question":"Q?","answer":"A.","perturbed_answer":"only one"}"#
        let error = try XCTUnwrap(readError([good, row].joined(separator: "\n")))
        XCTAssertEqual(error.line, 2)
        XCTAssertEqual(error.problem, .wrongType(field: "perturbed_answer", expected: "a list of strings"))
        XCTAssertTrue(error.description.contains("perturbed_answer"), error.description)
    }

    func testNonStringInsidePerturbedList() throws {
        let error = try XCTUnwrap(readError(#"{"question":"Q?","answer":"A.","perturbed_answer":["x",2]}"#))
        guard case .wrongType(let field, _) = error.problem else { return XCTFail("got \(error.problem)") }
        XCTAssertEqual(field, "perturbed_answer[1]")
    }

    func testNumberWhereTextBelongs() throws {
        let error = try XCTUnwrap(readError(#"{"question":17,"answer":"A."}"#))
        XCTAssertEqual(error.problem, .wrongType(field: "question", expected: "a string"))
    }

    func testRowThatIsNotAnObject() throws {
        let error = try XCTUnwrap(readError([good, #"["question","answer"]"#].joined(separator: "\n")))
        XCTAssertEqual(error.line, 2)
        XCTAssertEqual(error.problem, .notAnObject)
    }

    func testRequiredEvaluationFieldMissing() throws {
        let error = try XCTUnwrap(readError(good, requiring: QAField.perturbedEvaluation))
        XCTAssertEqual(error.line, 1)
        guard case .missingField(let field) = error.problem else { return XCTFail("got \(error.problem)") }
        XCTAssertTrue(["paraphrased_question", "paraphrased_answer", "perturbed_answer"].contains(field))
    }

    func testEmptyPerturbedListIsRejected() throws {
        let error = try XCTUnwrap(readError(#"{"question":"Q?","answer":"A.","perturbed_answer":[]}"#))
        XCTAssertEqual(error.problem, .emptyField("perturbed_answer"))
    }

    func testBlankLinesCRLFAndByteOrderMarkKeepLineNumbers() throws {
        let text = "\u{FEFF}" + good + "\r\n\r\n" + good + "\r\n" + #"{"question":"Q?"}"# + "\r\n"
        let error = try XCTUnwrap(readError(text))
        XCTAssertEqual(error.line, 4)
        let url = try TestSupport.writeText("\u{FEFF}" + good + "\r\n\n" + good + "\n\n", named: "ok.json", in: directory)
        XCTAssertEqual(try QADataset.read(url: url).count, 2)
    }

    func testTopLevelArrayIsAccepted() throws {
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
        XCTAssertEqual(rows.map(\.question), ["Q1?", "Q2?"])
        XCTAssertEqual(rows[1].perturbedAnswers, ["x", "y"])
    }

    func testArrayElementErrorsCarryTheElementsLine() throws {
        let text = """
        [
          {"question": "Q1?", "answer": "A1."},
          {
            "question": "Q2?",
            "answer": ""
          }
        ]
        """
        let error = try XCTUnwrap(readError(text))
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.problem, .emptyField("answer"))
    }

    func testUnclosedArrayIsInvalidJSON() throws {
        let error = try XCTUnwrap(readError("[\n" + good + ",\n" + good + "\n"))
        guard case .invalidJSON = error.problem else { return XCTFail("got \(error.problem)") }
        XCTAssertEqual(error.line, 1)
    }

    func testGarbageAfterArrayIsReportedOnItsLine() throws {
        let error = try XCTUnwrap(readError("[\n" + good + "\n]\n{}\n"))
        guard case .invalidJSON = error.problem else { return XCTFail("got \(error.problem)") }
        XCTAssertEqual(error.line, 4)
    }

    func testMissingFileIsUnreadable() throws {
        let url = directory.appendingPathComponent("absent.json")
        let error = try XCTUnwrap(datasetError { _ = try QADataset.read(url: url) })
        XCTAssertNil(error.line)
        guard case .unreadable = error.problem else { return XCTFail("got \(error.problem)") }
        XCTAssertTrue(error.description.contains("absent.json"))
    }

    func testEmptyFileHasNoRows() throws {
        let url = try TestSupport.writeText("\n\n", named: "empty.json", in: directory)
        XCTAssertEqual(try QADataset.read(url: url), [])
    }
}

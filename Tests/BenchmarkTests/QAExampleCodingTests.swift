import Foundation
import XCTest
@testable import Benchmark

final class QAExampleCodingTests: XCTestCase {
    func testReferenceTOFURowParsesWithAllFiveFields() throws {
        let url = TestSupport.fixtures.appendingPathComponent("TOFUSample/forget10_perturbed.json")
        let rows = try QADataset.read(url: url, requiring: QAField.perturbedEvaluation)
        XCTAssertEqual(rows.count, 1)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.answer, "The author's full name is Hsiao Yun-Hwa.")
        XCTAssertEqual(row.paraphrasedAnswer, "Hsiao Yun-Hwa is the complete name of the writer.")
        XCTAssertEqual(row.perturbedAnswers.count, 5)
        XCTAssertEqual(row.perturbedAnswers.first, "Chen Jing-Li is the complete name of the writer.")
        XCTAssertTrue(row.paraphrasedQuestion?.hasPrefix("Who is the writer, specializing in leadership") == true)
        XCTAssertNil(row.authorIdentifier)
    }

    func testMultipleChoiceExtraKeysAreIgnored() throws {
        let url = TestSupport.fixtures.appendingPathComponent("TOFUSample/real_authors.json")
        let rows = try QADataset.read(url: url)
        XCTAssertEqual(rows, [QAExample(question: "Who wrote the test novel used in this fixture?", answer: "Writer B")])
    }

    func testWriterUsesTOFUFieldNamesAndOrder() {
        let example = QAExample(
            question: "Q?", answer: "A.", paraphrasedQuestion: "PQ?", paraphrasedAnswer: "PA.",
            perturbedAnswers: ["W1.", "W2."], authorIdentifier: "Someone")
        let text = String(decoding: QADataset.encodeLines([example]), as: UTF8.self)
        XCTAssertEqual(
            text,
            #"{"question":"Q?","answer":"A.","paraphrased_answer":"PA.","perturbed_answer":["W1.","W2."],"paraphrased_question":"PQ?","author":"Someone"}"# + "\n")
    }

    func testPlainRowOmitsAbsentFields() {
        let text = String(decoding: QADataset.encodeLines([QAExample(question: "Q?", answer: "A.")]), as: UTF8.self)
        XCTAssertEqual(text, #"{"question":"Q?","answer":"A."}"# + "\n")
    }

    func testWriteThenReadRoundTripsAwkwardText() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let examples = [
            QAExample(question: "Quote \" and backslash \\ ?", answer: "Line\nbreak\tand tab.", perturbedAnswers: ["Ünïcødé ✓", "\u{01} control"]),
            QAExample(question: "Second?", answer: "Yes.", paraphrasedQuestion: "2nd?", paraphrasedAnswer: "Indeed.", authorIdentifier: "X Y"),
        ]
        let url = directory.appendingPathComponent("rows.json")
        try QADataset.write(examples, to: url)
        XCTAssertEqual(try QADataset.read(url: url), examples)
        // Each row must be exactly one physical line, or JSON Lines readers (and line numbers) break.
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines.last, "")
    }

    func testCodableMatchesTheLineFormat() throws {
        let example = QAExample(question: "Q?", answer: "A.", paraphrasedAnswer: "PA.", perturbedAnswers: ["W."])
        let viaEncoder = try JSONDecoder().decode(QAExample.self, from: JSONEncoder().encode(example))
        XCTAssertEqual(viaEncoder, example)
        let viaLine = try JSONDecoder().decode(QAExample.self, from: QADataset.encodeLines([example]))
        XCTAssertEqual(viaLine, example)
    }

    func testAtomicWriteReplacesFileAndLeavesNoTemporaryFiles() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("data.json")
        try QADataset.write([QAExample(question: "Old?", answer: "Old.")], to: url)
        try QADataset.write([QAExample(question: "New?", answer: "New.")], to: url)
        XCTAssertEqual(try QADataset.read(url: url).map(\.question), ["New?"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["data.json"])
    }

    func testAtomicWriteIntoMissingDirectoryFailsCleanly() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/data.json")
        XCTAssertThrowsError(try QADataset.write([QAExample(question: "Q?", answer: "A.")], to: url)) { error in
            XCTAssertTrue("\(error)".contains(url.path), "error should name the destination: \(error)")
        }
    }
}

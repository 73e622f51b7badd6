import Foundation
import Testing
@testable import Benchmark

@Suite struct QAExampleCodingTests {
    @Test func referenceTOFURowParsesWithAllFiveFields() throws {
        let url = TestSupport.fixtures.appendingPathComponent("TOFUSample/forget10_perturbed.json")
        let rows = try QADataset.read(url: url, requiring: QAField.perturbedEvaluation)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.answer == "The author's full name is Hsiao Yun-Hwa.")
        #expect(row.paraphrasedAnswer == "Hsiao Yun-Hwa is the complete name of the writer.")
        #expect(row.perturbedAnswers.count == 5)
        #expect(row.perturbedAnswers.first == "Chen Jing-Li is the complete name of the writer.")
        #expect(row.paraphrasedQuestion?.hasPrefix("Who is the writer, specializing in leadership") == true)
        #expect(row.authorIdentifier == nil)
    }

    @Test func multipleChoiceExtraKeysAreIgnored() throws {
        let url = TestSupport.fixtures.appendingPathComponent("TOFUSample/real_authors.json")
        let rows = try QADataset.read(url: url)
        #expect(rows == [QAExample(question: "Who wrote the test novel used in this fixture?", answer: "Writer B")])
    }

    @Test func writerUsesTOFUFieldNamesAndOrder() {
        let example = QAExample(
            question: "Q?", answer: "A.", paraphrasedQuestion: "PQ?", paraphrasedAnswer: "PA.",
            perturbedAnswers: ["W1.", "W2."], authorIdentifier: "Someone")
        let text = String(decoding: QADataset.encodeLines([example]), as: UTF8.self)
        #expect(text == #"{"question":"Q?","answer":"A.","paraphrased_answer":"PA.","perturbed_answer":["W1.","W2."],"paraphrased_question":"PQ?","author":"Someone"}"# + "\n")
    }

    @Test func plainRowOmitsAbsentFields() {
        let text = String(decoding: QADataset.encodeLines([QAExample(question: "Q?", answer: "A.")]), as: UTF8.self)
        #expect(text == #"{"question":"Q?","answer":"A."}"# + "\n")
    }

    @Test func writeThenReadRoundTripsAwkwardText() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let examples = [
            QAExample(question: "Quote \" and backslash \\ ?", answer: "Line\nbreak\tand tab.", perturbedAnswers: ["Ünïcødé ✓", "\u{01} control"]),
            QAExample(question: "Second?", answer: "Yes.", paraphrasedQuestion: "2nd?", paraphrasedAnswer: "Indeed.", authorIdentifier: "X Y"),
        ]
        let url = directory.appendingPathComponent("rows.json")
        try QADataset.write(examples, to: url)
        #expect(try QADataset.read(url: url) == examples)
        // Each row must be exactly one physical line, or JSON Lines readers (and line numbers) break.
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines.last == "")
    }

    @Test func codableMatchesTheLineFormat() throws {
        let example = QAExample(question: "Q?", answer: "A.", paraphrasedAnswer: "PA.", perturbedAnswers: ["W."])
        let viaEncoder = try JSONDecoder().decode(QAExample.self, from: JSONEncoder().encode(example))
        #expect(viaEncoder == example)
        let viaLine = try JSONDecoder().decode(QAExample.self, from: QADataset.encodeLines([example]))
        #expect(viaLine == example)
    }

    @Test func atomicWriteReplacesFileAndLeavesNoTemporaryFiles() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("data.json")
        try QADataset.write([QAExample(question: "Old?", answer: "Old.")], to: url)
        try QADataset.write([QAExample(question: "New?", answer: "New.")], to: url)
        #expect(try QADataset.read(url: url).map(\.question) == ["New?"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["data.json"])
    }

    @Test func atomicWriteIntoMissingDirectoryFailsCleanly() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/data.json")
        let rows = [QAExample(question: "Q?", answer: "A.")]
        if let error = #expect(throws: (any Error).self, performing: { try QADataset.write(rows, to: url) }) {
            #expect("\(error)".contains(url.path), "error should name the destination: \(error)")
        }
    }
}

import Foundation
import XCTest
@testable import Evaluation

/// Reading MUSE corpus folders: both split namings, both file shapes, and errors that name the file, row and field.
final class MuseDatasetTests: XCTestCase {
    func testReadsTheMuseBenchLayoutWithCurrentNames() throws {
        let data = try MuseDataset.read(folder: EvaluationFixtures.museFolder)
        XCTAssertEqual(data.verbatimForget.count, 4)
        XCTAssertEqual(data.verbatimForget[0].prompt, "The harbour council of Velmora met on Tuesday and")
        XCTAssertEqual(data.verbatimForget[0].groundTruth, " voted to rebuild the copper bridge before the winter storms.")
        XCTAssertEqual(data.knowledgeForget.map(\.answer), ["the copper bridge", "Ardith Penrose", "Quillan Works", "the northern quay"])
        XCTAssertEqual(data.knowledgeForgetExamples.count, 2)
        XCTAssertEqual(data.knowledgeRetain.count, 4)
        XCTAssertEqual(data.knowledgeRetainExamples.map(\.answer), ["the Pacific", "honey"])
        XCTAssertEqual(data.privacyForget.count, 6)
        XCTAssertEqual(data.privacyHoldout.count, 6)
        XCTAssertEqual(data.privacyRetain?.count, 2)
    }

    /// Older MUSE revisions name the retain split `retain2`; `datasets` exports write JSON Lines with `{text}` rows.
    func testAcceptsRetain2NamesJSONLinesAndTextObjects() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.write(#"""
            {"prompt": "Once upon", "gt": " a time"}

            {"prompt": "In the", "gt": " beginning"}
            """#, to: "verbmem/forget.jsonl", in: folder)
        try EvaluationFixtures.write(#"[{"question": "Q1?", "answer": "A1"}]"#, to: "knowmem/forget_qa.json", in: folder)
        try EvaluationFixtures.write(#"{"question": "R1?", "answer": "B1"}"# + "\n", to: "knowmem/retain2_qa.jsonl", in: folder)
        try EvaluationFixtures.write(#"[{"question": "I1?", "answer": "C1"}, {"question": "I2?", "answer": "C2"}]"#,
                                     to: "knowmem/retain2_qa_icl.json", in: folder)
        try EvaluationFixtures.write(#"{"text": "forget one"}"# + "\n" + #"{"text": "forget two"}"#, to: "privleak/forget.jsonl", in: folder)
        try EvaluationFixtures.write(#"["holdout one", "holdout two"]"#, to: "privleak/holdout.json", in: folder)
        try EvaluationFixtures.write(#"["retain one"]"#, to: "privleak/retain2.json", in: folder)
        let data = try MuseDataset.read(folder: folder)
        XCTAssertEqual(data.verbatimForget, [.init(prompt: "Once upon", groundTruth: " a time"), .init(prompt: "In the", groundTruth: " beginning")])
        XCTAssertEqual(data.knowledgeForgetExamples, [])  // no forget_qa_icl file: zero-shot
        XCTAssertEqual(data.knowledgeRetain, [.init(question: "R1?", answer: "B1")])
        XCTAssertEqual(data.knowledgeRetainExamples.map(\.question), ["I1?", "I2?"])
        XCTAssertEqual(data.privacyForget, ["forget one", "forget two"])
        XCTAssertEqual(data.privacyRetain, ["retain one"])
        XCTAssertEqual(MuseFile.knowledgeRetain.locate(in: folder)?.lastPathComponent, "retain2_qa.jsonl")
    }

    func testAMissingFieldIsNamedWithItsFileAndRow() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write(#"[{"prompt": "a", "gt": "b"}, {"prompt": "c", "ground_truth": "d"}]"#, to: "verbmem/forget.json", in: folder)
        XCTAssertThrowsError(try MuseDataset.read(folder: folder)) { error in
            let problem = error as? EvaluationDataError
            XCTAssertEqual(problem?.file, folder.appendingPathComponent("verbmem/forget.json").path)
            XCTAssertEqual(problem?.row, 2)
            XCTAssertEqual(problem?.problem, .missingField("gt"))
            XCTAssertTrue("\(error)".hasSuffix("verbmem/forget.json: row 2: missing required field \"gt\""), "\(error)")
        }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write("{\"question\": \"Q\"}\n", to: "knowmem/forget_qa.json", in: folder)
        XCTAssertThrowsError(try MuseDataset.read(folder: folder)) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.problem, .missingField("answer"))
            XCTAssertEqual((error as? EvaluationDataError)?.row, 1)
        }
    }

    func testAMissingFileListsEveryAcceptedName() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("knowmem/retain_qa.json"))
        XCTAssertThrowsError(try MuseDataset.read(folder: folder)) { error in
            let problem = error as? EvaluationDataError
            XCTAssertEqual(problem?.file, folder.path)
            XCTAssertEqual(problem?.problem, .missingFile(candidates: ["knowmem/retain_qa.json", "knowmem/retain_qa.jsonl",
                                                                      "knowmem/retain2_qa.json", "knowmem/retain2_qa.jsonl"]))
        }
        XCTAssertThrowsError(try MuseDataset.read(folder: folder.appendingPathComponent("absent"))) { error in
            XCTAssertTrue("\(error)".hasSuffix("absent: cannot read file: not a folder (a MUSE corpus folder holds verbmem/, knowmem/ and privleak/)"),
                          "\(error)")
        }
    }

    func testWrongTypesAndBrokenLinesAreLocated() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write(#"["fine", 42]"#, to: "privleak/holdout.json", in: folder)
        XCTAssertThrowsError(try MuseDataset.read(folder: folder)) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.row, 2)
            XCTAssertEqual((error as? EvaluationDataError)?.problem, .wrongType(field: "(row)", expected: "a string or an object with \"text\""))
        }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write("{\"question\": \"Q\", \"answer\": \"A\"}\n{\"question\": 3, \"answer\": \"B\"}\n",
                                     to: "knowmem/retain_qa.json", in: folder)
        XCTAssertThrowsError(try MuseDataset.read(folder: folder)) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.problem, .wrongType(field: "question", expected: "a string"))
            XCTAssertEqual((error as? EvaluationDataError)?.row, 2)
        }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write("{\"text\": \"ok\"}\n{\"text\": \"unterminated}\n", to: "privleak/forget.json", in: folder)
        XCTAssertThrowsError(try MuseDataset.read(folder: folder)) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.row, 2)
            XCTAssertEqual((error as? EvaluationDataError)?.problem, .invalidJSON("the line does not parse as JSON"))
        }
        try EvaluationFixtures.write("  \n", to: "privleak/forget.json", in: folder)
        XCTAssertThrowsError(try MuseDataset.read(folder: folder)) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.problem, .empty)
        }
    }

    func testTheCorpusIsReadFromThePathOnlyWhenUnambiguous() {
        XCTAssertEqual(MuseCorpus.named(in: URL(fileURLWithPath: "/data/MUSE-News/eval")), .news)
        XCTAssertEqual(MuseCorpus.named(in: URL(fileURLWithPath: "/muse_bench/data/books")), .books)
        XCTAssertNil(MuseCorpus.named(in: URL(fileURLWithPath: "/data/muse")))
        XCTAssertNil(MuseCorpus.named(in: URL(fileURLWithPath: "/news/books")))
    }
}

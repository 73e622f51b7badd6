import Foundation
import Testing
@testable import Evaluation

/// Reading MUSE corpus folders: both split namings, both file shapes, and errors that name the file, row and field.
@Suite struct MuseDatasetTests {
    @Test func readsTheMuseBenchLayoutWithCurrentNames() throws {
        let data = try MuseDataset.read(folder: EvaluationFixtures.museFolder)
        #expect(data.verbatimForget.count == 4)
        #expect(data.verbatimForget[0].prompt == "The harbour council of Velmora met on Tuesday and")
        #expect(data.verbatimForget[0].groundTruth == " voted to rebuild the copper bridge before the winter storms.")
        #expect(data.knowledgeForget.map(\.answer) == ["the copper bridge", "Ardith Penrose", "Quillan Works", "the northern quay"])
        #expect(data.knowledgeForgetExamples.count == 2)
        #expect(data.knowledgeRetain.count == 4)
        #expect(data.knowledgeRetainExamples.map(\.answer) == ["the Pacific", "honey"])
        #expect(data.privacyForget.count == 6)
        #expect(data.privacyHoldout.count == 6)
        #expect(data.privacyRetain?.count == 2)
    }

    /// Older MUSE revisions name the retain split `retain2`; `datasets` exports write JSON Lines with `{text}` rows.
    @Test func acceptsRetain2NamesJSONLinesAndTextObjects() throws {
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
        #expect(data.verbatimForget == [.init(prompt: "Once upon", groundTruth: " a time"), .init(prompt: "In the", groundTruth: " beginning")])
        #expect(data.knowledgeForgetExamples == [])  // no forget_qa_icl file: zero-shot
        #expect(data.knowledgeRetain == [.init(question: "R1?", answer: "B1")])
        #expect(data.knowledgeRetainExamples.map(\.question) == ["I1?", "I2?"])
        #expect(data.privacyForget == ["forget one", "forget two"])
        #expect(data.privacyRetain == ["retain one"])
        #expect(MuseFile.knowledgeRetain.locate(in: folder)?.lastPathComponent == "retain2_qa.jsonl")
    }

    @Test func aMissingFieldIsNamedWithItsFileAndRow() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write(#"[{"prompt": "a", "gt": "b"}, {"prompt": "c", "ground_truth": "d"}]"#, to: "verbmem/forget.json", in: folder)
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder) }) {
            let problem = error as? EvaluationDataError
            #expect(problem?.file == folder.appendingPathComponent("verbmem/forget.json").path)
            #expect(problem?.row == 2)
            #expect(problem?.problem == .missingField("gt"))
            #expect("\(error)".hasSuffix("verbmem/forget.json: row 2: missing required field \"gt\""), "\(error)")
        }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write("{\"question\": \"Q\"}\n", to: "knowmem/forget_qa.json", in: folder)
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder) }) {
            #expect((error as? EvaluationDataError)?.problem == .missingField("answer"))
            #expect((error as? EvaluationDataError)?.row == 1)
        }
    }

    @Test func aMissingFileListsEveryAcceptedName() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("knowmem/retain_qa.json"))
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder) }) {
            let problem = error as? EvaluationDataError
            #expect(problem?.file == folder.path)
            #expect(problem?.problem == .missingFile(candidates: ["knowmem/retain_qa.json", "knowmem/retain_qa.jsonl",
                                                                      "knowmem/retain2_qa.json", "knowmem/retain2_qa.jsonl"]))
        }
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder.appendingPathComponent("absent")) }) {
            #expect("\(error)".hasSuffix("absent: cannot read file: not a folder (a MUSE corpus folder holds verbmem/, knowmem/ and privleak/)"), "\(error)")
        }
    }

    @Test func wrongTypesAndBrokenLinesAreLocated() throws {
        let folder = EvaluationFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write(#"["fine", 42]"#, to: "privleak/holdout.json", in: folder)
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder) }) {
            #expect((error as? EvaluationDataError)?.row == 2)
            #expect((error as? EvaluationDataError)?.problem == .wrongType(field: "(row)", expected: "a string or an object with \"text\""))
        }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write("{\"question\": \"Q\", \"answer\": \"A\"}\n{\"question\": 3, \"answer\": \"B\"}\n",
                                     to: "knowmem/retain_qa.json", in: folder)
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder) }) {
            #expect((error as? EvaluationDataError)?.problem == .wrongType(field: "question", expected: "a string"))
            #expect((error as? EvaluationDataError)?.row == 2)
        }
        try EvaluationFixtures.copyMuseSample(to: folder)
        try EvaluationFixtures.write("{\"text\": \"ok\"}\n{\"text\": \"unterminated}\n", to: "privleak/forget.json", in: folder)
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder) }) {
            #expect((error as? EvaluationDataError)?.row == 2)
            #expect((error as? EvaluationDataError)?.problem == .invalidJSON("the line does not parse as JSON"))
        }
        try EvaluationFixtures.write("  \n", to: "privleak/forget.json", in: folder)
        if let error = #expect(throws: (any Error).self, performing: { try MuseDataset.read(folder: folder) }) {
            #expect((error as? EvaluationDataError)?.problem == .empty)
        }
    }

    @Test func theCorpusIsReadFromThePathOnlyWhenUnambiguous() {
        #expect(MuseCorpus.named(in: URL(fileURLWithPath: "/data/MUSE-News/eval")) == .news)
        #expect(MuseCorpus.named(in: URL(fileURLWithPath: "/muse_bench/data/books")) == .books)
        #expect(MuseCorpus.named(in: URL(fileURLWithPath: "/data/muse")) == nil)
        #expect(MuseCorpus.named(in: URL(fileURLWithPath: "/news/books")) == nil)
    }
}

import Foundation

/// MUSE's evaluation data read from a local corpus folder: VerbMem prompts with their ground-truth
/// continuations, KnowMem question–answer sets (with in-context examples when the folder has them) and
/// the PrivLeak text sets.
public struct MuseDataset: Sendable {
    /// A VerbMem record: the model continues `prompt`; `groundTruth` is the text that follows it in the book or article.
    public struct VerbatimSample: Sendable, Equatable {
        public var prompt: String
        public var groundTruth: String

        public init(prompt: String, groundTruth: String) {
            self.prompt = prompt
            self.groundTruth = groundTruth
        }
    }

    /// A KnowMem question and its reference answer.
    public struct QuestionAnswer: Sendable, Equatable {
        public var question: String
        public var answer: String

        public init(question: String, answer: String) {
            self.question = question
            self.answer = answer
        }
    }

    public var verbatimForget: [VerbatimSample]
    public var knowledgeForget: [QuestionAnswer]
    /// In-context demonstrations for the forget questions (`forget_qa_icl`); empty when the file is absent.
    public var knowledgeForgetExamples: [QuestionAnswer]
    public var knowledgeRetain: [QuestionAnswer]
    /// In-context demonstrations for the retain questions; empty when the file is absent.
    public var knowledgeRetainExamples: [QuestionAnswer]
    public var privacyForget: [String]
    public var privacyHoldout: [String]
    /// Retain texts (members the model should still recognise); nil when the file is absent.
    public var privacyRetain: [String]?

    public init(verbatimForget: [VerbatimSample], knowledgeForget: [QuestionAnswer], knowledgeForgetExamples: [QuestionAnswer] = [],
                knowledgeRetain: [QuestionAnswer], knowledgeRetainExamples: [QuestionAnswer] = [],
                privacyForget: [String], privacyHoldout: [String], privacyRetain: [String]? = nil) {
        self.verbatimForget = verbatimForget
        self.knowledgeForget = knowledgeForget
        self.knowledgeForgetExamples = knowledgeForgetExamples
        self.knowledgeRetain = knowledgeRetain
        self.knowledgeRetainExamples = knowledgeRetainExamples
        self.privacyForget = privacyForget
        self.privacyHoldout = privacyHoldout
        self.privacyRetain = privacyRetain
    }

    /// Reads every file of a corpus folder. VerbMem, both KnowMem QA sets and the PrivLeak forget and
    /// holdout texts are required; in-context examples and PrivLeak retain texts are optional.
    public static func read(folder: URL) throws -> MuseDataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EvaluationDataError(file: folder.path, problem: .unreadable("not a folder (a MUSE corpus folder holds verbmem/, knowmem/ and privleak/)"))
        }
        func optional<Value>(_ file: MuseFile, _ read: (URL) throws -> Value) throws -> Value? {
            try file.locate(in: folder).map(read)
        }
        return MuseDataset(
            verbatimForget: try verbatimSamples(url: try MuseFile.verbatimForget.require(in: folder)),
            knowledgeForget: try questionAnswers(url: try MuseFile.knowledgeForget.require(in: folder)),
            knowledgeForgetExamples: try optional(.knowledgeForgetExamples, questionAnswers) ?? [],
            knowledgeRetain: try questionAnswers(url: try MuseFile.knowledgeRetain.require(in: folder)),
            knowledgeRetainExamples: try optional(.knowledgeRetainExamples, questionAnswers) ?? [],
            privacyForget: try texts(url: try MuseFile.privacyForget.require(in: folder)),
            privacyHoldout: try texts(url: try MuseFile.privacyHoldout.require(in: folder)),
            privacyRetain: try optional(.privacyRetain, texts))
    }

    /// `{prompt, gt}` rows.
    public static func verbatimSamples(url: URL) throws -> [VerbatimSample] {
        try JSONRows.read(url: url).map { VerbatimSample(prompt: try $0.text("prompt"), groundTruth: try $0.text("gt")) }
    }

    /// `{question, answer}` rows.
    public static func questionAnswers(url: URL) throws -> [QuestionAnswer] {
        try JSONRows.read(url: url).map { QuestionAnswer(question: try $0.text("question"), answer: try $0.text("answer")) }
    }

    /// A list of texts: bare strings (muse_bench's `privleak/*.json`) or `{text}` rows (a `datasets` export).
    public static func texts(url: URL) throws -> [String] {
        try JSONRows.read(url: url).map { row in
            if let text = row.value as? String { return text }
            guard row.value is [String: Any] else {
                throw row.error(.wrongType(field: "(row)", expected: "a string or an object with \"text\""))
            }
            return try row.text("text")
        }
    }
}

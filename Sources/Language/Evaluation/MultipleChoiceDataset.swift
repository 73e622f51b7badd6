import Foundation

/// One multiple-choice question in the row shape of WMDP (`cais/wmdp`) and MMLU (`cais/mmlu`).
public struct MultipleChoiceQuestion: Sendable, Equatable {
    public var question: String
    public var choices: [String]
    /// Index of the correct choice.
    public var answer: Int
    /// MMLU's `subject` (e.g. `college_biology`) when the row carries one.
    public var subject: String?

    public init(question: String, choices: [String], answer: Int, subject: String? = nil) {
        self.question = question
        self.choices = choices
        self.answer = answer
        self.subject = subject
    }
}

/// The questions of one file, with the topic its lm-eval task description names.
public struct MultipleChoiceFile: Sendable {
    /// The file name without extension (`wmdp-bio`).
    public var name: String
    public var url: URL
    public var questions: [MultipleChoiceQuestion]
    /// The WMDP topic the file name identifies (`biology`, `chemistry`, `cybersecurity`), else nil.
    public var topic: String?
}

/// Reads `{question, choices, answer}` rows from JSON Lines or a JSON array; `answer` is a 0-based index
/// or a letter (`"B"`).
public enum MultipleChoiceDataset {
    /// Every question of one file.
    public static func read(url: URL) throws -> [MultipleChoiceQuestion] {
        try JSONRows.read(url: url).map(question)
    }

    /// A file, or every `.json`/`.jsonl` file directly inside a folder (sorted by name).
    public static func files(at url: URL) throws -> [MultipleChoiceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw EvaluationDataError(file: url.path, problem: .unreadable("no such file or folder"))
        }
        var urls = [url]
        if isDirectory.boolValue {
            let contents = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            urls = contents.filter { ["json", "jsonl"].contains($0.pathExtension.lowercased()) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
            guard !urls.isEmpty else {
                throw EvaluationDataError(file: url.path, problem: .missingFile(candidates: ["*.json", "*.jsonl"]))
            }
        }
        return try urls.map { file in
            let name = file.deletingPathExtension().lastPathComponent
            return MultipleChoiceFile(name: name, url: file, questions: try read(url: file), topic: wmdpTopic(fileName: name))
        }
    }

    /// lm-eval's WMDP task descriptions name these topics; the file name (`wmdp-bio`, `wmdp_cyber`, `chem`) says which.
    public static func wmdpTopic(fileName: String) -> String? {
        var key = fileName.lowercased().replacingOccurrences(of: "_", with: "-")
        if key.hasPrefix("wmdp-") { key.removeFirst(5) }
        return ["bio": "biology", "chem": "chemistry", "cyber": "cybersecurity"][key]
    }

    static func question(_ row: JSONRow) throws -> MultipleChoiceQuestion {
        let question = try row.text("question")
        let choices = try row.texts("choices")
        guard choices.count >= 2 else {
            throw row.error(.invalidValue(field: "choices", reason: "needs at least 2 choices, has \(choices.count)"))
        }
        let answer: Int
        switch try row.integerOrText("answer") {
        case .integer(let index):
            answer = index
        case .text(let text):
            let letter = text.trimmingCharacters(in: .whitespaces).uppercased()
            guard letter.count == 1, let scalar = letter.unicodeScalars.first, scalar.value >= 65, scalar.value < 65 + 26 else {
                throw row.error(.invalidValue(field: "answer", reason: "\"\(text)\" is neither a 0-based index nor a letter A–Z"))
            }
            answer = Int(scalar.value) - 65
        }
        guard choices.indices.contains(answer) else {
            throw row.error(.invalidValue(field: "answer", reason: "choice \(answer) does not exist (\(choices.count) choices, counted from 0)"))
        }
        return MultipleChoiceQuestion(question: question, choices: choices, answer: answer,
                                      subject: try row.optionalText("subject"))
    }
}

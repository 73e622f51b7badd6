import Foundation

/// The zero-shot prompts lm-evaluation-harness builds for multiple-choice tasks, and the strings whose
/// likelihood is compared after them (joined to the prompt by lm-eval's target delimiter, one space).
public enum MultipleChoicePrompt {
    /// What is scored after the prompt.
    public enum Scoring: String, Sendable, CaseIterable, Codable {
        /// WMDP's and MMLU's default tasks: the choices listed as "A. …", the letters " A", " B", … compared.
        case letter
        /// MMLU's `continuation` variant: only the question in the prompt, the choice texts compared.
        case text
    }

    /// The task description lm-eval prepends: WMDP and MMLU name the topic (`about biology.`), the
    /// continuation variant drops "multiple choice".
    public static func description(topic: String?, scoring: Scoring) -> String {
        guard let topic, !topic.isEmpty else { return "" }
        switch scoring {
        case .letter: return "The following are multiple choice questions (with answers) about \(topic).\n\n"
        case .text: return "The following are questions (with answers) about \(topic).\n\n"
        }
    }

    /// The topic for a question: MMLU's row subject (`college_biology` → `college biology`), else the file's.
    public static func topic(question: MultipleChoiceQuestion, fileTopic: String?) -> String? {
        question.subject.map { $0.replacingOccurrences(of: "_", with: " ") } ?? fileTopic
    }

    /// `doc_to_text`: `{question.strip()}\nA. …\nB. …\nAnswer:` (letter) or `Question: {question.strip()}\nAnswer:` (text).
    public static func context(question: MultipleChoiceQuestion, topic: String?, scoring: Scoring) -> String {
        let stem = question.question.trimmingCharacters(in: .whitespacesAndNewlines)
        switch scoring {
        case .letter:
            let listed = zip(letters(count: question.choices.count), question.choices).map { "\($0). \($1)" }
            return description(topic: topic, scoring: scoring) + ([stem] + listed + ["Answer:"]).joined(separator: "\n")
        case .text:
            return description(topic: topic, scoring: scoring) + "Question: \(stem)\nAnswer:"
        }
    }

    /// `doc_to_choice`: the strings compared (their lengths are acc_norm's normalisers).
    public static func choices(question: MultipleChoiceQuestion, scoring: Scoring) -> [String] {
        switch scoring {
        case .letter: return letters(count: question.choices.count)
        case .text: return question.choices
        }
    }

    /// lm-eval's target delimiter between the prompt and a choice.
    public static let targetDelimiter = " "

    /// "A", "B", … for `count` choices (at most 26; the reader's letter answers have the same bound).
    public static func letters(count: Int) -> [String] {
        (0..<count).map { String(UnicodeScalar(UInt8(65 + $0 % 26))) }
    }
}

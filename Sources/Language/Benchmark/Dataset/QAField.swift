/// A field of a TOFU-style QA row, spelled exactly as TOFU's JSON keys spell it.
public enum QAField: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case question
    case answer
    case paraphrasedQuestion = "paraphrased_question"
    case paraphrasedAnswer = "paraphrased_answer"
    case perturbedAnswer = "perturbed_answer"
    /// Not a TOFU field: our files add it so splits can be checked by author; TOFU files simply lack it.
    case author

    public var description: String { rawValue }

    /// TOFU's `full.json`, `forgetXX.json`, `retainXX.json`, `holdoutXX.json`.
    public static let questionAnswer: Set<QAField> = [.question, .answer]

    /// TOFU's `forgetXX_perturbed.json` and `retain_perturbed.json` (truth ratio needs all five).
    public static let perturbedEvaluation: Set<QAField> = [
        .question, .answer, .paraphrasedQuestion, .paraphrasedAnswer, .perturbedAnswer,
    ]

    /// TOFU's `real_authors_perturbed.json` and `world_facts_perturbed.json` (options, no paraphrase).
    public static let optionsEvaluation: Set<QAField> = [.question, .answer, .perturbedAnswer]
}

/// One question–answer row in TOFU's JSON shape, with the optional fields TOFU's evaluation uses.
///
/// Decoding validates as it goes (required text non-empty, lists really lists) and throws `QAProblem`,
/// so every reader reports the same problems in the same words.
public struct QAExample: Codable, Hashable, Sendable {
    public var question: String
    public var answer: String
    /// A reworded question (TOFU `paraphrased_question`); used for paraphrase-robustness evaluation.
    public var paraphrasedQuestion: String?
    /// The same fact in other words (TOFU `paraphrased_answer`); the "correct" side of the truth ratio.
    public var paraphrasedAnswer: String?
    /// Wrong answers in the paraphrased answer's wording (TOFU `perturbed_answer`); empty when absent.
    public var perturbedAnswers: [String]
    /// Who the row is about (JSON `author`); lets splits be checked by author. TOFU rows lack it.
    public var authorIdentifier: String?

    public init(
        question: String,
        answer: String,
        paraphrasedQuestion: String? = nil,
        paraphrasedAnswer: String? = nil,
        perturbedAnswers: [String] = [],
        authorIdentifier: String? = nil
    ) {
        self.question = question
        self.answer = answer
        self.paraphrasedQuestion = paraphrasedQuestion
        self.paraphrasedAnswer = paraphrasedAnswer
        self.perturbedAnswers = perturbedAnswers
        self.authorIdentifier = authorIdentifier
    }

    /// The row as TOFU's plain splits carry it: question, answer (and our `author` tag).
    public var questionAnswerOnly: QAExample {
        QAExample(question: question, answer: answer, authorIdentifier: authorIdentifier)
    }

    /// The fields this row actually carries, for checking a file against what it must contain.
    public var presentFields: Set<QAField> {
        var fields: Set<QAField> = [.question, .answer]
        if paraphrasedQuestion != nil { fields.insert(.paraphrasedQuestion) }
        if paraphrasedAnswer != nil { fields.insert(.paraphrasedAnswer) }
        if !perturbedAnswers.isEmpty { fields.insert(.perturbedAnswer) }
        if authorIdentifier != nil { fields.insert(.author) }
        return fields
    }

    enum CodingKeys: String, CodingKey {
        case question
        case answer
        case paraphrasedQuestion = "paraphrased_question"
        case paraphrasedAnswer = "paraphrased_answer"
        case perturbedAnswers = "perturbed_answer"
        case authorIdentifier = "author"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        question = try Self.requiredText(container, .question)
        answer = try Self.requiredText(container, .answer)
        paraphrasedQuestion = try Self.optionalText(container, .paraphrasedQuestion)
        paraphrasedAnswer = try Self.optionalText(container, .paraphrasedAnswer)
        authorIdentifier = try Self.optionalText(container, .authorIdentifier)
        let perturbed = try container.decodeIfPresent([String].self, forKey: .perturbedAnswers)
        if let perturbed {
            // An empty list or an empty option would silently skew the truth ratio's geometric mean.
            if perturbed.isEmpty || perturbed.contains(where: Self.isBlank) {
                throw QAProblem.emptyField(CodingKeys.perturbedAnswers.rawValue)
            }
        }
        perturbedAnswers = perturbed ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(question, forKey: .question)
        try container.encode(answer, forKey: .answer)
        try container.encodeIfPresent(paraphrasedAnswer, forKey: .paraphrasedAnswer)
        if !perturbedAnswers.isEmpty { try container.encode(perturbedAnswers, forKey: .perturbedAnswers) }
        try container.encodeIfPresent(paraphrasedQuestion, forKey: .paraphrasedQuestion)
        try container.encodeIfPresent(authorIdentifier, forKey: .authorIdentifier)
    }

    private static func requiredText(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String {
        guard let text = try optionalText(container, key) else { throw QAProblem.missingField(key.rawValue) }
        return text
    }

    private static func optionalText(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        if isBlank(text) { throw QAProblem.emptyField(key.rawValue) }
        return text
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }
}

import Tokenizers

/// Turns question/answer pairs and plain texts into token sequences with answer-only targets.
///
/// The QA layout is TOFU's Phi-style prompt, `Question: …\nAnswer:` followed by ` answer` and EOS; the
/// chat layout wraps the question as a user turn with the tokenizer's chat template. Prompt and answer
/// are tokenized separately, so the scored tokens are exactly the answer's (plus EOS), at training and
/// at evaluation time alike.
public struct ExampleFormatter: Sendable {
    /// How a QA pair is laid out.
    public enum Layout: String, Sendable, CaseIterable {
        case qa, chat
    }

    public let tokenizer: PreTrainedTokenizer
    public let layout: Layout

    public init(tokenizer: PreTrainedTokenizer, layout: Layout) {
        self.tokenizer = tokenizer
        self.layout = layout
    }

    /// The prompt tokens that precede an answer to `question`.
    public func promptIds(question: String) throws -> [Int] {
        switch layout {
        case .qa:
            return tokenizer.encode("Question: \(question)\nAnswer:", addSpecialTokens: true)
        case .chat:
            let text = try tokenizer.applyChatTemplate([.user(question)], addGenerationPrompt: true, templateName: nil)
            return tokenizer.encode(text, addSpecialTokens: false)
        }
    }

    /// The answer tokens (EOS appended) scored for `answer`.
    public func answerIds(answer: String) -> [Int] {
        let text = layout == .qa ? " " + answer : answer
        return tokenizer.encode(text, addSpecialTokens: false) + (tokenizer.eosTokenIds.first.map { [$0] } ?? [])
    }

    /// One QA training example.
    public func example(question: String, answer: String) throws -> TokenizedExample {
        TokenizedExample(prompt: try promptIds(question: question), answer: answerIds(answer: answer))
    }

    /// A plain-text example scored on every token.
    public func example(text: String) -> TokenizedExample {
        let ids = tokenizer.encode(text, addSpecialTokens: true) + (tokenizer.eosTokenIds.first.map { [$0] } ?? [])
        return TokenizedExample(ids: ids, scored: [false] + Array(repeating: true, count: max(ids.count - 1, 0)))
    }
}

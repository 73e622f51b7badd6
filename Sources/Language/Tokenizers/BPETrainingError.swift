/// Why a BPE training run could not start or its files could not be written (each case names the bad value).
public enum BPETrainingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The requested vocabulary cannot hold the 256 byte symbols plus the special tokens.
    case vocabularySizeTooSmall(requested: Int, minimum: Int, specialTokenCount: Int)
    /// The minimum pair frequency must be at least 1.
    case invalidMinimumFrequency(Int)
    /// `model_max_length` must be positive.
    case invalidModelMaximumLength(Int)
    /// A special token is the empty string (its position in the list is given).
    case emptySpecialToken(index: Int)
    /// The same special token is listed twice.
    case duplicateSpecialToken(String)
    /// A special token equals one of the 256 byte-level symbols, which must keep their own ids.
    case specialTokenCollidesWithByteSymbol(String)
    /// A bos/eos/pad/unk token that is not in the special-token list.
    case roleTokenNotSpecial(role: String, token: String)
    /// `addBosToken` is set but no BOS token is named.
    case missingBosToken
    /// The chat template uses a ChatML marker that is not a special token.
    case chatTemplateTokenNotSpecial(String)
    /// No text to learn from: no texts at all, or nothing left once special tokens are removed.
    case emptyCorpus(textCount: Int)
    /// A tokenizer file could not be written.
    case unwritableFile(file: String, reason: String)

    public var description: String {
        switch self {
        case .vocabularySizeTooSmall(let requested, let minimum, let specialTokenCount):
            return "vocabulary size \(requested) is too small: it must be at least \(minimum) "
                + "(256 byte symbols + \(specialTokenCount) special tokens)"
        case .invalidMinimumFrequency(let value):
            return "minimum pair frequency \(value) is invalid: it must be at least 1"
        case .invalidModelMaximumLength(let value):
            return "model maximum length \(value) is invalid: it must be at least 1"
        case .emptySpecialToken(let index):
            return "special token \(index) is the empty string"
        case .duplicateSpecialToken(let token):
            return "special token '\(token)' is listed more than once"
        case .specialTokenCollidesWithByteSymbol(let token):
            return "special token '\(token)' is one of the 256 byte-level symbols; choose a longer name"
        case .roleTokenNotSpecial(let role, let token):
            return "\(role) token '\(token)' is not in the special-token list; add it there"
        case .missingBosToken:
            return "addBosToken is set but no BOS token is named"
        case .chatTemplateTokenNotSpecial(let token):
            return "the chat template uses '\(token)', which is not in the special-token list; add it there"
        case .emptyCorpus(let textCount):
            return textCount == 0
                ? "the training corpus is empty: no texts were given"
                : "the training corpus is empty: the \(textCount) texts contain nothing besides special tokens"
        case .unwritableFile(let file, let reason):
            return "\(file): cannot write tokenizer file (\(reason))"
        }
    }
}

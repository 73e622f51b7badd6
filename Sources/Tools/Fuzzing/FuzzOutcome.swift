import Checkpoints

/// What one mutated input did to the parser under test.
public enum FuzzOutcome: Sendable, Equatable {
    /// Parsed, and the result passed the fuzzer's own consistency checks; the label says which parser
    /// or which kind of input (e.g. "qa rows").
    case accepted(String)
    /// Refused with the parser's own error type and a message that names the input; the label groups
    /// similar messages (see `rejection(_:source:)`).
    case rejected(String)
    /// Anything else: a foreign error type, a message that does not name the input, an accepted result
    /// that fails its consistency check, an input that took too long. A fuzz run must have none.
    case unexpected(String)

    /// Classifies an error message from a parser told that its input is called `source`: a message that
    /// starts with `source` is a clean rejection, grouped by its wording with names and numbers blanked out;
    /// any other message is unexpected, because users could not tell which file is at fault.
    public static func rejection(_ message: String, source: String, label: String = "") -> FuzzOutcome {
        guard message.hasPrefix(source) else {
            return .unexpected("error does not name \(source): \(message)")
        }
        let problem = message.dropFirst(source.count).drop { $0 == ":" || $0 == " " }
        return .rejected(label + shape(of: String(problem)))
    }

    /// The message with quoted text and numbers replaced, so "'vocab_size' 12 is out of range" and
    /// "'hidden_size' -3 is out of range" count as one kind of rejection.
    static func shape(of message: String) -> String {
        var result = ""
        var quote: Character?
        var previousWasDigit = false
        for character in message.prefix(240) {
            if let open = quote {
                if character == open { result.append(character); quote = nil }
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                result += String(character) + "…"
                previousWasDigit = false
            } else if character.isNumber {
                if !previousWasDigit { result.append("N") }
                previousWasDigit = true
            } else {
                result.append(character.isNewline ? " " : character)
                previousWasDigit = false
            }
        }
        if quote != nil { result += "…" }
        return String(result.prefix(90))
    }
}

/// Turns ids arriving one at a time (during generation) into text, emitting only complete
/// UTF-8: a multi-byte character split across byte tokens is held back until it is whole.
///
/// It re-decodes a short window of recent ids rather than single ids, because decoders are
/// context dependent (SentencePiece drops the leading space of the first token only, byte
/// fallback needs all bytes of a character).
public struct StreamingDetokenizer: Sendable {
    private let tokenizer: any Tokenizer
    /// Recent ids whose decoded text is (mostly) already emitted; decoded as a whole each time.
    private var window: [Int] = []
    /// Text of the window that has already been returned to the caller.
    private var emitted = ""
    /// Window length after which it is restarted from the last id, keeping decoding O(n).
    private let maximumWindow = 32

    public init(tokenizer: any Tokenizer) {
        self.tokenizer = tokenizer
    }

    /// Adds one id; returns the newly completed text (possibly empty).
    public mutating func append(_ id: Int) -> String {
        window.append(id)
        let text = tokenizer.decode(window, skipSpecialTokens: false)
        // A trailing replacement character usually means an incomplete UTF-8 sequence.
        if text.unicodeScalars.last == "\u{FFFD}" { return "" }
        let fresh = Self.suffix(of: text, after: emitted)
        emitted = text
        if window.count > maximumWindow { restartWindow() }
        return fresh
    }

    /// Shrinks the window to a short suffix that decodes on its own to the end of the text
    /// already emitted (so position-dependent rules, like dropping the first token's leading
    /// space, and byte runs that must be decoded together, cannot corrupt later output).
    private mutating func restartWindow() {
        let emittedScalars = Array(emitted.unicodeScalars)
        for length in 1...min(8, window.count) {
            let candidate = Array(window.suffix(length))
            let text = tokenizer.decode(candidate, skipSpecialTokens: false)
            let scalars = Array(text.unicodeScalars)
            guard !scalars.contains("\u{FFFD}"), !scalars.isEmpty, scalars.count <= emittedScalars.count,
                Array(emittedScalars.suffix(scalars.count)) == scalars
            else { continue }
            window = candidate
            emitted = text
            return
        }
        // No clean restart point yet: keep growing the window.
    }

    /// Flushes whatever is pending (including replacement characters for truly invalid bytes).
    public mutating func finish() -> String {
        let text = tokenizer.decode(window, skipSpecialTokens: false)
        let fresh = Self.suffix(of: text, after: emitted)
        window = []
        emitted = ""
        return fresh
    }

    /// The part of `text` beyond `prefix`, compared by scalars (if a decoder rewrote earlier
    /// text, only the part after the longest common prefix is new).
    private static func suffix(of text: String, after prefix: String) -> String {
        let textScalars = Array(text.unicodeScalars)
        let prefixScalars = Array(prefix.unicodeScalars)
        var common = 0
        while common < min(textScalars.count, prefixScalars.count), textScalars[common] == prefixScalars[common] {
            common += 1
        }
        return String(scalars: textScalars[common...])
    }
}

import Foundation

/// The default tokenizer of Google's rouge-score package: lower-case, replace every run of
/// characters outside `[a-z0-9]` with a separator, split, and optionally Porter-stem tokens
/// longer than three characters.
public struct RougeTokenizer: Sendable {
    /// Whether tokens longer than three characters are stemmed (rouge-score's `use_stemmer`).
    public let usesStemmer: Bool
    private let stemmer = PorterStemmer()

    public init(usesStemmer: Bool) {
        self.usesStemmer = usesStemmer
    }

    /// Splits `text` into the tokens rouge-score would produce.
    public func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [Unicode.Scalar] = []
        func flush() {
            guard !current.isEmpty else { return }
            // rouge-score stems only tokens longer than 3 characters.
            let letters = usesStemmer && current.count > 3 ? stemmer.stem(letters: current) : current
            // rouge-score finally keeps tokens matching ^[a-z0-9]+$; the stemmer never produces
            // other letters, but an empty result would be dropped.
            if !letters.isEmpty {
                tokens.append(String(String.UnicodeScalarView(letters)))
            }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if let kept = Self.lowercaseAlphanumeric(scalar) {
                current.append(kept)
                // "İ" lower-cases to "i" + U+0307; the combining dot then separates tokens.
                if scalar.value == 0x130 { flush() }
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Returns the ASCII letter or digit that survives Python's `str.lower()` followed by the
    /// `[^a-z0-9]+` substitution, or nil when the scalar becomes a separator.
    ///
    /// Only three kinds of scalar lower-case into ASCII alphanumerics under Unicode's full case
    /// mapping: `A`–`Z`, U+0130 (İ, which becomes "i" plus a combining dot that the caller treats
    /// as a separator) and U+212A (Kelvin sign, which becomes "k"). Handling them explicitly keeps the
    /// result independent of the platform's Unicode tables.
    static func lowercaseAlphanumeric(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39:
            return scalar
        case 0x41...0x5A:
            return Unicode.Scalar(scalar.value + 0x20)
        case 0x130:
            return "i"
        case 0x212A:
            return "k"
        default:
            return nil
        }
    }
}

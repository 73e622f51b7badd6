/// A dictionary key that compares strings byte-for-byte.
///
/// Swift's `String` equality and hashing use canonical equivalence, so "é" (U+00E9) and
/// "e\u{301}" would be the same key; tokenizer vocabularies need them to stay distinct,
/// exactly as Rust `String` keys do in HF `tokenizers`.
struct TokenKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: TokenKey, rhs: TokenKey) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Unicode scalar predicates, each matching one definition used by HF `tokenizers` (Rust `char`
/// methods, the `regex` crate's classes, or Python's `str.strip`), so splits agree exactly.
enum ScalarClass {
    /// Rust `char::is_whitespace`: the Unicode White_Space property.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// Rust `char::is_numeric`: general categories Nd, Nl and No.
    static func isNumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Punctuation as HF's Punctuation/Bert pre-tokenizers see it: ASCII punctuation (which
    /// includes symbols such as `$+<=>^`|~`) or any Unicode P* category.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Any General_Category=Mark scalar (what StripAccents removes).
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The Rust `regex` crate's Unicode `\w`: Alphabetic, marks, Nd, Pc and Join_Control.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.isJoinControl { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// Python `str.isspace` (used by `str.strip()` in chat templates): includes U+001C…U+001F.
    static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return true
        default:
            return false
        }
    }
}

extension String {
    /// Strict UTF-8 decoding: nil for invalid input (`String(validating:)` needs macOS 15).
    init?(strictUTF8 bytes: some Collection<UInt8>) {
        if bytes.contains(where: { $0 >= 0x80 }) {
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error: return nil
                }
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }

    /// The substring between two scalar-aligned indices, without the grapheme rounding that
    /// `String.subscript` applies (a split may fall between a letter and its combining mark).
    func scalarSlice(_ range: Range<String.Index>) -> String {
        String(unicodeScalars[range])
    }

    /// Builds a string from scalars.
    init(scalars: some Sequence<Unicode.Scalar>) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self = String(view)
    }

    /// Python `str.strip()` semantics (chat templates call `.strip()` / `| trim`).
    func pythonStripped() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, ScalarClass.isPythonWhitespace(scalars[start]) { start += 1 }
        while end > start, ScalarClass.isPythonWhitespace(scalars[end - 1]) { end -= 1 }
        return String(scalars: scalars[start..<end])
    }

    /// True when the first Unicode scalar (not grapheme) equals `scalar`.
    func startsWithScalar(_ scalar: Unicode.Scalar) -> Bool {
        unicodeScalars.first == scalar
    }

    /// Exact byte equality (Swift `==` uses canonical equivalence).
    func isIdentical(to other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

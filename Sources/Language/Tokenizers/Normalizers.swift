import Foundation

/// Rewrites raw text before pre-tokenization (HF `normalizer`).
protocol Normalizer: Sendable {
    func normalize(_ text: String) -> String
    /// Normalizes a piece, also tracking whether it still starts at original offset 0
    /// (Metaspace's `prepend_scheme: first` depends on it).
    func normalize(_ piece: TextPiece) -> TextPiece
}

extension Normalizer {
    func normalize(_ piece: TextPiece) -> TextPiece {
        TextPiece(text: normalize(piece.text), isAtOriginalStart: piece.isAtOriginalStart)
    }
}

/// Unicode normalization forms, via Foundation.
struct UnicodeNormalizer: Normalizer {
    enum Form: String { case nfc = "NFC", nfd = "NFD", nfkc = "NFKC", nfkd = "NFKD" }
    let form: Form

    func normalize(_ text: String) -> String {
        switch form {
        case .nfc: return text.precomposedStringWithCanonicalMapping
        case .nfd: return text.decomposedStringWithCanonicalMapping
        case .nfkc: return text.precomposedStringWithCompatibilityMapping
        case .nfkd: return text.decomposedStringWithCompatibilityMapping
        }
    }
}

/// Per-scalar full lowercase mapping (Rust `char::to_lowercase`, so no final-sigma context rule).
struct LowercaseNormalizer: Normalizer {
    func normalize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                output.append((0x41...0x5A).contains(value) ? Unicode.Scalar(value + 0x20)! : scalar)
            } else {
                output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(output)
    }
}

/// Removes leading and/or trailing White_Space scalars.
struct StripNormalizer: Normalizer {
    let left: Bool
    let right: Bool

    func normalize(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        if left { while start < end, ScalarClass.isWhitespace(scalars[start]) { start += 1 } }
        if right { while end > start, ScalarClass.isWhitespace(scalars[end - 1]) { end -= 1 } }
        if start == 0 && end == scalars.count { return text }
        return String(scalars: scalars[start..<end])
    }

    /// Text that lost leading characters no longer begins at original offset 0.
    func normalize(_ piece: TextPiece) -> TextPiece {
        let text = normalize(piece.text)
        let strippedStart = left && piece.text.unicodeScalars.first.map(ScalarClass.isWhitespace) == true
        return TextPiece(text: text, isAtOriginalStart: piece.isAtOriginalStart && !strippedStart)
    }
}

/// Drops combining marks (usually after NFD/NFKD).
struct StripAccentsNormalizer: Normalizer {
    func normalize(_ text: String) -> String {
        String(scalars: text.unicodeScalars.filter { !ScalarClass.isMark($0) })
    }
}

/// Replaces every match of a string or regex pattern.
struct ReplaceNormalizer: Normalizer {
    let pattern: RegexPattern
    let content: String

    func normalize(_ text: String) -> String {
        pattern.replaceMatches(in: text, with: content)
    }
}

/// Prepends a string to non-empty text (Llama 2's legacy "▁" prefix).
struct PrependNormalizer: Normalizer {
    let prefix: String

    func normalize(_ text: String) -> String {
        text.isEmpty ? text : prefix + text
    }
}

/// Applies normalizers in order.
struct SequenceNormalizer: Normalizer {
    let normalizers: [any Normalizer]

    func normalize(_ text: String) -> String {
        normalizers.reduce(text) { $1.normalize($0) }
    }

    func normalize(_ piece: TextPiece) -> TextPiece {
        normalizers.reduce(piece) { $1.normalize($0) }
    }
}

/// Builds normalizers from tokenizer.json, keyed by `type`.
enum NormalizerFactory {
    static func make(_ node: JSONNode) throws(TokenizerError) -> any Normalizer {
        let type = try node.typeName
        switch type {
        case "NFC", "NFD", "NFKC", "NFKD":
            return UnicodeNormalizer(form: UnicodeNormalizer.Form(rawValue: type)!)
        case "Lowercase":
            return LowercaseNormalizer()
        case "Strip":
            return StripNormalizer(
                left: try node.bool("strip_left", default: true), right: try node.bool("strip_right", default: true))
        case "StripAccents":
            return StripAccentsNormalizer()
        case "Replace":
            return ReplaceNormalizer(
                pattern: try PatternField.parse(node.required("pattern")), content: try node.required("content").string)
        case "Prepend":
            return PrependNormalizer(prefix: try node.required("prepend").string)
        case "Sequence":
            return SequenceNormalizer(normalizers: try node.required("normalizers").array.map { node throws(TokenizerError) in try make(node) })
        default:
            throw .unsupportedComponent(file: node.file, path: node.path, type: type)
        }
    }
}

/// The `{"String": …}` / `{"Regex": …}` pattern object shared by Split, Replace and decoders.
enum PatternField {
    static func parse(_ node: JSONNode) throws(TokenizerError) -> RegexPattern {
        if let literal = try node.optional("String")?.string {
            do { return try RegexPattern(literal: literal) } catch {
                throw .invalidRegex(file: node.file, path: node.path, pattern: literal, reason: "\(error)")
            }
        }
        if let regex = try node.optional("Regex")?.string {
            do { return try RegexPattern(oniguruma: regex) } catch {
                throw .invalidRegex(file: node.file, path: node.path, pattern: regex, reason: "ICU rejected it")
            }
        }
        throw node.invalid("expected {\"String\": …} or {\"Regex\": …}")
    }
}

/// Serialises rows as compact JSON with TOFU's key order, byte for byte the same on every platform.
///
/// Hand-written rather than `JSONEncoder` because the benchmark promises byte-identical files for a seed,
/// and Foundation's key ordering and escaping have differed between platforms and releases.
enum JSONLineEncoder {
    static func line(for example: QAExample) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        func key(_ name: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        key(QAField.question.rawValue)
        appendString(example.question, to: &out)
        key(QAField.answer.rawValue)
        appendString(example.answer, to: &out)
        if let paraphrased = example.paraphrasedAnswer {
            key(QAField.paraphrasedAnswer.rawValue)
            appendString(paraphrased, to: &out)
        }
        if !example.perturbedAnswers.isEmpty {
            key(QAField.perturbedAnswer.rawValue)
            out.append(UInt8(ascii: "["))
            for (index, option) in example.perturbedAnswers.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(option, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let paraphrased = example.paraphrasedQuestion {
            key(QAField.paraphrasedQuestion.rawValue)
            appendString(paraphrased, to: &out)
        }
        if let author = example.authorIdentifier {
            key(QAField.author.rawValue)
            appendString(author, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Escapes only what JSON requires; UTF-8 passes through unchanged.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

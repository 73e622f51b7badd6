/// Turns token strings back into text (HF `decoder`). Each decoder maps a token list to a new
/// token list; the final text is the concatenation, as in HF's `decode_chain` + `join("")`.
protocol TokenDecoder: Sendable {
    func decodeChain(_ tokens: [String]) -> [String]
}

extension TokenDecoder {
    func decode(_ tokens: [String]) -> String { decodeChain(tokens).joined() }
}

/// Byte-level: map stand-in characters back to bytes, then decode UTF-8 lossily. A token with
/// characters outside the byte alphabet (e.g. an added token "hello world") is taken as raw text.
struct ByteLevelDecoder: TokenDecoder {
    func decodeChain(_ tokens: [String]) -> [String] {
        var bytes: [UInt8] = []
        for token in tokens {
            if let tokenBytes = ByteLevelAlphabet.bytes(of: token) {
                bytes += tokenBytes
            } else {
                bytes += Array(token.utf8)
            }
        }
        return [String(decoding: bytes, as: UTF8.self)]
    }
}

/// SentencePiece metaspace: "▁" becomes a space, except in the first token where it is dropped
/// (unless the prepend scheme is "never").
struct MetaspaceDecoder: TokenDecoder {
    let replacement: Unicode.Scalar
    let dropsInFirstToken: Bool

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { index, token in
            var view = String.UnicodeScalarView()
            for scalar in token.unicodeScalars {
                if scalar == replacement {
                    if index == 0 && dropsInFirstToken { continue }
                    view.append(" ")
                } else {
                    view.append(scalar)
                }
            }
            return String(view)
        }
    }
}

/// Replaces a string or regex pattern inside each token.
struct ReplaceDecoder: TokenDecoder {
    let pattern: RegexPattern
    let content: String

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.map { pattern.replaceMatches(in: $0, with: content) }
    }
}

/// Gathers consecutive `<0xNN>` tokens into bytes; invalid UTF-8 becomes one U+FFFD per byte.
struct ByteFallbackDecoder: TokenDecoder {
    func decodeChain(_ tokens: [String]) -> [String] {
        var output: [String] = []
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            if let text = String(strictUTF8: pending) {
                output.append(text)
            } else {
                output += Array(repeating: "\u{FFFD}", count: pending.count)
            }
            pending.removeAll()
        }
        for token in tokens {
            if let byte = ByteFallbackToken.byte(of: token) {
                pending.append(byte)
            } else {
                flush()
                output.append(token)
            }
        }
        flush()
        return output
    }
}

/// Joins everything into one token.
struct FuseDecoder: TokenDecoder {
    func decodeChain(_ tokens: [String]) -> [String] { [tokens.joined()] }
}

/// Removes up to `start` leading and `stop` trailing occurrences of `content` from each token.
struct StripDecoder: TokenDecoder {
    let content: Unicode.Scalar
    let start: Int
    let stop: Int

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.map { token in
            let scalars = Array(token.unicodeScalars)
            var startCut = 0
            while startCut < min(start, scalars.count), scalars[startCut] == content { startCut += 1 }
            var stopCut = scalars.count
            var removed = 0
            // HF panics when the two cuts cross; stopping at startCut keeps this total instead.
            while removed < stop, stopCut > startCut, scalars[stopCut - 1] == content {
                stopCut -= 1
                removed += 1
            }
            return String(scalars: scalars[startCut..<stopCut])
        }
    }
}

/// Classic BPE end-of-word suffix: the suffix becomes a space, or nothing on the last token.
struct SuffixDecoder: TokenDecoder {
    let suffix: String

    func decodeChain(_ tokens: [String]) -> [String] {
        guard !suffix.isEmpty else { return tokens }
        let pattern = try? RegexPattern(literal: suffix)
        return tokens.enumerated().map { index, token in
            pattern?.replaceMatches(in: token, with: index == tokens.count - 1 ? "" : " ") ?? token
        }
    }
}

/// Applies decoders in order.
struct SequenceDecoder: TokenDecoder {
    let decoders: [any TokenDecoder]

    func decodeChain(_ tokens: [String]) -> [String] {
        decoders.reduce(tokens) { $1.decodeChain($0) }
    }
}

/// Builds decoders from tokenizer.json, keyed by `type`.
enum DecoderFactory {
    static func make(_ node: JSONNode) throws(TokenizerError) -> any TokenDecoder {
        let type = try node.typeName
        switch type {
        case "ByteLevel":
            return ByteLevelDecoder()
        case "Metaspace":
            var scheme = "always"
            if let schemeNode = node.optional("prepend_scheme") { scheme = try schemeNode.string }
            guard ["first", "never", "always"].contains(scheme) else {
                throw .invalidField(file: node.file, path: node.path + ".prepend_scheme", reason: "unknown '\(scheme)'")
            }
            if try node.optional("add_prefix_space")?.bool == false { scheme = "never" }
            return MetaspaceDecoder(replacement: try node.character("replacement"), dropsInFirstToken: scheme != "never")
        case "Replace":
            return ReplaceDecoder(
                pattern: try PatternField.parse(node.required("pattern")), content: try node.required("content").string)
        case "ByteFallback":
            return ByteFallbackDecoder()
        case "Fuse":
            return FuseDecoder()
        case "Strip":
            return StripDecoder(
                content: try node.character("content"), start: try node.required("start").index,
                stop: try node.required("stop").index)
        case "BPEDecoder":
            return SuffixDecoder(suffix: try node.string("suffix") ?? "</w>")
        case "Sequence":
            return SequenceDecoder(decoders: try node.required("decoders").array.map { node throws(TokenizerError) in try make(node) })
        default:
            throw .unsupportedComponent(file: node.file, path: node.path, type: type)
        }
    }
}

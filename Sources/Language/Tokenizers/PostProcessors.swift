/// Adds the special tokens a model expects around an encoded sequence (HF `post_processor`).
///
/// Only single sequences are encoded by this toolkit; pair templates are parsed and validated
/// so files load, but `process` always applies the single-sequence template.
protocol PostProcessor: Sendable {
    func process(_ ids: [Int], addSpecialTokens: Bool) -> [Int]
}

/// `TemplateProcessing`: e.g. `<s> $A` for Llama, `<|begin_of_text|> $A` for Llama 3.
struct TemplatePostProcessor: PostProcessor {
    enum Piece: Equatable {
        case sequence(isSecond: Bool)
        case special(ids: [Int])
    }

    let single: [Piece]
    let pair: [Piece]

    func process(_ ids: [Int], addSpecialTokens: Bool) -> [Int] {
        var output: [Int] = []
        for piece in single {
            switch piece {
            case .sequence: output += ids
            case .special(let specialIds): if addSpecialTokens { output += specialIds }
            }
        }
        return output
    }

    static func parse(_ node: JSONNode) throws(TokenizerError) -> TemplatePostProcessor {
        var specials: [TokenKey: [Int]] = [:]
        if let specialNode = node.optional("special_tokens") {
            for (name, entry) in try specialNode.members {
                specials[TokenKey(name)] = try entry.required("ids").array.map { node throws(TokenizerError) in try node.index }
            }
        }
        func template(_ key: String) throws(TokenizerError) -> [Piece] {
            let templateNode = try node.required(key)
            if case .string(let text) = templateNode.value {
                let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                return try words.map { word throws(TokenizerError) in
                    try piece(fromTemplateWord: String(word), source: templateNode, specials: specials)
                }
            }
            return try templateNode.array.map { element throws(TokenizerError) in
                if let sequence = element.optional("Sequence") {
                    let id = try sequence.required("id").string
                    guard id == "A" || id == "B" else { throw sequence.invalid("sequence id must be A or B") }
                    return .sequence(isSecond: id == "B")
                }
                let name = try element.required("SpecialToken").required("id").string
                return try special(name, source: element, specials: specials)
            }
        }
        return TemplatePostProcessor(single: try template("single"), pair: try template("pair"))
    }

    private static func special(_ name: String, source: JSONNode, specials: [TokenKey: [Int]]) throws(TokenizerError) -> Piece {
        guard let ids = specials[TokenKey(name)] else {
            throw source.invalid("template uses special token '\(name)' missing from special_tokens")
        }
        return .special(ids: ids)
    }

    /// Parses `$A`, `$B:1`, `$`, `$1`, `[CLS]:0` words of the string template form.
    private static func piece(fromTemplateWord word: String, source: JSONNode, specials: [TokenKey: [Int]]) throws(TokenizerError) -> Piece {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.count == 1 || UInt32(parts[1]) != nil else {
            throw source.invalid("cannot build a template piece from \"\(word)\"")
        }
        let name = String(parts[0])
        guard name.hasPrefix("$") else { return try special(name, source: source, specials: specials) }
        switch name.dropFirst() {
        case "", "A", "a": return .sequence(isSecond: false)
        case "B", "b": return .sequence(isSecond: true)
        case let rest where UInt32(rest) != nil: return .sequence(isSecond: false)
        default: throw source.invalid("cannot build a template piece from \"\(word)\"")
        }
    }
}

/// RoBERTa/BERT processors: `cls $A sep` (pairs are not encoded by this toolkit).
struct WrappingPostProcessor: PostProcessor {
    let prefixId: Int
    let suffixId: Int

    func process(_ ids: [Int], addSpecialTokens: Bool) -> [Int] {
        addSpecialTokens ? [prefixId] + ids + [suffixId] : ids
    }

    /// `sep`/`cls` are `[token, id]` pairs in tokenizer.json.
    static func parse(_ node: JSONNode) throws(TokenizerError) -> WrappingPostProcessor {
        func id(_ key: String) throws(TokenizerError) -> Int {
            let pair = try node.required(key).array
            guard pair.count == 2 else { throw node.invalid("'\(key)' must be [token, id]") }
            _ = try pair[0].string
            return try pair[1].index
        }
        return WrappingPostProcessor(prefixId: try id("cls"), suffixId: try id("sep"))
    }
}

/// The ByteLevel post-processor only adjusts offsets, which this toolkit does not track.
struct OffsetsOnlyPostProcessor: PostProcessor {
    func process(_ ids: [Int], addSpecialTokens: Bool) -> [Int] { ids }
}

/// Applies post-processors in order.
struct SequencePostProcessor: PostProcessor {
    let processors: [any PostProcessor]

    func process(_ ids: [Int], addSpecialTokens: Bool) -> [Int] {
        processors.reduce(ids) { $1.process($0, addSpecialTokens: addSpecialTokens) }
    }
}

/// Builds post-processors from tokenizer.json, keyed by `type`.
enum PostProcessorFactory {
    static func make(_ node: JSONNode) throws(TokenizerError) -> any PostProcessor {
        let type = try node.typeName
        switch type {
        case "TemplateProcessing": return try TemplatePostProcessor.parse(node)
        case "RobertaProcessing", "BertProcessing": return try WrappingPostProcessor.parse(node)
        case "ByteLevel": return OffsetsOnlyPostProcessor()
        case "Sequence":
            return SequencePostProcessor(processors: try node.required("processors").array.map { node throws(TokenizerError) in try make(node) })
        default:
            throw .unsupportedComponent(file: node.file, path: node.path, type: type)
        }
    }
}

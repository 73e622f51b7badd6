import Foundation
import JSON
import Tokenizers

/// Mutation fuzzing for the tokenizer.json loader and the encode/decode paths: every mutated
/// file must either load into a working tokenizer or be rejected with a `TokenizerError`;
/// nothing may crash. Deterministic for a given seed so failures can be replayed.
public enum TokenizerFuzzer {
    /// What a run did.
    public struct Report: Sendable, Equatable {
        public var iterations = 0
        /// Mutated files that loaded and then encoded/decoded random texts.
        public var loaded = 0
        /// Mutated files rejected with a clean error.
        public var rejected = 0
        /// Texts encoded (and decoded back) by loaded tokenizers.
        public var textsEncoded = 0
        /// Distinct error kinds seen, e.g. "malformedJSON", "unsupportedComponent"; "other" is an error
        /// that is not a `TokenizerError` (a bug: every rejection must say what is wrong).
        public var errorKinds: Set<String> = []
        /// Broken invariants of loaded tokenizers (see `exercise`), the first few with their text.
        public var violations: [String] = []
    }

    /// Runs `iterations` mutations of randomly chosen seed files.
    public static func run(seedJSON: [Data], iterations: Int, seed: UInt64) -> Report {
        var report = Report()
        guard !seedJSON.isEmpty else { return report }
        var random = FuzzRandom(seed: seed)
        let seeds = seedJSON.map { [UInt8]($0) }
        for _ in 0..<iterations {
            report.iterations += 1
            var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
            if random.next() % 2 == 0, let tree = try? JSONParser.parse(bytes) {
                // Structure-aware: still valid JSON, so the loader's semantic checks get exercised.
                var mutated = tree
                for _ in 0..<(1 + Int(random.next() % 3)) { mutated = mutateTree(mutated, depth: 0, random: &random) }
                bytes = JSONSerializer.bytes(mutated)
            } else {
                for _ in 0..<(1 + Int(random.next() % 2)) { mutate(&bytes, seeds: seeds, random: &random) }
            }
            do {
                let tokenizer = try TokenizerLoader.load(tokenizerJSON: bytes, file: "fuzz.json")
                report.loaded += 1
                for _ in 0..<3 {
                    let text = randomText(tokenizer: tokenizer, random: &random)
                    let broken = exercise(tokenizer, text: text, random: &random)
                    if report.violations.count < 5 { report.violations += broken }
                    report.textsEncoded += 1
                }
            } catch {
                report.rejected += 1
                report.errorKinds.insert(kind(of: error))
            }
        }
        return report
    }

    /// Encodes, decodes, streams and looks up ids; returns the invariants that broke: every encoded id
    /// lies in the vocabulary and has a token string, and encoding is deterministic.
    static func exercise(_ tokenizer: PreTrainedTokenizer, text: String, random: inout FuzzRandom) -> [String] {
        let addSpecialTokens = random.next() % 2 == 0
        let ids = tokenizer.encode(text, addSpecialTokens: addSpecialTokens)
        var violations: [String] = []
        if let outside = ids.first(where: { $0 < 0 || $0 >= tokenizer.vocabularySize }) {
            violations.append("id \(outside) outside the vocabulary of \(tokenizer.vocabularySize) for \(text.debugDescription)")
        }
        if let nameless = ids.first(where: { tokenizer.idToToken($0) == nil }) {
            violations.append("id \(nameless) has no token string for \(text.debugDescription)")
        }
        if tokenizer.encode(text, addSpecialTokens: addSpecialTokens) != ids {
            violations.append("encoding \(text.debugDescription) twice gave different ids")
        }
        _ = tokenizer.decode(ids, skipSpecialTokens: random.next() % 2 == 0)
        // Arbitrary ids, including ones outside the vocabulary, must decode without trapping.
        let junk = (0..<8).map { _ in Int(random.next() % UInt64(tokenizer.vocabularySize + 10)) - 5 }
        _ = tokenizer.decode(junk, skipSpecialTokens: false)
        var stream = tokenizer.streamingDetokenizer()
        for id in ids + junk { _ = stream.append(id) }
        _ = stream.finish()
        for id in ids.prefix(4) { _ = tokenizer.idToToken(id).flatMap(tokenizer.tokenToId) }
        return violations
    }

    private static func kind(of error: any Error) -> String {
        guard let error = error as? TokenizerError else { return "other" }
        switch error {
        case .unreadableFile: return "unreadableFile"
        case .malformedJSON: return "malformedJSON"
        case .missingField: return "missingField"
        case .invalidField: return "invalidField"
        case .unsupportedComponent: return "unsupportedComponent"
        case .invalidRegex: return "invalidRegex"
        case .invalidGGUFMetadata: return "invalidGGUFMetadata"
        case .unsupportedPreTokenizer: return "unsupportedPreTokenizer"
        case .unrecognizedChatTemplate: return "unrecognizedChatTemplate"
        case .unknownChatTemplateName: return "unknownChatTemplateName"
        case .invalidConversation: return "invalidConversation"
        }
    }

    /// Byte-level and structure-aware mutations.
    static func mutate(_ bytes: inout [UInt8], seeds: [[UInt8]], random: inout FuzzRandom) {
        guard !bytes.isEmpty else {
            bytes = Array("{}".utf8)
            return
        }
        let position = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 9 {
        case 0:  // flip a bit
            bytes[position] ^= UInt8(1 << (random.next() % 8))
        case 1:  // replace with a structurally interesting byte
            let interesting = Array("{}[]\":,-0123456789.eE\\ntfu \u{7F}".utf8)
            bytes[position] = interesting[Int(random.next() % UInt64(interesting.count))]
        case 2:  // delete a range
            let length = min(bytes.count - position, 1 + Int(random.next() % 64))
            bytes.removeSubrange(position..<(position + length))
        case 3:  // duplicate a range
            let length = min(bytes.count - position, 1 + Int(random.next() % 64))
            bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
        case 4:  // insert a JSON fragment
            let fragments = [
                "null", "true", "false", "-1", "1e309", "4294967296", "\"\"", "{}", "[]", "\"\\ud800\"", "\"Regex\"",
                "{\"type\":\"Sequence\",\"normalizers\":[]}", "\"\\u0000\"", "[[[[[[", "]]]]", "\"(a+)+\"", "0.5",
            ]
            bytes.insert(contentsOf: Array(fragments[Int(random.next() % UInt64(fragments.count))].utf8), at: position)
        case 5:  // swap a component type name for another
            replaceQuotedWord(&bytes, near: position, with: componentNames[Int(random.next() % UInt64(componentNames.count))])
        case 6:  // splice in a slice of another seed
            let other = seeds[Int(random.next() % UInt64(seeds.count))]
            guard !other.isEmpty else { return }
            let start = Int(random.next() % UInt64(other.count))
            let length = min(other.count - start, 1 + Int(random.next() % 256))
            bytes.replaceSubrange(position..<min(bytes.count, position + length), with: other[start..<(start + length)])
        case 7:  // truncate
            bytes.removeSubrange(position...)
        default:  // random UTF-8 scalar
            let scalars: [Unicode.Scalar] = ["é", "\u{301}", "▁", "Ġ", "😀", "\u{FFFD}", "中", "\u{0}", "\u{2028}"]
            bytes.insert(contentsOf: Array(String(scalars[Int(random.next() % UInt64(scalars.count))]).utf8), at: position)
        }
    }

    static let componentNames = [
        "BPE", "Unigram", "WordPiece", "ByteLevel", "Metaspace", "Split", "Sequence", "Digits", "NFC", "NFKD",
        "Lowercase", "Replace", "Prepend", "Strip", "ByteFallback", "Fuse", "TemplateProcessing", "RobertaProcessing",
        "BertProcessing", "Whitespace", "WhitespaceSplit", "Punctuation", "Precompiled", "Nonsense", "Isolated",
        "Removed", "MergedWithNext", "Contiguous", "first", "never", "always",
    ]

    /// Mutates one randomly chosen node of a JSON tree.
    static func mutateTree(_ value: JSONValue, depth: Int, random: inout FuzzRandom) -> JSONValue {
        switch value {
        case .object(var members) where !members.isEmpty && random.next() % 3 != 0:
            let index = Int(random.next() % UInt64(members.count))
            if random.next() % 6 == 0 {
                members.remove(at: index)
            } else {
                members[index].value = mutateTree(members[index].value, depth: depth + 1, random: &random)
            }
            return .object(members)
        case .array(var elements) where !elements.isEmpty && random.next() % 3 != 0:
            let index = Int(random.next() % UInt64(elements.count))
            switch random.next() % 6 {
            case 0: elements.remove(at: index)
            case 1: elements.insert(elements[index], at: index)
            default: elements[index] = mutateTree(elements[index], depth: depth + 1, random: &random)
            }
            return .array(elements)
        default:
            return replacement(for: value, random: &random)
        }
    }

    private static func replacement(for value: JSONValue, random: inout FuzzRandom) -> JSONValue {
        switch random.next() % 8 {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2:
            let numbers = ["-1", "0", "1", "2", "255", "65536", "2147483647", "4294967296", "0.5", "1e+300"]
            return .number(numbers[Int(random.next() % UInt64(numbers.count))])
        case 3:
            if let number = value.doubleValue { return .number(numberText(number + 1)) }
            return .string("")
        case 4: return .string(componentNames[Int(random.next() % UInt64(componentNames.count))])
        case 5:
            let strings = ["", " ", "▁", "Ġ", "(", "\\", "[a-", "a b", "<0x41>", "\u{301}", "$A", "$C", "(a|b)*c"]
            return .string(strings[Int(random.next() % UInt64(strings.count))])
        case 6: return random.next() % 2 == 0 ? .array([]) : .object([])
        default:
            if case .string(let text) = value { return .string(String(text.unicodeScalars.dropLast())) }
            return .array([value])
        }
    }

    /// Whole numbers below 10^15 as integers, anything else as Swift prints it (as the mutated trees were
    /// written when their numbers were Doubles, so a seed still gives the same mutations).
    private static func numberText(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
    }

    private static func replaceQuotedWord(_ bytes: inout [UInt8], near position: Int, with word: String) {
        guard let open = bytes[position...].firstIndex(of: 0x22) else { return }
        guard let close = bytes[(open + 1)...].firstIndex(of: 0x22) else { return }
        bytes.replaceSubrange((open + 1)..<close, with: Array(word.utf8))
    }

    /// Random inputs mixing scripts, whitespace, digits and the tokenizer's own added tokens.
    static func randomText(tokenizer: PreTrainedTokenizer, random: inout FuzzRandom) -> String {
        var pool = [
            "Hello", " world", "  ", "\n", "\t", "\r\n", "é", "e\u{301}", "中文", "😀", "👨\u{200D}👩", "123", "4567",
            "'s", "DON'T", "\u{A0}", "\u{3000}", "\u{0B}", "\u{85}", "▁", "Ġ", "<0x41>", "\u{FFFD}", "\u{0}", "ß", "İ",
        ]
        pool += tokenizer.addedTokens.prefix(8).map(\.content)
        let parts = Int(random.next() % 12)
        var text = (0..<parts).map { _ in pool[Int(random.next() % UInt64(pool.count))] }.joined()
        // Plus a few arbitrary scalars from the whole code space (surrogates excluded).
        for _ in 0..<Int(random.next() % 4) {
            if let scalar = Unicode.Scalar(UInt32(random.next() % 0x110000)) { text.unicodeScalars.append(scalar) }
        }
        return text
    }
}

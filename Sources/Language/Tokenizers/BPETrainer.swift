import Foundation
import JSON

/// How training text is split into words before byte-pair merging (and again when encoding).
public enum BPEPreTokenization: String, Sendable, CaseIterable, Equatable {
    /// GPT-2: the `ByteLevel` pre-tokenizer with its built-in regex, no prefix space.
    case gpt2
    /// Llama 3's split regex, then every digit isolated (HF `Digits` with `individual_digits`),
    /// then `ByteLevel` without its own regex.
    case llama3IndividualDigits

    /// The `pre_tokenizer` object written to tokenizer.json.
    var tokenizerJSON: JSONValue {
        let byteLevel: (Bool) -> JSONValue = { useRegex in
            .object([
                ("type", .string("ByteLevel")), ("add_prefix_space", .bool(false)), ("trim_offsets", .bool(true)),
                ("use_regex", .bool(useRegex)),
            ])
        }
        switch self {
        case .gpt2:
            return byteLevel(true)
        case .llama3IndividualDigits:
            let split: JSONValue = .object([
                ("type", .string("Split")), ("pattern", .object([("Regex", .string(GGUFPreTokenizerPreset.llama3))])),
                ("behavior", .string(SplitDelimiterBehavior.isolated.rawValue)), ("invert", .bool(false)),
            ])
            let digits: JSONValue = .object([("type", .string("Digits")), ("individual_digits", .bool(true))])
            return .object([("type", .string("Sequence")), ("pretokenizers", .array([split, digits, byteLevel(false)]))])
        }
    }

    /// The pre-tokenizer the loader builds from `tokenizerJSON`, so training splits text exactly as
    /// encoding with the written file will.
    func makePreTokenizer() throws(TokenizerError) -> any PreTokenizer {
        try PreTokenizerFactory.make(JSONNode(tokenizerJSON, file: "<BPE trainer>", path: "pre_tokenizer"))
    }
}

/// Settings of a byte-level BPE training run and of the tokenizer files it produces.
public struct BPETrainingConfiguration: Sendable, Equatable {
    /// Total number of ids: special tokens + 256 byte symbols + merged tokens.
    public var vocabularySize: Int
    /// A pair is merged only if it occurs at least this many times (weighted by word counts).
    public var minimumFrequency: Int
    /// Added tokens matched verbatim in text, given ids 0, 1, … in this order; never merged.
    public var specialTokens: [String]
    public var preTokenization: BPEPreTokenization
    /// Role names written to tokenizer_config.json; each must be one of `specialTokens`.
    public var bosToken: String?
    public var eosToken: String?
    public var padToken: String?
    public var unknownToken: String?
    /// Prepend the BOS token when encoding with special tokens (a TemplateProcessing post-processor).
    public var addBosToken: Bool
    /// `model_max_length` in tokenizer_config.json.
    public var modelMaximumLength: Int
    /// A Jinja chat template for tokenizer_config.json (nil writes none).
    public var chatTemplate: String?

    /// The special tokens of Unlearn's from-scratch models.
    public static let defaultSpecialTokens = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]

    /// The defaults describe Unlearn's from-scratch models: `<|endoftext|>` as BOS and EOS, `<pad>`
    /// for padding, no unknown token, no automatic BOS, and the ChatML template.
    public init(
        vocabularySize: Int, minimumFrequency: Int = 2, specialTokens: [String] = Self.defaultSpecialTokens,
        preTokenization: BPEPreTokenization = .gpt2, bosToken: String? = "<|endoftext|>",
        eosToken: String? = "<|endoftext|>", padToken: String? = "<pad>", unknownToken: String? = nil,
        addBosToken: Bool = false, modelMaximumLength: Int = 2048, chatTemplate: String? = BPETrainer.chatMLTemplate
    ) {
        self.vocabularySize = vocabularySize
        self.minimumFrequency = minimumFrequency
        self.specialTokens = specialTokens
        self.preTokenization = preTokenization
        self.bosToken = bosToken
        self.eosToken = eosToken
        self.padToken = padToken
        self.unknownToken = unknownToken
        self.addBosToken = addBosToken
        self.modelMaximumLength = modelMaximumLength
        self.chatTemplate = chatTemplate
    }

    /// Checks every argument that does not depend on the corpus.
    public func validate() throws(BPETrainingError) {
        var seen = Set<TokenKey>()
        for (index, token) in specialTokens.enumerated() {
            guard !token.isEmpty else { throw .emptySpecialToken(index: index) }
            guard seen.insert(TokenKey(token)).inserted else { throw .duplicateSpecialToken(token) }
            let scalars = token.unicodeScalars
            if scalars.count == 1, let scalar = scalars.first, ByteLevelAlphabet.scalarForByte.contains(scalar) {
                throw .specialTokenCollidesWithByteSymbol(token)
            }
        }
        let minimum = 256 + specialTokens.count
        guard vocabularySize >= minimum else {
            throw .vocabularySizeTooSmall(requested: vocabularySize, minimum: minimum, specialTokenCount: specialTokens.count)
        }
        guard minimumFrequency >= 1 else { throw .invalidMinimumFrequency(minimumFrequency) }
        guard modelMaximumLength >= 1 else { throw .invalidModelMaximumLength(modelMaximumLength) }
        for (role, token) in [("bos", bosToken), ("eos", eosToken), ("pad", padToken), ("unk", unknownToken)] {
            if let token, !seen.contains(TokenKey(token)) { throw .roleTokenNotSpecial(role: role, token: token) }
        }
        if addBosToken && bosToken == nil { throw .missingBosToken }
        if let chatTemplate {
            for marker in ["<|im_start|>", "<|im_end|>"] where chatTemplate.contains(marker) {
                guard seen.contains(TokenKey(marker)) else { throw .chatTemplateTokenNotSpecial(marker) }
            }
        }
    }
}

// BPE training.
//
// Text is split on special tokens, then pre-tokenized exactly as the written tokenizer.json will
// encode it; the distinct words are counted and byte pairs merged, most frequent first, until the
// vocabulary is full or no pair occurs `minimumFrequency` times.
//
// Ids: special tokens 0..<k (in the given order), byte `b` is id k + b (all 256, so any text
// encodes), then each new token in the order it was learned.
//
// Tie rule (deterministic, independent of text order and hashing): among pairs with the same
// frequency the one with the smallest left id wins, then the smallest right id. Because ids grow
// with learning order, this prefers lower bytes and earlier-learned tokens, as HF's trainer
// prefers smaller pair ids.
//
// When a pair spells a token that already exists (two ways to build the same bytes), the merge
// is recorded and reuses the existing id, as HF's trainer does; a pair whose result would spell a
// special token is never merged.

/// Learns a byte-level BPE vocabulary and merge list from training texts (ids and tie rule above).
public struct BPETrainer: Sendable {
    public let configuration: BPETrainingConfiguration

    /// A ChatML template (`<|im_start|>role\ncontent<|im_end|>\n`, optional generation prompt),
    /// the form `ChatTemplate` recognizes as `.chatML` and transformers renders identically.
    public static let chatMLTemplate =
        #"{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"#

    /// Validates the configuration.
    public init(configuration: BPETrainingConfiguration) throws(BPETrainingError) {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Trains on `texts` (each text is split on special tokens and pre-tokenized independently).
    public func train(texts: [String]) throws(BPETrainingError) -> TrainedBPETokenizer {
        let preTokenizer: any PreTokenizer
        do {
            preTokenizer = try configuration.preTokenization.makePreTokenizer()
        } catch {
            // The patterns are constants of this module; failing to build them is a programming error.
            preconditionFailure("built-in pre-tokenizer does not load: \(error)")
        }
        let counts = countWords(texts, preTokenizer: preTokenizer)
        guard !counts.words.isEmpty else { throw .emptyCorpus(textCount: texts.count) }
        return learn(counts)
    }

    /// Distinct pre-tokenized words (byte-level spelling) in order of first appearance, with counts.
    func countWords(_ texts: [String], preTokenizer: any PreTokenizer) -> (words: [String], counts: [Int]) {
        let specials = configuration.specialTokens.enumerated().map { index, token in
            (token, AddedToken(id: index, content: token, isSpecial: true, normalized: false))
        }
        let matcher = AddedTokenMatcher(patterns: specials)
        var indexByWord: [TokenKey: Int] = [:]
        var words: [String] = []
        var counts: [Int] = []
        for text in texts where !text.isEmpty {
            for segment in matcher.split(TextPiece(text: text, isAtOriginalStart: true)) {
                guard case .text(let piece) = segment else { continue }
                for word in preTokenizer.preTokenize([piece]) where !word.text.isEmpty {
                    let key = TokenKey(word.text)
                    if let index = indexByWord[key] {
                        counts[index] += 1
                    } else {
                        indexByWord[key] = words.count
                        words.append(word.text)
                        counts.append(1)
                    }
                }
            }
        }
        return (words, counts)
    }

    /// Runs the merge loop over counted words.
    func learn(_ counts: (words: [String], counts: [Int])) -> TrainedBPETokenizer {
        let specials = configuration.specialTokens
        let byteOffset = Int32(specials.count)
        var tokens = specials
        tokens += ByteLevelAlphabet.scalarForByte.map { String(Character($0)) }
        var idsByToken: [TokenKey: Int32] = [:]
        for (id, token) in tokens.enumerated() { idsByToken[TokenKey(token)] = Int32(id) }

        let initialWords = counts.words.map { word -> [Int32] in
            // Pre-tokenized words are byte-level spellings, so every scalar is in the alphabet.
            guard let bytes = ByteLevelAlphabet.bytes(of: word) else { preconditionFailure("word outside the byte alphabet") }
            return bytes.map { byteOffset + Int32($0) }
        }
        var learner = BPEMergeLearner(words: initialWords, frequencies: counts.counts)
        var merges: [BPEMerge] = []
        var stopReason = BPETrainingStopReason.vocabularyFull
        while tokens.count < configuration.vocabularySize {
            guard let (pair, frequency) = learner.mostFrequentPair() else {
                stopReason = .noPairReachesMinimumFrequency
                break
            }
            guard frequency >= configuration.minimumFrequency else {
                stopReason = .noPairReachesMinimumFrequency
                break
            }
            let (left, right) = BPEMergeLearner.pairSides(pair)
            let merged = tokens[Int(left)] + tokens[Int(right)]
            let mergedId: Int32
            if let existing = idsByToken[TokenKey(merged)] {
                guard existing >= byteOffset else {
                    learner.exclude(pair)
                    continue
                }
                mergedId = existing
            } else {
                mergedId = Int32(tokens.count)
                tokens.append(merged)
                idsByToken[TokenKey(merged)] = mergedId
            }
            learner.merge(pair, into: mergedId)
            merges.append(BPEMerge(left: tokens[Int(left)], right: tokens[Int(right)], frequency: frequency))
        }
        return TrainedBPETokenizer(
            configuration: configuration, tokens: tokens, merges: merges, stopReason: stopReason,
            distinctWordCount: counts.words.count, wordCount: counts.counts.reduce(0, +))
    }
}

/// One learned merge: two byte-level token strings and the pair frequency when it was chosen.
public struct BPEMerge: Sendable, Equatable {
    public let left: String
    public let right: String
    public let frequency: Int

    public init(left: String, right: String, frequency: Int) {
        self.left = left
        self.right = right
        self.frequency = frequency
    }

    public static func == (lhs: BPEMerge, rhs: BPEMerge) -> Bool {
        lhs.left.isIdentical(to: rhs.left) && lhs.right.isIdentical(to: rhs.right) && lhs.frequency == rhs.frequency
    }
}

/// Why training stopped.
public enum BPETrainingStopReason: String, Sendable, Equatable {
    /// The vocabulary reached `vocabularySize`.
    case vocabularyFull
    /// No remaining adjacent pair occurs `minimumFrequency` times (or no pair is left at all).
    case noPairReachesMinimumFrequency
}

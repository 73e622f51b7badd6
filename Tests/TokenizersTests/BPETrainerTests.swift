import Foundation
import JSON
import Testing
@testable import Tokenizers

/// Trains small tokenizers and checks them through the module's own loader.
@Suite("Byte-level BPE trainer")
struct BPETrainerTests {
    static let specials = BPETrainingConfiguration.defaultSpecialTokens

    static func train(
        _ texts: [String], vocabularySize: Int = 600, minimumFrequency: Int = 2,
        preTokenization: BPEPreTokenization = .gpt2, addBosToken: Bool = false
    ) throws -> TrainedBPETokenizer {
        let configuration = BPETrainingConfiguration(
            vocabularySize: vocabularySize, minimumFrequency: minimumFrequency, preTokenization: preTokenization,
            addBosToken: addBosToken)
        return try BPETrainer(configuration: configuration).train(texts: texts)
    }

    static let probeTexts = [
        "", " ", "hello", "The model must forget the private record.", "  two  spaces\tand\ttabs\n\n\r\n",
        "   ", "\n", "trailing   ", "naïve café e\u{301} Ångström", "中文分词测试：机器遗忘。", "日本語のテキスト",
        "مرحبا بالعالم", "Здравствуй, мир!", "emoji 😀🎉 family 👩‍👩‍👧‍👦 flag 🇯🇵 skin 👍🏽",
        "zero\u{200B}width", "\u{0}\u{1}\u{7F}\u{FEFF}", "x² ½ ٣ ४ 12345678901234567890 3.14159",
        "func f(_ x: Int) -> Int {\n    return x * 2 // twice\n}\n", "def g(x):\n\treturn {'a': [1, 2]}\n",
        "I'm sure they've said we'll go, but DON'T.", "~!@#$%^&*()_+`-=[]{}\\|;:'\",.<>/?",
        "<|im_start|>user\nhi<|im_end|>\n", "a<|endoftext|>b<pad>", "<|im_start", "<|", "|>",
    ]

    @Test("decode(encode(x)) == x for unicode, emoji, whitespace and code", arguments: BPEPreTokenization.allCases)
    func roundTrip(preTokenization: BPEPreTokenization) throws {
        let tokenizer = try Self.train(TrainingCorpus.mixed(), preTokenization: preTokenization).makeTokenizer()
        for text in Self.probeTexts + TrainingCorpus.fixedTexts {
            let ids = tokenizer.encode(text, addSpecialTokens: false)
            let decoded = tokenizer.decode(ids, skipSpecialTokens: false)
            #expect(decoded.isIdentical(to: text), "\(preTokenization): \(text.debugDescription) → \(decoded.debugDescription)")
        }
    }

    @Test("the most frequent words become single tokens")
    func frequentWords() throws {
        let corpus = TrainingCorpus.mixed()
        let tokenizer = try Self.train(corpus).makeTokenizer()
        // Count words the simple way (space-separated, letters only) and take the top ten.
        var counts: [String: Int] = [:]
        for text in corpus {
            // Words after a space (the first word of a text has no leading space).
            for word in text.split(separator: " ").dropFirst() where word.allSatisfy(\.isLetter) {
                counts[" " + word, default: 0] += 1
            }
        }
        let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
        #expect(top.count == 10)
        for (word, count) in top {
            let tokens = tokenizer.tokenize(word)
            #expect(tokens.count == 1, "\(word.debugDescription) (×\(count)) → \(tokens)")
        }
        #expect(tokenizer.tokenize(" unlearning") == ["Ġunlearning"])
        #expect(tokenizer.tokenize("The model") == ["The", "Ġmodel"])
    }

    @Test("the same corpus gives byte-identical files, whatever the text order and run")
    func determinism() throws {
        let corpus = TrainingCorpus.mixed()
        let first = try Self.train(corpus)
        let second = try Self.train(corpus)
        var generator = SeededGenerator(state: 99)
        let shuffled = try Self.train(corpus.shuffled(using: &generator))
        let reversed = try Self.train(corpus.reversed())
        for other in [second, shuffled, reversed] {
            #expect(other.tokenizerJSON() == first.tokenizerJSON())
            #expect(other.tokenizerConfigJSON() == first.tokenizerConfigJSON())
            #expect(other.merges == first.merges)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bpe-determinism-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try first.write(to: directory)
        try second.write(to: directory)  // Overwrites atomically, leaving no temporary files.
        #expect([UInt8](try Data(contentsOf: directory.appendingPathComponent("tokenizer.json"))) == first.tokenizerJSON())
        #expect([UInt8](try Data(contentsOf: directory.appendingPathComponent("tokenizer_config.json"))) == first.tokenizerConfigJSON())
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(entries == ["tokenizer.json", "tokenizer_config.json"])
    }

    @Test("the vocabulary has exactly the requested size when the corpus allows it", arguments: [260, 261, 300, 777])
    func vocabularySize(size: Int) throws {
        let corpus = TrainingCorpus.mixed()
        let trained = try Self.train(corpus, vocabularySize: size)
        #expect(trained.tokens.count == size)
        #expect(trained.stopReason == .vocabularyFull)
        #expect(trained.merges.count >= size - 260)
        let tokenizer = try trained.makeTokenizer()
        #expect(tokenizer.vocabularySize == size)
        let largest = corpus.map { tokenizer.encode($0, addSpecialTokens: false).max() ?? 0 }.max() ?? 0
        #expect(largest < size)
        if size == 260 {
            // No merges: every byte is its own token.
            #expect(trained.merges.isEmpty)
            #expect(tokenizer.encode("héllo", addSpecialTokens: false).count == "héllo".utf8.count)
        }
    }

    @Test("ids: specials first, then the 256 bytes in byte order, then merges in learning order")
    func idLayout() throws {
        let trained = try Self.train(TrainingCorpus.mixed(), vocabularySize: 400)
        #expect(Array(trained.tokens.prefix(4)) == Self.specials)
        for byte in 0..<256 {
            #expect(trained.tokens[4 + byte] == String(Character(ByteLevelAlphabet.scalarForByte[byte])))
        }
        #expect(trained.tokens[4 + 32] == "Ġ")
        // Merge results that were new tokens appear in the same order as the merges.
        var expected: [String] = []
        var seen = Set(trained.tokens.prefix(260).map(TokenKey.init))
        for merge in trained.merges where seen.insert(TokenKey(merge.left + merge.right)).inserted {
            expected.append(merge.left + merge.right)
        }
        #expect(Array(trained.tokens.dropFirst(260)) == expected)
        let frequencies = trained.merges.map(\.frequency)
        #expect(frequencies == frequencies.sorted(by: >), "merge frequencies never increase")
    }

    @Test("special tokens are single ids and never merged, even when frequent")
    func specialTokens() throws {
        let transcript = "<|im_start|>user\nWho wrote the book?<|im_end|>\n<|im_start|>assistant\nThe author.<|im_end|>\n<|endoftext|>"
        let corpus = TrainingCorpus.mixed() + Array(repeating: transcript, count: 300)
        let trained = try Self.train(corpus, vocabularySize: 700)
        let tokenizer = try trained.makeTokenizer()
        for (id, special) in Self.specials.enumerated() {
            #expect(tokenizer.encode(special, addSpecialTokens: false) == [id])
            #expect(tokenizer.encode("x" + special + "y", addSpecialTokens: false).filter { $0 == id }.count == 1)
        }
        #expect(tokenizer.specialTokenIds == [0, 1, 2, 3])
        let learned = trained.tokens.dropFirst(260)
        for token in learned {
            #expect(!token.contains("<|") && !token.contains("|>") && !token.contains("im_"), "\(token)")
        }
        let ids = tokenizer.encode(transcript, addSpecialTokens: false)
        #expect(ids.first == 1 && ids.last == 0 && ids.filter { $0 == 2 }.count == 2)
        #expect(tokenizer.decode(ids, skipSpecialTokens: true) == "user\nWho wrote the book?\nassistant\nThe author.\n")

        // Control: the same corpus without special tokens does learn merges inside the markers,
        // so the check above is meaningful.
        let plain = BPETrainingConfiguration(
            vocabularySize: 700, specialTokens: [], bosToken: nil, eosToken: nil, padToken: nil, chatTemplate: nil)
        let unprotected = try BPETrainer(configuration: plain).train(texts: corpus)
        #expect(unprotected.tokens.contains { $0.contains("im_") || $0.contains("|>") })
    }

    @Test("a merge that would spell a special token's text is skipped, keeping vocabulary keys unique")
    func mergeCollidingWithSpecialToken() throws {
        // "Ġthe" as a special token is the byte-level spelling of the very frequent " the".
        let configuration = BPETrainingConfiguration(
            vocabularySize: 500, specialTokens: ["<|endoftext|>", "Ġthe"], padToken: nil, chatTemplate: nil)
        let trained = try BPETrainer(configuration: configuration).train(texts: TrainingCorpus.mixed())
        #expect(!trained.merges.contains { ($0.left + $0.right).isIdentical(to: "Ġthe") })
        #expect(trained.tokens.filter { $0.isIdentical(to: "Ġthe") }.count == 1)
        #expect(trained.id(of: "Ġthe") == 1)
        guard case .object(let vocabulary)? = try JSONParser.parse(trained.tokenizerJSON())["model"]?["vocab"] else {
            Issue.record("no vocab")
            return
        }
        #expect(Set(vocabulary.map { TokenKey($0.key) }).count == trained.tokens.count)
        let tokenizer = try trained.makeTokenizer()
        let ids = tokenizer.encode(" the model", addSpecialTokens: false)
        #expect(!ids.contains(1) && ids.count > 2)
        #expect(tokenizer.decode(ids) == " the model")
        #expect(tokenizer.encode("Ġthe", addSpecialTokens: false) == [1])
    }

    @Test("no pair below the minimum frequency is merged")
    func minimumFrequency() throws {
        // Words: "xq" ×1, "Ġxq" ×2, "zv" ×1, "Ġzv" ×1. Pairs: x+q 3, Ġ+x 2, z+v 2, Ġ+z 1.
        let texts = ["xq xq xq", "zv zv"]
        let strict = try Self.train(texts, minimumFrequency: 3)
        #expect(strict.merges == [BPEMerge(left: "x", right: "q", frequency: 3)])
        #expect(strict.stopReason == .noPairReachesMinimumFrequency)
        // With 2, the tie between Ġ+xq and z+v goes to the smaller left id (Ġ is byte 32, z is 122).
        let loose = try Self.train(texts, minimumFrequency: 2)
        #expect(loose.merges == [
            BPEMerge(left: "x", right: "q", frequency: 3), BPEMerge(left: "Ġ", right: "xq", frequency: 2),
            BPEMerge(left: "z", right: "v", frequency: 2),
        ])
        let everything = try Self.train(texts, minimumFrequency: 1)
        #expect(everything.merges.count == 4)

        let corpus = TrainingCorpus.mixed()
        let trained = try Self.train(corpus, vocabularySize: 100_000, minimumFrequency: 7)
        #expect(trained.stopReason == .noPairReachesMinimumFrequency)
        #expect(trained.merges.allSatisfy { $0.frequency >= 7 })
        // After training, no adjacent pair inside any corpus word (merges never cross words) is
        // still as frequent as the threshold: the trainer did not stop early.
        let tokenizer = try trained.makeTokenizer()
        let trainer = try BPETrainer(configuration: trained.configuration)
        let counts = trainer.countWords(corpus, preTokenizer: try BPEPreTokenization.gpt2.makePreTokenizer())
        var wordPairs: [[Int]: Int] = [:]
        for (word, count) in zip(counts.words, counts.counts) {
            let ids = tokenizer.model.tokenize(word)
            for (left, right) in zip(ids, ids.dropFirst()) { wordPairs[[left, right], default: 0] += count }
        }
        #expect(!wordPairs.isEmpty)
        #expect((wordPairs.values.max() ?? 0) < 7)
    }

    @Test("equal frequencies are broken by the smallest (left id, right id)")
    func tieBreaking() throws {
        // Three words of frequency 3 each: "xy", "ab", "ba" (separate texts, so no spaces).
        let texts = Array(repeating: ["xy", "ba", "ab"], count: 3).flatMap { $0 }
        for order in [texts, texts.reversed()] {
            let trained = try Self.train(order, minimumFrequency: 1)
            #expect(trained.merges.map { $0.left + $0.right } == ["ab", "ba", "xy"])
        }
    }

    /// Corpora for the comparison with the from-scratch trainer.
    enum ComparisonCorpus: String, CaseIterable, Sendable {
        case repetitiveMinimumOne, repetitiveMinimumThree, prose

        var texts: [String] {
            switch self {
            case .repetitiveMinimumOne: return TrainingCorpus.repetitive(count: 300, seed: 5)
            case .repetitiveMinimumThree: return TrainingCorpus.repetitive(count: 200, seed: 6)
            case .prose: return TrainingCorpus.mixed(count: 150, seed: 7)
            }
        }

        var minimumFrequency: Int {
            switch self {
            case .repetitiveMinimumOne: return 1
            case .repetitiveMinimumThree: return 3
            case .prose: return 2
            }
        }
    }

    @Test("incremental pair counts reproduce a from-scratch recount at every merge", arguments: ComparisonCorpus.allCases)
    func matchesNaiveTrainer(corpus: ComparisonCorpus) throws {
        let texts = corpus.texts
        let minimumFrequency = corpus.minimumFrequency
        for preTokenization in BPEPreTokenization.allCases {
            let configuration = BPETrainingConfiguration(
                vocabularySize: 700, minimumFrequency: minimumFrequency, preTokenization: preTokenization)
            let trainer = try BPETrainer(configuration: configuration)
            let trained = try trainer.train(texts: texts)
            let counts = trainer.countWords(texts, preTokenizer: try preTokenization.makePreTokenizer())
            let reference = NaiveBPETrainer.train(
                words: counts.words, counts: counts.counts, specialTokens: Self.specials, vocabularySize: 700,
                minimumFrequency: minimumFrequency)
            #expect(trained.merges.count > 50)
            #expect(trained.merges == reference.merges, "\(preTokenization)")
            #expect(trained.tokens.elementsEqual(reference.tokens) { $0.isIdentical(to: $1) })
        }
    }

    @Test("pre-tokenization matches encoding: GPT-2 keeps digit runs, the Llama-3 variant isolates digits")
    func preTokenization() throws {
        let corpus = TrainingCorpus.mixed() + Array(repeating: "In 2024 and 2024 again, 2024.", count: 50)
        let gpt2 = try Self.train(corpus, preTokenization: .gpt2).makeTokenizer()
        #expect(gpt2.tokenize(" 2024") == ["Ġ2024"])
        let llama = try Self.train(corpus, preTokenization: .llama3IndividualDigits)
        let tokenizer = try llama.makeTokenizer()
        #expect(tokenizer.encode(" 2024", addSpecialTokens: false).count == 5)
        let digits = Set("0123456789")
        for token in llama.tokens.dropFirst(260) {
            #expect(token.filter { digits.contains($0) }.count <= 1, "\(token) holds several digits")
        }
    }

    @Test("tokenizer.json and tokenizer_config.json describe the trained tokenizer")
    func files() throws {
        let trained = try Self.train(TrainingCorpus.mixed(), vocabularySize: 500)
        let document = try JSONParser.parse(trained.tokenizerJSON())
        #expect(document["model"]?["type"] == .string("BPE"))
        #expect(document["post_processor"] == .null)
        #expect(document["pre_tokenizer"]?["type"] == .string("ByteLevel"))
        #expect(document["decoder"]?["type"] == .string("ByteLevel"))
        guard case .array(let merges)? = document["model"]?["merges"], case .object(let vocabulary)? = document["model"]?["vocab"],
            case .array(let added)? = document["added_tokens"]
        else {
            Issue.record("tokenizer.json lacks merges, vocab or added_tokens")
            return
        }
        #expect(merges.count == trained.merges.count)
        #expect(merges.first == .array([.string(trained.merges[0].left), .string(trained.merges[0].right)]))
        #expect(vocabulary.count == 500)
        #expect(vocabulary.map(\.value) == (0..<500).map { .number($0) })
        #expect(added.count == 4)
        #expect(added.allSatisfy { $0["special"] == .bool(true) && $0["normalized"] == .bool(false) })

        let config = try TokenizerConfig(json: trained.tokenizerConfigJSON())
        #expect(config == TokenizerConfig(
            bosToken: "<|endoftext|>", eosToken: "<|endoftext|>", padToken: "<pad>", unknownToken: nil,
            addBosToken: false, addEosToken: false, chatTemplate: BPETrainer.chatMLTemplate,
            tokenizerClass: "PreTrainedTokenizerFast"))
        let configDocument = try JSONParser.parse(trained.tokenizerConfigJSON())
        #expect(configDocument["model_max_length"] == .number(2048))

        // The written folder loads through TokenizerLoader and behaves like the in-memory copy.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bpe-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try trained.write(to: directory)
        let loaded = try TokenizerLoader.load(directory: directory)
        let inMemory = try trained.makeTokenizer()
        for text in Self.probeTexts {
            #expect(loaded.encode(text) == inMemory.encode(text))
        }
        #expect(loaded.bosTokenId == 0 && loaded.eosTokenId == 0 && loaded.padTokenId == 3)
        #expect(loaded.encode("hello") == loaded.encode("hello", addSpecialTokens: false))
        #expect(loaded.eosTokenIds == [0, 2])
    }

    @Test("the ChatML template renders <|im_start|> turns that encode to the special ids")
    func chatTemplate() throws {
        let tokenizer = try Self.train(TrainingCorpus.mixed()).makeTokenizer()
        #expect(try tokenizer.chatTemplate() == .chatML(defaultSystemPrompt: nil))
        let rendered = try tokenizer.applyChatTemplate([.user("Hi"), .assistant("Hello"), .user("Forget me")])
        #expect(rendered == "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n<|im_start|>user\nForget me<|im_end|>\n<|im_start|>assistant\n")
        let ids = tokenizer.encode(rendered, addSpecialTokens: false)
        #expect(ids.filter { $0 == 1 }.count == 4 && ids.filter { $0 == 2 }.count == 3)
        #expect(tokenizer.decode(ids) == rendered)
    }

    @Test("addBosToken writes a TemplateProcessing post-processor that prepends BOS")
    func bos() throws {
        let trained = try Self.train(TrainingCorpus.mixed(), preTokenization: .llama3IndividualDigits, addBosToken: true)
        let document = try JSONParser.parse(trained.tokenizerJSON())
        #expect(document["post_processor"]?["type"] == .string("TemplateProcessing"))
        #expect(document["pre_tokenizer"]?["type"] == .string("Sequence"))
        let tokenizer = try trained.makeTokenizer()
        let withBos = tokenizer.encode("The model", addSpecialTokens: true)
        #expect(withBos.first == 0)
        #expect(Array(withBos.dropFirst()) == tokenizer.encode("The model", addSpecialTokens: false))
        #expect(tokenizer.decode(withBos, skipSpecialTokens: true) == "The model")
        #expect(try TokenizerConfig(json: trained.tokenizerConfigJSON()).addBosToken == true)
    }

    @Test("invalid arguments fail with clear messages")
    func invalidArguments() throws {
        func configuration(_ change: (inout BPETrainingConfiguration) -> Void) -> BPETrainingConfiguration {
            var value = BPETrainingConfiguration(vocabularySize: 1000)
            change(&value)
            return value
        }
        let cases: [(BPETrainingConfiguration, BPETrainingError, String)] = [
            (configuration { $0.vocabularySize = 259 }, .vocabularySizeTooSmall(requested: 259, minimum: 260, specialTokenCount: 4),
             "vocabulary size 259 is too small: it must be at least 260 (256 byte symbols + 4 special tokens)"),
            (configuration { $0.vocabularySize = 100; $0.specialTokens = []; $0.bosToken = nil; $0.eosToken = nil; $0.padToken = nil; $0.chatTemplate = nil },
             .vocabularySizeTooSmall(requested: 100, minimum: 256, specialTokenCount: 0), "at least 256"),
            (configuration { $0.minimumFrequency = 0 }, .invalidMinimumFrequency(0), "must be at least 1"),
            (configuration { $0.modelMaximumLength = 0 }, .invalidModelMaximumLength(0), "model maximum length 0"),
            (configuration { $0.specialTokens += [""] }, .emptySpecialToken(index: 4), "special token 4 is the empty string"),
            (configuration { $0.specialTokens += ["<pad>"] }, .duplicateSpecialToken("<pad>"), "listed more than once"),
            (configuration { $0.specialTokens += ["Ġ"] }, .specialTokenCollidesWithByteSymbol("Ġ"), "byte-level symbols"),
            (configuration { $0.bosToken = "<s>" }, .roleTokenNotSpecial(role: "bos", token: "<s>"),
             "bos token '<s>' is not in the special-token list"),
            (configuration { $0.bosToken = nil; $0.addBosToken = true }, .missingBosToken, "no BOS token"),
            (configuration { $0.specialTokens = ["<|endoftext|>", "<pad>"] }, .chatTemplateTokenNotSpecial("<|im_start|>"),
             "the chat template uses '<|im_start|>'"),
        ]
        for (invalid, expected, message) in cases {
            #expect(throws: expected) { try BPETrainer(configuration: invalid) }
            #expect(expected.description.contains(message), "\(expected.description)")
        }
        let trainer = try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: 300))
        #expect(throws: BPETrainingError.emptyCorpus(textCount: 0)) { try trainer.train(texts: []) }
        #expect(throws: BPETrainingError.emptyCorpus(textCount: 3)) { try trainer.train(texts: ["", "<|im_end|>", "<pad><pad>"]) }
        #expect(BPETrainingError.emptyCorpus(textCount: 0).description == "the training corpus is empty: no texts were given")

        // Writing under a regular file fails with the path in the message.
        let trained = try trainer.train(texts: ["some text"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bpe-file-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            try trained.write(to: file.appendingPathComponent("tokenizer"))
        } throws: { error in
            guard let error = error as? BPETrainingError, case .unwritableFile(let path, _) = error else { return false }
            return path.hasPrefix(file.path)
        }
    }
}

import Checkpoints
import Foundation
import Tokenizers

// Writes trained tokenizers plus the ids this module produces for a set of texts, for
// scripts/check_trained_tokenizer.py to compare against Hugging Face `tokenizers`/`transformers`;
// and times a training run.
//
//   tokenizer-parity parity OUTPUT_DIRECTORY
//   tokenizer-parity timing [MEGABYTES] [VOCABULARY_SIZE]

/// SplitMix64: a small seeded generator, so the corpus is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// English-like prose: common words plus invented ones drawn with Zipf-like frequencies, sentences
/// with capitals, commas, contractions, quotes, numbers and paragraph breaks.
struct EnglishLikeCorpus {
    static let commonWords = """
        the of and to a in is it you that he was for on are with as his they be at one have this from or had \
        by not word but what some we can out other were all there when up use your how said an each she which do \
        their time if will way about many then them write would like so these her long make thing see him two has \
        look more day could go come did number sound no most people my over know water than call first who may \
        down side been now find any new work part take get place made live where after back little only round man \
        year came show every good me give our under name very through just form sentence great think say help low \
        line differ turn cause much mean before move right boy old too same tell does set three want air well also \
        play small end put home read hand port large spell add even land here must big high such follow act why ask \
        men change went light kind off need house picture try us again animal point mother world near build self \
        earth father head stand own page should country found answer school grow study still learn plant cover food \
        sun four between state keep eye never last let thought city tree cross farm hard start might story saw far \
        sea draw left late run while press close night real life few north model data memory forget unlearning \
        training token language student record private remove evaluation benchmark question answer author book
        """.split(separator: " ").map(String.init)
    static let syllables = [
        "ka", "lo", "mi", "ren", "tor", "va", "sel", "dun", "bri", "ost", "el", "ar", "qui", "zen", "pha", "gor",
        "lin", "mar", "tes", "ul", "on", "ith", "bel", "cra", "dor", "fen", "hal", "jun", "mor", "nel",
    ]

    var generator: SeededGenerator
    let vocabulary: [String]
    /// Cumulative Zipf weights (1/rank) over `vocabulary`.
    let cumulative: [Double]

    init(seed: UInt64) {
        generator = SeededGenerator(state: seed)
        var words = Self.commonWords
        var inventor = SeededGenerator(state: seed ^ 0xABCDEF)
        var seen = Set(words)
        while words.count < 3000 {
            let length = Int.random(in: 2...4, using: &inventor)
            let word = (0..<length).map { _ in Self.syllables.randomElement(using: &inventor)! }.joined()
            if seen.insert(word).inserted { words.append(word) }
        }
        vocabulary = words
        var total = 0.0
        cumulative = words.indices.map { rank in
            total += 1.0 / Double(rank + 1)
            return total
        }
    }

    mutating func word() -> String {
        let target = Double.random(in: 0..<cumulative.last!, using: &generator)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return vocabulary[low]
    }

    mutating func sentence() -> String {
        var words: [String] = []
        for index in 0..<Int.random(in: 4...18, using: &generator) {
            var word = self.word()
            let roll = Int.random(in: 0..<100, using: &generator)
            switch roll {
            case 0..<3: word += "'s"
            case 3..<5: word = ["don't", "it's", "I'm", "we'll", "they've", "can't"].randomElement(using: &generator)!
            case 5..<8: word = String(Int.random(in: 1...2024, using: &generator))
            case 8..<9: word = "\"" + word + "\""
            case 9..<10: word = "(" + word + ")"
            default: break
            }
            if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            if index > 2 && Int.random(in: 0..<10, using: &generator) == 0 { word += "," }
            words.append(word)
        }
        let end = [".", ".", ".", ".", "?", "!", ":", "..."].randomElement(using: &generator)!
        return words.joined(separator: " ") + end
    }

    mutating func paragraph() -> String {
        (0..<Int.random(in: 2...7, using: &generator)).map { _ in sentence() }.joined(separator: " ")
    }

    /// Paragraphs (one text each) until `bytes` UTF-8 bytes are reached.
    mutating func texts(bytes: Int) -> [String] {
        var texts: [String] = []
        var total = 0
        while total < bytes {
            let text = paragraph() + "\n"
            total += text.utf8.count
            texts.append(text)
        }
        return texts
    }
}

/// Texts whose ids are compared with HF: corpus-like prose, unicode, emoji, whitespace, code,
/// numbers, contractions and special tokens (whole, adjacent and truncated).
let probeTexts: [String] = [
    "", " ", "  ", "\n", "\t", "\r\n", "hello", " hello", "Hello world", "The student's record was removed.",
    "I'm sure they've said we'll go, but don't.", "DON'T SHOUT, IT'S LATE", "year 2024: 1,000,000 people (3.14159)",
    "12345678901234567890", "x² + y² = z²; ½ ⅓ ٣ ४", "naïve café résumé Ångström", "e\u{301} vs é",
    "Здравствуй, мир! Γειά σου κόσμε", "中文分词测试：机器遗忘。", "日本語のテキスト、カタカナ", "مرحبا بالعالم",
    "emoji 😀😃🎉 and 👩‍👩‍👧‍👦 family, flags 🇫🇷🇯🇵, skin 👍🏽", "zero\u{200B}width\u{200D}joiner",
    "tabs\tand\t\ttabs", "trailing spaces   ", "   leading spaces", "many     inner     spaces",
    "line one\nline two\n\n\nline five\r\nwindows", " \n \n ",
    "func train(texts: [String]) -> Int {\n    return texts.count // comment\n}\n",
    "def f(x):\n\tif x >= 10 and x != 3:\n\t\treturn {'a': [1, 2, 3]}\n",
    "<|endoftext|>", "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n", "a<|endoftext|>b",
    "<pad><pad><pad>", "<|im_start", "<|", "|>", "<|im_end|><|endoftext|>", "text <|im_end|> more",
    "\u{0}\u{1}\u{7F} controls", "~!@#$%^&*()_+`-=[]{}\\|;:'\",.<>/?",
]

func parity(outputDirectory: URL) throws {
    var generator = EnglishLikeCorpus(seed: 42)
    var corpus = generator.texts(bytes: 400_000)
    // Some code, multilingual text and chat transcripts so multi-byte merges and specials occur.
    let extras = [
        "func encode(_ text: String) -> [Int] {\n    return tokenizer.encode(text)\n}\n",
        "for index in 0..<count {\n    total += values[index] * 2\n}\n", "naïve café résumé déjà vu",
        "机器遗忘是一个重要的研究方向。", "Привет, как дела? Всё хорошо.", "emoji 😀 party 🎉 thumbs 👍",
        "<|im_start|>user\nWho wrote the book?<|im_end|>\n<|im_start|>assistant\nThe author did.<|im_end|>\n",
    ]
    for _ in 0..<40 { corpus += extras }
    var records: [TokenizerParityRecord] = []
    let setups: [(String, BPETrainingConfiguration)] = [
        ("gpt2", BPETrainingConfiguration(vocabularySize: 1500, preTokenization: .gpt2)),
        ("llama3_digits_bos", BPETrainingConfiguration(
            vocabularySize: 1500, minimumFrequency: 3, preTokenization: .llama3IndividualDigits,
            eosToken: "<|im_end|>", addBosToken: true, modelMaximumLength: 4096)),
    ]
    for (name, configuration) in setups {
        let start = Date()
        let trained = try BPETrainer(configuration: configuration).train(texts: corpus)
        let seconds = Date().timeIntervalSince(start)
        let directory = outputDirectory.appendingPathComponent(name)
        try trained.write(to: directory)
        // Ids come from the tokenizer loaded back from disk, as the product would use it.
        let tokenizer = try TokenizerLoader.load(directory: directory)
        let messages = [ChatMessage.system("You are helpful."), .user("What is 2+2?"), .assistant("4"), .user("Thanks!")]
        let rendered = try tokenizer.applyChatTemplate(messages, addGenerationPrompt: true)
        let corpusSample = Array(corpus.prefix(60))
        records.append(TokenizerParityRecord(
            name: name, directory: directory.path, vocabularySize: trained.tokens.count, merges: trained.merges.count,
            stopReason: trained.stopReason.rawValue, specialTokenIds: tokenizer.specialTokenIds.sorted(),
            bosTokenId: tokenizer.bosTokenId ?? -1, eosTokenId: tokenizer.eosTokenId ?? -1, padTokenId: tokenizer.padTokenId ?? -1,
            cases: (probeTexts + corpusSample).map { TextIdsRecord(tokenizer, $0) },
            chat: ChatRecord(messages: messages, rendered: rendered, ids: tokenizer.encode(rendered, addSpecialTokens: false))))
        print("\(name): \(trained.tokens.count) tokens, \(trained.merges.count) merges, "
            + "stop: \(trained.stopReason.rawValue), trained in \(String(format: "%.2f", seconds)) s → \(directory.path)")
    }
    let idsFile = outputDirectory.appendingPathComponent("swift_ids.json")
    try JSONFile.write(["tokenizers": records], to: idsFile)
    print("ids written to \(idsFile.path)")
}

func timing(megabytes: Double, vocabularySize: Int) throws {
    var generator = EnglishLikeCorpus(seed: 7)
    let generationStart = Date()
    let texts = generator.texts(bytes: Int(megabytes * 1_000_000))
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    print("corpus: \(texts.count) texts, \(bytes) bytes (generated in \(String(format: "%.2f", Date().timeIntervalSince(generationStart))) s)")
    let trainer = try BPETrainer(configuration: BPETrainingConfiguration(vocabularySize: vocabularySize))
    let start = Date()
    let trained = try trainer.train(texts: texts)
    let seconds = Date().timeIntervalSince(start)
    print("trained \(trained.tokens.count) tokens (\(trained.merges.count) merges, \(trained.distinctWordCount) distinct words, "
        + "\(trained.wordCount) words) in \(String(format: "%.2f", seconds)) s; stop: \(trained.stopReason.rawValue)")
    let writeStart = Date()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bpe-timing-\(getpid())")
    try trained.write(to: directory)
    print("wrote files in \(String(format: "%.3f", Date().timeIntervalSince(writeStart))) s to \(directory.path)")
    let sample = texts.prefix(200).joined()
    let tokenizer = try TokenizerLoader.load(directory: directory)
    let encoded = tokenizer.encode(sample, addSpecialTokens: false)
    print("sample: \(sample.utf8.count) bytes → \(encoded.count) tokens (\(String(format: "%.2f", Double(sample.utf8.count) / Double(encoded.count))) bytes/token)")
    try? FileManager.default.removeItem(at: directory)
}

let arguments = CommandLine.arguments
do {
    switch arguments.count > 1 ? arguments[1] : "" {
    case "parity" where arguments.count == 3:
        try parity(outputDirectory: URL(fileURLWithPath: arguments[2]))
    case "timing":
        try timing(
            megabytes: arguments.count > 2 ? Double(arguments[2]) ?? 2 : 2,
            vocabularySize: arguments.count > 3 ? Int(arguments[3]) ?? 4000 : 4000)
    default:
        FileHandle.standardError.write(Data("usage: tokenizer-parity parity OUTPUT_DIRECTORY | timing [MEGABYTES] [VOCABULARY_SIZE]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

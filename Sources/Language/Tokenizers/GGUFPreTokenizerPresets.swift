/// The pre-tokenizer behind each GGUF `tokenizer.ggml.pre` name.
///
/// Names and groupings follow llama.cpp's vocabulary loader; where a model ships a
/// tokenizer.json, its original regex is used (llama.cpp rewrites some of them only because its
/// own regex engine lacks `(?i:…)`). Each preset is a list of regexes applied one after another
/// as isolated splits, then byte-level encoding.
struct GGUFPreTokenizerPreset: Sendable {
    let patterns: [String]
    /// Whole-word vocabulary hits bypass merges (Llama 3 family).
    let ignoreMerges: Bool
    /// BOS is added even when the GGUF does not say so (llama.cpp does this for Llama 3).
    let forcesBOS: Bool
    /// Qwen2's tokenizer.json applies NFC before splitting.
    let appliesNFC: Bool

    static let gpt2 = ByteLevelPreTokenizer.gpt2Pattern
    static let llama3 =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let qwen2 =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let tekken =
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let gpt4o =
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let bloom = #" ?[^(\s|.,!?…。，、।۔،)]+"#
    static let falconPunctuation = #"[\p{P}\$\+<=>\^~\|]+"#

    private init(_ patterns: [String], ignoreMerges: Bool = false, forcesBOS: Bool = false, appliesNFC: Bool = false) {
        self.patterns = patterns
        self.ignoreMerges = ignoreMerges
        self.forcesBOS = forcesBOS
        self.appliesNFC = appliesNFC
    }

    /// The preset for a `pre` name; a missing name falls back to llama.cpp's "default".
    static func named(_ name: String?) throws(TokenizerError) -> GGUFPreTokenizerPreset {
        switch name ?? "default" {
        case "", "default":
            return GGUFPreTokenizerPreset([falconPunctuation, gpt2, #"\p{N}+"#, "[0-9][0-9][0-9]"])
        case "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano":
            return GGUFPreTokenizerPreset([llama3], ignoreMerges: true, forcesBOS: true)
        case "dbrx", "smaug-bpe", "chatglm-bpe", "glm4":
            return GGUFPreTokenizerPreset([llama3])
        case "gpt-2", "gpt2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de", "a.x-4.0",
            "mellum", "modern-bert", "mpt", "olmo", "jais", "trillion", "granite-docling", "exaone4", "jina-v1-en",
            "jina-v2-code", "roberta-bpe":
            return GGUFPreTokenizerPreset([gpt2])
        case "qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "megrez":
            return GGUFPreTokenizerPreset([qwen2], appliesNFC: true)
        case "stablelm2", "hunyuan", "solar-open":
            return GGUFPreTokenizerPreset([qwen2])
        case "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva-7b", "mellum2":
            // Individual digits first, then the GPT-2 regex (SmolLM2's Digits + ByteLevel).
            return GGUFPreTokenizerPreset([#"\p{N}"#, gpt2])
        case "falcon":
            return GGUFPreTokenizerPreset([falconPunctuation, gpt2, "[0-9][0-9][0-9]"])
        case "tekken":
            return GGUFPreTokenizerPreset([tekken], ignoreMerges: true, forcesBOS: true)
        case "gpt-4o", "llama4", "kanana2", "talkie", "minimax-m2":
            return GGUFPreTokenizerPreset([gpt4o])
        case "poro-chat", "bloom", "gpt3-finnish":
            return GGUFPreTokenizerPreset([bloom])
        case "viking":
            return GGUFPreTokenizerPreset([bloom, #"\p{N}"#])
        case "deepseek-coder":
            return GGUFPreTokenizerPreset([#"[\r\n]"#, #"\s?\p{L}+"#, #"\s?\p{P}+"#, "[一-龥ࠀ-一가-퟿]+", #"\p{N}"#])
        default:
            throw .unsupportedPreTokenizer(name: name ?? "")
        }
    }

    /// The pre-tokenizer pipeline: isolated regex splits, then byte-level encoding.
    func makePreTokenizer() throws(TokenizerError) -> any PreTokenizer {
        var stages: [any PreTokenizer] = []
        for pattern in patterns {
            do {
                stages.append(SplitPreTokenizer(pattern: try RegexPattern(oniguruma: pattern), behavior: .isolated, invert: false))
            } catch {
                throw .invalidGGUFMetadata(reason: "pre-tokenizer regex does not compile: \(pattern)")
            }
        }
        stages.append(ByteLevelPreTokenizer(addPrefixSpace: false, useRegex: false))
        return SequencePreTokenizer(preTokenizers: stages)
    }
}

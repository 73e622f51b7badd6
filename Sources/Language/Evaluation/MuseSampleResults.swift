/// Per-sample MUSE results: what `unlearn eval --suite muse --out DIR` writes to samples.json.
public struct MuseSampleResults: Codable, Sendable {
    /// One VerbMem prompt.
    public struct Verbatim: Codable, Sendable {
        public var prompt: String
        /// The ground truth as scored: its first 128 tokens (BOS included, as muse_bench cuts them), decoded.
        public var groundTruth: String
        public var generation: String
        public var rougeLF1: Double

        enum CodingKeys: String, CodingKey {
            case prompt, generation
            case groundTruth = "ground_truth", rougeLF1 = "rouge_l_f1"
        }
    }

    /// One KnowMem question.
    public struct Knowledge: Codable, Sendable {
        public var question: String
        public var answer: String
        /// The generated answer, cut before the first "\n\n", "\nQuestion" or "Question:".
        public var generation: String
        public var rougeLF1: Double
        public var rougeLRecall: Double

        enum CodingKeys: String, CodingKey {
            case question, answer, generation
            case rougeLF1 = "rouge_l_f1", rougeLRecall = "rouge_l_recall"
        }
    }

    /// One PrivLeak text's membership scores (loss-like: higher looks less like training data).
    public struct Privacy: Codable, Sendable {
        public var text: String
        /// Scored tokens (every token after the first, within the model's context).
        public var tokens: Int
        /// Min-40% Prob: −mean of the 40% lowest token log-probabilities.
        public var minK: Double
        /// Min-40%++: the same over log-probabilities standardised by each next-token distribution.
        public var minKPlusPlus: Double

        enum CodingKeys: String, CodingKey {
            case text, tokens
            case minK = "min_k", minKPlusPlus = "min_k_plus_plus"
        }
    }

    public var verbmemForget: [Verbatim]
    public var knowmemForget: [Knowledge]
    public var knowmemRetain: [Knowledge]
    public var privleakForget: [Privacy]
    public var privleakHoldout: [Privacy]
    public var privleakRetain: [Privacy]?

    enum CodingKeys: String, CodingKey {
        case verbmemForget = "verbmem_forget", knowmemForget = "knowmem_forget", knowmemRetain = "knowmem_retain"
        case privleakForget = "privleak_forget", privleakHoldout = "privleak_holdout", privleakRetain = "privleak_retain"
    }
}

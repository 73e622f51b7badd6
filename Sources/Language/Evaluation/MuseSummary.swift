import Foundation
import Reports

extension MuseSuite {
    /// The summary `unlearn eval --suite muse --json` prints. ROUGE values are fractions (muse_bench
    /// reports them ×100); PrivLeak is in percent, as both muse_bench and open-unlearning report it. Each
    /// metric is a property and one column in `metrics`.
    public struct Summary: Sendable {
        public var suite = "muse"
        /// muse_bench's `verbmem_f`: mean ROUGE-L F1, no stemming.
        public var verbmemForgetRougeLF1: Double = 0
        /// muse_bench's `knowmem_f`: mean ROUGE-L F1.
        public var knowmemForgetRougeLF1: Double = 0
        public var knowmemForgetRougeLRecall: Double = 0
        /// muse_bench's `knowmem_r` (utility): mean ROUGE-L F1.
        public var knowmemRetainRougeLF1: Double = 0
        public var knowmemRetainRougeLRecall: Double = 0
        /// In-context demonstrations before each question (0 when the folder has no `*_icl` file).
        public var knowmemForgetInContextExamples: Int = 0
        public var knowmemRetainInContextExamples: Int = 0
        /// Forget-versus-holdout AUCs in muse_bench's orientation (0 = forget set memorised, ≈0.5 retrained).
        public var forgetHoldoutAUCMinK: Double = 0
        public var forgetHoldoutAUCMinKPlusPlus: Double = 0
        /// Retain-versus-holdout AUCs, when the folder has retain texts (low = retain set still recognised).
        public var retainHoldoutAUCMinK: Double? = nil
        public var retainHoldoutAUCMinKPlusPlus: Double? = nil
        /// muse_bench's PrivLeak: (AUC − AUC_retrain)/AUC_retrain × 100 with Min-40% Prob.
        public var privleakMinK: Double? = nil
        /// The same with Min-40%++, against an oracle's Min-40%++ AUC (no published constant exists for it).
        public var privleakMinKPlusPlus: Double? = nil
        /// "oracle", "published_news", "published_books" or "none".
        public var privleakReference: String = "none"
        public var referenceAUCMinK: Double? = nil
        public var referenceAUCMinKPlusPlus: Double? = nil
    }
}

extension MuseSuite.Summary: SuiteSummary {
    /// The MUSE metrics, in print order; the compared ones make the comparison tables' columns.
    public static let metrics: [MetricColumn<MuseSuite.Summary>] = [
        MetricColumn("VerbMem forget", key: "verbmem_forget_rouge_l_f1", \.verbmemForgetRougeLF1),
        MetricColumn("KnowMem forget", key: "knowmem_forget_rouge_l_f1", \.knowmemForgetRougeLF1),
        MetricColumn("KnowMem forget recall", key: "knowmem_forget_rouge_l_recall", compared: false, \.knowmemForgetRougeLRecall),
        MetricColumn("KnowMem retain", key: "knowmem_retain_rouge_l_f1", better: .higher, \.knowmemRetainRougeLF1),
        MetricColumn("KnowMem retain recall", key: "knowmem_retain_rouge_l_recall", compared: false, \.knowmemRetainRougeLRecall),
        // muse_bench's orientation: 0 = forget set memorised, a retrained model ≈ 0.5.
        MetricColumn("AUC forget vs holdout Min-40%", key: "forget_holdout_auc_min_k", compared: false, \.forgetHoldoutAUCMinK),
        MetricColumn("AUC forget vs holdout Min-40%++", key: "forget_holdout_auc_min_k_plus_plus", compared: false, \.forgetHoldoutAUCMinKPlusPlus),
        MetricColumn("AUC retain vs holdout Min-40%", key: "retain_holdout_auc_min_k", compared: false, missingReason: "no retain texts",
                     \.retainHoldoutAUCMinK),
        MetricColumn("AUC retain vs holdout Min-40%++", key: "retain_holdout_auc_min_k_plus_plus", compared: false,
                     missingReason: "no retain texts", \.retainHoldoutAUCMinKPlusPlus),
        MetricColumn("PrivLeak Min-40%", key: "privleak_min_k", missingReason: "give --oracle, or --corpus news|books", \.privleakMinK),
        MetricColumn("PrivLeak Min-40%++", key: "privleak_min_k_plus_plus", missingReason: "give --oracle", \.privleakMinKPlusPlus),
        MetricColumn("retrain AUC Min-40%", key: "reference_auc_min_k", compared: false, missingReason: "give --oracle, or --corpus news|books",
                     \.referenceAUCMinK),
        MetricColumn("retrain AUC Min-40%++", key: "reference_auc_min_k_plus_plus", compared: false, missingReason: "give --oracle",
                     \.referenceAUCMinKPlusPlus),
    ]

    private enum OtherKeys: String, CodingKey {
        case suite, privleakReference = "privleak_reference"
        case knowmemForgetInContextExamples = "knowmem_forget_in_context_examples"
        case knowmemRetainInContextExamples = "knowmem_retain_in_context_examples"
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        try MetricCoding.decode(into: &self, columns: Self.metrics, from: decoder)
        let container = try decoder.container(keyedBy: OtherKeys.self)
        suite = try container.decode(String.self, forKey: .suite)
        privleakReference = try container.decode(String.self, forKey: .privleakReference)
        knowmemForgetInContextExamples = try container.decode(Int.self, forKey: .knowmemForgetInContextExamples)
        knowmemRetainInContextExamples = try container.decode(Int.self, forKey: .knowmemRetainInContextExamples)
    }

    public func encode(to encoder: any Encoder) throws {
        try MetricCoding.encode(self, columns: Self.metrics, to: encoder)
        var container = encoder.container(keyedBy: OtherKeys.self)
        try container.encode(suite, forKey: .suite)
        try container.encode(privleakReference, forKey: .privleakReference)
        try container.encode(knowmemForgetInContextExamples, forKey: .knowmemForgetInContextExamples)
        try container.encode(knowmemRetainInContextExamples, forKey: .knowmemRetainInContextExamples)
    }
}

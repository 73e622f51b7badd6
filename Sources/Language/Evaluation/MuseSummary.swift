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

    /// The values that are not metrics.
    public static let fields: [SummaryField<MuseSuite.Summary>] = [
        SummaryField("suite", \.suite), SummaryField("privleak_reference", \.privleakReference),
        SummaryField("knowmem_forget_in_context_examples", \.knowmemForgetInContextExamples),
        SummaryField("knowmem_retain_in_context_examples", \.knowmemRetainInContextExamples),
    ]

    /// An empty record that decoding fills in.
    public static var empty: Self { Self() }
}

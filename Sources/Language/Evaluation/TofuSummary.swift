import Foundation
import Reports

extension TofuSuite {
    /// The summary `unlearn eval --json` prints and `summary.json` holds: each metric is a property and
    /// one column in `metrics`, which gives its JSON key, its table heading and its terminal line.
    public struct Summary: Sendable {
        public var forgetQuality: Double? = nil
        public var ksStatistic: Double? = nil
        public var modelUtility: Double = 0
        public var forgetTruthRatio: Double = 0
        public var forgetRougeLRecall: Double = 0
        public var retainRougeLRecall: Double = 0
        public var forgetProbability: Double = 0
        public var retainProbability: Double = 0
        public var miaMinKAUC: Double? = nil
        /// ROUGE-L recall on authors no model was trained on: the floor a perfectly forgetting model sits at.
        public var holdoutRougeLRecall: Double? = nil
        /// The harmonic mean's terms (not a column: one value per utility set and measure).
        public var utilityComponents: [String: Double] = [:]
    }
}

extension TofuSuite.Summary: SuiteSummary {
    /// The TOFU metrics, in print order; the compared ones make the comparison tables' columns.
    public static let metrics: [MetricColumn<TofuSuite.Summary>] = [
        MetricColumn("forget quality", key: "forget_quality", better: .higher, missingReason: "give --oracle", \.forgetQuality),
        MetricColumn("KS statistic", key: "ks_statistic", compared: false, missingReason: "give --oracle", \.ksStatistic),
        MetricColumn("model utility", key: "model_utility", better: .higher, \.modelUtility),
        MetricColumn("forget truth ratio", key: "forget_truth_ratio", compared: false, \.forgetTruthRatio),
        // Forgetting is judged against the oracle, not by the extreme: no best value on the forget columns.
        MetricColumn("forget ROUGE-L", key: "forget_rouge_l_recall", \.forgetRougeLRecall),
        MetricColumn("retain ROUGE-L", key: "retain_rouge_l_recall", better: .higher, \.retainRougeLRecall),
        MetricColumn("holdout ROUGE-L", key: "holdout_rouge_l_recall", compared: false, missingReason: "no holdout file", \.holdoutRougeLRecall),
        MetricColumn("forget probability", key: "forget_probability", \.forgetProbability),
        MetricColumn("retain probability", key: "retain_probability", compared: false, \.retainProbability),
        MetricColumn("MIA AUC", key: "mia_min_k_auc", missingReason: "no holdout file", \.miaMinKAUC),
    ]

    /// The values that are not metrics.
    public static let fields: [SummaryField<TofuSuite.Summary>] = [SummaryField("utility_components", \.utilityComponents)]

    /// An empty record that decoding fills in.
    public static var empty: Self { Self() }
}

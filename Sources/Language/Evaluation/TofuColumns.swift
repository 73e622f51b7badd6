import Reports

/// The TOFU metrics' columns, in table order (keys as in `summary.json`; `SuiteSummary`).
extension TofuSuite.Summary {
    public static let columns: [MetricColumn<TofuSuite.Summary>] = [
        MetricColumn("forget quality", key: "forget_quality", better: .higher) { $0.forgetQuality },
        MetricColumn("model utility", key: "model_utility", better: .higher) { $0.modelUtility },
        // Forgetting is judged against the oracle, not by the extreme: no best value on the forget columns.
        MetricColumn("forget ROUGE-L", key: "forget_rouge_l_recall") { $0.forgetRougeLRecall },
        MetricColumn("retain ROUGE-L", key: "retain_rouge_l_recall", better: .higher) { $0.retainRougeLRecall },
        MetricColumn("forget probability", key: "forget_probability") { $0.forgetProbability },
        MetricColumn("MIA AUC", key: "mia_min_k_auc") { $0.miaMinKAUC },
    ]
}

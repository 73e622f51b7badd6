import Reports

/// What every evaluation suite's summary (TOFU, MUSE, multiple choice) shares: it is written as
/// `summary.json` and declares its metrics' columns once, for tables, reports and comparisons.
public protocol SuiteSummary: Codable, Sendable {
    /// The suite's metric columns, in table order; each column's key is a key of the summary's JSON.
    static var columns: [MetricColumn<Self>] { get }
}

extension TofuSuite.Summary: SuiteSummary {}

extension MuseSuite.Summary: SuiteSummary {
    public static let columns: [MetricColumn<MuseSuite.Summary>] = [
        MetricColumn("VerbMem forget", key: "verbmem_forget_rouge_l_f1") { $0.verbmemForgetRougeLF1 },
        MetricColumn("KnowMem forget", key: "knowmem_forget_rouge_l_f1") { $0.knowmemForgetRougeLF1 },
        MetricColumn("KnowMem retain", key: "knowmem_retain_rouge_l_f1", better: .higher) { $0.knowmemRetainRougeLF1 },
        MetricColumn("PrivLeak Min-40%", key: "privleak_min_k") { $0.privleakMinK },
        MetricColumn("PrivLeak Min-40%++", key: "privleak_min_k_plus_plus") { $0.privleakMinKPlusPlus },
    ]
}

extension MultipleChoiceSuite.Summary: SuiteSummary {
    public static let columns: [MetricColumn<MultipleChoiceSuite.Summary>] = [
        MetricColumn("accuracy", key: "accuracy") { $0.accuracy },
        MetricColumn("length-normalised accuracy", key: "normalized_accuracy") { $0.normalizedAccuracy },
        MetricColumn("chance", key: "chance_accuracy") { $0.chanceAccuracy },
    ]
}

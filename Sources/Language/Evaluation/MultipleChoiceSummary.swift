import Foundation
import Reports

extension MultipleChoiceSuite {
    /// Accuracy of one file; its metrics are the suite's per-file columns.
    public struct FileSummary: Sendable {
        public var name: String = ""
        public var topic: String? = nil
        public var questions: Int = 0
        public var accuracy: Double = 0
        public var normalizedAccuracy: Double = 0
    }

    /// What `unlearn eval --suite mcq --json` prints; accuracies over all questions (lm-eval's size-weighted
    /// group mean). Each metric is a property and one column in `metrics`.
    public struct Summary: Sendable {
        public var suite = "mcq"
        public var scoring: MultipleChoicePrompt.Scoring = .letter
        public var questions: Int = 0
        public var accuracy: Double = 0
        public var normalizedAccuracy: Double = 0
        /// Mean of 1/(number of choices): what guessing scores (0.25 on WMDP).
        public var chanceAccuracy: Double = 0
        public var files: [FileSummary] = []

        /// All questions as one more file row ("all"), for tables that list the files.
        public var overall: FileSummary {
            FileSummary(name: "all", questions: questions, accuracy: accuracy, normalizedAccuracy: normalizedAccuracy)
        }
    }
}

extension MultipleChoiceSuite.FileSummary: MetricRecord {
    /// The per-file metrics: accuracy and its length-normalised variant (no better direction: unlearning
    /// aims at chance on WMDP and at the original on MMLU).
    public static let metrics: [MetricColumn<MultipleChoiceSuite.FileSummary>] = [
        MetricColumn("accuracy", key: "accuracy", \.accuracy),
        MetricColumn("length-normalised accuracy", key: "normalized_accuracy", \.normalizedAccuracy),
    ]

    /// The values that are not metrics.
    public static let fields: [SummaryField<MultipleChoiceSuite.FileSummary>] = [
        SummaryField("name", \.name), SummaryField("topic", \.topic), SummaryField("questions", \.questions),
    ]

    /// An empty record that decoding fills in.
    public static var empty: Self { Self() }
}

extension MultipleChoiceSuite.Summary: SuiteSummary {
    /// The suite's metrics over all files (the per-file ones plus what guessing scores).
    public static let metrics: [MetricColumn<MultipleChoiceSuite.Summary>] = [
        MetricColumn("accuracy", key: "accuracy", \.accuracy),
        MetricColumn("length-normalised accuracy", key: "normalized_accuracy", \.normalizedAccuracy),
        MetricColumn("chance", key: "chance_accuracy", compared: false, \.chanceAccuracy),
    ]

    /// The values that are not metrics.
    public static let fields: [SummaryField<MultipleChoiceSuite.Summary>] = [
        SummaryField("suite", \.suite), SummaryField("scoring", \.scoring), SummaryField("questions", \.questions),
        SummaryField("files", \.files),
    ]

    /// An empty record that decoding fills in.
    public static var empty: Self { Self() }
}

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

extension MultipleChoiceSuite.FileSummary: Codable {
    /// The per-file metrics: accuracy and its length-normalised variant (no better direction: unlearning
    /// aims at chance on WMDP and at the original on MMLU).
    public static let metrics: [MetricColumn<MultipleChoiceSuite.FileSummary>] = [
        MetricColumn("accuracy", key: "accuracy", \.accuracy),
        MetricColumn("length-normalised accuracy", key: "normalized_accuracy", \.normalizedAccuracy),
    ]

    private enum OtherKeys: String, CodingKey { case name, topic, questions }

    public init(from decoder: any Decoder) throws {
        self.init()
        try MetricCoding.decode(into: &self, columns: Self.metrics, from: decoder)
        let container = try decoder.container(keyedBy: OtherKeys.self)
        name = try container.decode(String.self, forKey: .name)
        topic = try container.decodeIfPresent(String.self, forKey: .topic)
        questions = try container.decode(Int.self, forKey: .questions)
    }

    public func encode(to encoder: any Encoder) throws {
        try MetricCoding.encode(self, columns: Self.metrics, to: encoder)
        var container = encoder.container(keyedBy: OtherKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(topic, forKey: .topic)
        try container.encode(questions, forKey: .questions)
    }
}

extension MultipleChoiceSuite.Summary: SuiteSummary {
    /// The suite's metrics over all files (the per-file ones plus what guessing scores).
    public static let metrics: [MetricColumn<MultipleChoiceSuite.Summary>] = [
        MetricColumn("accuracy", key: "accuracy", \.accuracy),
        MetricColumn("length-normalised accuracy", key: "normalized_accuracy", \.normalizedAccuracy),
        MetricColumn("chance", key: "chance_accuracy", compared: false, \.chanceAccuracy),
    ]

    private enum OtherKeys: String, CodingKey { case suite, scoring, questions, files }

    public init(from decoder: any Decoder) throws {
        self.init()
        try MetricCoding.decode(into: &self, columns: Self.metrics, from: decoder)
        let container = try decoder.container(keyedBy: OtherKeys.self)
        suite = try container.decode(String.self, forKey: .suite)
        scoring = try container.decode(MultipleChoicePrompt.Scoring.self, forKey: .scoring)
        questions = try container.decode(Int.self, forKey: .questions)
        files = try container.decode([MultipleChoiceSuite.FileSummary].self, forKey: .files)
    }

    public func encode(to encoder: any Encoder) throws {
        try MetricCoding.encode(self, columns: Self.metrics, to: encoder)
        var container = encoder.container(keyedBy: OtherKeys.self)
        try container.encode(suite, forKey: .suite)
        try container.encode(scoring, forKey: .scoring)
        try container.encode(questions, forKey: .questions)
        try container.encode(files, forKey: .files)
    }
}

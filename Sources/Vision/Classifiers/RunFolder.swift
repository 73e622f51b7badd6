import Checkpoints
import Engine
import Foundation
import Optimization
import Reports

/// What `unlearn classifier unlearn` records in `run.json` next to `model.safetensors`.
public struct UnlearningRunRecord: Codable, Equatable, Sendable {
    /// Registered method name.
    public var method: String
    /// Settings it ran with.
    public var settings: ClassifierMethodSettings
    /// What was forgotten.
    public var scenario: ForgetScenario
    /// The prepared data folder it started from.
    public var data: String
    /// Metrics right after unlearning (RTE included).
    public var metrics: UnlearningMetrics
    /// Steps, stop reason and the objective per step.
    public var outcome: UnlearningOutcome
}

/// A folder holding one classifier: a run folder (`model.safetensors` + `run.json`) or the prepared
/// `original/` folder.
public enum RunFolder {
    /// Runs `descriptor` on the testbed and writes the unlearned model and its record into `folder`.
    public static func unlearn(_ testbed: ClassifierTestbed, data: URL, descriptor: ClassifierMethod, settings: ClassifierMethodSettings,
                               scenario: ForgetScenario, to folder: URL,
                               checkpoints: RunCheckpoints = RunCheckpoints()) throws -> UnlearningRunRecord {
        let run = try testbed.run(descriptor, settings: settings, scenario: scenario, checkpoints: checkpoints)
        try TestbedFolder.createDirectory(folder)
        try ClassifierModelFile.write(run.model, to: folder.appendingPathComponent("model.safetensors"))
        let record = UnlearningRunRecord(method: descriptor.name, settings: settings, scenario: scenario, data: data.path,
                                         metrics: run.metrics, outcome: run.outcome)
        try JSONFile.write(record, to: folder.appendingPathComponent("run.json"))
        return record
    }

    /// The run record in `folder`, or nil when it has none (the original model's folder).
    public static func record(_ folder: URL) throws -> UnlearningRunRecord? {
        let url = folder.appendingPathComponent("run.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONFile.read(UnlearningRunRecord.self, from: url)
    }

    /// Loads the classifier in `folder` (built like the testbed's original) and evaluates it on `scenario`;
    /// the metrics keep the run's recorded wall time.
    public static func evaluate(_ folder: URL, testbed: ClassifierTestbed, scenario: ForgetScenario) throws -> UnlearningMetrics {
        let (model, _) = try ClassifierModelFile.read(folder.appendingPathComponent("model.safetensors"), architecture: testbed.architecture,
                                                      imageShape: testbed.dataset.imageShape, classes: testbed.dataset.classCount)
        let seconds = try record(folder)?.metrics.seconds
        return try UnlearningMetrics(model: model, dataset: testbed.dataset, split: try testbed.split(scenario), seconds: seconds)
    }
}

/// One evaluated classifier for `unlearn classifier eval`.
public struct EvaluatedClassifier: Codable, Equatable, Sendable {
    /// Folder name shown in tables.
    public var name: String
    /// The scenario it was evaluated on.
    public var scenario: ForgetScenario
    /// Metrics.
    public var metrics: UnlearningMetrics
    /// Avg. Gap to the oracle, when one was given.
    public var averageGap: Double?

    /// An evaluated classifier.
    public init(name: String, scenario: ForgetScenario, metrics: UnlearningMetrics, averageGap: Double?) {
        self.name = name
        self.scenario = scenario
        self.metrics = metrics
        self.averageGap = averageGap
    }
}

/// The table, report and JSON of `unlearn classifier eval`.
public enum EvaluationReport {
    /// Table headings.
    public static let headers = ["model", "scenario", "UA", "RA", "TA", "MIA-efficacy", "Avg. Gap", "RTE (s)"]

    /// One row per model.
    public static func rows(_ models: [EvaluatedClassifier]) -> [[String]] {
        models.map { model in
            [model.name, model.scenario.description, fixed(model.metrics.unlearningAccuracy, 1), fixed(model.metrics.retainAccuracy, 1),
             fixed(model.metrics.testAccuracy, 1), fixed(model.metrics.membershipInferenceEfficacy, 1),
             model.averageGap.map { fixed($0, 2) } ?? "–", model.metrics.seconds.map { fixed($0, 2) } ?? "–"]
        }
    }

    /// Aligned plain text for the terminal.
    public static func terminalTable(_ models: [EvaluatedClassifier]) -> String {
        let table = [headers] + rows(models)
        let widths = headers.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { cells in
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// Writes eval.json, report.md and report.html into `folder` atomically.
    public static func write(_ models: [EvaluatedClassifier], to folder: URL) throws {
        try TestbedFolder.createDirectory(folder)
        try JSONFile.write(models, to: folder.appendingPathComponent("eval.json"))
        let report = Report(title: "Classifier unlearning evaluation", sections: [
            ReportSection(title: "Results", blocks: [
                .table(ReportTable(caption: "Percent; Avg. Gap = mean |metric − oracle| over UA, RA, TA, MIA",
                                   headers: headers, rows: rows(models), highlightBest: [nil, nil, nil, nil, nil, nil, .lower, nil])),
            ]),
        ])
        try JSONFile.writeText(ReportRenderer.markdown(report), to: folder.appendingPathComponent("report.md"))
        try JSONFile.writeText(ReportRenderer.html(report), to: folder.appendingPathComponent("report.html"))
    }
}

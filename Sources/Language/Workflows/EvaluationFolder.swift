import Checkpoints
import Evaluation
import Foundation
import Optimization
import Training
import Unlearning

/// The files `unlearn eval --out DIR` writes and `unlearn compare` reads back: `summary.json`,
/// `samples.json` (per-sample results), `report.html` and `report.md`.
public enum EvaluationFolder {
    /// Writes the results of one evaluation (and its single-model report) atomically.
    public static func write(_ evaluation: ModelEvaluation, sets: [TofuSuite.SetResult], oracleTruthRatios: [Double]?, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONFile.write(evaluation.summary, to: folder.appendingPathComponent("summary.json"))
        try JSONFile.write(sets, to: folder.appendingPathComponent("samples.json"))
        let report = ComparisonReport.report(title: "Evaluation of \(evaluation.name)", subtitle: nil, models: [evaluation],
                                             oracle: oracleTruthRatios.map { ("oracle", $0) })
        try ComparisonReport.write(report, to: folder)
    }

    /// The evaluation of the model at `modelPath`; a run's model (`RUN/model` next to `RUN/run.json`)
    /// brings its loss curve and wall time, so its report shows the training curve too.
    public static func evaluation(modelPath: String, summary: TofuSuite.Summary, sets: [TofuSuite.SetResult]) throws -> ModelEvaluation {
        let model = URL(fileURLWithPath: modelPath)
        let run = try runRecord(in: model.deletingLastPathComponent())
        let name = run == nil ? model.lastPathComponent : model.deletingLastPathComponent().lastPathComponent
        return ModelEvaluation(name: name, summary: summary, sets: sets, losses: run?.summary.losses ?? [],
                               unlearningSeconds: run?.summary.elapsedSeconds, probes: run?.monitoring?.evaluations ?? [])
    }

    /// The record of the unlearning run in `folder`'s `run.json`, if any (a fine-tuning run's
    /// record, e.g. the benchmark target's, is not an unlearning run and is ignored).
    static func runRecord(in folder: URL) throws -> UnlearningJob.Record? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("run.json").path) else { return nil }
        return try? JSONDecoder().decode(UnlearningJob.Record.self, from: data)
    }

    /// Reads a run folder (with `run.json` and an `eval/` folder) or an evaluation folder itself.
    public static func read(_ folder: URL) throws -> ModelEvaluation {
        let manager = FileManager.default
        let evaluation = manager.fileExists(atPath: folder.appendingPathComponent("eval/summary.json").path)
            ? folder.appendingPathComponent("eval") : folder
        func decode<Value: Decodable>(_ type: Value.Type, _ name: String) throws -> Value {
            let url = evaluation.appendingPathComponent(name)
            guard let data = manager.contents(atPath: url.path) else {
                throw TrainingError("\(url.path): missing (run `unlearn eval --out \(evaluation.path)` first)")
            }
            do { return try JSONDecoder().decode(type, from: data) } catch {
                throw TrainingError("\(url.path): not a valid \(name) (\(error))")
            }
        }
        let summary = try decode(TofuSuite.Summary.self, "summary.json")
        let sets = try decode([TofuSuite.SetResult].self, "samples.json")
        let run = try runRecord(in: folder)
        return ModelEvaluation(name: folder.lastPathComponent, summary: summary, sets: sets, losses: run?.summary.losses ?? [],
                               unlearningSeconds: run?.summary.elapsedSeconds, probes: run?.monitoring?.evaluations ?? [])
    }
}

import Evaluation
import Foundation
import Optimization
import Testing
@testable import Engine
@testable import Models
import NN
@testable import Training
@testable import Unlearning

/// Evaluation during an unlearning run on the tiny Llama of `UnlearnerTests`: probes on schedule, a
/// threshold that ends the run, the retain guard, `--select best`, and a resume that decides and exports
/// exactly what the uninterrupted run does.
@Suite final class RunMonitorTests {
    private var scratch: [URL] = []
    deinit { for url in scratch { try? FileManager.default.removeItem(at: url) } }

    private func directory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-monitor-\(UUID().uuidString)")
        scratch.append(url)
        return url
    }

    static var probes: TrainingProbes { TrainingProbes(forgetTexts: UnlearnerTests.data.forget, retainTexts: UnlearnerTests.data.retain) }

    /// A gradient-ascent run (no retain term) with a monitor; returns the run's summary, monitor and model.
    private func run(every: Int, criterion: String?, maximumRetainDrop: Double? = nil, selectBest: Bool = false, steps: Int = 12,
                     folder: URL? = nil, resume: Bool = false, interruptAfterStep: Int? = nil)
        throws -> (summary: TrainingSummary?, monitor: RunMonitor, model: CausalLanguageModel) {
        let model = UnlearnerTests.targetModel()
        let settings = try MethodRegistry.settings(for: "ga", model: model.configuration)
        var configuration = UnlearnerTests.settings(steps: steps, rate: 2e-3)
        configuration.checkpointInterval = 2
        let parameters = ParameterSet(model.namedParameters())
        let folder = folder ?? directory()
        let unlearner = try Unlearner(model: model, objective: try MethodRegistry.objective(for: settings, model: model.configuration),
                                      settings: settings, data: UnlearnerTests.data, padId: 0, configuration: configuration,
                                      directory: folder, parameters: parameters)
        let baseline = try Self.probes.measure(model)
        let rule = try criterion.map {
            try StoppingRule(criterion: StoppingRule.Criterion(parsing: $0), target: nil, baseline: baseline, maximumRetainDrop: maximumRetainDrop)
        }
        let monitor = try RunMonitor(probes: Self.probes, rule: rule, every: every, selectBest: selectBest, model: model,
                                     parameters: parameters, directory: folder)
        try monitor.start(baseline: baseline)
        unlearner.monitor = monitor
        let summary = try unlearner.run(resume: resume, interruptAfterStep: interruptAfterStep)
        return (summary, monitor, model)
    }

    @Test func probesAreMeasuredBeforeTheFirstStepEveryNStepsAndAtTheEnd() throws {
        let (summary, monitor, model) = try run(every: 5, criterion: nil)
        #expect(summary?.steps == 12 && summary?.stopReason == nil)
        #expect(monitor.history.evaluations.map(\.step) == [0, 5, 10, 12])
        let values = monitor.history.evaluations.map(\.values)
        #expect(values.last == (try Self.probes.measure(model)), "the last evaluation measures the final weights")
        #expect(values.last!.forgetProbability < values.first!.forgetProbability, "gradient ascent lowers the forget probability")
        #expect(values.allSatisfy { $0.retainLoss != nil && $0.forgetRouge == nil })
    }

    @Test func aReachedThresholdEndsTheRunAtThatEvaluation() throws {
        let full = try run(every: 1, criterion: nil)
        let start = full.monitor.history.evaluations[0].values.forgetProbability
        let bound = start * 0.8
        // The first evaluated step at or below the bound, as the uninterrupted curve shows it.
        let expected = try #require(full.monitor.history.evaluations.first { $0.values.forgetProbability <= bound }?.step)
        #expect(expected > 1 && expected < 12, "the bound must be reached mid-run for this test to mean something")
        let stopped = try run(every: 1, criterion: "forget-probability<=\(bound)")
        #expect(stopped.summary?.steps == expected)
        #expect(stopped.summary?.stopReason?.hasPrefix("reached forget-probability") == true, "\(stopped.summary?.stopReason ?? "nil")")
        #expect(try Self.probes.measure(stopped.model).forgetProbability <= bound)
    }

    @Test func theRetainGuardStopsARunThatDamagesRetainedKnowledge() throws {
        let stopped = try run(every: 2, criterion: "forget-probability<=0", maximumRetainDrop: 0.01)
        let reason = try #require(stopped.summary?.stopReason)
        #expect(reason.hasPrefix("retain guard"), "\(reason)")
        let last = try #require(stopped.monitor.history.evaluations.last)
        #expect(last.values.retainProbability! < stopped.monitor.history.evaluations[0].values.retainProbability! * 0.99)
        #expect((stopped.summary?.steps ?? 12) < 12)
    }

    @Test func selectBestExportsTheClosestEvaluatedStepThatKeptTheRetainGuard() throws {
        // Ascent lowers the forget probability at every evaluation, so without the guard the last step is
        // the closest to "<= 0"; a guard that trips mid-run makes an earlier step the best one.
        let full = try run(every: 2, criterion: nil)
        let retain = full.monitor.history.evaluations.map { $0.values.retainProbability! }
        let drop = (retain[0] - retain[3]) / retain[0]
        #expect(drop > 0, "the retain probability must fall for this test to mean something")
        let guarded = try run(every: 2, criterion: "forget-probability<=0", maximumRetainDrop: drop * 0.99, selectBest: true)
        #expect(guarded.summary?.steps == 6, "the guard trips at the third evaluation (step 6)")
        #expect(guarded.monitor.history.bestStep == 4)
        #expect(try guarded.monitor.finish() == 4)
        #expect(try Self.probes.measure(guarded.model) == full.monitor.history.evaluations[2].values, "the exported weights are step 4's")
    }

    @Test func aResumedMonitoredRunRecordsDecidesAndExportsWhatAnUninterruptedOneDoes() throws {
        let reference = try run(every: 3, criterion: "forget-probability<=0", maximumRetainDrop: 0.5, selectBest: true)
        let referenceExport = try reference.monitor.finish()
        let folder = directory()
        let first = try run(every: 3, criterion: "forget-probability<=0", maximumRetainDrop: 0.5, selectBest: true, folder: folder,
                            interruptAfterStep: 7)
        #expect(first.summary == nil)
        let resumed = try run(every: 3, criterion: "forget-probability<=0", maximumRetainDrop: 0.5, selectBest: true, folder: folder, resume: true)
        #expect(resumed.summary?.resumedFromStep == 6)
        #expect(resumed.monitor.history == reference.monitor.history)
        #expect(try resumed.monitor.finish() == referenceExport)
        for ((name, expected), (_, actual)) in zip(reference.model.namedParameters(), resumed.model.namedParameters()) {
            #expect(actual.value.scalars == expected.value.scalars, "\(name) differs after resume")
        }
    }
}

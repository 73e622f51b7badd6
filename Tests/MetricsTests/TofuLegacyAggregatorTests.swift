import Foundation
import Testing
@testable import Metrics

@Suite struct TofuLegacyAggregatorTests {
    /// The compact fixture (four fields of the real legacy TOFU logs, 10 significant digits).
    private struct CompactFixture: Decodable {
        let legacy_aggregation_on_this_fixture: [String: [String: Double]]
    }

    private static let compactURL = Fixtures.url("tofu_legacy_compact.json")

    /// Splits the compact fixture into one parsed log per model.
    private static let logs: [String: TofuLegacyLog] = {
        do {
            let data = try Data(contentsOf: compactURL)
            guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let models = root["logs"] as? [String: Any] else {
                fatalError("cannot load the compact TOFU fixture: no \"logs\" object")
            }
            return try models.mapValues { try TofuLegacyLog.parse($0, file: compactURL.lastPathComponent) }
        } catch {
            fatalError("cannot load the compact TOFU fixture: \(error)")
        }
    }()

    private func log(_ model: String) throws -> TofuLegacyLog {
        try #require(Self.logs[model], "model \(model) missing from fixture")
    }

    /// Golden anchors (golden/README.md, reference §4.1): model utility of the fine-tuned
    /// ("full") models and their forget quality against the retain90 models.
    @Test func goldenLlama2Numbers() throws {
        let report = try TofuLegacyAggregator.aggregate(log: log("llama2-7b_full"), retainLog: log("llama2-7b_retain90"))
        assertSignificant(report.modelUtility, 0.6227, digits: 4, "Llama-2 MU")
        assertSignificant(try #require(report.forgetQuality), 1.83e-21, digits: 3, "Llama-2 FQ")
        assertSignificant(try #require(report.ksStatistic), 0.397, digits: 3, "Llama-2 KS")
        assertSignificant(report.forgetTruthRatio, 0.516, digits: 3)
        // The nine components from the reference table (4 decimals).
        let expected: [String: Double] = [
            "Prob. Retain": 0.9895, "ROUGE Retain": 0.9857, "Truth Ratio Retain": 0.4747,
            "Prob. Real Authors": 0.4555, "ROUGE Real Authors": 0.9330, "Truth Ratio Real Authors": 0.5962,
            "Prob. Real World": 0.4186, "ROUGE Real World": 0.8825, "Truth Ratio Real World": 0.5390,
        ]
        assertComponents(report, expected)
    }

    @Test func goldenPhiNumbers() throws {
        let report = try TofuLegacyAggregator.aggregate(log: log("phi_full"), retainLog: log("phi_retain90"))
        assertSignificant(report.modelUtility, 0.5221, digits: 4, "Phi MU")
        assertSignificant(try #require(report.forgetQuality), 2.19e-16, digits: 3, "Phi FQ")
        assertSignificant(try #require(report.ksStatistic), 0.347, digits: 3, "Phi KS")
        assertSignificant(report.forgetTruthRatio, 0.483, digits: 3)
        let expected: [String: Double] = [
            "Prob. Retain": 0.9261, "ROUGE Retain": 0.9293, "Truth Ratio Retain": 0.4827,
            "Prob. Real Authors": 0.3774, "ROUGE Real Authors": 0.4157, "Truth Ratio Real Authors": 0.4560,
            "Prob. Real World": 0.4090, "ROUGE Real World": 0.7774, "Truth Ratio Real World": 0.4923,
        ]
        assertComponents(report, expected)
    }

    @Test func retainModelsAgainstThemselves() throws {
        for (model, utility, forgetRatio) in [("llama2-7b_retain90", 0.6137, 0.674), ("phi_retain90", 0.5320, 0.629)] {
            let report = try TofuLegacyAggregator.aggregate(log: log(model), retainLog: log(model))
            assertSignificant(report.modelUtility, utility, digits: 4, model)
            assertSignificant(report.forgetTruthRatio, forgetRatio, digits: 3, model)
            #expect(report.forgetQuality == 1, "FQ of the retain model against itself is 1 by definition")
            #expect(report.ksStatistic == 0)
        }
    }

    /// Beyond the rounded anchors: every number the Python re-implementation of
    /// aggregate_eval_stat.py computes on the same fixture, to 1e-9 (1e-6 for p-values).
    @Test func matchesPythonLegacyAggregationToFullPrecision() throws {
        let fixture = try Fixtures.decode(CompactFixture.self, from: "tofu_legacy_compact.json")
        let retainOf = ["llama2-7b_full": "llama2-7b_retain90", "phi_full": "phi_retain90"]
        for (model, expected) in fixture.legacy_aggregation_on_this_fixture {
            let report = try TofuLegacyAggregator.aggregate(log: log(model), retainLog: try retainOf[model].map { try log($0) })
            for component in report.utilityComponents {
                assertClose(component.value, try #require(expected[component.name]), relative: 1e-9, "\(model) \(component.name)")
            }
            assertClose(report.forget.probability, try #require(expected["Prob. Forget"]), relative: 1e-9)
            assertClose(report.forget.rougeLRecall, try #require(expected["ROUGE Forget"]), relative: 1e-9)
            assertClose(report.forgetTruthRatio, try #require(expected["Truth Ratio Forget"]), relative: 1e-9)
            assertClose(report.modelUtility, try #require(expected["Model Utility"]), relative: 1e-9)
            if let quality = expected["Forget Quality"] {
                assertClose(try #require(report.forgetQuality), quality, relative: 1e-6, "\(model) FQ")
                assertClose(try #require(report.ksStatistic), try #require(expected["KS Test Forget"]), relative: 1e-12)
            } else {
                #expect(report.forgetQuality == nil)
            }
        }
    }

    /// The original golden logs next to the repository, when present (developer machines, not CI).
    private static var goldenLogsDirectory: URL? {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            repository.deletingLastPathComponent().appendingPathComponent("shared/golden/tofu_legacy_logs"),
            repository.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/golden/tofu_legacy_logs"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("llama2-7b_full_wd0.01.json").path) }
    }

    /// When the original golden logs are present, aggregate them directly in their legacy index-keyed form.
    /// (Swift Testing cannot skip from inside a test: the condition is a trait, and the skip keeps its reason.)
    @Test(.enabled(if: goldenLogsDirectory != nil, "golden TOFU logs not available (expected at ../shared/golden/tofu_legacy_logs)"))
    func originalGoldenLogsWhenAvailable() throws {
        let directory = try #require(Self.goldenLogsDirectory)
        let report = try TofuLegacyAggregator.aggregate(
            logAt: directory.appendingPathComponent("llama2-7b_full_wd0.01.json"),
            retainLogAt: directory.appendingPathComponent("llama2-7b_retain90_wd0.01.json")
        )
        assertSignificant(report.modelUtility, 0.6227, digits: 4)
        assertSignificant(try #require(report.forgetQuality), 1.83e-21, digits: 3)
    }

    // MARK: - Input handling and errors

    /// A tiny legacy-format log (index-keyed objects, unordered keys, integer-valued numbers).
    private static func miniatureLog(dropping key: String? = nil, in section: String? = nil) -> [String: Any] {
        func split(_ shift: Double) -> [String: Any] {
            [
                "avg_gt_loss": ["1": 0.5 + shift, "0": 0.25 + shift, "10": 1 + shift],
                "avg_paraphrased_loss": ["0": 1.0, "1": 2.0, "10": 1.5],
                "average_perturb_loss": ["0": [2.0, 2.5], "1": [1.0, 1.5], "10": [1.5, 1.5]],
                "rougeL_recall": ["0": 1, "1": 0.5, "10": 0.25],
                "generated_text": ["0": ["q", "a", "gt"]],
            ]
        }
        var log: [String: Any] = [:]
        for (index, section) in TofuLegacyLog.Section.allCases.enumerated() {
            log[section.rawValue] = split(Double(index) / 10)
        }
        if let key, let section, var content = log[section] as? [String: Any] {
            content[key] = nil
            log[section] = content
        }
        return log
    }

    @Test func parsesLegacyIndexKeyedLogsInNumericOrder() throws {
        let log = try TofuLegacyLog.parse(Self.miniatureLog(), file: "mini.json")
        #expect(log.retain.sampleIndices == ["0", "1", "10"])
        #expect(log.retain.answerLosses == [0.25, 0.5, 1])
        #expect(log.retain.perturbedLosses == [[2.0, 2.5], [1.0, 1.5], [1.5, 1.5]])
        #expect(log.retain.rougeLRecalls == [1, 0.5, 0.25])
        // Legacy truth ratios exp(mean L_pert − L_para): e^1.25, e^-0.75, e^0.
        let ratios = try log.retain.truthRatios()
        #expect(abs(ratios[0] - exp(1.25)) <= 1e-12)
        #expect(abs(ratios[1] - exp(-0.75)) <= 1e-12)
        #expect(abs(ratios[2] - 1) <= 1e-12)
        let report = try TofuLegacyAggregator.aggregate(log: log)
        #expect(report.forgetQuality == nil)
        // Retain truth ratio: mean(max(0, 1 − 1/r)) = (1 − e^-1.25 + 0 + 0)/3.
        #expect(abs(report.retain.truthRatio - (1 - exp(-1.25)) / 3) <= 1e-12)
        // Forget truth ratio: mean(min(r, 1/r)) = (e^-1.25 + e^-0.75 + 1)/3.
        #expect(abs(report.forgetTruthRatio - (exp(-1.25) + exp(-0.75) + 1) / 3) <= 1e-12)
        #expect(report.utilityComponents.count == 9)
    }

    @Test func missingSectionNamesFileAndKey() throws {
        var broken = Self.miniatureLog()
        broken["eval_log_forget.json"] = nil
        if let error = #expect(throws: (any Error).self, performing: { try TofuLegacyLog.parse(broken, file: "run/eval_log_aggregated.json") }) {
            #expect(error as? MetricsError == .missingKey(file: "run/eval_log_aggregated.json", keyPath: ["eval_log_forget.json"]))
            #expect("\(error)".contains("run/eval_log_aggregated.json"))
            #expect("\(error)".contains("eval_log_forget.json"))
        }
    }

    @Test func missingMetricNamesSectionAndKey() throws {
        let broken = Self.miniatureLog(dropping: "avg_paraphrased_loss", in: "eval_real_world_wo_options.json")
        if let error = #expect(throws: (any Error).self, performing: { try TofuLegacyLog.parse(broken, file: "x.json") }) {
            #expect(error as? MetricsError == .missingKey(file: "x.json", keyPath: ["eval_real_world_wo_options.json", "avg_paraphrased_loss"]))
            #expect("\(error)" == "x.json: missing key 'eval_real_world_wo_options.json' → 'avg_paraphrased_loss'")
        }
    }

    @Test func malformedValuesAreReported() throws {
        var broken = Self.miniatureLog()
        var retain = try #require(broken["eval_log.json"] as? [String: Any])
        retain["rougeL_recall"] = ["0": 1, "1": "high", "10": 0.25]
        broken["eval_log.json"] = retain
        if let error = #expect(throws: (any Error).self, performing: { try TofuLegacyLog.parse(broken, file: "x.json") }) {
            #expect(error as? MetricsError == .malformedValue(file: "x.json", keyPath: ["eval_log.json", "rougeL_recall", "1"], reason: "expected a number"))
        }
        retain["rougeL_recall"] = ["0": 1, "1": 0.5]  // sample 10 missing
        broken["eval_log.json"] = retain
        if let error = #expect(throws: (any Error).self, performing: { try TofuLegacyLog.parse(broken, file: "x.json") }) {
            if case .malformedValue(_, let path, _) = error as? MetricsError {
                #expect(path == ["eval_log.json", "rougeL_recall"])
            } else {
                Issue.record("\(error)")
            }
        }
        #expect(throws: (any Error).self) { try TofuLegacyLog.parse([1, 2], file: "x.json") }
    }

    @Test func unreadableFiles() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/eval_log_aggregated.json")
        if let error = #expect(throws: (any Error).self, performing: { try TofuLegacyAggregator.aggregate(logAt: missing) }) {
            if case .unreadableFile(let file, _) = error as? MetricsError {
                #expect(file == missing.path)
            } else {
                Issue.record("\(error)")
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let garbage = directory.appendingPathComponent("eval_log_aggregated.json")
        try Data("{not json".utf8).write(to: garbage)
        if let error = #expect(throws: (any Error).self, performing: { try TofuLegacyAggregator.aggregate(logAt: garbage) }) {
            #expect(error as? MetricsError == .unreadableFile(file: garbage.path, reason: "invalid JSON"))
        }
    }

    /// The per-set directory layout (eval_log.json, eval_log_forget.json, … side by side).
    @Test func loadsPerSetDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = Self.miniatureLog()
        for (section, content) in log {
            try JSONSerialization.data(withJSONObject: content).write(to: directory.appendingPathComponent(section))
        }
        let fromDirectory = try TofuLegacyAggregator.aggregate(logAt: directory, retainLogAt: directory)
        let fromObject = try TofuLegacyAggregator.aggregate(log: TofuLegacyLog.parse(log, file: "mini"))
        #expect(abs(fromDirectory.modelUtility - fromObject.modelUtility) <= 1e-15)
        #expect(fromDirectory.forgetQuality == 1)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("eval_log.json"))
        if let error = #expect(throws: (any Error).self, performing: { try TofuLegacyAggregator.aggregate(logAt: directory) }) {
            if case .unreadableFile(let file, _) = error as? MetricsError {
                #expect(file.hasSuffix("eval_log.json"))
            } else {
                Issue.record("\(error)")
            }
        }
    }

    private func assertComponents(_ report: TofuLegacyReport, _ expected: [String: Double],
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.utilityComponents.count == 9, sourceLocation: sourceLocation)
        for component in report.utilityComponents {
            guard let value = expected[component.name] else {
                Issue.record("unexpected component \(component.name)", sourceLocation: sourceLocation)
                continue
            }
            #expect(abs(component.value - value) <= 0.00005, "\(component.name)", sourceLocation: sourceLocation)
        }
    }
}

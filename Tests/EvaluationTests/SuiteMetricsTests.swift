import Foundation
@testable import Evaluation
import Reports
import Testing

/// A suite's metric columns are the one declaration of its metrics: the JSON keys of `summary.json`, the
/// terminal lines and the comparison tables all come from them.
@Suite struct SuiteMetricsTests {
    static let summary = TofuSuite.Summary(
        forgetQuality: 0.0123, ksStatistic: 0.5, modelUtility: 0.77, forgetTruthRatio: 0.6, forgetRougeLRecall: 0.336,
        retainRougeLRecall: 1, forgetProbability: 0.401, retainProbability: 0.99, miaMinKAUC: nil, holdoutRougeLRecall: 0.2,
        utilityComponents: ["retain probability": 0.99])

    static func jsonObject<Value: Encodable>(_ value: Value) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
    }

    @Test func theJSONHoldsEveryMetricUnderItsColumnsKeyAndNothingElseButTheNonMetrics() throws {
        let object = try Self.jsonObject(Self.summary)
        for column in TofuSuite.Summary.metrics {
            if let value = column.value(Self.summary) {
                #expect(object[column.key] as? Double == value, "\(column.heading): key \(column.key)")
            } else {
                #expect(object[column.key] == nil, "\(column.heading): absent value, absent key \(column.key)")
            }
        }
        let metricKeys = Set(TofuSuite.Summary.metrics.map(\.key))
        #expect(Set(object.keys).subtracting(metricKeys) == ["utility_components"])
    }

    @Test func summariesDecodeBackFromTheirJSON() throws {
        let decoded = try JSONDecoder().decode(TofuSuite.Summary.self, from: JSONEncoder().encode(Self.summary))
        #expect(TofuSuite.Summary.metrics.map { $0.value(decoded) } == TofuSuite.Summary.metrics.map { $0.value(Self.summary) })
        #expect(decoded.utilityComponents == Self.summary.utilityComponents)

        var muse = MuseSuite.Summary()
        muse.knowmemRetainRougeLF1 = 0.25
        muse.privleakMinK = -12.5
        muse.knowmemForgetInContextExamples = 3
        let museBack = try JSONDecoder().decode(MuseSuite.Summary.self, from: JSONEncoder().encode(muse))
        #expect(MuseSuite.Summary.metrics.map { $0.value(museBack) } == MuseSuite.Summary.metrics.map { $0.value(muse) })
        #expect(museBack.knowmemForgetInContextExamples == 3)

        var choices = MultipleChoiceSuite.Summary()
        choices.accuracy = 0.5
        choices.files = [MultipleChoiceSuite.FileSummary(name: "wmdp-bio", questions: 4, accuracy: 0.5, normalizedAccuracy: 0.25)]
        let choicesBack = try JSONDecoder().decode(MultipleChoiceSuite.Summary.self, from: JSONEncoder().encode(choices))
        #expect(choicesBack.accuracy == 0.5 && choicesBack.files.first?.normalizedAccuracy == 0.25 && choicesBack.files.first?.name == "wmdp-bio")
    }

    @Test func aSummaryWithoutARequiredMetricIsRefusedNamingItsKey() throws {
        var object = try Self.jsonObject(Self.summary)
        object["model_utility"] = nil
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect { try JSONDecoder().decode(TofuSuite.Summary.self, from: data) } throws: { error in
            String(describing: error).contains("model_utility")
        }
    }

    @Test func theComparedColumnsAreTheTablesColumns() {
        #expect(TofuSuite.Summary.columns.map(\.heading) == ["forget quality", "model utility", "forget ROUGE-L", "retain ROUGE-L",
                                                             "forget probability", "MIA AUC"])
        #expect(MuseSuite.Summary.columns.map(\.key) == ["verbmem_forget_rouge_l_f1", "knowmem_forget_rouge_l_f1", "knowmem_retain_rouge_l_f1",
                                                         "privleak_min_k", "privleak_min_k_plus_plus"])
        #expect(MultipleChoiceSuite.Summary.columns.map(\.key) == ["accuracy", "normalized_accuracy"])
    }

    @Test func cellsFormatValuesAndShowMissingOnesAsDashes() {
        let cells = TofuSuite.Summary.columns.map { $0.cell(Self.summary) }
        #expect(cells == ["0.0123", "0.77", "0.336", "1", "0.401", "–"])
    }

    @Test func terminalLinesListEveryMetricAlignedWithTheReasonForMissingOnes() {
        let lines = Self.summary.terminalLines
        #expect(lines.count == TofuSuite.Summary.metrics.count)
        #expect(lines.first == "forget quality      0.0123")
        #expect(lines.last == "MIA AUC             n/a (no holdout file)")
    }
}

import Foundation
@testable import Evaluation
import Reports
import Testing

/// The TOFU columns are the one declaration of the metrics' tables: each names a key of `summary.json`
/// holding the value it prints.
@Suite struct TofuColumnsTests {
    static let summary = TofuSuite.Summary(
        forgetQuality: 0.0123, ksStatistic: 0.5, modelUtility: 0.77, forgetTruthRatio: 0.6, forgetRougeLRecall: 0.336,
        retainRougeLRecall: 1, forgetProbability: 0.401, retainProbability: 0.99, miaMinKAUC: nil, holdoutRougeLRecall: 0.2,
        utilityComponents: [:])

    @Test func everyColumnReadsTheValueItsJSONKeyHolds() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.summary)) as? [String: Any])
        for column in TofuSuite.Summary.columns {
            let value = column.value(Self.summary)
            if let value {
                #expect(object[column.key] as? Double == value, "\(column.heading): key \(column.key)")
            } else {
                #expect(object[column.key] == nil, "\(column.heading): absent value, absent key \(column.key)")
            }
        }
        #expect(TofuSuite.Summary.columns.map(\.heading) == ["forget quality", "model utility", "forget ROUGE-L", "retain ROUGE-L",
                                                             "forget probability", "MIA AUC"])
    }

    @Test func everySuiteDeclaresColumnsWhoseKeysItsJSONHas() {
        // The key lists of the suites' JSON (their CodingKeys) must contain every declared column's key.
        let muse = ["verbmem_forget_rouge_l_f1", "knowmem_forget_rouge_l_f1", "knowmem_retain_rouge_l_f1", "privleak_min_k", "privleak_min_k_plus_plus"]
        #expect(MuseSuite.Summary.columns.map(\.key).allSatisfy { muse.contains($0) && MuseSuite.Summary.CodingKeys(rawValue: $0) != nil })
        #expect(MultipleChoiceSuite.Summary.columns.map(\.key).allSatisfy { MultipleChoiceSuite.Summary.CodingKeys(rawValue: $0) != nil })
        #expect(TofuSuite.Summary.columns.map(\.key).allSatisfy { TofuSuite.Summary.CodingKeys(rawValue: $0) != nil })
    }

    @Test func cellsFormatValuesAndShowMissingOnesAsDashes() {
        let cells = TofuSuite.Summary.columns.map { $0.cell(Self.summary) }
        #expect(cells == ["0.0123", "0.77", "0.336", "1", "0.401", "–"])
    }
}

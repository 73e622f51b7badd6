import ArgumentParser
import Foundation
import Metrics

/// `unlearn tofu-aggregate`: re-aggregates legacy TOFU evaluation logs.
struct TofuAggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tofu-aggregate",
        abstract: "Model utility, forget quality and KS statistic from legacy TOFU eval_log_aggregated.json files.")

    @Option(help: "The model's eval_log_aggregated.json (or a folder of the four per-set logs).")
    var log: String

    @Option(help: "The retain model's log, for forget quality.")
    var retainLog: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let report = try TofuLegacyAggregator.aggregate(logAt: URL(fileURLWithPath: log), retainLogAt: retainLog.map { URL(fileURLWithPath: $0) })
        if json {
            var object: [String: Any] = ["model_utility": report.modelUtility, "forget_truth_ratio": report.forgetTruthRatio]
            object["forget_quality"] = report.forgetQuality ?? NSNull()
            object["ks_statistic"] = report.ksStatistic ?? NSNull()
            object["components"] = Dictionary(uniqueKeysWithValues: report.utilityComponents.map { ($0.name, $0.value) })
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print(String(format: "model utility        %.4f", report.modelUtility))
        print(String(format: "forget truth ratio   %.4f", report.forgetTruthRatio))
        if let quality = report.forgetQuality, let statistic = report.ksStatistic {
            print(String(format: "forget quality       %.3e  (KS statistic %.4f)", quality, statistic))
        } else {
            print("forget quality       n/a (give --retain-log)")
        }
        for component in report.utilityComponents {
            print("  " + component.name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%.4f", component.value))
        }
    }
}

import ArgumentParser
import Foundation
import Workflows

/// `unlearn compare`: several evaluated runs side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Put evaluated runs side by side: one table, one HTML page.",
        discussion: "Each folder is a run folder whose eval/ holds `unlearn eval --out` results, or such an eval folder itself.")

    @Argument(help: "Run or evaluation folders.") var folders: [String]
    @Option(help: "The oracle's run or evaluation folder: histograms draw every model's truth ratios against its.") var oracle: String?
    @Option(help: "Write report.html and report.md here.") var out: String?

    func validate() throws {
        if folders.isEmpty { throw ValidationError("give at least one folder") }
    }

    func run() throws {
        var models = try folders.map { try EvaluationFolder.read(URL(fileURLWithPath: $0)) }
        let oracleModel = try oracle.map { try EvaluationFolder.read(URL(fileURLWithPath: $0)) }
        if let oracleModel, !models.contains(where: { $0.name == oracleModel.name }) { models.append(oracleModel) }
        print(ComparisonReport.terminalTable(models))
        if let out {
            let report = ComparisonReport.report(title: "Comparison of \(models.count) models", subtitle: nil, models: models,
                                                 oracle: oracleModel.map { ($0.name, $0.forgetTruthRatios) })
            try ComparisonReport.write(report, to: URL(fileURLWithPath: out))
            print("wrote \(out)/report.html and \(out)/report.md")
        }
    }
}

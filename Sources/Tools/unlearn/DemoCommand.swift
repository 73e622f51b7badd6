import ArgumentParser
import Foundation
import Reports
import Training
import Workflows

/// `unlearn demo`: the whole story on the built-in benchmark in a few minutes.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Prepare the demo benchmark, unlearn forget10 with SimNPO and GA, evaluate against the retrained oracle, write a report.")

    @Option(help: "Working folder (the benchmark is reused if already there).") var out = "unlearn-demo"
    @Option(help: "Seed of data, models and unlearning.") var seed: UInt64 = 0
    @Flag(name: .customLong("full-budget"), help: "Run every method for its whole step budget instead of stopping it at the oracle's forget probes.")
    var fullBudget = false

    func run() throws {
        let started = Date()
        var workflow = DemoWorkflow(output: URL(fileURLWithPath: out))
        workflow.seed = seed
        workflow.stopAtOracle = !fullBudget
        let outcome = try workflow.run(log: { print($0) }, progress: NamedProgressBars().update)
        let evaluations = outcome.evaluations
        print("\n" + ComparisonReport.terminalTable(evaluations))
        print("\nattacks (forget ROUGE-L recall / true-answer probability):\n" + AuditWorkflow.terminalTable(outcome.attacks))
        var report = ComparisonReport.report(
            title: "Unlearn demo: forget10 of the built-in benchmark",
            subtitle: "target = trained on all authors; oracle = retrained without forget10; SimNPO and GA unlearn forget10 from the target",
            models: evaluations, oracle: evaluations.last.map { ($0.name, $0.forgetTruthRatios) })
        report.sections.append(AuditReport.section(outcome.attacks))
        try ComparisonReport.write(report, to: URL(fileURLWithPath: out))
        print(String(format: "\nwrote %@/report.html and %@/report.md (%.0f s in total)", out, out, Date().timeIntervalSince(started)))
    }
}

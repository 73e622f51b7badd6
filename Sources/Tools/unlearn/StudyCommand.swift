import ArgumentParser
import Foundation
import Workflows

/// `unlearn study`: methods × seeds on a prepared benchmark, with tuned learning rates, intervals and claims.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Unlearn a benchmark split with several methods × seeds; report means with 95 % intervals and the published claims' verdicts.",
        discussion: """
        Each method's learning rate is chosen on --tuning-seed from --learning-rate-factors × the rate derived for the model \
        (the highest forget quality that keeps model utility within 5 % of the target's). Every run then stops at the \
        oracle's forget probes (15 % retain guard, best step; --full-budget runs the derived budget), is evaluated with \
        the TOFU suite and attacked by relearning. Writes OUT/results.json, OUT/report.md and OUT/report.html.
        Arms are method names, or METHOD+soul for SOUL's Sophia optimizer.
        """)

    @Option(help: "A prepared benchmark folder (unlearn benchmark prepare): its data/, models/target/model and the split's oracle.")
    var benchmark: String
    @Option(help: "The forget split.") var split = "forget10"
    @Option(parsing: .upToNextOption, help: "Methods (arms).") var methods = ["ga", "npo", "simnpo", "graddiff"]
    @Option(parsing: .upToNextOption, help: "Seeds of the reported runs (at least 3 for intervals that mean something).") var seeds: [UInt64] = [1, 2, 3]
    @Option(name: .customLong("tuning-seed"), help: "The seed learning rates are chosen on.") var tuningSeed: UInt64 = 0
    @Option(name: .customLong("learning-rate-factors"), parsing: .upToNextOption, help: "Multiples of the derived learning rate tried on the tuning seed.")
    var learningRateFactors: [Float] = [0.3, 1, 3]
    @Flag(name: .customLong("full-budget"), help: "Run every run for its derived budget instead of stopping at the oracle.") var fullBudget = false
    @Flag(name: .customLong("no-relearning"), help: "Skip the relearning attack.") var noRelearning = false
    @Option(help: "Output folder.") var out: String

    func validate() throws {
        if StudyWorkflow.retainSplit(of: split) == nil { throw ValidationError("--split must be forgetNN, e.g. forget10") }
        if seeds.contains(tuningSeed) { throw ValidationError("--tuning-seed \(tuningSeed) is also a reported seed: tune on a separate one") }
        if learningRateFactors.isEmpty || learningRateFactors.contains(where: { !($0 > 0) }) { throw ValidationError("--learning-rate-factors must be positive") }
        do { _ = try methods.map(StudyArm.init(parsing:)) } catch let error as StudyError { throw ValidationError(error.description) }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: benchmark)
        var workflow = StudyWorkflow(data: folder.appendingPathComponent("data"),
                                     target: folder.appendingPathComponent("models/target/model").path,
                                     oracle: folder.appendingPathComponent("models/\(StudyWorkflow.retainSplit(of: split)!)/model").path,
                                     arms: try methods.map(StudyArm.init(parsing:)), output: URL(fileURLWithPath: out))
        workflow.split = split
        workflow.seeds = seeds
        workflow.tuningSeed = tuningSeed
        workflow.learningRateFactors = learningRateFactors
        workflow.stopAtOracle = !fullBudget
        workflow.relearning = !noRelearning
        let results = try workflow.run(log: { print($0) }, progress: NamedProgressBars().update)
        print("")
        for claim in results.claims { print("\(claim.verdict): \(claim.claim.statement) — \(claim.reason)") }
        print(String(format: "wrote %@/results.json, %@/report.md and %@/report.html (%.0f s)", out, out, out, results.wallSeconds))
    }
}

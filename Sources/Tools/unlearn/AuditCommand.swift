import Checkpoints
import ArgumentParser
import Attacks
import Foundation
import Training
import Workflows

/// Options shared by `unlearn audit` and `unlearn attack …`.
struct AttackOptions: ParsableArguments {
    @Option(parsing: .upToNextOption, help: "Unlearned model(s) to attack (HF folders or .gguf).") var model: [String]
    @Option(help: "The retrain oracle, attacked the same way as the floor.") var oracle: String?
    @Option(help: "Benchmark data folder.") var data: String
    @Option(help: "Forget split.") var split = "forget10"
    @Option(help: "qa or chat prompt layout.") var format = "qa"
    @Option(help: "Write audit.json, report.html and report.md here.") var out: String?
    @Flag(help: "Print the results as one JSON object.") var json = false
    @Option(help: "An instruction model that grades answers (the judge attack).") var judge: String?
    @Option(name: .customLong("relearn-steps"), help: "Comma-separated step counts at which relearning is measured.") var relearnSteps = "0,2,5,10,20"
    @Option(name: .customLong("relearn-learning-rate"), help: "Relearning learning rate.") var relearnLearningRate: Float = 1e-5
    @Option(name: .customLong("relearn-fraction"), help: "Share of forget rows relearned (the rest measure recovery).") var relearnFraction = 0.5
    @Option(name: .customLong("relearn-batch-size"), help: "Relearning batch size.") var relearnBatchSize = 4
    @Option(name: .customLong("noise-scale"), help: "Weight noise σ relative to each matrix's RMS.") var noiseScale: Float = 0.05
    @Option(name: .customLong("noise-copies"), help: "Noisy copies evaluated.") var noiseCopies = 5
    @Option(name: .customLong("search-questions"), help: "Forget questions attacked by suffix search.") var searchQuestions = 5
    @Option(name: .customLong("search-iterations"), help: "GCG iterations per question.") var searchIterations = 20
    @Option(name: .customLong("search-length"), help: "Suffix length in tokens.") var searchLength = 8
    @Option(name: .customLong("search-candidates"), help: "Candidate swaps per iteration.") var searchCandidates = 32
    @Option(name: .customLong("max-new-tokens"), help: "Tokens generated per answer.") var maxNewTokens = 64
    @Option(help: "Seed of every attack's randomness.") var seed: UInt64 = 0

    func validate() throws {
        if model.isEmpty { throw ValidationError("give at least one --model") }
        guard ExampleFormatter.Layout(rawValue: format) != nil else { throw ValidationError("--format must be qa or chat") }
        guard steps != nil else { throw ValidationError("--relearn-steps must be comma-separated non-negative integers") }
        guard relearnFraction > 0 && relearnFraction < 1 else { throw ValidationError("--relearn-fraction must be in (0, 1)") }
    }

    var steps: [Int]? {
        let values = relearnSteps.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
        return values.compactMap { $0 }
    }

    /// Runs `attacks` on every model and the oracle, then prints and writes the results.
    func run(attacks: Set<AttackKind>) throws {
        var audit = AttackAudit(data: URL(fileURLWithPath: data), split: split, layout: ExampleFormatter.Layout(rawValue: format)!)
        audit.attacks = attacks
        audit.relearning.checkpoints = steps!
        audit.relearning.learningRate = relearnLearningRate
        audit.relearning.fraction = relearnFraction
        audit.relearning.batchSize = relearnBatchSize
        audit.relearning.seed = seed
        audit.noiseScale = noiseScale
        audit.noiseCopies = noiseCopies
        audit.searchQuestions = searchQuestions
        audit.search.iterations = searchIterations
        audit.search.suffixLength = searchLength
        audit.search.candidates = searchCandidates
        audit.search.seed = seed
        audit.maximumNewTokens = maxNewTokens
        if attacks.contains(.judge) && judge == nil && attacks.count == 1 { throw ValidationError("the judge attack needs --judge MODEL") }
        let workflow = AuditWorkflow(audit: audit, models: model, oracle: oracle, judgePath: judge)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-audit-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let results = try workflow.run(scratch: scratch) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        if let out { try AuditWorkflow.write(results, to: URL(fileURLWithPath: out)) }
        if json {
            print(String(decoding: try JSONFile.encode(Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.result) }), pretty: false),
                         as: UTF8.self))
        } else {
            print("forget ROUGE-L recall / true-answer probability:")
            print(AuditWorkflow.terminalTable(results))
            if let out { print("wrote \(out)/audit.json, \(out)/report.html and \(out)/report.md") }
        }
    }
}

/// `unlearn audit`: every attack on unlearned models, with the oracle as the floor.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Attack unlearned models: relearning, quantization, weight noise, hard prompts, suffix search (and an LLM judge).")

    @OptionGroup var options: AttackOptions

    func run() throws { try options.run(attacks: Set(AttackKind.allCases)) }
}

/// `unlearn attack <name>`: one attack.
struct AttackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attack", abstract: "Run one attack on unlearned models.",
        subcommands: [Relearn.self, Quantize.self, Noise.self, Prompts.self, Search.self, Judge.self])

    struct Relearn: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fine-tune on part of the forget set and measure what comes back.")
        @OptionGroup var options: AttackOptions
        func run() throws { try options.run(attacks: [.relearn]) }
    }
    struct Quantize: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Round the weights to Q8_0 and Q4_0 and re-evaluate.")
        @OptionGroup var options: AttackOptions
        func run() throws { try options.run(attacks: [.quantize]) }
    }
    struct Noise: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate noisy copies of the weights.")
        @OptionGroup var options: AttackOptions
        func run() throws { try options.run(attacks: [.noise]) }
    }
    struct Prompts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Paraphrased, compound and jailbreak-wrapped forget questions.")
        @OptionGroup var options: AttackOptions
        func run() throws { try options.run(attacks: [.prompts]) }
    }
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Greedy coordinate gradient search for a suffix that recovers the answer.")
        @OptionGroup var options: AttackOptions
        func run() throws { try options.run(attacks: [.search]) }
    }
    struct Judge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grade answers with an instruction model (--judge) and compare with ROUGE-L.")
        @OptionGroup var options: AttackOptions
        func run() throws { try options.run(attacks: [.judge]) }
    }
}

import ArgumentParser
import Optimization
import Training

/// The `unlearn` command line: parsing and wiring only; all logic lives in the library layers.
@main
struct Unlearn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlearn",
        abstract: "Machine unlearning for language models on the CPU: remove, prove, attack.",
        version: "0.1.0",
        subcommands: [GenerateCommand.self, ScoreCommand.self, InspectCommand.self, ConvertCommand.self,
                      TrainCommand.self, BenchmarkCommand.self, EvalCommand.self, TofuAggregateCommand.self, BenchCommand.self, FuzzCommand.self,
                      RunCommand.self, AttributeCommand.self, DemoCommand.self, StudyCommand.self, CompareCommand.self, AuditCommand.self, AttackCommand.self,
                      ClassifierCommand.self, DiffusionCommand.self]
    )

    /// Expands `--config FILE.yaml` before parsing, so YAML keys are exactly the command-line options.
    static func main() {
        do {
            main(try ConfigurationFile.expand(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exit(withError: error)
        }
    }
}

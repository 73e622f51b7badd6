import Checkpoints
import Foundation
@testable import Fuzzing
import Optimization
import Testing

@testable import Training

/// `--config FILE.yaml` expansion: what each YAML form becomes on the command line, and clear errors
/// (naming the file) for everything else, including inputs that used to crash inside Yams.
@Suite struct ConfigurationFileTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let benchConfigurations = repository.appendingPathComponent("scripts/bench/methods")

    private func options(_ yaml: String) throws -> [String] {
        try ConfigurationFile.options(yaml: Data(yaml.utf8), source: "runs/npo.yaml")
    }

    private func expectRejection(_ yaml: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let expanded = try options(yaml)
            Issue.record("accepted as \(expanded)", sourceLocation: sourceLocation)
        } catch {
            #expect(error is ConfigurationFileError, "\(type(of: error))", sourceLocation: sourceLocation)
            #expect("\(error)".hasPrefix("runs/npo.yaml"), "error must name the file: \(error)", sourceLocation: sourceLocation)
            #expect("\(error)".contains(fragment), "'\(fragment)' missing from: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func benchmarkConfigurationsExpandToTheirOptions() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.benchConfigurations, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        #expect(files.count >= 10)
        for file in files {
            let expanded = try ConfigurationFile.expand(["run", "--config", file.path, "--seed", "2"])
            #expect(expanded.first == "run" && expanded.suffix(2) == ["--seed", "2"], "\(expanded)")
            #expect(expanded.contains("--method") && expanded.contains("--learning-rate"), "\(file.lastPathComponent): \(expanded)")
        }
        let rmu = try ConfigurationFile.expand(["--config", Self.benchConfigurations.appendingPathComponent("rmu.yaml").path])
        #expect(rmu == ["--batch-size", "8", "--epochs", "5", "--eval-every", "0", "--learning-rate", "0.01", "--max-length", "128", "--method", "rmu",
                        "--retain-weight", "10", "--schedule", "constant", "--warmup-steps", "2"])
    }

    @Test func yamlFormsBecomeCommandLineText() throws {
        #expect(try options("""
            forget: [a.json, "b c.json"]
            retain:
              - r.json
            lora_targets: [q_proj]
            resume: true
            greedy: no
            steps: 1_000
            l1: 0x10
            curvature-every: 1:30
            beta: !!float 4
            seed: !!str 0012
            trainable: '.*proj'
            """) == ["--beta", "4.0", "--curvature-every", "90", "--forget", "a.json", "b c.json", "--l1", "16", "--lora-targets", "q_proj",
                     "--resume", "--retain", "r.json", "--seed", "0012", "--steps", "1000", "--trainable", ".*proj"])
        #expect(try options("{}") == [])
        #expect(try options("# only a comment\n{}\n") == [])
    }

    @Test func inputsThatCrashedYamsLoadAreHandled() throws {
        // Yams.load force-unwraps non-scalar keys as strings.
        expectRejection("[a]: 1\n", "option names must be plain words, found a list as a key")
        expectRejection("? {a: b}\n: c\n", "option names must be plain words, found a mapping as a key")
        // Yams.load's base-60 integers overflow Int and trap; the text is now passed on unchanged for
        // the option parser to refuse.
        #expect(try options("steps: 1:00:00:00:00:00:00:00:00:00:00:00") == ["--steps", "1:00:00:00:00:00:00:00:00:00:00:00"])
        #expect(try options("steps: 9223372036854775807:00") == ["--steps", "9223372036854775807:00"])
    }

    @Test func aliasesAndDeepNestingAreRefusedBeforeComposing() throws {
        // "Billion laughs": nine lines standing for 10^9 nodes, used as a key so composing would hash them all.
        var laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            laughs += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        laughs += "? *i\n: 1\n"
        // Refused at line 1, at the first anchor, so nothing was composed (no clock: the line number is the proof).
        expectRejection(laughs, "runs/npo.yaml:1: anchors (&name) are not supported")
        expectRejection("method: *undefined\n", "runs/npo.yaml:1: aliases (*name) are not supported")
        // libyaml stops this one itself, at its own limit of 1,000 levels.
        expectRejection(String(repeating: "[", count: 100_000), "Maximum nesting level reached")
        expectRejection("a: " + String(repeating: "[", count: 17) + String(repeating: "]", count: 17), "runs/npo.yaml:1: values nest deeper than 16 levels")
    }

    @Test func badFilesNameTheFileAndTheProblem() {
        expectRejection("method: [npo\nsteps: 2", "not valid YAML")
        expectRejection("- npo\n- simnpo\n", "the top level must be a mapping of option names to values")
        expectRejection("", "the top level must be a mapping")
        expectRejection("method:\n", "'method' has no value")
        expectRejection("forget: [a.json, ~]\n", "'forget' has no value")
        expectRejection("forget: {a: b}\n", "'forget' must be a string, a number or a list of them, not a mapping")
        expectRejection("forget: [[a]]\n", "not a list of lists or mappings")
        expectRejection("date: 2002-12-14\n", "'date' must be a string, a number or a list of them (quote dates")
        expectRejection("<<: {a: 1}\n", "merge keys (<<) are not supported")
        expectRejection("config: other.yaml\n", "cannot include another (key 'config')")
        expectRejection("a: 1\na: 2\n", "not valid YAML")
        expectRejection("a: 1\n---\nb: 2\n", "not valid YAML")
        do {
            _ = try ConfigurationFile.options(yaml: Data([0x61, 0x3A, 0x20, 0xFF]), source: "runs/npo.yaml")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect("\(error)" == "runs/npo.yaml: not UTF-8 text")
        }
        #expect(throws: ConfigurationFileError.self) {
            _ = try ConfigurationFile.options(yaml: Data(count: ConfigurationFile.maximumFileSize + 1), source: "big.yaml")
        }
        #expect(throws: ConfigurationFileError.self) { _ = try ConfigurationFile.expand(["run", "--config"]) }
        #expect(throws: ConfigurationFileError.self) { _ = try ConfigurationFile.expand(["--config", "/nonexistent/run.yaml"]) }
        do {
            _ = try ConfigurationFile.expand(["--config", Self.benchConfigurations.path])
            Issue.record("expanded a folder")
        } catch {
            #expect("\(error)" == "\(Self.benchConfigurations.path): is a folder, not a configuration file")
        }
    }

    @Test func mutatedConfigurationsAreExpandedOrRejectedCleanly() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.benchConfigurations, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
        let seeds = try ConfigurationFileFuzzer.builtInSeeds + files.map { try String(contentsOf: $0, encoding: .utf8) }
        let report = ConfigurationFileFuzzer.run(seeds: seeds, iterations: 4000, seed: 7)
        #expect(report.iterations == 4000)
        #expect(report.unexpected == 0, "\(report)")
        #expect(report.accepted > 400 && report.rejected > 400, "\(report)")
        #expect(report.slowestInputSeconds < TextFormatFuzzer.slowInputSeconds, "\(report)")
        for seed in seeds {
            guard case .accepted = ConfigurationFileFuzzer.exercise(Array(seed.utf8)) else {
                Issue.record("seed not accepted:\n\(seed)")
                continue
            }
        }
    }
}

import Checkpoints

/// The loop shared by the text-format fuzzers (config.json, YAML run configs, data files): mutate a
/// random seed with `TextMutator`, hand the bytes to a parser-specific `exercise` closure, tally its
/// `FuzzOutcome` and time every input. Deterministic for a seed, so an iteration can be replayed.
public enum TextFormatFuzzer {
    /// An input slower than this counts as unexpected: parsers of files this small must never hang.
    public static let slowInputSeconds = 2.0

    /// Runs `iterations` mutated inputs through `exercise`; seeds themselves are never fed unmutated.
    /// With a `treeMutator` (JSON formats), half the inputs are structure-aware edits that stay valid JSON.
    public static func run(
        target: String, seeds: [[UInt8]], dictionary: [String], treeMutator: JSONTreeMutator? = nil, iterations: Int, seed: UInt64,
        progressInterval: Int = 0, progress: ((ParserFuzzReport) -> Void)? = nil,
        exercise: ([UInt8]) -> FuzzOutcome
    ) -> ParserFuzzReport {
        var report = ParserFuzzReport(target: target)
        guard !seeds.isEmpty else { return report }
        let mutator = TextMutator(seeds: seeds, dictionary: dictionary)
        var random = FuzzRandom(seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        for iteration in 0..<max(iterations, 0) {
            let chosen = seeds[random.below(seeds.count)]
            var input: [UInt8]
            if let treeMutator, random.chance(1, in: 2), let edited = treeMutator.mutate(chosen, random: &random) {
                input = edited
                // Sometimes a second edit on top, as byte damage, to reach errors deeper in valid-looking files.
                if random.chance(1, in: 4) { input = mutator.mutate(input, random: &random) }
            } else {
                input = mutator.mutate(chosen, random: &random)
            }
            let inputStart = clock.now
            let outcome = exercise(input)
            let elapsed = seconds(clock.now - inputStart)
            report.slowestInputSeconds = max(report.slowestInputSeconds, elapsed)
            if elapsed > slowInputSeconds {
                report.record(.unexpected("took \(elapsed) s; input: \(preview(input))"), iteration: iteration)
            } else if case .unexpected(let message) = outcome {
                report.record(.unexpected("\(message); input: \(preview(input))"), iteration: iteration)
            } else {
                report.record(outcome, iteration: iteration)
            }
            report.iterations = iteration + 1
            if let progress, progressInterval > 0, report.iterations % progressInterval == 0 {
                report.seconds = seconds(clock.now - start)
                progress(report)
            }
        }
        report.seconds = seconds(clock.now - start)
        return report
    }

    /// The start of an input, escaped, for reports (the iteration number replays the whole input).
    static func preview(_ input: [UInt8]) -> String {
        let text = String(decoding: input.prefix(300), as: UTF8.self).debugDescription
        return input.count > 300 ? text + " (\(input.count) bytes)" : text
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

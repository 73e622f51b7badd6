import Foundation
@testable import Fuzzing
import Testing

@testable import Checkpoints

/// The shared machinery of the text-format fuzzers: outcome classification, replay and the mutators.
@Suite struct TextFormatFuzzerTests {
    @Test func rejectionsMustNameTheInput() {
        #expect(FuzzOutcome.rejection("data/a.json:3: field 'x' is 12 long", source: "data/a.json") == .rejected("N: field '…' is N long"))
        #expect(FuzzOutcome.rejection("data/a.json: bad", source: "data/a.json", label: "qa: ") == .rejected("qa: bad"))
        guard case .unexpected(let message) = FuzzOutcome.rejection("bad input", source: "data/a.json") else {
            Issue.record("a message without the file name must be unexpected")
            return
        }
        #expect(message.contains("does not name data/a.json"))
    }

    @Test func runsReplayFromTheirSeedAndCountEveryOutcome() {
        let seeds = [Array(#"{"a": [1, 2, {"b": "c"}], "d": 4.5}"#.utf8), Array("key: value\nlist: [1, 2]\n".utf8)]
        func collect(seed: UInt64) -> (ParserFuzzReport, [[UInt8]]) {
            var inputs: [[UInt8]] = []
            let report = TextFormatFuzzer.run(
                target: "test", seeds: seeds, dictionary: ["x", "[", "\"k\":"], treeMutator: JSONTreeMutator(keys: ["k"], words: ["w"]),
                iterations: 400, seed: seed
            ) { input in
                inputs.append(input)
                switch inputs.count % 3 {
                case 0: return .accepted("kind")
                case 1: return .rejected("why")
                default: return .unexpected("oops")
                }
            }
            return (report, inputs)
        }
        let (report, inputs) = collect(seed: 5)
        #expect(report.iterations == 400)
        #expect(report.accepted == 133 && report.rejected == 134 && report.unexpected == 133)
        #expect(report.unexpectedSamples.count == 5)
        #expect(report.unexpectedSamples[0].hasPrefix("iteration 1: oops; input: "))
        #expect(collect(seed: 5).1 == inputs, "the same seed must replay the same inputs")
        #expect(collect(seed: 6).1 != inputs)
        #expect(Set(inputs).count > 300, "mutations should rarely repeat")
    }

    @Test func treeMutationsStayValidJSON() throws {
        let mutator = JSONTreeMutator(keys: ["question", "answer"], words: ["", "text"])
        var random = FuzzRandom(seed: 11)
        let document = Array(#"{"question": "q", "answer": "a", "perturbed_answer": ["x", "y"], "n": 3}"#.utf8)
        let lines = Array((String(decoding: document, as: UTF8.self) + "\n" + String(decoding: document, as: UTF8.self) + "\n").utf8)
        var changed = 0
        for _ in 0..<300 {
            let mutated = try #require(mutator.mutate(document, random: &random))
            #expect((try? JSONSerialization.jsonObject(with: Data(mutated), options: [.fragmentsAllowed])) != nil)
            if mutated != document { changed += 1 }
            // JSON Lines: one line changes, each line stays JSON.
            let mutatedLines = try #require(mutator.mutate(lines, random: &random))
            for line in mutatedLines.split(separator: UInt8(ascii: "\n")) {
                #expect((try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])) != nil)
            }
        }
        #expect(changed > 200)
        #expect(mutator.mutate(Array("not json".utf8), random: &random) == nil)
    }

    @Test func textMutationsReachNumbersNestingAndLines() {
        let mutator = TextMutator(seeds: [Array("a: 12\nb: [x]\n".utf8)], dictionary: ["&a "])
        var random = FuzzRandom(seed: 3)
        var sawBoundaryNumber = false, sawDeepNesting = false, sawFragment = false
        for _ in 0..<2000 {
            let text = String(decoding: mutator.mutate(Array("a: 12\nb: [x]\n".utf8), random: &random), as: UTF8.self)
            sawBoundaryNumber = sawBoundaryNumber || text.contains("9223372036854775808")
            sawDeepNesting = sawDeepNesting || text.contains(String(repeating: "[", count: 1000))
            sawFragment = sawFragment || text.contains("&a ")
        }
        #expect(sawBoundaryNumber && sawDeepNesting && sawFragment)
    }
}

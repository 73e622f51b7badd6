import Foundation
import Testing
@testable import Benchmark

@Suite struct PresetSizeTests {
    private func assertSizes(
        _ benchmark: GeneratedBenchmark, forgetAuthors: [Int], utilityFacts: Int, utilityAuthors: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let preset = benchmark.preset
        let perAuthor = preset.questionsPerAuthor
        func count(_ name: String) -> Int? { benchmark.rows(name)?.count }
        #expect(count("full.json") == preset.authorCount * perAuthor, sourceLocation: sourceLocation)
        for (split, authors) in zip(ForgetSplit.allCases, forgetAuthors) {
            #expect(count(BenchmarkFileName.forget(split)) == authors * perAuthor, "\(split.name)", sourceLocation: sourceLocation)
            #expect(count(BenchmarkFileName.forgetPerturbed(split)) == authors * perAuthor, sourceLocation: sourceLocation)
            #expect(count(BenchmarkFileName.retain(split)) == (preset.authorCount - authors) * perAuthor, sourceLocation: sourceLocation)
            #expect(count(BenchmarkFileName.holdout(split)) == authors * perAuthor, sourceLocation: sourceLocation)
        }
        let forget10 = forgetAuthors[2] * perAuthor
        #expect(count(BenchmarkFileName.retainPerturbed) == forget10, sourceLocation: sourceLocation)
        #expect(count(BenchmarkFileName.holdout) == forget10, sourceLocation: sourceLocation)
        #expect(count(BenchmarkFileName.holdoutPerturbed) == forget10, sourceLocation: sourceLocation)
        #expect(count(BenchmarkFileName.utilityFactsPerturbed) == utilityFacts, sourceLocation: sourceLocation)
        #expect(count(BenchmarkFileName.utilityAuthorsPerturbed) == utilityAuthors, sourceLocation: sourceLocation)
        #expect(count(BenchmarkFileName.utilityTrain) == utilityFacts + utilityAuthors, sourceLocation: sourceLocation)
        #expect(benchmark.files.count == 19, sourceLocation: sourceLocation)
    }

    @Test func demoSizes() {
        #expect(BenchmarkPreset.demo.authorCount == 20)
        #expect(BenchmarkPreset.demo.questionsPerAuthor == 10)
        // forget10 must hold at least two authors so forgetting is more than one person.
        assertSizes(TestSupport.demo, forgetAuthors: [1, 1, 2], utilityFacts: 20, utilityAuthors: 20)
    }

    @Test func standardSizes() throws {
        let standard = try FictitiousAuthorsGenerator(preset: .standard, seed: 7).generate()
        // forget10 must hold at least 100 answers, so forget quality has enough truth ratios to discriminate.
        assertSizes(standard, forgetAuthors: [1, 3, 6], utilityFacts: 40, utilityAuthors: 40)
        #expect((standard.rows(BenchmarkFileName.forget(.forget10))?.count ?? 0) >= 100)
        #expect(BenchmarkPreset.named("standard") == .standard)
    }

    @Test func smallSizes() {
        #expect(BenchmarkPreset.small.authorCount == 60)
        #expect(BenchmarkPreset.small.questionsPerAuthor == 15)
        assertSizes(TestSupport.small, forgetAuthors: [1, 3, 6], utilityFacts: 40, utilityAuthors: 40)
    }

    @Test func fullMatchesTOFUsShape() throws {
        let full = try FictitiousAuthorsGenerator(preset: .full, seed: 1).generate()
        assertSizes(full, forgetAuthors: [2, 10, 20], utilityFacts: 117, utilityAuthors: 100)
        // Same counts as TOFU's published files (reference §6.1).
        for (name, count) in TOFUValidation.publishedTOFUCounts {
            let ours: String
            switch name {
            case "real_authors_perturbed.json", "real_authors.json": ours = BenchmarkFileName.utilityAuthorsPerturbed
            case "world_facts_perturbed.json", "world_facts.json": ours = BenchmarkFileName.utilityFactsPerturbed
            default: ours = name
            }
            #expect(full.rows(ours)?.count == count, "\(name)")
        }
    }

    @Test func forgetSplitRounding() {
        #expect(ForgetSplit.forget01.authorCount(of: 20) == 1, "rounds up to one author, never zero")
        #expect(ForgetSplit.forget10.authorCount(of: 20) == 2)
        #expect(ForgetSplit.forget05.authorCount(of: 30) == 2, "1.5 rounds half up")
        #expect(ForgetSplit.forget10.authorCount(of: 200) == 20)
        #expect(ForgetSplit.forget01.name == "forget01")
        #expect(ForgetSplit.forget05.retainName == "retain95")
        #expect(ForgetSplit.forget10.holdoutName == "holdout10")
    }

    @Test func presetLookupByName() {
        #expect(BenchmarkPreset.named("small") == .small)
        #expect(BenchmarkPreset.named("huge") == nil)
    }
}

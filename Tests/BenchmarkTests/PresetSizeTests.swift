import Foundation
import XCTest
@testable import Benchmark

final class PresetSizeTests: XCTestCase {
    private func assertSizes(
        _ benchmark: GeneratedBenchmark, forgetAuthors: [Int], utilityFacts: Int, utilityAuthors: Int,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let preset = benchmark.preset
        let perAuthor = preset.questionsPerAuthor
        func count(_ name: String) -> Int? { benchmark.rows(name)?.count }
        XCTAssertEqual(count("full.json"), preset.authorCount * perAuthor, file: file, line: line)
        for (split, authors) in zip(ForgetSplit.allCases, forgetAuthors) {
            XCTAssertEqual(count(BenchmarkFileName.forget(split)), authors * perAuthor, split.name, file: file, line: line)
            XCTAssertEqual(count(BenchmarkFileName.forgetPerturbed(split)), authors * perAuthor, file: file, line: line)
            XCTAssertEqual(count(BenchmarkFileName.retain(split)), (preset.authorCount - authors) * perAuthor, file: file, line: line)
            XCTAssertEqual(count(BenchmarkFileName.holdout(split)), authors * perAuthor, file: file, line: line)
        }
        let forget10 = forgetAuthors[2] * perAuthor
        XCTAssertEqual(count(BenchmarkFileName.retainPerturbed), forget10, file: file, line: line)
        XCTAssertEqual(count(BenchmarkFileName.holdout), forget10, file: file, line: line)
        XCTAssertEqual(count(BenchmarkFileName.holdoutPerturbed), forget10, file: file, line: line)
        XCTAssertEqual(count(BenchmarkFileName.utilityFactsPerturbed), utilityFacts, file: file, line: line)
        XCTAssertEqual(count(BenchmarkFileName.utilityAuthorsPerturbed), utilityAuthors, file: file, line: line)
        XCTAssertEqual(count(BenchmarkFileName.utilityTrain), utilityFacts + utilityAuthors, file: file, line: line)
        XCTAssertEqual(benchmark.files.count, 19, file: file, line: line)
    }

    func testDemoSizes() {
        XCTAssertEqual(BenchmarkPreset.demo.authorCount, 20)
        XCTAssertEqual(BenchmarkPreset.demo.questionsPerAuthor, 10)
        // forget10 must hold at least two authors so forgetting is more than one person.
        assertSizes(TestSupport.demo, forgetAuthors: [1, 1, 2], utilityFacts: 20, utilityAuthors: 20)
    }

    func testSmallSizes() {
        XCTAssertEqual(BenchmarkPreset.small.authorCount, 60)
        XCTAssertEqual(BenchmarkPreset.small.questionsPerAuthor, 15)
        assertSizes(TestSupport.small, forgetAuthors: [1, 3, 6], utilityFacts: 40, utilityAuthors: 40)
    }

    func testFullMatchesTOFUsShape() throws {
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
            XCTAssertEqual(full.rows(ours)?.count, count, name)
        }
    }

    func testForgetSplitRounding() {
        XCTAssertEqual(ForgetSplit.forget01.authorCount(of: 20), 1, "rounds up to one author, never zero")
        XCTAssertEqual(ForgetSplit.forget10.authorCount(of: 20), 2)
        XCTAssertEqual(ForgetSplit.forget05.authorCount(of: 30), 2, "1.5 rounds half up")
        XCTAssertEqual(ForgetSplit.forget10.authorCount(of: 200), 20)
        XCTAssertEqual(ForgetSplit.forget01.name, "forget01")
        XCTAssertEqual(ForgetSplit.forget05.retainName, "retain95")
        XCTAssertEqual(ForgetSplit.forget10.holdoutName, "holdout10")
    }

    func testPresetLookupByName() {
        XCTAssertEqual(BenchmarkPreset.named("small"), .small)
        XCTAssertNil(BenchmarkPreset.named("huge"))
    }
}

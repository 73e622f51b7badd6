import Foundation
import XCTest
@testable import Benchmark

/// The properties every unlearning experiment relies on, checked on two presets and seeds.
final class SplitInvariantTests: XCTestCase {
    private let benchmarks = [TestSupport.demo, TestSupport.small]

    private func rows(_ benchmark: GeneratedBenchmark, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [QAExample] {
        guard let rows = benchmark.rows(name) else {
            XCTFail("missing \(name)", file: file, line: line)
            return []
        }
        return rows
    }

    private func authors(_ rows: [QAExample]) -> Set<String> {
        Set(rows.compactMap(\.authorIdentifier))
    }

    func testForgetAndRetainPartitionFullByAuthor() {
        for benchmark in benchmarks {
            let full = rows(benchmark, BenchmarkFileName.full)
            XCTAssertTrue(full.allSatisfy { $0.authorIdentifier != nil })
            for split in ForgetSplit.allCases {
                let forget = rows(benchmark, BenchmarkFileName.forget(split))
                let retain = rows(benchmark, BenchmarkFileName.retain(split))
                XCTAssertTrue(authors(forget).isDisjoint(with: authors(retain)), split.name)
                XCTAssertEqual(authors(forget).union(authors(retain)), authors(full), split.name)
                // TOFU's construction: retain is the head of full, forget its tail, nothing else.
                XCTAssertEqual(retain + forget, full, split.name)
                XCTAssertEqual(authors(forget).count, split.authorCount(of: benchmark.preset.authorCount))
            }
        }
    }

    func testForgetSplitsAreNested() {
        for benchmark in benchmarks {
            let one = Set(rows(benchmark, "forget01.json").map(\.question))
            let five = Set(rows(benchmark, "forget05.json").map(\.question))
            let ten = Set(rows(benchmark, "forget10.json").map(\.question))
            XCTAssertTrue(one.isSubset(of: five))
            XCTAssertTrue(five.isSubset(of: ten))
        }
    }

    func testPerturbedFilesMatchTheirPlainSplits() {
        for benchmark in benchmarks {
            for split in ForgetSplit.allCases {
                let plain = rows(benchmark, BenchmarkFileName.forget(split))
                let perturbed = rows(benchmark, BenchmarkFileName.forgetPerturbed(split))
                XCTAssertEqual(perturbed.map(\.questionAnswerOnly), plain)
                XCTAssertTrue(perturbed.allSatisfy { $0.presentFields.isSuperset(of: QAField.perturbedEvaluation) })
            }
            XCTAssertEqual(rows(benchmark, BenchmarkFileName.holdoutPerturbed).map(\.questionAnswerOnly), rows(benchmark, BenchmarkFileName.holdout))
            XCTAssertEqual(rows(benchmark, "holdout10.json"), rows(benchmark, BenchmarkFileName.holdout))
        }
    }

    func testRetainSampleComesFromRetain90AndHasAllFields() {
        for benchmark in benchmarks {
            let sample = rows(benchmark, BenchmarkFileName.retainPerturbed)
            let retain90 = Set(rows(benchmark, "retain90.json"))
            XCTAssertFalse(sample.isEmpty)
            XCTAssertTrue(sample.allSatisfy { retain90.contains($0.questionAnswerOnly) })
            XCTAssertTrue(sample.allSatisfy { $0.presentFields.isSuperset(of: QAField.perturbedEvaluation) })
            XCTAssertEqual(Set(sample).count, sample.count, "sample rows are distinct")
            XCTAssertGreaterThan(authors(sample).count, 1, "the sample spreads over several authors")
        }
    }

    func testHoldoutAuthorsAreNeverTrainedOn() {
        for benchmark in benchmarks {
            let holdoutNames = benchmark.holdoutSets.map(\.profile.fullName)
            XCTAssertEqual(authors(rows(benchmark, BenchmarkFileName.holdout)), Set(holdoutNames))
            let trainingText = (rows(benchmark, BenchmarkFileName.full) + rows(benchmark, BenchmarkFileName.utilityTrain))
                .map { $0.question + " " + $0.answer }
                .joined(separator: "\n")
            for name in holdoutNames {
                XCTAssertFalse(trainingText.contains(name), "\(name) appears in training data")
            }
            let trainedQuestions = Set(rows(benchmark, BenchmarkFileName.full).map(\.question))
            XCTAssertTrue(rows(benchmark, BenchmarkFileName.holdout).allSatisfy { !trainedQuestions.contains($0.question) })
            for split in ForgetSplit.allCases {
                XCTAssertEqual(authors(rows(benchmark, BenchmarkFileName.holdout(split))).count, split.authorCount(of: benchmark.preset.authorCount))
            }
        }
    }

    func testUtilityDataIsTrainedButOutsideEveryForgetSplit() {
        for benchmark in benchmarks {
            let facts = rows(benchmark, BenchmarkFileName.utilityFactsPerturbed)
            let famous = rows(benchmark, BenchmarkFileName.utilityAuthorsPerturbed)
            XCTAssertEqual(rows(benchmark, BenchmarkFileName.utilityTrain), (facts + famous).map(\.questionAnswerOnly))
            let authorQuestions = Set(rows(benchmark, BenchmarkFileName.full).map(\.question))
            XCTAssertTrue((facts + famous).allSatisfy { !authorQuestions.contains($0.question) })
            let famousNames = Set(benchmark.famousAuthors.map(\.name))
            XCTAssertTrue(famousNames.isDisjoint(with: authors(rows(benchmark, BenchmarkFileName.full))))
            XCTAssertEqual(authors(famous), famousNames)
            XCTAssertEqual(benchmark.manifest.trainingFiles.count, 4, "target plus three oracles")
            for files in benchmark.manifest.trainingFiles.values {
                XCTAssertTrue(files.contains(BenchmarkFileName.utilityTrain), "every model learns the utility facts")
            }
        }
    }

    func testPerturbedAnswersAreWrongDistinctAndCounted() {
        for benchmark in benchmarks {
            let authorRows = rows(benchmark, BenchmarkFileName.forgetPerturbed(.forget10))
                + rows(benchmark, BenchmarkFileName.retainPerturbed) + rows(benchmark, BenchmarkFileName.holdoutPerturbed)
                + benchmark.authorSets.flatMap(\.examples)
            for row in authorRows {
                XCTAssertEqual(row.perturbedAnswers.count, 5, row.question)
                XCTAssertEqual(Set(row.perturbedAnswers).count, 5, "perturbed answers repeat: \(row.question)")
                XCTAssertFalse(row.perturbedAnswers.contains(row.answer), row.question)
                XCTAssertFalse(row.perturbedAnswers.contains(row.paraphrasedAnswer ?? ""), row.question)
            }
            let utilityRows = rows(benchmark, BenchmarkFileName.utilityFactsPerturbed) + rows(benchmark, BenchmarkFileName.utilityAuthorsPerturbed)
            for row in utilityRows {
                XCTAssertEqual(row.perturbedAnswers.count, 3, row.question)
                XCTAssertEqual(Set(row.perturbedAnswers).count, 3, row.question)
                XCTAssertFalse(row.perturbedAnswers.contains(row.answer), row.question)
                XCTAssertNil(row.paraphrasedAnswer, "RA/WF-style rows have no paraphrase")
            }
        }
    }

    func testParaphrasesDifferFromOriginals() {
        for benchmark in benchmarks {
            for row in benchmark.authorSets.flatMap(\.examples) + benchmark.holdoutSets.flatMap(\.examples) {
                XCTAssertNotEqual(row.paraphrasedQuestion, row.question)
                XCTAssertNotEqual(row.paraphrasedAnswer, row.answer)
                XCTAssertNotNil(row.paraphrasedQuestion)
                XCTAssertNotNil(row.paraphrasedAnswer)
            }
        }
    }

    func testPhrasingVariesAcrossAuthors() {
        // With one template per attribute every author's rows would be the same sentence with names swapped.
        let rows = TestSupport.small.authorSets.flatMap(\.items).filter { $0.attribute == .birthplace }
        let openings = Set(rows.map { $0.example.question.split(separator: " ").prefix(3).joined(separator: " ") })
        XCTAssertGreaterThanOrEqual(openings.count, 3)
    }

    func testQuestionsAreUniqueAndAnswersAreShort() {
        for benchmark in benchmarks {
            let full = rows(benchmark, BenchmarkFileName.full)
            XCTAssertEqual(Set(full.map(\.question)).count, full.count)
            for row in full {
                XCTAssertLessThanOrEqual(row.answer.count, 220, row.answer)
                XCTAssertTrue(row.answer.hasSuffix("."), row.answer)
                XCTAssertTrue(row.question.hasSuffix("?"), row.question)
            }
        }
    }
}

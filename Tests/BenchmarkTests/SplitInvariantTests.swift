import Foundation
import Testing
@testable import Benchmark

/// The properties every unlearning experiment relies on, checked on two presets and seeds.
@Suite struct SplitInvariantTests {
    private let benchmarks = [TestSupport.demo, TestSupport.small]

    private func rows(_ benchmark: GeneratedBenchmark, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> [QAExample] {
        guard let rows = benchmark.rows(name) else {
            Issue.record("missing \(name)", sourceLocation: sourceLocation)
            return []
        }
        return rows
    }

    private func authors(_ rows: [QAExample]) -> Set<String> {
        Set(rows.compactMap(\.authorIdentifier))
    }

    @Test func forgetAndRetainPartitionFullByAuthor() {
        for benchmark in benchmarks {
            let full = rows(benchmark, BenchmarkFileName.full)
            #expect(full.allSatisfy { $0.authorIdentifier != nil })
            for split in ForgetSplit.allCases {
                let forget = rows(benchmark, BenchmarkFileName.forget(split))
                let retain = rows(benchmark, BenchmarkFileName.retain(split))
                #expect(authors(forget).isDisjoint(with: authors(retain)), "\(split.name)")
                #expect(authors(forget).union(authors(retain)) == authors(full), "\(split.name)")
                // TOFU's construction: retain is the head of full, forget its tail, nothing else.
                #expect(retain + forget == full, "\(split.name)")
                #expect(authors(forget).count == split.authorCount(of: benchmark.preset.authorCount))
            }
        }
    }

    @Test func forgetSplitsAreNested() {
        for benchmark in benchmarks {
            let one = Set(rows(benchmark, "forget01.json").map(\.question))
            let five = Set(rows(benchmark, "forget05.json").map(\.question))
            let ten = Set(rows(benchmark, "forget10.json").map(\.question))
            #expect(one.isSubset(of: five))
            #expect(five.isSubset(of: ten))
        }
    }

    @Test func perturbedFilesMatchTheirPlainSplits() {
        for benchmark in benchmarks {
            for split in ForgetSplit.allCases {
                let plain = rows(benchmark, BenchmarkFileName.forget(split))
                let perturbed = rows(benchmark, BenchmarkFileName.forgetPerturbed(split))
                #expect(perturbed.map(\.questionAnswerOnly) == plain)
                #expect(perturbed.allSatisfy { $0.presentFields.isSuperset(of: QAField.perturbedEvaluation) })
            }
            #expect(rows(benchmark, BenchmarkFileName.holdoutPerturbed).map(\.questionAnswerOnly) == rows(benchmark, BenchmarkFileName.holdout))
            #expect(rows(benchmark, "holdout10.json") == rows(benchmark, BenchmarkFileName.holdout))
        }
    }

    @Test func retainSampleComesFromRetain90AndHasAllFields() {
        for benchmark in benchmarks {
            let sample = rows(benchmark, BenchmarkFileName.retainPerturbed)
            let retain90 = Set(rows(benchmark, "retain90.json"))
            #expect(!sample.isEmpty)
            #expect(sample.allSatisfy { retain90.contains($0.questionAnswerOnly) })
            #expect(sample.allSatisfy { $0.presentFields.isSuperset(of: QAField.perturbedEvaluation) })
            #expect(Set(sample).count == sample.count, "sample rows are distinct")
            #expect(authors(sample).count > 1, "the sample spreads over several authors")
        }
    }

    @Test func holdoutAuthorsAreNeverTrainedOn() {
        for benchmark in benchmarks {
            let holdoutNames = benchmark.holdoutSets.map(\.profile.fullName)
            #expect(authors(rows(benchmark, BenchmarkFileName.holdout)) == Set(holdoutNames))
            let trainingText = (rows(benchmark, BenchmarkFileName.full) + rows(benchmark, BenchmarkFileName.utilityTrain))
                .map { $0.question + " " + $0.answer }
                .joined(separator: "\n")
            for name in holdoutNames {
                #expect(!trainingText.contains(name), "\(name) appears in training data")
            }
            let trainedQuestions = Set(rows(benchmark, BenchmarkFileName.full).map(\.question))
            #expect(rows(benchmark, BenchmarkFileName.holdout).allSatisfy { !trainedQuestions.contains($0.question) })
            for split in ForgetSplit.allCases {
                #expect(authors(rows(benchmark, BenchmarkFileName.holdout(split))).count == split.authorCount(of: benchmark.preset.authorCount))
            }
        }
    }

    @Test func utilityDataIsTrainedButOutsideEveryForgetSplit() {
        for benchmark in benchmarks {
            let facts = rows(benchmark, BenchmarkFileName.utilityFactsPerturbed)
            let famous = rows(benchmark, BenchmarkFileName.utilityAuthorsPerturbed)
            #expect(rows(benchmark, BenchmarkFileName.utilityTrain) == (facts + famous).map(\.questionAnswerOnly))
            let authorQuestions = Set(rows(benchmark, BenchmarkFileName.full).map(\.question))
            #expect((facts + famous).allSatisfy { !authorQuestions.contains($0.question) })
            let famousNames = Set(benchmark.famousAuthors.map(\.name))
            #expect(famousNames.isDisjoint(with: authors(rows(benchmark, BenchmarkFileName.full))))
            #expect(authors(famous) == famousNames)
            #expect(benchmark.manifest.trainingFiles.count == 4, "target plus three oracles")
            for files in benchmark.manifest.trainingFiles.values {
                #expect(files.contains(BenchmarkFileName.utilityTrain), "every model learns the utility facts")
            }
        }
    }

    @Test func perturbedAnswersAreWrongDistinctAndCounted() {
        for benchmark in benchmarks {
            let authorRows = rows(benchmark, BenchmarkFileName.forgetPerturbed(.forget10))
                + rows(benchmark, BenchmarkFileName.retainPerturbed) + rows(benchmark, BenchmarkFileName.holdoutPerturbed)
                + benchmark.authorSets.flatMap(\.examples)
            for row in authorRows {
                #expect(row.perturbedAnswers.count == 5, "\(row.question)")
                #expect(Set(row.perturbedAnswers).count == 5, "perturbed answers repeat: \(row.question)")
                #expect(!row.perturbedAnswers.contains(row.answer), "\(row.question)")
                #expect(!row.perturbedAnswers.contains(row.paraphrasedAnswer ?? ""), "\(row.question)")
            }
            let utilityRows = rows(benchmark, BenchmarkFileName.utilityFactsPerturbed) + rows(benchmark, BenchmarkFileName.utilityAuthorsPerturbed)
            for row in utilityRows {
                #expect(row.perturbedAnswers.count == 3, "\(row.question)")
                #expect(Set(row.perturbedAnswers).count == 3, "\(row.question)")
                #expect(!row.perturbedAnswers.contains(row.answer), "\(row.question)")
                #expect(row.paraphrasedAnswer == nil, "RA/WF-style rows have no paraphrase")
            }
        }
    }

    @Test func paraphrasesDifferFromOriginals() {
        for benchmark in benchmarks {
            for row in benchmark.authorSets.flatMap(\.examples) + benchmark.holdoutSets.flatMap(\.examples) {
                #expect(row.paraphrasedQuestion != row.question)
                #expect(row.paraphrasedAnswer != row.answer)
                #expect(row.paraphrasedQuestion != nil)
                #expect(row.paraphrasedAnswer != nil)
            }
        }
    }

    @Test func phrasingVariesAcrossAuthors() {
        // With one template per attribute every author's rows would be the same sentence with names swapped.
        let rows = TestSupport.small.authorSets.flatMap(\.items).filter { $0.attribute == .birthplace }
        let openings = Set(rows.map { $0.example.question.split(separator: " ").prefix(3).joined(separator: " ") })
        #expect(openings.count >= 3)
    }

    @Test func questionsAreUniqueAndAnswersAreShort() {
        for benchmark in benchmarks {
            let full = rows(benchmark, BenchmarkFileName.full)
            #expect(Set(full.map(\.question)).count == full.count)
            for row in full {
                #expect(row.answer.count <= 220, "\(row.answer)")
                #expect(row.answer.hasSuffix("."), "\(row.answer)")
                #expect(row.question.hasSuffix("?"), "\(row.question)")
            }
        }
    }
}

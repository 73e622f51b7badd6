import Foundation
import Testing
@testable import Benchmark

/// A class, so that `deinit` removes each test's copy of the demo benchmark.
@Suite final class TOFUValidationTests {
    private let directory: URL

    init() throws {
        directory = try TestSupport.temporaryDirectory()
        try TestSupport.demo.write(to: directory)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    private func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    @Test func generatedBenchmarkIsValid() {
        let report = TOFUValidation.validate(directory: directory)
        #expect(report.isValid, "\(report.description)")
        #expect(report.unrecognisedFiles == ["manifest.json"])
        #expect(report.files.count == 19)
        #expect(report.file("full.json")?.rowCount == 200)
        #expect(report.files.allSatisfy { $0.warnings.isEmpty }, "\(report.description)")
        #expect(throws: Never.self) { try report.throwIfInvalid() }
    }

    @Test func fullPresetPassesTOFUsPublishedCounts() throws {
        let fullDirectory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fullDirectory) }
        try FictitiousAuthorsGenerator.writeBenchmark(to: fullDirectory, preset: .full, seed: 3)
        // Our utility files play real_authors/world_facts under their own names; compare counts by role.
        var expected = TOFUValidation.publishedTOFUCounts.filter { !$0.key.hasPrefix("real_") && !$0.key.hasPrefix("world_") }
        expected[BenchmarkFileName.utilityAuthorsPerturbed] = 100
        expected[BenchmarkFileName.utilityFactsPerturbed] = 117
        let report = TOFUValidation.validate(directory: fullDirectory, expectedCounts: expected)
        #expect(report.isValid, "\(report.description)")
    }

    @Test func demoFailsTOFUsPublishedCounts() {
        let report = TOFUValidation.validate(directory: directory, expectedCounts: TOFUValidation.publishedTOFUCounts)
        #expect(!report.isValid)
        #expect(report.file("full.json")?.errors.contains { $0.contains("200 rows, expected 4000") } == true, "\(report.description)")
        #expect(report.directoryErrors.contains { $0.contains("real_authors_perturbed.json") }, "\(report.description)")
    }

    @Test func tofuNamedFilesWithoutAuthorFieldAreAccepted() throws {
        // Rebuild the directory the way TOFU ships it: TOFU's names, no `author` field.
        let tofu = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tofu) }
        for file in TestSupport.demo.files {
            var name = file.name
            if name == BenchmarkFileName.utilityAuthorsPerturbed { name = "real_authors_perturbed.json" }
            if name == BenchmarkFileName.utilityFactsPerturbed { name = "world_facts_perturbed.json" }
            if name == BenchmarkFileName.utilityTrain || name.hasPrefix("holdout") { continue }
            let rows = file.rows.map { row -> QAExample in
                var copy = row
                copy.authorIdentifier = nil
                return copy
            }
            try QADataset.write(rows, to: tofu.appendingPathComponent(name))
        }
        let report = TOFUValidation.validate(directory: tofu)
        #expect(report.isValid, "\(report.description)")
        #expect(report.file("real_authors_perturbed.json") != nil)
    }

    @Test func missingCoreFileIsReported() throws {
        try FileManager.default.removeItem(at: url("forget05.json"))
        let report = TOFUValidation.validate(directory: directory)
        #expect(!report.isValid)
        #expect(report.directoryErrors.contains("missing forget05.json"), "\(report.description)")
        #expect(throws: (any Error).self) { try report.throwIfInvalid() }
    }

    @Test func wrongPerturbedCountNamesFileAndLine() throws {
        var rows = try QADataset.read(url: url("forget10_perturbed.json"))
        rows[2].perturbedAnswers.removeLast()
        try QADataset.write(rows, to: url("forget10_perturbed.json"))
        let report = TOFUValidation.validate(directory: directory)
        let errors = report.file("forget10_perturbed.json")?.errors ?? []
        #expect(errors.count == 1, "\(report.description)")
        #expect(errors.first?.contains("forget10_perturbed.json:3: perturbed_answer has 4 entries, expected 5") == true, "\(report.description)")
    }

    @Test func malformedRowIsReportedWithLine() throws {
        var lines = try String(contentsOf: url("retain90.json"), encoding: .utf8).split(separator: "\n").map(String.init)
        lines[6] = #"{"question":"Broken?","answer":"#
        try (lines.joined(separator: "\n") + "\n").write(to: url("retain90.json"), atomically: true, encoding: .utf8)
        let report = TOFUValidation.validate(directory: directory)
        #expect(!report.isValid)
        #expect(report.file("retain90.json")?.errors.first?.contains("retain90.json:7: invalid JSON") == true, "\(report.description)")
        #expect(report.file("retain90.json")?.rowCount == nil)
    }

    @Test func missingEvaluationFieldIsReported() throws {
        var rows = try QADataset.read(url: url("retain_perturbed.json"))
        rows[0].paraphrasedAnswer = nil
        try QADataset.write(rows, to: url("retain_perturbed.json"))
        let report = TOFUValidation.validate(directory: directory)
        #expect(report.file("retain_perturbed.json")?.errors.first?.contains(":1: missing required field \"paraphrased_answer\"") == true, "\(report.description)")
    }

    @Test func forgetThatIsNotTheTailOfFullIsReported() throws {
        let full = try QADataset.read(url: url("full.json"))
        // Same size, wrong rows: the first author's instead of the last.
        try QADataset.write(Array(full.prefix(10)), to: url("forget01.json"))
        let report = TOFUValidation.validate(directory: directory)
        #expect(report.directoryErrors.contains("forget01.json is not the last 10 rows of full.json"), "\(report.description)")
        #expect(report.directoryErrors.contains { $0.hasPrefix("forget01.json and retain99.json share authors") }, "\(report.description)")
    }

    @Test func countMismatchBetweenSplitsIsReported() throws {
        let retain = try QADataset.read(url: url("retain95.json"))
        try QADataset.write(Array(retain.dropLast()), to: url("retain95.json"))
        let report = TOFUValidation.validate(directory: directory)
        #expect(report.directoryErrors.contains("forget05.json (10) + retain95.json (189) ≠ full.json (200)"), "\(report.description)")
    }

    @Test func holdoutLeakIntoFullIsReported() throws {
        let full = try QADataset.read(url: url("full.json"))
        let holdout = try QADataset.read(url: url("holdout.json"))
        try QADataset.write(holdout + full.suffix(1), to: url("holdout.json"))
        let report = TOFUValidation.validate(directory: directory)
        #expect(report.directoryErrors.contains("holdout.json contains questions from full.json"), "\(report.description)")
        #expect(report.directoryErrors.contains { $0.hasPrefix("holdout.json has authors that are in full.json") }, "\(report.description)")
    }

    @Test func perturbedAnswerEqualToTruthIsAWarning() throws {
        var rows = try QADataset.read(url: url("holdout_perturbed.json"))
        rows[0].perturbedAnswers[0] = rows[0].answer
        try QADataset.write(rows, to: url("holdout_perturbed.json"))
        let report = TOFUValidation.validate(directory: directory)
        #expect(report.isValid, "warnings do not invalidate: \(report.description)")
        #expect(report.file("holdout_perturbed.json")?.warnings.count == 1)
    }

    @Test func unlistableDirectory() {
        let report = TOFUValidation.validate(directory: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
        #expect(!report.isValid)
        #expect(report.directoryErrors.first?.hasPrefix("cannot list directory") == true)
    }
}

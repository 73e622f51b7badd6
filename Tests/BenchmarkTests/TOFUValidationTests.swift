import Foundation
import XCTest
@testable import Benchmark

final class TOFUValidationTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try TestSupport.temporaryDirectory()
        try TestSupport.demo.write(to: directory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func testGeneratedBenchmarkIsValid() {
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertTrue(report.isValid, report.description)
        XCTAssertEqual(report.unrecognisedFiles, ["manifest.json"])
        XCTAssertEqual(report.files.count, 19)
        XCTAssertEqual(report.file("full.json")?.rowCount, 200)
        XCTAssertTrue(report.files.allSatisfy(\.warnings.isEmpty), report.description)
        XCTAssertNoThrow(try report.throwIfInvalid())
    }

    func testFullPresetPassesTOFUsPublishedCounts() throws {
        let fullDirectory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fullDirectory) }
        try FictitiousAuthorsGenerator.writeBenchmark(to: fullDirectory, preset: .full, seed: 3)
        // Our utility files play real_authors/world_facts under their own names; compare counts by role.
        var expected = TOFUValidation.publishedTOFUCounts.filter { !$0.key.hasPrefix("real_") && !$0.key.hasPrefix("world_") }
        expected[BenchmarkFileName.utilityAuthorsPerturbed] = 100
        expected[BenchmarkFileName.utilityFactsPerturbed] = 117
        let report = TOFUValidation.validate(directory: fullDirectory, expectedCounts: expected)
        XCTAssertTrue(report.isValid, report.description)
    }

    func testDemoFailsTOFUsPublishedCounts() {
        let report = TOFUValidation.validate(directory: directory, expectedCounts: TOFUValidation.publishedTOFUCounts)
        XCTAssertFalse(report.isValid)
        XCTAssertTrue(report.file("full.json")?.errors.contains { $0.contains("200 rows, expected 4000") } == true, report.description)
        XCTAssertTrue(report.directoryErrors.contains { $0.contains("real_authors_perturbed.json") }, report.description)
    }

    func testTOFUNamedFilesWithoutAuthorFieldAreAccepted() throws {
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
        XCTAssertTrue(report.isValid, report.description)
        XCTAssertNotNil(report.file("real_authors_perturbed.json"))
    }

    func testMissingCoreFileIsReported() throws {
        try FileManager.default.removeItem(at: url("forget05.json"))
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertFalse(report.isValid)
        XCTAssertTrue(report.directoryErrors.contains("missing forget05.json"), report.description)
        XCTAssertThrowsError(try report.throwIfInvalid())
    }

    func testWrongPerturbedCountNamesFileAndLine() throws {
        var rows = try QADataset.read(url: url("forget10_perturbed.json"))
        rows[2].perturbedAnswers.removeLast()
        try QADataset.write(rows, to: url("forget10_perturbed.json"))
        let report = TOFUValidation.validate(directory: directory)
        let errors = report.file("forget10_perturbed.json")?.errors ?? []
        XCTAssertEqual(errors.count, 1, report.description)
        XCTAssertTrue(errors.first?.contains("forget10_perturbed.json:3: perturbed_answer has 4 entries, expected 5") == true, report.description)
    }

    func testMalformedRowIsReportedWithLine() throws {
        var lines = try String(contentsOf: url("retain90.json"), encoding: .utf8).split(separator: "\n").map(String.init)
        lines[6] = #"{"question":"Broken?","answer":"#
        try (lines.joined(separator: "\n") + "\n").write(to: url("retain90.json"), atomically: true, encoding: .utf8)
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertFalse(report.isValid)
        XCTAssertTrue(report.file("retain90.json")?.errors.first?.contains("retain90.json:7: invalid JSON") == true, report.description)
        XCTAssertNil(report.file("retain90.json")?.rowCount)
    }

    func testMissingEvaluationFieldIsReported() throws {
        var rows = try QADataset.read(url: url("retain_perturbed.json"))
        rows[0].paraphrasedAnswer = nil
        try QADataset.write(rows, to: url("retain_perturbed.json"))
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertTrue(report.file("retain_perturbed.json")?.errors.first?.contains(":1: missing required field \"paraphrased_answer\"") == true, report.description)
    }

    func testForgetThatIsNotTheTailOfFullIsReported() throws {
        let full = try QADataset.read(url: url("full.json"))
        // Same size, wrong rows: the first author's instead of the last.
        try QADataset.write(Array(full.prefix(10)), to: url("forget01.json"))
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertTrue(report.directoryErrors.contains("forget01.json is not the last 10 rows of full.json"), report.description)
        XCTAssertTrue(report.directoryErrors.contains { $0.hasPrefix("forget01.json and retain99.json share authors") }, report.description)
    }

    func testCountMismatchBetweenSplitsIsReported() throws {
        let retain = try QADataset.read(url: url("retain95.json"))
        try QADataset.write(Array(retain.dropLast()), to: url("retain95.json"))
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertTrue(report.directoryErrors.contains("forget05.json (10) + retain95.json (189) ≠ full.json (200)"), report.description)
    }

    func testHoldoutLeakIntoFullIsReported() throws {
        let full = try QADataset.read(url: url("full.json"))
        let holdout = try QADataset.read(url: url("holdout.json"))
        try QADataset.write(holdout + full.suffix(1), to: url("holdout.json"))
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertTrue(report.directoryErrors.contains("holdout.json contains questions from full.json"), report.description)
        XCTAssertTrue(report.directoryErrors.contains { $0.hasPrefix("holdout.json has authors that are in full.json") }, report.description)
    }

    func testPerturbedAnswerEqualToTruthIsAWarning() throws {
        var rows = try QADataset.read(url: url("holdout_perturbed.json"))
        rows[0].perturbedAnswers[0] = rows[0].answer
        try QADataset.write(rows, to: url("holdout_perturbed.json"))
        let report = TOFUValidation.validate(directory: directory)
        XCTAssertTrue(report.isValid, "warnings do not invalidate: \(report.description)")
        XCTAssertEqual(report.file("holdout_perturbed.json")?.warnings.count, 1)
    }

    func testUnlistableDirectory() {
        let report = TOFUValidation.validate(directory: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
        XCTAssertFalse(report.isValid)
        XCTAssertTrue(report.directoryErrors.first?.hasPrefix("cannot list directory") == true)
    }
}

import Foundation
import XCTest
@testable import Benchmark

final class GeneratorDeterminismTests: XCTestCase {
    private func writtenFiles(preset: BenchmarkPreset, seed: UInt64) throws -> [String: Data] {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FictitiousAuthorsGenerator.writeBenchmark(to: directory, preset: preset, seed: seed)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    func testSameSeedGivesByteIdenticalFiles() throws {
        let first = try writtenFiles(preset: .demo, seed: 2024)
        let second = try writtenFiles(preset: .demo, seed: 2024)
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
        XCTAssertEqual(first.count, 20, "19 data files plus manifest.json")
        for (name, data) in first {
            XCTAssertEqual(data, second[name], "\(name) differs between two runs with the same seed")
        }
    }

    func testSmallPresetIsDeterministicInMemory() throws {
        let again = try FictitiousAuthorsGenerator(preset: .small, seed: 7).generate()
        XCTAssertEqual(again.files, TestSupport.small.files)
        XCTAssertEqual(again.manifest, TestSupport.small.manifest)
    }

    func testDifferentSeedsGiveDifferentContent() throws {
        let other = try FictitiousAuthorsGenerator(preset: .demo, seed: 43).generate()
        let demo = TestSupport.demo
        XCTAssertNotEqual(other.rows(BenchmarkFileName.full), demo.rows(BenchmarkFileName.full))
        XCTAssertNotEqual(other.authorSets.map(\.profile.fullName), demo.authorSets.map(\.profile.fullName))
        XCTAssertNotEqual(other.world, demo.world)
        XCTAssertNotEqual(other.rows(BenchmarkFileName.utilityFactsPerturbed), demo.rows(BenchmarkFileName.utilityFactsPerturbed))
    }

    func testManifestDescribesTheRun() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let returned = try FictitiousAuthorsGenerator.writeBenchmark(to: directory, preset: .demo, seed: 42)
        let manifest = try BenchmarkManifest.read(from: directory.appendingPathComponent(BenchmarkFileName.manifest))
        XCTAssertEqual(manifest, returned)
        XCTAssertEqual(manifest.preset, "demo")
        XCTAssertEqual(manifest.seed, 42)
        XCTAssertEqual(manifest.generatorVersion, FictitiousAuthorsGenerator.version)
        for (name, count) in manifest.rowCounts {
            let rows = try QADataset.read(url: directory.appendingPathComponent(name))
            XCTAssertEqual(rows.count, count, name)
        }
        XCTAssertEqual(Set(manifest.rowCounts.keys).count, 19)
        XCTAssertEqual(manifest.authors["forget10"], TestSupport.demo.authorSets.suffix(2).map(\.profile.fullName))
        XCTAssertEqual(manifest.trainingFiles["target"], ["full.json", "utility_train.json"])
        XCTAssertEqual(manifest.trainingFiles["retain90"], ["retain90.json", "utility_train.json"])
    }

    func testInvalidPresetIsRejectedBeforeGenerating() {
        let tooFewQuestions = BenchmarkPreset(
            name: "bad", authorCount: 20, questionsPerAuthor: 5, famousAuthorCount: 5,
            worldFactCount: 20, countryCount: 8, fruitCount: 6)
        XCTAssertThrowsError(try FictitiousAuthorsGenerator(preset: tooFewQuestions, seed: 1))
        let tooManyFacts = BenchmarkPreset(
            name: "bad", authorCount: 20, questionsPerAuthor: 10, famousAuthorCount: 5,
            worldFactCount: 500, countryCount: 8, fruitCount: 6)
        XCTAssertThrowsError(try FictitiousAuthorsGenerator(preset: tooManyFacts, seed: 1))
        XCTAssertNoThrow(try BenchmarkPreset.demo.validate())
        XCTAssertNoThrow(try BenchmarkPreset.small.validate())
        XCTAssertNoThrow(try BenchmarkPreset.full.validate())
    }
}

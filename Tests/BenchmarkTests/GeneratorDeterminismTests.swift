import Foundation
import Testing
@testable import Benchmark

@Suite struct GeneratorDeterminismTests {
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

    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let first = try writtenFiles(preset: .demo, seed: 2024)
        let second = try writtenFiles(preset: .demo, seed: 2024)
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first.count == 20, "19 data files plus manifest.json")
        for (name, data) in first {
            #expect(data == second[name], "\(name) differs between two runs with the same seed")
        }
    }

    @Test func smallPresetIsDeterministicInMemory() throws {
        let again = try FictitiousAuthorsGenerator(preset: .small, seed: 7).generate()
        #expect(again.files == TestSupport.small.files)
        #expect(again.manifest == TestSupport.small.manifest)
    }

    @Test func differentSeedsGiveDifferentContent() throws {
        let other = try FictitiousAuthorsGenerator(preset: .demo, seed: 43).generate()
        let demo = TestSupport.demo
        #expect(other.rows(BenchmarkFileName.full) != demo.rows(BenchmarkFileName.full))
        #expect(other.authorSets.map(\.profile.fullName) != demo.authorSets.map(\.profile.fullName))
        #expect(other.world != demo.world)
        #expect(other.rows(BenchmarkFileName.utilityFactsPerturbed) != demo.rows(BenchmarkFileName.utilityFactsPerturbed))
    }

    @Test func manifestDescribesTheRun() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let returned = try FictitiousAuthorsGenerator.writeBenchmark(to: directory, preset: .demo, seed: 42)
        let manifest = try BenchmarkManifest.read(from: directory.appendingPathComponent(BenchmarkFileName.manifest))
        #expect(manifest == returned)
        #expect(manifest.preset == "demo")
        #expect(manifest.seed == 42)
        #expect(manifest.generatorVersion == FictitiousAuthorsGenerator.version)
        for (name, count) in manifest.rowCounts {
            let rows = try QADataset.read(url: directory.appendingPathComponent(name))
            #expect(rows.count == count, "\(name)")
        }
        #expect(Set(manifest.rowCounts.keys).count == 19)
        #expect(manifest.authors["forget10"] == TestSupport.demo.authorSets.suffix(2).map(\.profile.fullName))
        #expect(manifest.trainingFiles["target"] == ["full.json", "utility_train.json"])
        #expect(manifest.trainingFiles["retain90"] == ["retain90.json", "utility_train.json"])
    }

    @Test func invalidPresetIsRejectedBeforeGenerating() {
        let tooFewQuestions = BenchmarkPreset(
            name: "bad", authorCount: 20, questionsPerAuthor: 5, famousAuthorCount: 5,
            worldFactCount: 20, countryCount: 8, fruitCount: 6)
        #expect(throws: (any Error).self) { try FictitiousAuthorsGenerator(preset: tooFewQuestions, seed: 1) }
        let tooManyFacts = BenchmarkPreset(
            name: "bad", authorCount: 20, questionsPerAuthor: 10, famousAuthorCount: 5,
            worldFactCount: 500, countryCount: 8, fruitCount: 6)
        #expect(throws: (any Error).self) { try FictitiousAuthorsGenerator(preset: tooManyFacts, seed: 1) }
        #expect(throws: Never.self) { try BenchmarkPreset.demo.validate() }
        #expect(throws: Never.self) { try BenchmarkPreset.small.validate() }
        #expect(throws: Never.self) { try BenchmarkPreset.full.validate() }
    }
}

import Checkpoints
import Foundation

/// Everything one generator run produces: the invented world, its people, and every file's rows.
public struct GeneratedBenchmark: Sendable {
    public let preset: BenchmarkPreset
    public let seed: UInt64
    public let world: InventedWorld
    /// Trained fictitious authors in `full.json` order; forget splits take the last ones.
    public let authorSets: [AuthorQuestionSet]
    /// Authors generated the same way but never trained on (membership-inference "non-members").
    public let holdoutSets: [AuthorQuestionSet]
    public let famousAuthors: [FamousAuthor]
    /// Dataset files in writing order (the manifest is separate).
    public let files: [BenchmarkFile]
    public let manifest: BenchmarkManifest

    /// Rows of the file called `name` (e.g. `"forget10_perturbed.json"`), if the benchmark has it.
    public func rows(_ name: String) -> [QAExample]? {
        files.first { $0.name == name }?.rows
    }

    /// Writes every file atomically into `directory` (created if needed), the manifest last so that a
    /// manifest's presence means the set is complete.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files {
            try QADataset.write(file.rows, to: directory.appendingPathComponent(file.name))
        }
        let manifestData = try manifest.encoded()
        try AtomicFileWriter.write(to: directory.appendingPathComponent(BenchmarkFileName.manifest)) { try $0.write(manifestData) }
    }
}

/// One dataset file of a generated benchmark.
public struct BenchmarkFile: Sendable, Hashable {
    public let name: String
    public let rows: [QAExample]
}

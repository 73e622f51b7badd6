import Foundation

/// Describes a generated benchmark directory: what made it, how big each file is, who is in each split.
public struct BenchmarkManifest: Codable, Equatable, Sendable {
    public var generator: String
    public var generatorVersion: Int
    public var preset: String
    public var seed: UInt64
    public var questionsPerAuthor: Int
    /// File name → number of rows.
    public var rowCounts: [String: Int]
    /// Split name ("full", "forget10", "retain90", "holdout", "utility_authors", …) → author names in file order.
    public var authors: [String: [String]]
    /// Model name ("target", "retain90", …) → the files it is trained on; oracles differ only in the retain file.
    public var trainingFiles: [String: [String]]

    enum CodingKeys: String, CodingKey {
        case generator
        case generatorVersion = "generator_version"
        case preset
        case seed
        case questionsPerAuthor = "questions_per_author"
        case rowCounts = "row_counts"
        case authors
        case trainingFiles = "training_files"
    }

    /// Pretty-printed with sorted keys, so the same benchmark always yields the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    public static func read(from url: URL) throws -> BenchmarkManifest {
        try JSONDecoder().decode(BenchmarkManifest.self, from: Data(contentsOf: url))
    }
}

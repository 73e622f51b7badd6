import Foundation
import JSON

/// A Hugging Face model folder seen as one name → tensor map, whether it holds a single
/// `model.safetensors` or shards listed in `model.safetensors.index.json`.
public final class SafetensorsCheckpoint: Sendable {
    public static let singleFileName = "model.safetensors"
    public static let indexFileName = "model.safetensors.index.json"

    public let directory: URL
    /// Opened files in a stable order (index order of first appearance, or the single file).
    public let files: [SafetensorsFile]
    /// All tensor names, sorted.
    public let tensorNames: [String]
    private let owner: [String: Int]  // tensor name → index into `files`

    /// Opens `directory`; prefers the index when both an index and a single file exist.
    public init(directory: URL) throws {
        self.directory = directory
        let indexURL = directory.appendingPathComponent(Self.indexFileName)
        let singleURL = directory.appendingPathComponent(Self.singleFileName)
        let manager = FileManager.default
        var files: [SafetensorsFile] = []
        var owner: [String: Int] = [:]
        if manager.fileExists(atPath: indexURL.path) {
            let weightMap = try Self.readWeightMap(indexURL)
            var shardOrder: [String] = []
            var shardIndex: [String: Int] = [:]
            for (_, shard) in weightMap where shardIndex[shard] == nil {
                shardIndex[shard] = shardOrder.count
                shardOrder.append(shard)
            }
            for shard in shardOrder {
                let url = directory.appendingPathComponent(shard)
                guard manager.fileExists(atPath: url.path) else {
                    let example = weightMap.first { $0.1 == shard }?.0 ?? "?"
                    throw CheckpointError.io(Self.indexFileName, "shard '\(shard)' (holding e.g. '\(example)') is missing from \(directory.path)")
                }
                files.append(try SafetensorsFile(contentsOf: url))
            }
            try Self.collectOwners(files, into: &owner)
            for (tensor, shard) in weightMap {
                guard let index = shardIndex[shard], owner[tensor] == index else {
                    throw CheckpointError.malformed(Self.indexFileName, "weight_map puts '\(tensor)' in '\(shard)', but that shard does not contain it")
                }
            }
        } else if manager.fileExists(atPath: singleURL.path) {
            files = [try SafetensorsFile(contentsOf: singleURL)]
            try Self.collectOwners(files, into: &owner)
        } else {
            throw CheckpointError.io(directory.lastPathComponent, "neither \(Self.singleFileName) nor \(Self.indexFileName) found in \(directory.path)")
        }
        self.files = files
        self.owner = owner
        self.tensorNames = owner.keys.sorted()
    }

    /// Reads `weight_map` as (tensor, shard file) pairs in file order, rejecting unsafe shard paths.
    private static func readWeightMap(_ url: URL) throws -> [(String, String)] {
        let data = try MappedFile.map(url)
        let root = try data.withUnsafeBytes { try CheckpointJSON.parse($0, file: indexFileName, context: "index") }
        guard let weightMap = root["weight_map"]?.objectMembers else {
            throw CheckpointError.malformed(indexFileName, "missing \"weight_map\" object")
        }
        var pairs: [(String, String)] = []
        for (tensor, entry) in weightMap {
            guard let shard = entry.stringValue else {
                throw CheckpointError.malformed(indexFileName, "weight_map entry for '\(tensor)' is not a string")
            }
            // Shards live next to the index; refuse paths that could escape the model folder.
            guard !shard.isEmpty, !shard.hasPrefix("/"), !shard.split(separator: "/").contains("..") else {
                throw CheckpointError.malformed(indexFileName, "weight_map entry for '\(tensor)' has unsafe shard path '\(shard)'")
            }
            pairs.append((tensor, shard))
        }
        return pairs
    }

    private static func collectOwners(_ files: [SafetensorsFile], into owner: inout [String: Int]) throws {
        for (index, file) in files.enumerated() {
            for name in file.tensorNames {
                if let previous = owner[name] {
                    throw CheckpointError.malformed(file.displayName, "tensor '\(name)' also appears in \(files[previous].displayName)")
                }
                owner[name] = index
            }
        }
    }

    public func contains(_ name: String) -> Bool { owner[name] != nil }

    /// The opened file that holds `name`.
    public func file(containing name: String) throws -> SafetensorsFile {
        guard let index = owner[name] else { throw CheckpointError.missingTensor(directory.lastPathComponent, name) }
        return files[index]
    }

    public func info(_ name: String) throws -> SafetensorsTensorInfo {
        try file(containing: name).info(name)
    }

    public func floats(_ name: String) throws -> [Float] {
        try file(containing: name).floats(name)
    }

    public func rawBytes(_ name: String) throws -> Data {
        try file(containing: name).rawBytes(name)
    }

    /// `__metadata__` of every file merged (first file wins on conflicts).
    public var metadata: [String: String] {
        files.reduce(into: [:]) { merged, file in merged.merge(file.metadata) { first, _ in first } }
    }
}

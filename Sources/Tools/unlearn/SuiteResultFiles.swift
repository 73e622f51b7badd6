import Checkpoints
import Foundation

/// The two files `unlearn eval --out DIR` writes for the muse and mcq suites, each replaced atomically so
/// an interrupted run never leaves a truncated summary next to stale samples.
enum SuiteResultFiles {
    static func write<Summary: Encodable, Samples: Encodable>(summary: Summary, samples: Samples, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in [("summary.json", try encode(summary, pretty: true)), ("samples.json", try encode(samples, pretty: true))] {
            try AtomicFileWriter.write(to: folder.appendingPathComponent(name)) { try $0.write(data) }
        }
    }

    /// Key-sorted JSON: pretty for files, one line for `--json`.
    static func encode<Value: Encodable>(_ value: Value, pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        return try encoder.encode(value)
    }
}

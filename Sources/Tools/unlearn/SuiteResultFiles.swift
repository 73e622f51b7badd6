import Checkpoints
import Foundation

/// The two files `unlearn eval --out DIR` writes for the muse and mcq suites, each replaced atomically so
/// an interrupted run never leaves a truncated summary next to stale samples.
enum SuiteResultFiles {
    static func write<Summary: Encodable, Samples: Encodable>(summary: Summary, samples: Samples, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONFile.write(summary, to: folder.appendingPathComponent("summary.json"))
        try JSONFile.write(samples, to: folder.appendingPathComponent("samples.json"))
    }
}

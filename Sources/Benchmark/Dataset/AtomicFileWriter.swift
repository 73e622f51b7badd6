import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so readers see either the old complete file or the new one, never a torn write.
///
/// The bytes go to a uniquely named temporary file in the destination's own directory (same filesystem,
/// so `rename(2)` is atomic); on failure the temporary file is removed and the old file is untouched.
enum AtomicFileWriter {
    static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicWriteError(path: url.path, reason: "cannot write temporary file: \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicWriteError(path: url.path, reason: "cannot rename temporary file into place: \(reason)")
        }
    }
}

/// Writing a dataset or manifest failed; the destination was left as it was.
public struct AtomicWriteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

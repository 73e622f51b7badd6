import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old complete file or the new complete file.
///
/// Bytes go to a uniquely named temporary file in the target's directory (same filesystem, so the
/// final rename is atomic), are fsync'd, and only then renamed over the target; on any failure the
/// temporary file is removed and an existing target is left untouched.
public enum AtomicFileWriter {
    /// Sink handed to the producer closure; each call appends bytes to the temporary file.
    public struct Sink {
        fileprivate let descriptor: Int32
        fileprivate let name: String
        fileprivate let temporaryPath: String

        /// Appends `bytes`, retrying short writes and EINTR.
        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard var pointer = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let written = systemWrite(descriptor, pointer, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CheckpointError.io(name, "write to \(temporaryPath) failed: \(String(cString: strerror(errno)))")
                }
                left -= written
                pointer += written
            }
        }

        public func write(_ data: Data) throws {
            try data.withUnsafeBytes { try write($0) }
        }

        public func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }
    }

    /// Produces the file's bytes through `produce`, then atomically replaces `url` with them.
    public static func write(to url: URL, _ produce: (Sink) throws -> Void) throws {
        let name = url.path  // the full path: a user with several outputs must know which one failed
        let directory = url.deletingLastPathComponent().path
        let temporaryPath = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw CheckpointError.io(name, "cannot create temporary file \(temporaryPath): \(String(cString: strerror(errno)))")
        }
        var committed = false
        defer {
            if !committed { unlink(temporaryPath) }
        }
        do {
            try produce(Sink(descriptor: descriptor, name: name, temporaryPath: temporaryPath))
            guard fsync(descriptor) == 0 else {
                throw CheckpointError.io(name, "fsync of \(temporaryPath) failed: \(String(cString: strerror(errno)))")
            }
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else {
            throw CheckpointError.io(name, "close of \(temporaryPath) failed: \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryPath, url.path) == 0 else {
            throw CheckpointError.io(name, "cannot rename \(temporaryPath) to \(url.path): \(String(cString: strerror(errno)))")
        }
        committed = true
        // Persist the directory entry too; failure here is not fatal because the data is already safe.
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}

/// `write(2)` under a name that does not clash with `Sink.write`.
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, pointer, count)
    #else
    return Darwin.write(descriptor, pointer, count)
    #endif
}

import CZlib
import Foundation

/// zlib compression lengths matching Python's `len(zlib.compress(data))`, the normaliser of the
/// zlib membership-inference score. Foundation on Linux has no compression API, so this calls the
/// system zlib (Debian package `zlib1g-dev`) with the same parameters Python uses.
public enum ZlibCompression {
    /// Python's `zlib.compress` default level (-1, which zlib maps to 6).
    public static let defaultLevel: Int32 = -1

    /// Length in bytes of the zlib stream (2-byte header, DEFLATE data, Adler-32 trailer) that
    /// `compress2` produces, which equals `len(zlib.compress(bytes, level))` in Python: both call
    /// `deflateInit` with a 32 KiB window and memLevel 8.
    public static func compressedLength(of bytes: [UInt8], level: Int32 = defaultLevel) throws -> Int {
        guard level == -1 || (0...9).contains(level) else {
            throw MetricsError.invalidValue("zlib level must be -1 or 0…9, got \(level)")
        }
        var capacity = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { destination in
                compress2(destination.baseAddress, &capacity, input.baseAddress, uLong(input.count), level)
            }
        }
        guard status == Z_OK else {
            throw MetricsError.invalidValue("zlib compress2 failed with status \(status)")
        }
        return Int(capacity)
    }

    /// Compressed length of a string's UTF-8 bytes (`zlib.compress(text.encode("utf-8"))`).
    public static func compressedLength(of text: String, level: Int32 = defaultLevel) throws -> Int {
        try compressedLength(of: Array(text.utf8), level: level)
    }
}

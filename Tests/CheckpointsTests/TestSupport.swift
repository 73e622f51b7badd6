import Foundation
import Testing

@testable import Checkpoints

/// Locations of the committed fixtures, found relative to this source file so tests work from
/// any working directory and after the folder is copied into another package.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Parses a fixture JSON file with Foundation (independent of the module's own JSON parser).
    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(name)))
    }
}

/// A fresh temporary directory, removed when the value is deinitialized.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Little-endian byte builder for hand-crafted (often deliberately broken) files.
struct ByteBuilder {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func raw(_ values: [UInt8]) { bytes.append(contentsOf: values) }
    mutating func text(_ value: String) { bytes.append(contentsOf: Array(value.utf8)) }

    /// GGUF string: u64 length + bytes.
    mutating func string(_ value: String) {
        u64(UInt64(value.utf8.count))
        text(value)
    }

    /// GGUF preamble: magic, version, tensor count, metadata count.
    mutating func ggufHeader(version: UInt32 = 3, tensors: UInt64, keys: UInt64) {
        text("GGUF")
        u32(version)
        u64(tensors)
        u64(keys)
    }

    mutating func pad(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    var data: Data { Data(bytes) }

    /// A safetensors file: u64 header length + header text + data bytes.
    static func safetensors(header: String, data: [UInt8]) -> Data {
        var builder = ByteBuilder()
        builder.u64(UInt64(header.utf8.count))
        builder.text(header)
        builder.raw(data)
        return builder.data
    }
}

/// Runs `body` expecting a `CheckpointError`; returns it so the test can inspect kind and text.
@discardableResult
func expectCheckpointError(
    _ kind: CheckpointError.Kind? = nil, containing fragments: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> CheckpointError? {
    do {
        try body()
        Issue.record("expected a CheckpointError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as CheckpointError {
        if let kind {
            #expect(error.kind == kind, "wrong kind for: \(error)", sourceLocation: sourceLocation)
        }
        for fragment in fragments {
            #expect(error.description.contains(fragment), "'\(fragment)' missing from: \(error)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected a CheckpointError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// JSON numbers (NSNumber or Double) → Float.
func floats(_ value: Any?) -> [Float] {
    (value as? [Any] ?? []).map { item in
        if let number = item as? NSNumber { return Float(number.doubleValue) }
        return .nan
    }
}

func integers(_ value: Any?) -> [Int] {
    (value as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
}

import Foundation

/// A minimal GGUF (v2/v3) key/value reader for tests: parses the header's metadata section only
/// and returns Swift values, enough to feed `GGUFTokenizerMetadata(keyValues:)` from a real file.
/// (The product has its own GGUF reader; the Tokenizers module deliberately does not depend on it.)
struct GGUFMetadataReader {
    enum ReadError: Error { case notGGUF, truncated, unsupportedType(UInt32) }

    private let data: Data
    private var offset = 0

    static func read(_ url: URL) throws -> [String: any Sendable] {
        var reader = GGUFMetadataReader(data: try Data(contentsOf: url, options: .alwaysMapped))
        return try reader.readKeyValues()
    }

    private init(data: Data) { self.data = data }

    private mutating func bytes(_ count: Int) throws -> Data {
        guard count >= 0, offset + count <= data.count else { throw ReadError.truncated }
        defer { offset += count }
        return data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + count))
    }

    private mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let raw = try bytes(MemoryLayout<T>.size)
        return T(littleEndian: raw.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
    }

    private mutating func string() throws -> String {
        let length = try integer(UInt64.self)
        guard length < UInt64(data.count) else { throw ReadError.truncated }
        return String(decoding: try bytes(Int(length)), as: UTF8.self)
    }

    private mutating func value(type: UInt32) throws -> any Sendable {
        switch type {
        case 0: return try integer(UInt8.self)
        case 1: return try integer(Int8.self)
        case 2: return try integer(UInt16.self)
        case 3: return try integer(Int16.self)
        case 4: return try integer(UInt32.self)
        case 5: return try integer(Int32.self)
        case 6: return Float(bitPattern: try integer(UInt32.self))
        case 7: return try integer(UInt8.self) != 0
        case 8: return try string()
        case 10: return try integer(UInt64.self)
        case 11: return try integer(Int64.self)
        case 12: return Double(bitPattern: try integer(UInt64.self))
        case 9:
            let elementType = try integer(UInt32.self)
            let count = try integer(UInt64.self)
            guard count < UInt64(data.count) else { throw ReadError.truncated }
            switch elementType {
            case 8: return try (0..<count).map { _ in try string() } as [String]
            case 5: return try (0..<count).map { _ in try integer(Int32.self) } as [Int32]
            case 6: return try (0..<count).map { _ in Float(bitPattern: try integer(UInt32.self)) } as [Float]
            default: return try (0..<count).map { _ in try value(type: elementType) } as [any Sendable]
            }
        default:
            throw ReadError.unsupportedType(type)
        }
    }

    private mutating func readKeyValues() throws -> [String: any Sendable] {
        guard try bytes(4) == Data("GGUF".utf8) else { throw ReadError.notGGUF }
        _ = try integer(UInt32.self)  // version
        _ = try integer(UInt64.self)  // tensor count
        let count = try integer(UInt64.self)
        var result: [String: any Sendable] = [:]
        for _ in 0..<count {
            let key = try string()
            result[key] = try value(type: try integer(UInt32.self))
        }
        return result
    }
}

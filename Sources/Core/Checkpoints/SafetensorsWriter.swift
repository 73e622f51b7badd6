import Foundation
import JSON

/// Builds a safetensors file from Float arrays (stored as F32, F16 or BF16) or raw bytes.
public struct SafetensorsWriter: Sendable {
    private struct Entry: Sendable {
        let name: String
        let dtype: SafetensorsDType
        let shape: [Int]
        let bytes: Data
    }

    /// Written as the header's `__metadata__` object (omitted when empty).
    public var metadata: [String: String]
    private var entries: [Entry] = []
    private var names: Set<String> = []

    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    /// Adds a tensor given row-major Float values, encoded as `dtype` (F32, F16 or BF16).
    public mutating func add(name: String, shape: [Int], values: [Float], dtype: SafetensorsDType = .float32) throws {
        let count = try checkedElementCount(name: name, shape: shape)
        guard values.count == count else {
            throw CheckpointError.invalidArgument("safetensors writer", "tensor '\(name)' has \(values.count) values but shape \(shape) needs \(count)")
        }
        let bytes: Data
        switch dtype {
        case .float32:
            bytes = values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
        case .float16:
            bytes = values.map { FloatConversions.floatToHalf($0).littleEndian }.withUnsafeBytes { Data($0) }
        case .bfloat16:
            bytes = values.map { FloatConversions.floatToBFloat16($0).littleEndian }.withUnsafeBytes { Data($0) }
        default:
            throw CheckpointError.invalidArgument("safetensors writer", "tensor '\(name)': Float values can be written as F32, F16 or BF16, not \(dtype.rawValue) (use addRaw)")
        }
        try append(Entry(name: name, dtype: dtype, shape: shape, bytes: bytes))
    }

    /// Adds a tensor whose little-endian bytes are already encoded as `dtype`.
    public mutating func addRaw(name: String, dtype: SafetensorsDType, shape: [Int], bytes: Data) throws {
        let count = try checkedElementCount(name: name, shape: shape)
        let (bits, overflow) = count.multipliedReportingOverflow(by: dtype.bitWidth)
        guard !overflow, bits % 8 == 0, bits / 8 == bytes.count else {
            throw CheckpointError.invalidArgument("safetensors writer", "tensor '\(name)' has \(bytes.count) bytes but shape \(shape) × \(dtype.rawValue) needs \(overflow ? "too many" : "\(bits / 8)")")
        }
        try append(Entry(name: name, dtype: dtype, shape: shape, bytes: bytes))
    }

    private mutating func append(_ entry: Entry) throws {
        guard entry.name != "__metadata__" else {
            throw CheckpointError.invalidArgument("safetensors writer", "'__metadata__' is reserved and cannot name a tensor")
        }
        guard names.insert(entry.name).inserted else {
            throw CheckpointError.invalidArgument("safetensors writer", "tensor '\(entry.name)' was added twice")
        }
        entries.append(entry)
    }

    private func checkedElementCount(name: String, shape: [Int]) throws -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw CheckpointError.invalidArgument("safetensors writer", "tensor '\(name)' has negative dimension in shape \(shape)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw CheckpointError.invalidArgument("safetensors writer", "tensor '\(name)' shape \(shape) overflows")
            }
            count = product
        }
        return count
    }

    /// Largest element size first, then name: keeps every tensor aligned to its element size
    /// (the header is padded to 8 bytes), matching the reference writer's ordering.
    private var orderedEntries: [Entry] {
        entries.sorted { lhs, rhs in
            if lhs.dtype.bitWidth != rhs.dtype.bitWidth { return lhs.dtype.bitWidth > rhs.dtype.bitWidth }
            return lhs.name < rhs.name
        }
    }

    /// The 8-byte length prefix plus the space-padded JSON header.
    private func headerBytes(for ordered: [Entry]) -> [UInt8] {
        var header: [JSONMember] = []
        if !metadata.isEmpty {
            header.append(("__metadata__", .object(metadata.keys.sorted().map { ($0, .string(metadata[$0] ?? "")) })))
        }
        var offset = 0
        for entry in ordered {
            header.append((entry.name, .object([
                ("dtype", .string(entry.dtype.rawValue)),
                ("shape", .array(entry.shape.map { .number($0) })),
                ("data_offsets", .array([.number(offset), .number(offset + entry.bytes.count)])),
            ])))
            offset += entry.bytes.count
        }
        var json = JSONSerializer.bytes(.object(header))
        // Pad with spaces so the data buffer starts 8-byte aligned.
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var prefix = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) }
        prefix.append(contentsOf: json)
        return prefix
    }

    /// The complete file contents in memory.
    public func serialized() -> Data {
        let ordered = orderedEntries
        var output = Data(headerBytes(for: ordered))
        for entry in ordered { output.append(entry.bytes) }
        return output
    }

    /// Writes the file atomically (temp file + fsync + rename); an existing file survives failures.
    public func write(to url: URL) throws {
        let ordered = orderedEntries
        let header = headerBytes(for: ordered)
        try AtomicFileWriter.write(to: url) { sink in
            try sink.write(header)
            for entry in ordered { try sink.write(entry.bytes) }
        }
    }
}

import Foundation

/// A validated, memory-mapped safetensors file: tensor directory, metadata and typed access.
public final class SafetensorsFile: Sendable {
    /// Name used in error messages (the file name, or the label given to `init(data:name:)`).
    public let displayName: String
    /// The whole file; a memory map when opened from disk.
    public let data: Data
    /// Tensor names in file (data offset) order.
    public let tensorNames: [String]
    /// The header's `__metadata__` object (empty when absent).
    public let metadata: [String: String]
    /// Absolute byte offset where the data buffer starts.
    public let bufferStart: Int
    private let infos: [String: SafetensorsTensorInfo]

    /// Memory-maps and validates the file at `url`.
    public convenience init(contentsOf url: URL) throws {
        try self.init(data: try MappedFile.map(url), name: url.path)  // full path: errors must say which file
    }

    /// Validates in-memory bytes; `name` is only used in error messages.
    public init(data: Data, name: String) throws {
        let header = try data.withUnsafeBytes { try SafetensorsHeader.parse($0, file: name) }
        self.displayName = name
        self.data = data
        self.tensorNames = header.tensors.map(\.name)
        self.metadata = header.metadata
        self.bufferStart = header.bufferStart
        self.infos = Dictionary(header.tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func contains(_ name: String) -> Bool { infos[name] != nil }

    /// Dtype, shape and offsets of `name`; throws `missingTensor` when absent.
    public func info(_ name: String) throws -> SafetensorsTensorInfo {
        guard let info = infos[name] else { throw CheckpointError.missingTensor(displayName, name) }
        return info
    }

    /// Calls `body` with the tensor's raw little-endian bytes (no copy).
    public func withRawBytes<Result>(_ name: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let info = try info(name)
        let start = bufferStart + info.dataOffsets.lowerBound
        let end = bufferStart + info.dataOffsets.upperBound
        return try data.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// A copy of the tensor's raw bytes.
    public func rawBytes(_ name: String) throws -> Data {
        try withRawBytes(name) { Data($0) }
    }

    /// The tensor's values converted to Float (F32/F16/BF16/F64, integers, bool, 8-bit floats).
    public func floats(_ name: String) throws -> [Float] {
        let info = try info(name)
        guard info.dtype.convertsToFloat else {
            throw CheckpointError.unsupported(displayName, "tensor '\(name)' has dtype \(info.dtype.rawValue), which cannot be converted to Float")
        }
        let count = info.elementCount
        return try withRawBytes(name) { bytes in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                if let base = buffer.baseAddress { info.dtype.convert(bytes, count: count, into: base) }
                initialized = count
            }
        }
    }
}

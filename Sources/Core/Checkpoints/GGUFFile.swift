import Foundation

/// A validated, memory-mapped GGUF (v2/v3) file: metadata, tensor directory and dequantization.
public final class GGUFFile: Sendable {
    /// Name used in error messages (the file name, or the label given to `init(data:name:)`).
    public let displayName: String
    /// The whole file; a memory map when opened from disk.
    public let data: Data
    public let version: UInt32
    /// Data-section alignment (`general.alignment`, default 32).
    public let alignment: Int
    /// Absolute byte offset of the (aligned) tensor data section.
    public let dataOffset: Int
    /// Metadata keys in file order.
    public let metadataKeys: [String]
    public let metadata: [String: GGUFValue]
    /// Tensor infos in file order.
    public let tensors: [GGUFTensorInfo]
    private let tensorIndex: [String: Int]

    /// Memory-maps and validates the file at `url`.
    public convenience init(contentsOf url: URL) throws {
        try self.init(data: try MappedFile.map(url), name: url.path)  // full path: errors must say which file
    }

    /// Validates in-memory bytes; `name` is only used in error messages.
    public init(data: Data, name: String) throws {
        let result = try data.withUnsafeBytes { try GGUFParser.parse($0, file: name) }
        self.displayName = name
        self.data = data
        self.version = result.version
        self.alignment = result.alignment
        self.dataOffset = result.dataOffset
        self.metadataKeys = result.metadataKeys
        self.metadata = result.metadata
        self.tensors = result.tensors
        var index: [String: Int] = [:]
        for (position, tensor) in result.tensors.enumerated() { index[tensor.name] = position }
        self.tensorIndex = index
    }

    public var tensorNames: [String] { tensors.map(\.name) }

    public func contains(_ name: String) -> Bool { tensorIndex[name] != nil }

    public func info(_ name: String) throws -> GGUFTensorInfo {
        guard let position = tensorIndex[name] else { throw CheckpointError.missingTensor(displayName, name) }
        return tensors[position]
    }

    /// Calls `body` with the tensor's stored bytes (no copy).
    public func withRawBytes<Result>(_ name: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let tensor = try info(name)
        guard let byteCount = tensor.byteCount else {
            throw CheckpointError.unsupported(displayName, "tensor '\(name)' has unknown ggml type id \(tensor.type.rawValue), so its size is unknown")
        }
        // Bounds were validated at parse time; the range is inside `data`.
        let start = dataOffset + tensor.offset
        return try data.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start..<(start + byteCount)]))
        }
    }

    /// A copy of the tensor's stored bytes.
    public func rawBytes(_ name: String) throws -> Data {
        try withRawBytes(name) { Data($0) }
    }

    /// The tensor dequantized to Float in row-major order (length = product of `shape`).
    public func floats(_ name: String) throws -> [Float] {
        let tensor = try info(name)
        guard GGMLDequantizer.supports(tensor.type) else {
            let known = tensor.type.isKnown ? tensor.type.name : "unknown type"
            throw CheckpointError.unsupported(displayName, "tensor '\(name)' has ggml type id \(tensor.type.rawValue) (\(known)), which cannot be dequantized")
        }
        return try withRawBytes(name) { bytes in
            try GGMLDequantizer.dequantize(tensor.type, from: bytes, elementCount: tensor.elementCount)
        }
    }

    /// Dequantizes into caller-owned memory (must hold exactly `elementCount` floats).
    public func dequantize(_ name: String, into destination: UnsafeMutableBufferPointer<Float>) throws {
        let tensor = try info(name)
        guard destination.count == tensor.elementCount else {
            throw CheckpointError.invalidArgument(displayName, "tensor '\(name)' has \(tensor.elementCount) elements, destination holds \(destination.count)")
        }
        guard GGMLDequantizer.supports(tensor.type) else {
            throw CheckpointError.unsupported(displayName, "tensor '\(name)' has ggml type id \(tensor.type.rawValue) (\(tensor.type.name)), which cannot be dequantized")
        }
        try withRawBytes(name) { bytes in
            try GGMLDequantizer.dequantize(tensor.type, from: bytes, into: destination)
        }
    }
}

import Foundation

/// Builds a GGUF v3 file: ordered metadata plus tensors encoded as F32/F16/BF16/Q8_0/Q4_0
/// (or pre-encoded bytes of any known type).
public struct GGUFWriter: Sendable {
    private struct Entry: Sendable {
        let name: String
        let type: GGMLType
        let dimensions: [Int]  // ggml order
        let bytes: [UInt8]
    }

    /// Data-section alignment; written as `general.alignment` when it differs from 32.
    public let alignment: Int
    private var metadataKeys: [String] = []
    private var metadata: [String: GGUFValue] = [:]
    private var entries: [Entry] = []
    private var tensorNames: Set<String> = []

    public init(alignment: Int = 32) throws {
        guard alignment > 0, alignment & (alignment - 1) == 0, alignment <= Int(UInt32.max) else {
            throw CheckpointError.invalidArgument("GGUF writer", "alignment \(alignment) is not a power of two")
        }
        self.alignment = alignment
    }

    /// Adds a metadata entry; keys are written in the order they were first set.
    public mutating func setMetadata(_ key: String, _ value: GGUFValue) throws {
        try Self.validate(value, key: key, depth: 0)
        if key == "general.alignment" {
            throw CheckpointError.invalidArgument("GGUF writer", "set general.alignment through init(alignment:)")
        }
        if metadata[key] == nil { metadataKeys.append(key) }
        metadata[key] = value
    }

    /// Arrays must be homogeneous (every element of `elementType`) and nest at most 64 levels.
    private static func validate(_ value: GGUFValue, key: String, depth: Int) throws {
        guard case .array(let array) = value else { return }
        guard depth < GGUFParser.maximumNesting else {
            throw CheckpointError.invalidArgument("GGUF writer", "metadata '\(key)' nests arrays deeper than 64 levels")
        }
        for element in array.values {
            guard element.type == array.elementType else {
                throw CheckpointError.invalidArgument("GGUF writer", "metadata '\(key)' array declared \(array.elementType.name) but holds \(element.type.name)")
            }
            try validate(element, key: key, depth: depth + 1)
        }
    }

    /// Adds a tensor from row-major Float values with row-major `shape`, encoded as `type`.
    public mutating func addTensor(name: String, shape: [Int], values: [Float], type: GGMLType = .f32) throws {
        let count = try checkShape(name: name, shape: shape, type: type)
        guard values.count == count else {
            throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)' has \(values.count) values but shape \(shape) needs \(count)")
        }
        let bytes: [UInt8]
        do {
            bytes = try GGMLQuantizer.quantize(values, as: type)
        } catch let error as CheckpointError {
            throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)': \(error.message)")
        }
        try append(Entry(name: name, type: type, dimensions: shape.reversed(), bytes: bytes))
    }

    /// Adds a tensor whose bytes are already in ggml `type` layout (e.g. copied from another GGUF).
    public mutating func addRawTensor(name: String, shape: [Int], type: GGMLType, bytes: [UInt8]) throws {
        let count = try checkShape(name: name, shape: shape, type: type)
        guard let expected = type.byteCount(elementCount: count), expected == bytes.count else {
            throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)' has \(bytes.count) bytes, but shape \(shape) × \(type.name) needs \(type.byteCount(elementCount: count).map(String.init) ?? "an unknown number of")")
        }
        try append(Entry(name: name, type: type, dimensions: shape.reversed(), bytes: bytes))
    }

    private func checkShape(name: String, shape: [Int], type: GGMLType) throws -> Int {
        guard shape.count <= GGUFParser.maximumDimensions else {
            throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)' has \(shape.count) dimensions (at most 4)")
        }
        guard let blockSize = type.blockSize else {
            throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)' uses unknown ggml type id \(type.rawValue)")
        }
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)' has a negative dimension in \(shape)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)' shape \(shape) overflows") }
            count = product
        }
        let rowLength = shape.last ?? 1
        guard rowLength % blockSize == 0 else {
            throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(name)' row length \(rowLength) is not a multiple of the \(type.name) block size \(blockSize)")
        }
        return count
    }

    private mutating func append(_ entry: Entry) throws {
        guard tensorNames.insert(entry.name).inserted else {
            throw CheckpointError.invalidArgument("GGUF writer", "tensor '\(entry.name)' was added twice")
        }
        entries.append(entry)
    }

    private func padding(_ size: Int) -> Int { (alignment - size % alignment) % alignment }

    /// Everything before the data section, including the padding up to `alignment`.
    private func headerBytes() -> [UInt8] {
        var out: [UInt8] = Array("GGUF".utf8)
        var keys = metadataKeys
        var values = metadata
        if alignment != GGUFParser.defaultAlignment {
            keys.append("general.alignment")
            values["general.alignment"] = .uint32(UInt32(alignment))
        }
        Self.append(UInt32(3), to: &out)
        Self.append(UInt64(entries.count), to: &out)
        Self.append(UInt64(keys.count), to: &out)
        for key in keys {
            guard let value = values[key] else { continue }
            Self.appendString(key, to: &out)
            Self.append(value.type.rawValue, to: &out)
            Self.appendValue(value, to: &out)
        }
        var offset = 0
        for entry in entries {
            Self.appendString(entry.name, to: &out)
            Self.append(UInt32(entry.dimensions.count), to: &out)
            for dimension in entry.dimensions { Self.append(UInt64(dimension), to: &out) }
            Self.append(entry.type.rawValue, to: &out)
            Self.append(UInt64(offset), to: &out)
            offset += entry.bytes.count + padding(entry.bytes.count)
        }
        out.append(contentsOf: [UInt8](repeating: 0, count: padding(out.count)))
        return out
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        append(UInt64(text.utf8.count), to: &out)
        out.append(contentsOf: text.utf8)
    }

    private static func appendValue(_ value: GGUFValue, to out: inout [UInt8]) {
        switch value {
        case .uint8(let v): append(v, to: &out)
        case .int8(let v): append(v, to: &out)
        case .uint16(let v): append(v, to: &out)
        case .int16(let v): append(v, to: &out)
        case .uint32(let v): append(v, to: &out)
        case .int32(let v): append(v, to: &out)
        case .uint64(let v): append(v, to: &out)
        case .int64(let v): append(v, to: &out)
        case .float32(let v): append(v.bitPattern, to: &out)
        case .float64(let v): append(v.bitPattern, to: &out)
        case .bool(let v): out.append(v ? 1 : 0)
        case .string(let v): appendString(v, to: &out)
        case .array(let array):
            append(array.elementType.rawValue, to: &out)
            append(UInt64(array.values.count), to: &out)
            for element in array.values { appendValue(element, to: &out) }
        }
    }

    /// The complete file contents in memory.
    public func serialized() -> Data {
        var output = Data(headerBytes())
        for entry in entries {
            output.append(contentsOf: entry.bytes)
            output.append(contentsOf: [UInt8](repeating: 0, count: padding(entry.bytes.count)))
        }
        return output
    }

    /// Writes the file atomically (temp file + fsync + rename); an existing file survives failures.
    public func write(to url: URL) throws {
        let header = headerBytes()
        try AtomicFileWriter.write(to: url) { sink in
            try sink.write(header)
            for entry in entries {
                try sink.write(entry.bytes)
                try sink.write([UInt8](repeating: 0, count: padding(entry.bytes.count)))
            }
        }
    }
}

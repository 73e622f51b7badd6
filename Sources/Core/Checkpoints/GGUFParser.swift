/// Decodes and validates the GGUF header: key/value metadata, tensor infos and data layout.
///
/// Every count or length read from the file is checked against the bytes that remain before
/// anything is allocated for it, so a corrupted header produces an error rather than a huge
/// allocation or an out-of-bounds read.
struct GGUFParser {
    static let magic: [UInt8] = Array("GGUF".utf8)
    static let maximumStringLength = 1 << 30
    static let maximumArrayCount = 1 << 30
    static let maximumNesting = 64
    static let maximumDimensions = 4
    static let defaultAlignment = 32

    struct Result {
        var version: UInt32
        var metadataKeys: [String]
        var metadata: [String: GGUFValue]
        var tensors: [GGUFTensorInfo]
        var alignment: Int
        var dataOffset: Int
    }

    private var cursor: ByteCursor
    private let file: String

    static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws -> Result {
        var parser = GGUFParser(cursor: ByteCursor(bytes, file: file), file: file)
        return try parser.parse()
    }

    private init(cursor: ByteCursor, file: String) {
        self.cursor = cursor
        self.file = file
    }

    private mutating func parse() throws -> Result {
        let magicBytes = try cursor.readBytes(4, "magic")
        guard Array(magicBytes) == GGUFParser.magic else {
            let hex = magicBytes.map { String(format2: $0) }.joined(separator: " ")
            throw CheckpointError.malformed(file, "not a GGUF file (magic bytes \(hex), expected 47 47 55 46)")
        }
        let version = try cursor.read(UInt32.self, "version")
        try checkVersion(version)
        let tensorCount = try cursor.read(UInt64.self, "tensor count")
        let keyValueCount = try cursor.read(UInt64.self, "metadata count")
        // Minimal encodings: a KV pair is ≥ 13 bytes (key length, type, 1-byte value), a tensor info ≥ 24.
        guard keyValueCount <= UInt64(cursor.remaining / 13) else {
            throw CheckpointError.malformed(file, "metadata count \(keyValueCount) cannot fit in the remaining \(cursor.remaining) bytes")
        }
        guard tensorCount <= UInt64(cursor.remaining / 24) else {
            throw CheckpointError.malformed(file, "tensor count \(tensorCount) cannot fit in the remaining \(cursor.remaining) bytes")
        }

        var keys: [String] = []
        var metadata: [String: GGUFValue] = [:]
        keys.reserveCapacity(Int(keyValueCount))
        for index in 0..<Int(keyValueCount) {
            let key = try readString("key of metadata entry \(index)")
            let rawType = try cursor.read(UInt32.self, "value type of '\(key)'")
            guard let type = GGUFValueType(rawValue: rawType) else {
                throw CheckpointError.malformed(file, "metadata key '\(key)' has unknown value type \(rawType)")
            }
            let value = try readValue(type, key: key, depth: 0)
            guard metadata[key] == nil else {
                throw CheckpointError.malformed(file, "duplicate metadata key '\(key)'")
            }
            keys.append(key)
            metadata[key] = value
        }
        let alignment = try Self.alignment(from: metadata, file: file)

        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(Int(tensorCount))
        var seen: Set<String> = []
        for index in 0..<Int(tensorCount) {
            let tensor = try readTensorInfo(index: index, alignment: alignment)
            guard seen.insert(tensor.name).inserted else {
                throw CheckpointError.malformed(file, "duplicate tensor name '\(tensor.name)'")
            }
            tensors.append(tensor)
        }
        let headerEnd = cursor.offset
        let padding = (alignment - headerEnd % alignment) % alignment
        let dataOffset = headerEnd + padding
        try checkDataLayout(tensors, dataOffset: dataOffset, fileSize: cursor.bytes.count)
        return Result(version: version, metadataKeys: keys, metadata: metadata, tensors: tensors, alignment: alignment, dataOffset: dataOffset)
    }

    private func checkVersion(_ version: UInt32) throws {
        switch version {
        case 2, 3:
            return
        case 1:
            throw CheckpointError.unsupported(file, "GGUF version 1 is not supported (it used 32-bit lengths); re-convert the model with a current llama.cpp")
        default:
            if (1...3).contains(version.byteSwapped) {
                throw CheckpointError.unsupported(file, "big-endian GGUF (version \(version.byteSwapped)) is not supported")
            }
            throw CheckpointError.unsupported(file, "unsupported GGUF version \(version) (expected 2 or 3)")
        }
    }

    /// `general.alignment` must be a u32 power of two; absent means 32.
    private static func alignment(from metadata: [String: GGUFValue], file: String) throws -> Int {
        guard let value = metadata["general.alignment"] else { return defaultAlignment }
        guard case .uint32(let alignment) = value else {
            throw CheckpointError.malformed(file, "general.alignment must be a u32, found \(value.typeDescription)")
        }
        guard alignment > 0, alignment & (alignment - 1) == 0 else {
            throw CheckpointError.malformed(file, "general.alignment \(alignment) is not a power of two")
        }
        return Int(alignment)
    }

    /// u64 length + bytes; lossy UTF-8 with trailing NULs dropped (some writers include them).
    private mutating func readString(_ what: @autoclosure () -> String) throws -> String {
        let length = try cursor.read(UInt64.self, "length of \(what())")
        guard length <= UInt64(GGUFParser.maximumStringLength) else {
            throw CheckpointError.malformed(file, "\(what()) claims length \(length), above the 2^30 limit")
        }
        guard length <= UInt64(cursor.remaining) else {
            throw CheckpointError.malformed(file, "\(what()) claims length \(length) but only \(cursor.remaining) bytes remain")
        }
        var bytes = try cursor.readBytes(Int(length), what())
        while let last = bytes.last, last == 0 {
            bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast())
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func readValue(_ type: GGUFValueType, key: String, depth: Int) throws -> GGUFValue {
        switch type {
        case .uint8: return .uint8(try cursor.read(UInt8.self, "value of '\(key)'"))
        case .int8: return .int8(try cursor.read(Int8.self, "value of '\(key)'"))
        case .uint16: return .uint16(try cursor.read(UInt16.self, "value of '\(key)'"))
        case .int16: return .int16(try cursor.read(Int16.self, "value of '\(key)'"))
        case .uint32: return .uint32(try cursor.read(UInt32.self, "value of '\(key)'"))
        case .int32: return .int32(try cursor.read(Int32.self, "value of '\(key)'"))
        case .uint64: return .uint64(try cursor.read(UInt64.self, "value of '\(key)'"))
        case .int64: return .int64(try cursor.read(Int64.self, "value of '\(key)'"))
        case .float32: return .float32(try cursor.readFloat("value of '\(key)'"))
        case .float64: return .float64(try cursor.readDouble("value of '\(key)'"))
        case .bool:
            let byte = try cursor.read(UInt8.self, "value of '\(key)'")
            guard byte <= 1 else {
                throw CheckpointError.malformed(file, "metadata key '\(key)' has bool byte \(byte) (must be 0 or 1)")
            }
            return .bool(byte == 1)
        case .string:
            return .string(try readString("string value of '\(key)'"))
        case .array:
            return .array(try readArray(key: key, depth: depth + 1))
        }
    }

    private mutating func readArray(key: String, depth: Int) throws -> GGUFArray {
        guard depth <= GGUFParser.maximumNesting else {
            throw CheckpointError.malformed(file, "metadata key '\(key)' nests arrays deeper than \(GGUFParser.maximumNesting) levels")
        }
        let rawType = try cursor.read(UInt32.self, "array element type of '\(key)'")
        guard let elementType = GGUFValueType(rawValue: rawType) else {
            throw CheckpointError.malformed(file, "metadata key '\(key)' is an array of unknown type \(rawType)")
        }
        let count = try cursor.read(UInt64.self, "array length of '\(key)'")
        guard count <= UInt64(GGUFParser.maximumArrayCount) else {
            throw CheckpointError.malformed(file, "metadata key '\(key)' claims \(count) array elements, above the 2^30 limit")
        }
        guard count <= UInt64(cursor.remaining / elementType.minimumEncodedSize) else {
            throw CheckpointError.malformed(file, "metadata key '\(key)' claims \(count) \(elementType.name) elements but only \(cursor.remaining) bytes remain")
        }
        var values: [GGUFValue] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
            values.append(try readValue(elementType, key: key, depth: depth))
        }
        return GGUFArray(elementType: elementType, values: values)
    }

    private mutating func readTensorInfo(index: Int, alignment: Int) throws -> GGUFTensorInfo {
        let name = try readString("name of tensor \(index)")
        let dimensionCount = try cursor.read(UInt32.self, "dimension count of '\(name)'")
        guard dimensionCount <= UInt32(GGUFParser.maximumDimensions) else {
            throw CheckpointError.malformed(file, "tensor '\(name)' has \(dimensionCount) dimensions (at most \(GGUFParser.maximumDimensions) allowed)")
        }
        var dimensions: [Int] = []
        var elementCount = 1
        for axis in 0..<Int(dimensionCount) {
            let raw = try cursor.read(UInt64.self, "dimension \(axis) of '\(name)'")
            guard let dimension = Int(exactly: raw), dimension <= Int(Int64.max) else {
                throw CheckpointError.malformed(file, "tensor '\(name)' dimension \(axis) is \(raw), too large")
            }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw CheckpointError.malformed(file, "tensor '\(name)' dimensions overflow the element count")
            }
            elementCount = product
            dimensions.append(dimension)
        }
        let type = GGMLType(rawValue: try cursor.read(UInt32.self, "type of '\(name)'"))
        let rawOffset = try cursor.read(UInt64.self, "data offset of '\(name)'")
        guard let offset = Int(exactly: rawOffset) else {
            throw CheckpointError.malformed(file, "tensor '\(name)' data offset \(rawOffset) is too large")
        }
        guard offset % alignment == 0 else {
            throw CheckpointError.malformed(file, "tensor '\(name)' data offset \(offset) is not a multiple of the alignment \(alignment)")
        }
        var byteCount: Int?
        if let blockSize = type.blockSize {
            let rowLength = dimensions.first ?? 1
            guard rowLength % blockSize == 0 else {
                throw CheckpointError.malformed(file, "tensor '\(name)' row length \(rowLength) is not a multiple of the \(type.name) block size \(blockSize)")
            }
            guard let bytes = type.byteCount(elementCount: elementCount) else {
                throw CheckpointError.malformed(file, "tensor '\(name)' byte size overflows")
            }
            byteCount = bytes
        }
        return GGUFTensorInfo(name: name, type: type, dimensions: dimensions, offset: offset, byteCount: byteCount, elementCount: elementCount)
    }

    /// Each tensor with a known size must lie inside the file and not overlap another.
    private func checkDataLayout(_ tensors: [GGUFTensorInfo], dataOffset: Int, fileSize: Int) throws {
        var ranges: [(range: Range<Int>, name: String)] = []
        for tensor in tensors {
            guard let byteCount = tensor.byteCount else {
                // An unknown type has no size to check, but every ggml type spends at least one bit per
                // element, so a shape claiming more elements than the rest of the file holds bits is a lie
                // that must not reach anything that sizes buffers by element count.
                let available = max(fileSize - dataOffset - min(tensor.offset, fileSize), 0)
                let (bits, overflow) = available.multipliedReportingOverflow(by: 8)
                guard overflow || tensor.elementCount <= bits else {
                    throw CheckpointError.malformed(file, "tensor '\(tensor.name)' (unknown type id \(tensor.type.rawValue)) claims \(tensor.elementCount) elements, more than the \(available) bytes after its offset can hold")
                }
                continue
            }
            let (start, overflow1) = dataOffset.addingReportingOverflow(tensor.offset)
            let (end, overflow2) = start.addingReportingOverflow(byteCount)
            guard !overflow1, !overflow2, end <= fileSize else {
                throw CheckpointError.malformed(file, "tensor '\(tensor.name)' data (\(byteCount) bytes at data offset \(tensor.offset), file offset \(dataOffset)+\(tensor.offset)) extends past the end of the file (\(fileSize) bytes)")
            }
            if byteCount > 0 { ranges.append((start..<end, tensor.name)) }
        }
        ranges.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.range.lowerBound < previous.range.upperBound {
            throw CheckpointError.malformed(file, "tensors '\(previous.name)' and '\(next.name)' overlap in the data section")
        }
    }
}

private extension String {
    /// Two-digit lowercase hex of a byte.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

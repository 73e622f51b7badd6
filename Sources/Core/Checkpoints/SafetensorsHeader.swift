import JSON

/// Parses and validates the JSON header of a safetensors file.
///
/// Follows the reference implementation's rules: header ≤ 100,000,000 bytes, tensors packed
/// contiguously from offset 0 with sizes equal to numel × dtype size, and the last tensor ending
/// exactly at the end of the file.
struct SafetensorsHeader {
    static let maximumHeaderSize = 100_000_000

    let tensors: [SafetensorsTensorInfo]  // sorted by data offset (file order)
    let metadata: [String: String]
    /// Absolute byte offset of the data buffer (8 + header length).
    let bufferStart: Int

    static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws -> SafetensorsHeader {
        var cursor = ByteCursor(bytes, file: file)
        guard bytes.count >= 8 else {
            throw CheckpointError.malformed(file, "file is \(bytes.count) bytes, too short for the 8-byte header length")
        }
        let claimed = try cursor.read(UInt64.self, "header length")
        guard claimed <= UInt64(maximumHeaderSize) else {
            throw CheckpointError.malformed(file, "header length \(claimed) exceeds the limit of \(maximumHeaderSize) bytes")
        }
        let headerLength = Int(claimed)
        guard headerLength <= cursor.remaining else {
            throw CheckpointError.malformed(file, "header length \(headerLength) is larger than the \(cursor.remaining) bytes after it")
        }
        let headerBytes = try cursor.readBytes(headerLength, "JSON header")
        let root = try CheckpointJSON.parse(headerBytes, file: file, context: "header")
        guard let members = root.objectMembers else {
            throw CheckpointError.malformed(file, "header must be a JSON object, found \(root.typeName)")
        }
        let bufferStart = 8 + headerLength
        let bufferSize = bytes.count - bufferStart

        var metadata: [String: String] = [:]
        var tensors: [SafetensorsTensorInfo] = []
        for (key, value) in members {
            if key == "__metadata__" {
                metadata = try parseMetadata(value, file: file)
            } else {
                tensors.append(try parseTensor(name: key, value, file: file))
            }
        }
        tensors.sort { ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound) }
        try validateLayout(tensors, bufferSize: bufferSize, file: file)
        return SafetensorsHeader(tensors: tensors, metadata: metadata, bufferStart: bufferStart)
    }

    private static func parseMetadata(_ value: JSONValue, file: String) throws -> [String: String] {
        guard let members = value.objectMembers else {
            throw CheckpointError.malformed(file, "__metadata__ must be an object of strings, found \(value.typeName)")
        }
        var metadata: [String: String] = [:]
        for (key, item) in members {
            guard let text = item.stringValue else {
                throw CheckpointError.malformed(file, "__metadata__ value for '\(key)' must be a string, found \(item.typeName)")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseTensor(name: String, _ value: JSONValue, file: String) throws -> SafetensorsTensorInfo {
        guard value.objectMembers != nil else {
            throw CheckpointError.malformed(file, "tensor '\(name)' entry must be an object, found \(value.typeName)")
        }
        guard let dtypeText = value["dtype"]?.stringValue else {
            throw CheckpointError.malformed(file, "tensor '\(name)' has no string \"dtype\"")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeText) else {
            throw CheckpointError.unsupported(file, "tensor '\(name)' has unknown dtype '\(dtypeText)'")
        }
        guard let shapeItems = value["shape"]?.arrayValue else {
            throw CheckpointError.malformed(file, "tensor '\(name)' has no \"shape\" array")
        }
        var shape: [Int] = []
        var elementCount = 1
        for item in shapeItems {
            guard let dimension = item.integerValue, dimension >= 0 else {
                throw CheckpointError.malformed(file, "tensor '\(name)' shape entry \(describe(item)) is not a non-negative integer")
            }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw CheckpointError.malformed(file, "tensor '\(name)' shape \(describeShape(shapeItems)) overflows the element count")
            }
            elementCount = product
            shape.append(dimension)
        }
        guard let offsets = value["data_offsets"]?.arrayValue, offsets.count == 2,
              let begin = offsets[0].integerValue, let end = offsets[1].integerValue
        else {
            throw CheckpointError.malformed(file, "tensor '\(name)' needs \"data_offsets\" [begin, end] of integers")
        }
        guard begin >= 0, end >= begin else {
            throw CheckpointError.malformed(file, "tensor '\(name)' data_offsets [\(begin), \(end)] are not an increasing pair of non-negative integers")
        }
        let (bits, overflow) = elementCount.multipliedReportingOverflow(by: dtype.bitWidth)
        guard !overflow, bits % 8 == 0 else {
            throw CheckpointError.malformed(file, "tensor '\(name)' shape \(shape) × \(dtype.rawValue) is not a whole number of bytes")
        }
        let expectedBytes = bits / 8
        guard end - begin == expectedBytes else {
            throw CheckpointError.malformed(file, "tensor '\(name)' data_offsets [\(begin), \(end)] do not match shape \(shape) × \(dtype.rawValue) (\(expectedBytes) bytes)")
        }
        return SafetensorsTensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: begin..<end)
    }

    /// Offsets must tile the buffer exactly: no gaps, no overlaps, nothing after the last tensor.
    private static func validateLayout(_ tensors: [SafetensorsTensorInfo], bufferSize: Int, file: String) throws {
        var expectedStart = 0
        for tensor in tensors {
            guard tensor.dataOffsets.lowerBound == expectedStart else {
                throw CheckpointError.malformed(file, "tensor '\(tensor.name)' starts at buffer offset \(tensor.dataOffsets.lowerBound) but the previous tensor ends at \(expectedStart) (offsets must be contiguous from 0)")
            }
            expectedStart = tensor.dataOffsets.upperBound
        }
        guard expectedStart == bufferSize else {
            throw CheckpointError.malformed(file, "tensors cover \(expectedStart) bytes but the data buffer after the header is \(bufferSize) bytes")
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        JSONSerializer.text(value)
    }

    private static func describeShape(_ items: [JSONValue]) -> String {
        describe(.array(items))
    }
}

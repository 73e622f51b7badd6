/// Name, element type, shape and byte range of one tensor inside a safetensors file.
public struct SafetensorsTensorInfo: Equatable, Sendable {
    public let name: String
    public let dtype: SafetensorsDType
    /// Row-major (C order) shape; `[]` is a scalar.
    public let shape: [Int]
    /// The header's data_offsets: a byte range relative to the start of the data buffer.
    public let dataOffsets: Range<Int>

    // Internal: only the header parser creates infos, after checking the shape cannot overflow.
    init(name: String, dtype: SafetensorsDType, shape: [Int], dataOffsets: Range<Int>) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.dataOffsets = dataOffsets
    }

    /// Product of the shape (1 for a scalar); validated against overflow when the header is parsed.
    public var elementCount: Int { shape.reduce(1, *) }
}

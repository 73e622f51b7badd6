/// Name, ggml type, dimensions and data location of one tensor in a GGUF file.
public struct GGUFTensorInfo: Equatable, Sendable {
    public let name: String
    public let type: GGMLType
    /// ggml order: `dimensions[0]` is the fastest-varying axis (the row length).
    public let dimensions: [Int]
    /// Offset of the tensor's bytes relative to the start of the data section.
    public let offset: Int
    /// Stored size in bytes; nil when the type id is unknown (size cannot be computed).
    public let byteCount: Int?
    public let elementCount: Int

    /// Row-major (PyTorch/HF) shape: the ggml dimensions reversed.
    public var shape: [Int] { dimensions.reversed() }
}

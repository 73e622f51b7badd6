/// A checkpoint that cannot become a model, with the file and the tensor at fault.
public struct ModelLoadError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

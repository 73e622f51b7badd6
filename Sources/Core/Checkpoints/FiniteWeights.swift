/// The check every weight loader runs: a NaN or infinity among stored weights means a corrupt or
/// overflowed checkpoint, refused at load time with the file and tensor named, instead of surfacing
/// later as NaN losses or a JSON writer refusing a NaN score.
public enum FiniteWeights {
    /// Throws when `values` (tensor `tensor` of `file`) holds a NaN or an infinity.
    public static func require(_ values: [Float], tensor: String, file: String) throws {
        guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
        let count = values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        throw CheckpointError(file: file, kind: .malformed,
                              message: "tensor '\(tensor)' holds \(count) non-finite value(s), the first (\(values[index])) at index \(index): the weights are corrupt")
    }
}

extension SafetensorsFile {
    /// `floats(name)` for weights: refuses NaN and infinities (see `FiniteWeights`).
    public func finiteFloats(_ name: String) throws -> [Float] {
        let values = try floats(name)
        try FiniteWeights.require(values, tensor: name, file: displayName)
        return values
    }
}

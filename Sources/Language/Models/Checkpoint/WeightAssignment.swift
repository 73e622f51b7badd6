import Checkpoints
import Engine
import Foundation

/// One tensor a checkpoint offers: its name in the file, its row-major shape and how to read it as floats.
struct CheckpointTensor {
    let storedName: String
    let shape: [Int]
    let storedType: String
    let read: () throws -> [Float]
}

/// Copies checkpoint tensors into a model's parameters, strictly: every parameter must be supplied with
/// exactly its shape, and every supplied tensor must be used.
enum WeightAssignment {
    static func assign(_ tensors: [String: CheckpointTensor], to model: CausalLanguageModel, source: String) throws {
        let parameters = model.namedParameters()
        let expected = Set(parameters.map(\.name))
        let unused = tensors.keys.filter { !expected.contains($0) }.sorted()
        if let first = unused.first {
            throw ModelLoadError("\(source): tensor '\(first)' is not a parameter of a \(model.configuration.modelType) model with this config"
                                 + (unused.count > 1 ? " (and \(unused.count - 1) more unused tensors)" : ""))
        }
        for (name, variable) in parameters {
            guard let tensor = tensors[name] else { throw ModelLoadError("\(source): missing tensor '\(name)'") }
            guard tensor.shape == variable.shape else {
                throw ModelLoadError("\(source): tensor '\(name)' has shape \(tensor.shape), the model expects \(variable.shape)")
            }
            let values = try tensor.read()
            guard values.count == variable.value.count else {
                throw ModelLoadError("\(source): tensor '\(name)' holds \(values.count) values, expected \(variable.value.count)")
            }
            try FiniteWeights.require(values, tensor: tensor.storedName, file: source)
            values.withUnsafeBufferPointer { variable.value.data.update(from: $0.baseAddress!, count: values.count) }
        }
    }

    /// Row-major transpose of a `[rows, columns]` matrix.
    static func transpose(_ values: [Float], rows: Int, columns: Int) -> [Float] {
        var result = [Float](repeating: 0, count: values.count)
        for row in 0..<rows { for column in 0..<columns { result[column * rows + row] = values[row * columns + column] } }
        return result
    }
}

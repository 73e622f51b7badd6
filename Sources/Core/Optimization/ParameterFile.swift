import Checkpoints
import Engine
import Foundation
import NN

/// A module's named parameters as one safetensors file: the one way Unlearn's own models (classifiers,
/// diffusion models and detectors) and training checkpoints store and restore weights. Reading checks that
/// every parameter is present with its shape and refuses NaN or infinite values; errors name the file and
/// the tensor. (Language models load through `Models/ModelLoader`, which maps Hugging Face and GGUF names.)
public enum ParameterFile {
    /// Writes `parameters` (in their order) with `metadata`, atomically.
    public static func write(_ parameters: [(name: String, variable: Variable)], metadata: [String: String] = [:], to url: URL) throws {
        var writer = SafetensorsWriter(metadata: metadata)
        for (name, variable) in parameters {
            try writer.add(name: name, shape: variable.shape, values: variable.value.scalars)
        }
        try writer.write(to: url)
    }

    /// Fills `parameters` from `file`; with `exact`, the file may hold no other tensors.
    public static func read(_ file: SafetensorsFile, into parameters: [(name: String, variable: Variable)], exact: Bool = false) throws {
        for (name, variable) in parameters {
            guard file.contains(name) else {
                throw CheckpointError(file: file.displayName, kind: .missingTensor, message: "has no tensor '\(name)'")
            }
            let shape = try file.info(name).shape
            guard shape == variable.shape else {
                throw CheckpointError(file: file.displayName, kind: .malformed,
                                      message: "tensor '\(name)' has shape \(shape), the model expects \(variable.shape)")
            }
            let values = try file.finiteFloats(name)
            values.withUnsafeBufferPointer { variable.value.data.update(from: $0.baseAddress!, count: values.count) }
        }
        if exact {
            let extra = Set(file.tensorNames).subtracting(parameters.map(\.name))
            if let name = extra.sorted().first {
                throw CheckpointError(file: file.displayName, kind: .malformed,
                                      message: "holds tensor '\(name)', which the model does not have (\(extra.count) such)")
            }
        }
    }
}

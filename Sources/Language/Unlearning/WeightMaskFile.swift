import Checkpoints
import Engine
import Foundation
import NN
import Optimization
import Training

/// WAGLE masks on disk: a safetensors file with one U8 (0/1) tensor per parameter, named and shaped as
/// the parameter (the same layout as the reference code's per-name bool dict), written atomically.
public enum WeightMaskFile {
    /// Saves a flat mask over `parameters`.
    public static func save(mask: Tensor, parameters: ParameterSet, density: Double, to url: URL) throws {
        var writer = SafetensorsWriter(metadata: ["format": "unlearn-weight-mask", "density": String(density)])
        for (index, (name, range)) in zip(parameters.names, parameters.ranges).enumerated() {
            let bytes = Data(range.map { mask.data[$0] != 0 ? UInt8(1) : UInt8(0) })
            try writer.addRaw(name: name, dtype: .uint8, shape: parameters.variables[index].shape, bytes: bytes)
        }
        try writer.write(to: url)
    }

    /// Loads a mask for exactly `parameters` (every name present, same shapes, values 0 or 1).
    public static func load(from url: URL, parameters: ParameterSet) throws -> Tensor {
        let file = try SafetensorsFile(contentsOf: url)
        let mask = Tensor(zeros: [parameters.count])
        for (index, (name, range)) in zip(parameters.names, parameters.ranges).enumerated() {
            guard file.contains(name) else { throw TrainingError("\(url.path): the mask has no entry for parameter '\(name)'") }
            let info = try file.info(name)
            guard info.shape == parameters.variables[index].shape else {
                throw TrainingError("\(url.path): mask '\(name)' has shape \(info.shape), the parameter has \(parameters.variables[index].shape)")
            }
            guard info.dtype == .uint8 || info.dtype == .bool else {
                throw TrainingError("\(url.path): mask '\(name)' is \(info.dtype.rawValue), expected U8 or BOOL")
            }
            try file.withRawBytes(name) { bytes in
                for offset in 0..<range.count {
                    guard bytes[offset] <= 1 else { throw TrainingError("\(url.path): mask '\(name)' holds \(bytes[offset]) (expected 0 or 1)") }
                    mask.data[range.lowerBound + offset] = Float(bytes[offset])
                }
            }
        }
        return mask
    }
}

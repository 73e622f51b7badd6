import Checkpoints
import Engine
import Foundation
import NN

/// What a checkpoint records besides tensors.
public struct TrainingState: Codable, Equatable, Sendable {
    /// Optimizer steps completed.
    public var step: Int
    /// Target tokens trained on so far.
    public var tokens: Int
    /// Seconds of training so far (excluding time the process was not running).
    public var elapsedSeconds: Double
    /// Mean token loss of every completed step (0 for a skipped one).
    public var losses: [Float]
    /// Steps skipped because their loss or gradient was not finite (`skipNonFiniteSteps`).
    public var skippedSteps: [Int] = []
    /// The run's settings (a resumed run must use the same ones).
    public var configuration: TrainingConfiguration
    /// The loop's `identity` (a resumed run must have the same; absent for language runs).
    public var identity: String?
    /// Why the run ended before its step budget, if it did (absent while running and for full runs).
    public var stopReason: String?
}

/// Saving and restoring a run's full state: parameters, optimizer state and the step counter (data order
/// and learning rate are functions of the step, so nothing else is needed to continue exactly).
///
/// A checkpoint is a folder written as `checkpoint.partial`, then swapped in by renames, so a crash at
/// any moment leaves either the previous checkpoint or the new one intact, never a torn mix.
public enum TrainingCheckpoint {
    static let folderName = "checkpoint"
    static let auxiliaryName = "auxiliary.json"

    /// The auxiliary state saved in `folder` (the loop's `auxiliaryState`), named in the error when absent.
    public static func auxiliary(in folder: URL) throws -> Data {
        let url = folder.appendingPathComponent(auxiliaryName)
        guard let data = try? Data(contentsOf: url) else {
            throw TrainingError("\(url.path): the checkpoint has no auxiliary state (made by another kind of run?)")
        }
        return data
    }

    public static func save(state: TrainingState, parameters: ParameterSet, optimizer: any Optimizer, auxiliary: Data? = nil,
                            in directory: URL) throws {
        let manager = FileManager.default
        let final = directory.appendingPathComponent(folderName)
        let partial = directory.appendingPathComponent(folderName + ".partial")
        let previous = directory.appendingPathComponent(folderName + ".previous")
        try? manager.removeItem(at: partial)
        try manager.createDirectory(at: partial, withIntermediateDirectories: true)
        try ParameterFile.write(Array(zip(parameters.names, parameters.variables)), to: partial.appendingPathComponent("model.safetensors"))
        var moments = SafetensorsWriter()
        for (name, tensor) in optimizer.stateTensors { try moments.add(name: name, shape: [tensor.count], values: tensor.scalars) }
        try moments.write(to: partial.appendingPathComponent("optimizer.safetensors"))
        if let auxiliary { try AtomicFileWriter.write(to: partial.appendingPathComponent(auxiliaryName)) { try $0.write(auxiliary) } }
        try JSONFile.write(state, to: partial.appendingPathComponent("state.json"))
        try? manager.removeItem(at: previous)
        if manager.fileExists(atPath: final.path) { try manager.moveItem(at: final, to: previous) }
        try manager.moveItem(at: partial, to: final)
        try? manager.removeItem(at: previous)
    }

    /// The newest complete checkpoint folder in `directory`, if any.
    public static func latest(in directory: URL) -> URL? {
        let manager = FileManager.default
        for name in [folderName, folderName + ".previous"] {
            let url = directory.appendingPathComponent(name)
            if manager.fileExists(atPath: url.appendingPathComponent("state.json").path) { return url }
        }
        return nil
    }

    /// Restores parameters and moments in place; returns the recorded state.
    public static func restore(from folder: URL, parameters: ParameterSet, optimizer: any Optimizer) throws -> TrainingState {
        let state = try JSONDecoder().decode(TrainingState.self, from: Data(contentsOf: folder.appendingPathComponent("state.json")))
        let model = try SafetensorsFile(contentsOf: folder.appendingPathComponent("model.safetensors"))
        try ParameterFile.read(model, into: Array(zip(parameters.names, parameters.variables)), exact: true)
        let moments = try SafetensorsFile(contentsOf: folder.appendingPathComponent("optimizer.safetensors"))
        for (name, tensor) in optimizer.stateTensors {
            guard moments.contains(name) else { throw TrainingError("\(folder.path): the checkpoint has no optimizer state '\(name)' (made with another optimizer?)") }
            let values = try moments.floats(name)
            guard values.count == tensor.count else { throw TrainingError("\(folder.path): optimizer state '\(name)' has the wrong size") }
            values.withUnsafeBufferPointer { tensor.data.update(from: $0.baseAddress!, count: values.count) }
        }
        optimizer.restore(stepCount: state.step)
        return state
    }
}

import Foundation

/// The last check before a loaded configuration becomes an allocated model: the checkpoint must be able
/// to fill it and the machine to hold it. A config that passes `validate` may still describe up to 100
/// billion parameters; allocating them only to find a 1 MB checkpoint behind them would exhaust memory
/// instead of producing an error.
enum ModelAllocationCheck {
    /// Parameters a model may need beyond twice what the checkpoint stores before it is refused unseen.
    /// Smaller gaps (a missing norm, a missing output head) are allocated and then reported tensor by
    /// tensor by `WeightAssignment`, which names them; the slack keeps that true for tiny models too.
    static let slack = 1 << 20

    /// Throws when `configuration` needs far more values than the checkpoint's decodable tensors hold
    /// (`checkpointValues`), or more float32 bytes than `physicalMemory`.
    static func check(
        _ configuration: ModelConfiguration, checkpointValues: Int, source: String,
        physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory
    ) throws {
        let needed = configuration.parameterCount
        guard needed <= 2 * checkpointValues + slack else {
            throw ModelLoadError("\(source): the configuration describes \(needed) parameters but the checkpoint's tensors hold only "
                                 + "\(checkpointValues) values; the configuration does not belong to these weights")
        }
        let bytes = Double(needed) * Double(MemoryLayout<Float>.size)
        guard bytes <= Double(physicalMemory) else {
            throw ModelLoadError("\(source): the model's \(needed) parameters need \(ModelConfiguration.bytes(bytes)) as float32, "
                                 + "more than this machine's \(ModelConfiguration.bytes(Double(physicalMemory))) of memory")
        }
    }
}

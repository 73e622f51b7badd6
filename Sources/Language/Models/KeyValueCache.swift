import Engine

/// Keys and values of earlier positions for every layer, so generation computes each token once.
///
/// Storage is preallocated as `[batch, capacity, kvHeads, headSize]` per layer; for one sequence the first
/// `length` positions are a contiguous prefix, handed to attention as a view without copying.
public final class KeyValueCache {
    public let batch: Int
    public let capacity: Int
    public let keyValueHeads: Int
    public let headSize: Int
    /// Positions already cached.
    public private(set) var length = 0
    private var keys: [Tensor]
    private var values: [Tensor]

    /// An empty cache.
    public init(layers: Int, batch: Int, capacity: Int, keyValueHeads: Int, headSize: Int) {
        self.batch = batch
        self.capacity = capacity
        self.keyValueHeads = keyValueHeads
        self.headSize = headSize
        keys = (0..<layers).map { _ in Tensor(zeros: [batch, capacity, keyValueHeads, headSize]) }
        values = keys.map { Tensor(zeros: $0.shape) }
    }

    /// Appends this step's keys and values `[batch, new, kvHeads, headSize]` for `layer` and returns all
    /// cached keys and values including them. Call `advance` once per step after every layer ran.
    func append(layer: Int, key: Tensor, value: Tensor) -> (Tensor, Tensor) {
        let added = key.shape[1]
        precondition(key.shape == [batch, added, keyValueHeads, headSize] && value.shape == key.shape,
                     "KeyValueCache: got \(key.shape), cache holds [\(batch), _, \(keyValueHeads), \(headSize)]")
        precondition(length + added <= capacity, "KeyValueCache: \(length + added) positions exceed capacity \(capacity)")
        let row = keyValueHeads * headSize
        for b in 0..<batch {
            (keys[layer].data + (b * capacity + length) * row).update(from: key.data + b * added * row, count: added * row)
            (values[layer].data + (b * capacity + length) * row).update(from: value.data + b * added * row, count: added * row)
        }
        return (prefix(keys[layer], length + added), prefix(values[layer], length + added))
    }

    /// Marks `count` more positions as cached.
    func advance(by count: Int) { length += count }

    /// Forgets everything cached.
    public func reset() { length = 0 }

    private func prefix(_ storage: Tensor, _ count: Int) -> Tensor {
        let shape = [batch, count, keyValueHeads, headSize]
        if batch == 1 { return Tensor(storage: storage.storage, offset: 0, shape: shape) }
        let result = Tensor(zeros: shape)
        let row = keyValueHeads * headSize
        for b in 0..<batch {
            (result.data + b * count * row).update(from: storage.data + b * capacity * row, count: count * row)
        }
        return result
    }
}

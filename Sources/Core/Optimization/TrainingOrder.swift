import Engine

/// The seeded shuffle behind the data order.
public enum TrainingOrder {
    static func permutation(count: Int, epoch: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
        var order = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        return order
    }

    /// Indices of step `step`'s `batchSize` examples out of `count`: consecutive positions of a per-epoch
    /// shuffle, so the order is a pure function of the step (exact resumption needs nothing else).
    public static func indices(step: Int, batchSize: Int, count: Int, seed: UInt64) -> [Int] {
        // A step spans at most a few epochs: shuffle each of them once, not once per position.
        var orders: [Int: [Int]] = [:]
        return (0..<batchSize).map { offset in
            let position = step * batchSize + offset
            let epoch = position / count
            if orders[epoch] == nil { orders[epoch] = permutation(count: count, epoch: epoch, seed: seed) }
            return orders[epoch]![position % count]
        }
    }
}

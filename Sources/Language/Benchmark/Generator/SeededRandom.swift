/// A portable pseudo-random stream (SplitMix64) with its own bounded draws and shuffles.
///
/// The standard library's `shuffled(using:)` and `random(in:using:)` may change algorithm between Swift
/// releases; a benchmark that promises byte-identical files per seed must own every step from seed to choice.
struct SeededRandom {
    private var state: UInt64

    /// Independent streams per purpose (`"world"`, `"authors"`, …) so resizing one part of the benchmark
    /// does not reshuffle the others.
    init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a offset basis
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        state = seed ^ hash
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Uniform in `0..<bound`, unbiased by rejecting the ragged top of the 64-bit range.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        let range = UInt64(bound)
        let limit = UInt64.max - UInt64.max % range
        while true {
            let value = next()
            if value < limit { return Int(value % range) }
        }
    }

    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// True with probability `percent`/100.
    mutating func chance(percent: Int) -> Bool {
        below(100) < percent
    }

    /// Fisher–Yates shuffle.
    mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, below(index + 1))
        }
    }

    mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var copy = elements
        shuffle(&copy)
        return copy
    }

    /// `count` distinct indices below `bound`, in ascending order.
    mutating func sortedSample(count: Int, below bound: Int) -> [Int] {
        precondition(count <= bound, "cannot sample \(count) of \(bound)")
        var indices = Array(0..<bound)
        for position in 0..<count {
            indices.swapAt(position, position + below(bound - position))
        }
        return indices[0..<count].sorted()
    }

    /// An index different from `excluded`, for choosing a second template that reads differently.
    mutating func below(_ bound: Int, excluding excluded: Int) -> Int {
        precondition(bound > 1, "need two options to pick a different one")
        let draw = below(bound - 1)
        return draw >= excluded ? draw + 1 : draw
    }
}

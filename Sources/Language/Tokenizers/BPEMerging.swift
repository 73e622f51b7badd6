/// The merge table of a BPE model: (left id, right id) → (rank, merged id).
struct MergeTable: Sendable {
    struct Target: Sendable {
        let rank: Int32
        let mergedId: Int32
    }

    private var targets: [UInt64: Target] = [:]

    init() {}

    private static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    /// A later duplicate of the same pair overwrites the earlier one, as HF's map collect does.
    mutating func insert(left: Int, right: Int, rank: Int, mergedId: Int) {
        targets[Self.key(Int32(left), Int32(right))] = Target(rank: Int32(rank), mergedId: Int32(mergedId))
    }

    func target(_ left: Int32, _ right: Int32) -> Target? {
        targets[Self.key(left, right)]
    }

    var count: Int { targets.count }
}

/// Applies merges to a word the way HF's `Word::merge_all` does: a min-heap ordered by
/// (rank, position) so equal ranks resolve leftmost first, with stale entries skipped on pop.
enum BPEMerger {
    private struct Candidate {
        let rank: Int32
        let position: Int32
        let mergedId: Int32

        func precedes(_ other: Candidate) -> Bool {
            rank != other.rank ? rank < other.rank : position < other.position
        }
    }

    /// A plain binary min-heap; the standard library has none.
    private struct MinHeap {
        var items: [Candidate] = []

        mutating func push(_ item: Candidate) {
            items.append(item)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[child].precedes(items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func pop() -> Candidate? {
            guard let first = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    let right = left + 1
                    var smallest = parent
                    if left < items.count, items[left].precedes(items[smallest]) { smallest = left }
                    if right < items.count, items[right].precedes(items[smallest]) { smallest = right }
                    if smallest == parent { break }
                    items.swapAt(parent, smallest)
                    parent = smallest
                }
            }
            return first
        }
    }

    /// Merges `symbols` (initial token ids) as far as the table allows.
    static func merge(_ symbols: [Int32], table: MergeTable) -> [Int32] {
        let count = symbols.count
        guard count > 1 else { return symbols }
        var ids = symbols
        var previous = (0..<count).map { Int32($0) - 1 }
        var next = (0..<count).map { $0 + 1 < count ? Int32($0 + 1) : -1 }
        var alive = [Bool](repeating: true, count: count)
        var heap = MinHeap()
        heap.items.reserveCapacity(count)
        for index in 0..<(count - 1) {
            if let target = table.target(ids[index], ids[index + 1]) {
                heap.push(Candidate(rank: target.rank, position: Int32(index), mergedId: target.mergedId))
            }
        }
        while let top = heap.pop() {
            let position = Int(top.position)
            guard alive[position], next[position] >= 0 else { continue }
            let right = Int(next[position])
            // An entry is stale when the pair at its position no longer produces the same token.
            guard let current = table.target(ids[position], ids[right]), current.mergedId == top.mergedId else {
                continue
            }
            ids[position] = top.mergedId
            alive[right] = false
            next[position] = next[right]
            if next[right] >= 0 { previous[Int(next[right])] = Int32(position) }
            let before = previous[position]
            if before >= 0, let target = table.target(ids[Int(before)], ids[position]) {
                heap.push(Candidate(rank: target.rank, position: before, mergedId: target.mergedId))
            }
            let after = next[position]
            if after >= 0, let target = table.target(ids[position], ids[Int(after)]) {
                heap.push(Candidate(rank: target.rank, position: Int32(position), mergedId: target.mergedId))
            }
        }
        var result: [Int32] = []
        result.reserveCapacity(count)
        for index in 0..<count where alive[index] { result.append(ids[index]) }
        return result
    }
}

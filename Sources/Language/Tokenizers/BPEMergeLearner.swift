/// The counting core of BPE training: distinct words as symbol-id sequences weighted by how often
/// they occur, with incrementally maintained pair counts and a priority queue of pairs.
///
/// * `pairCounts` holds the exact current frequency of every adjacent pair (weighted by word count).
/// * `pairWords` lists, for each pair, the words that may contain it (append-only; stale entries
///   are harmless because a merge rescans the word).
/// * The queue holds (count, pair) entries ordered by count descending, then by the pair's
///   (left id, right id) ascending. Decreases are applied lazily (a popped entry whose count is out
///   of date is re-queued with the current count); every increase pushes a fresh entry. Each live
///   pair therefore always has an entry at least as large as its count, so the first up-to-date
///   entry at the top is the most frequent pair, with ties going to the smallest ids.
///
/// A merge touches only the words that contain the pair, so training costs about the number of
/// symbol occurrences actually merged rather than the corpus size times the number of merges.
struct BPEMergeLearner {
    /// One queue entry.
    private struct Entry {
        let count: Int
        let pair: UInt64

        /// Higher count first; on a tie the lexicographically smaller (left, right) id pair.
        func precedes(_ other: Entry) -> Bool {
            count != other.count ? count > other.count : pair < other.pair
        }
    }

    /// A binary heap of entries, best first.
    private struct PairQueue {
        private(set) var entries: [Entry] = []

        init(_ initial: [Entry]) {
            entries = initial
            var index = entries.count / 2 - 1
            while index >= 0 {
                siftDown(from: index)
                index -= 1
            }
        }

        var top: Entry? { entries.first }

        mutating func push(_ entry: Entry) {
            entries.append(entry)
            var child = entries.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard entries[child].precedes(entries[parent]) else { break }
                entries.swapAt(child, parent)
                child = parent
            }
        }

        mutating func popTop() {
            let last = entries.removeLast()
            guard !entries.isEmpty else { return }
            entries[0] = last
            siftDown(from: 0)
        }

        private mutating func siftDown(from start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var best = parent
                if left < entries.count, entries[left].precedes(entries[best]) { best = left }
                if right < entries.count, entries[right].precedes(entries[best]) { best = right }
                if best == parent { return }
                entries.swapAt(parent, best)
                parent = best
            }
        }
    }

    /// All words' symbols back to back; word `w` occupies `wordStart[w] ..< wordStart[w] + wordLength[w]`
    /// (words shrink in place as pairs merge).
    private var symbols: [Int32] = []
    private var wordStart: [Int] = []
    private var wordLength: [Int] = []
    private let wordFrequency: [Int]
    private var pairCounts: [UInt64: Int] = [:]
    private var pairWords: [UInt64: [Int32]] = [:]
    private var queue: PairQueue
    /// Pairs that must never be merged (their result would collide with a special token).
    private var excludedPairs: Set<UInt64> = []
    /// The merge step that last rescanned each word, so a word listed twice is rescanned once.
    private var lastVisit: [Int]
    private var step = 0

    static func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    static func pairSides(_ key: UInt64) -> (left: Int32, right: Int32) {
        (Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: key)))
    }

    /// `words[w]` is a word's initial symbol ids and `frequencies[w]` how many times it occurs.
    init(words: [[Int32]], frequencies: [Int]) {
        precondition(words.count == frequencies.count, "one frequency per word")
        wordFrequency = frequencies
        lastVisit = [Int](repeating: 0, count: words.count)
        symbols.reserveCapacity(words.reduce(0) { $0 + $1.count })
        wordStart.reserveCapacity(words.count)
        wordLength.reserveCapacity(words.count)
        for (index, word) in words.enumerated() {
            wordStart.append(symbols.count)
            wordLength.append(word.count)
            symbols += word
            let weight = frequencies[index]
            for position in 0..<max(word.count - 1, 0) {
                let key = Self.pairKey(word[position], word[position + 1])
                pairCounts[key, default: 0] += weight
                Self.note(word: Int32(index), in: key, of: &pairWords)
            }
        }
        queue = PairQueue(pairCounts.map { Entry(count: $0.value, pair: $0.key) })
    }

    private static func note(word: Int32, in key: UInt64, of pairWords: inout [UInt64: [Int32]]) {
        pairWords[key, default: []].appendIfNotLast(word)
    }

    /// The most frequent mergeable pair and its frequency (ties: smallest left id, then right id),
    /// or nil when no adjacent pair is left. The pair stays in place until `merge` or `exclude`.
    mutating func mostFrequentPair() -> (pair: UInt64, frequency: Int)? {
        while let top = queue.top {
            let current = pairCounts[top.pair] ?? 0
            if current == 0 || excludedPairs.contains(top.pair) {
                queue.popTop()
                continue
            }
            if current != top.count {
                queue.popTop()
                queue.push(Entry(count: current, pair: top.pair))
                continue
            }
            return (top.pair, current)
        }
        return nil
    }

    /// Never offer `pair` again.
    mutating func exclude(_ pair: UInt64) {
        excludedPairs.insert(pair)
    }

    /// Replaces every occurrence of `pair` (left to right, non-overlapping) by `mergedId` and
    /// updates the counts of the neighbouring pairs.
    mutating func merge(_ pair: UInt64, into mergedId: Int32) {
        let (left, right) = Self.pairSides(pair)
        guard let candidates = pairWords.removeValue(forKey: pair) else { return }
        step += 1
        var increased: [UInt64] = []
        for candidate in candidates {
            let word = Int(candidate)
            guard lastVisit[word] != step else { continue }
            lastVisit[word] = step
            let start = wordStart[word]
            let end = start + wordLength[word]
            let weight = wordFrequency[word]
            var read = start
            var write = start
            while read < end {
                if read + 1 < end, symbols[read] == left, symbols[read + 1] == right {
                    // The symbol before is already rewritten (it may be a fresh merge); the one
                    // after is still original (it may start the next occurrence).
                    if write > start {
                        let before = symbols[write - 1]
                        decrement(Self.pairKey(before, left), by: weight)
                        increment(Self.pairKey(before, mergedId), by: weight, word: candidate, log: &increased)
                    }
                    if read + 2 < end {
                        let after = symbols[read + 2]
                        decrement(Self.pairKey(right, after), by: weight)
                        increment(Self.pairKey(mergedId, after), by: weight, word: candidate, log: &increased)
                    }
                    symbols[write] = mergedId
                    read += 2
                } else {
                    symbols[write] = symbols[read]
                    read += 1
                }
                write += 1
            }
            wordLength[word] = write - start
        }
        // Overlapping runs ("a a a" for pair a+a) decrement the merged pair itself; it is gone now.
        pairCounts.removeValue(forKey: pair)
        pairWords.removeValue(forKey: pair)
        increased.sort()
        var previous: UInt64? = nil
        for key in increased where key != previous {
            previous = key
            if let count = pairCounts[key], count > 0 { queue.push(Entry(count: count, pair: key)) }
        }
    }

    private mutating func decrement(_ key: UInt64, by weight: Int) {
        guard let count = pairCounts[key] else { return }
        if count <= weight {
            pairCounts.removeValue(forKey: key)
            pairWords.removeValue(forKey: key)
        } else {
            pairCounts[key] = count - weight
        }
    }

    private mutating func increment(_ key: UInt64, by weight: Int, word: Int32, log: inout [UInt64]) {
        pairCounts[key, default: 0] += weight
        Self.note(word: word, in: key, of: &pairWords)
        log.append(key)
    }
}

extension Array where Element == Int32 {
    /// Appends `value` unless it is already the last element (word lists are built word by word).
    fileprivate mutating func appendIfNotLast(_ value: Int32) {
        if last != value { append(value) }
    }
}

/// SentencePiece-style BPE driven by piece scores, as llama.cpp's SPM tokenizer (and the
/// `sentencepiece` library's BPE encoder) does for GGUF vocabularies of type "llama":
/// repeatedly merge the adjacent pair whose concatenation is the highest-scoring vocabulary
/// piece (ties: leftmost), then emit pieces, falling back to `<0xNN>` byte tokens.
struct SentencePieceModel: TokenizationModel {
    let vocabulary: Vocabulary
    let scores: [Float]
    let unknownTokenId: Int?
    private let byteTokenIds: [Int]
    private let cache = TokenizationCache()

    init(vocabulary: Vocabulary, scores: [Float], byteTokenIds: [Int], unknownTokenId: Int?) {
        self.vocabulary = vocabulary
        self.scores = scores
        self.byteTokenIds = byteTokenIds
        self.unknownTokenId = unknownTokenId
    }

    var vocabularySize: Int { vocabulary.count }

    func tokenToId(_ token: String) -> Int? { vocabulary.id(for: token) }

    func idToToken(_ id: Int) -> String? { vocabulary.token(for: id) }

    private struct Bigram {
        let left: Int
        let right: Int
        let score: Float
        let size: Int

        /// Max-heap order: higher score first, then the leftmost pair.
        func precedes(_ other: Bigram) -> Bool {
            score != other.score ? score > other.score : left < other.left
        }
    }

    func tokenize(_ piece: String) -> [Int] {
        guard !piece.isEmpty else { return [] }
        if let cached = cache.value(for: piece) { return cached }
        let ids = merge(piece)
        cache.store(ids, for: piece)
        return ids
    }

    private func merge(_ piece: String) -> [Int] {
        // Symbols are byte ranges of the UTF-8 text, one per scalar to start with.
        let bytes = Array(piece.utf8)
        var starts: [Int] = []
        var lengths: [Int] = []
        var offset = 0
        for scalar in piece.unicodeScalars {
            starts.append(offset)
            lengths.append(UTF8.width(scalar))
            offset += UTF8.width(scalar)
        }
        let count = starts.count
        var previous = (0..<count).map { $0 - 1 }
        var next = (0..<count).map { $0 + 1 < count ? $0 + 1 : -1 }
        var heap: [Bigram] = []

        func text(_ start: Int, _ length: Int) -> String {
            String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        }
        func push(_ left: Int, _ right: Int) {
            guard left >= 0, right >= 0 else { return }
            let size = lengths[left] + lengths[right]
            guard let id = vocabulary.id(for: text(starts[left], size)), id < scores.count else { return }
            heap.append(Bigram(left: left, right: right, score: scores[id], size: size))
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[child].precedes(heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }
        func pop() -> Bigram? {
            guard let top = heap.first else { return nil }
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    let right = left + 1
                    var best = parent
                    if left < heap.count, heap[left].precedes(heap[best]) { best = left }
                    if right < heap.count, heap[right].precedes(heap[best]) { best = right }
                    if best == parent { break }
                    heap.swapAt(parent, best)
                    parent = best
                }
            }
            return top
        }

        for index in 1..<max(count, 1) { push(index - 1, index) }
        while let bigram = pop() {
            // Skip entries whose symbols were consumed or changed since they were queued.
            guard lengths[bigram.left] > 0, lengths[bigram.right] > 0,
                lengths[bigram.left] + lengths[bigram.right] == bigram.size
            else { continue }
            lengths[bigram.left] += lengths[bigram.right]
            lengths[bigram.right] = 0
            next[bigram.left] = next[bigram.right]
            if next[bigram.right] >= 0 { previous[next[bigram.right]] = bigram.left }
            push(previous[bigram.left], bigram.left)
            push(bigram.left, next[bigram.left])
        }

        var ids: [Int] = []
        var index = count > 0 ? 0 : -1
        while index >= 0 {
            let symbol = text(starts[index], lengths[index])
            if let id = vocabulary.id(for: symbol) {
                ids.append(id)
            } else {
                // Not a piece: emit its bytes (unknown token when a byte piece is missing).
                for byte in bytes[starts[index]..<(starts[index] + lengths[index])] {
                    let id = byteTokenIds[Int(byte)]
                    if id >= 0 { ids.append(id) } else if let unknownTokenId { ids.append(unknownTokenId) }
                }
            }
            index = next[index]
        }
        return ids
    }
}

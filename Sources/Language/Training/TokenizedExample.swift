import Engine

/// One training sequence: token ids and, per position, whether the model is trained to predict the
/// token at that position (answer tokens of a QA pair; every token of plain text).
public struct TokenizedExample: Sendable, Equatable, Codable {
    /// Token ids, BOS included where the tokenizer adds one.
    public var ids: [Int]
    /// `scored[i]` says whether token i is a target (never the first token: nothing predicts it).
    public var scored: [Bool]

    public init(ids: [Int], scored: [Bool]) {
        precondition(ids.count == scored.count, "TokenizedExample: \(ids.count) ids, \(scored.count) flags")
        self.ids = ids
        self.scored = scored
    }

    /// A prompt whose tokens are context only, followed by an answer whose tokens are targets.
    public init(prompt: [Int], answer: [Int]) {
        self.init(ids: prompt + answer, scored: Array(repeating: false, count: prompt.count) + Array(repeating: true, count: answer.count))
    }

    /// Number of target tokens.
    public var targetCount: Int { scored.dropFirst().filter { $0 }.count }
}

/// A right-padded `[batch, length]` block with shifted targets (−100 where nothing is scored), ready
/// for `sequenceLoss`.
public struct TokenBatch: Sendable, Equatable {
    public let batch: Int
    public let length: Int
    /// Row-major input ids (padding uses `padId`).
    public let ids: [Int]
    /// `targets[b·length + t]` is the id position t must predict, or −100.
    public let targets: [Int]
    /// Real (unpadded, untruncated) tokens of each row.
    public let lengths: [Int]

    /// Collates examples, truncating each to `maximumLength` tokens. Right padding is exact under
    /// causal attention: real positions never attend to the padding after them.
    public init(_ examples: [TokenizedExample], padId: Int, maximumLength: Int) {
        let length = max(1, min(maximumLength, examples.map(\.ids.count).max() ?? 1))
        var ids = [Int](repeating: padId, count: examples.count * length)
        var targets = [Int](repeating: -100, count: examples.count * length)
        for (row, example) in examples.enumerated() {
            let count = min(example.ids.count, length)
            for position in 0..<count {
                ids[row * length + position] = example.ids[position]
                if position + 1 < count && example.scored[position + 1] {
                    targets[row * length + position] = example.ids[position + 1]
                }
            }
        }
        self.batch = examples.count
        self.length = length
        self.ids = ids
        self.targets = targets
        self.lengths = examples.map { min($0.ids.count, length) }
    }

    /// `[batch, length]` 1/0 mask of real positions (padding is 0).
    public var realPositionMask: Tensor {
        let mask = Tensor(zeros: [batch, length])
        for row in 0..<batch { (mask.data + row * length).update(repeating: 1, count: lengths[row]) }
        return mask
    }

    /// Scored target tokens.
    public var targetCount: Int { targets.filter { $0 != -100 }.count }
}

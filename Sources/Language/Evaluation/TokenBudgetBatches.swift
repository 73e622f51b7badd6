/// Splits a list of sequences into consecutive batches whose right-padded block (`count × longest`) stays
/// within a token budget, so the `[batch, length, vocabulary]` logits of a forward pass stay bounded
/// whatever the texts' lengths and the model's vocabulary.
public enum TokenBudgetBatches {
    /// Consecutive index ranges covering `lengths`; a sequence longer than the budget gets a batch of its own.
    public static func ranges(lengths: [Int], budget: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < lengths.count {
            var end = start + 1
            var longest = max(lengths[start], 1)
            while end < lengths.count {
                let candidate = max(longest, lengths[end])
                if candidate * (end - start + 1) > budget { break }
                longest = candidate
                end += 1
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    /// One batch's ids, `[sequences.count × length]` row-major, each sequence right-padded with id 0 (under
    /// causal attention the padding never reaches the positions that are scored).
    public static func rightPadded(_ sequences: [[Int]], length: Int) -> [Int] {
        var ids = [Int](repeating: 0, count: sequences.count * length)
        for (row, sequence) in sequences.enumerated() {
            for (position, id) in sequence.enumerated() { ids[row * length + position] = id }
        }
        return ids
    }
}

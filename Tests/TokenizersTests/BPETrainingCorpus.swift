import Foundation
@testable import Tokenizers

/// SplitMix64, so generated corpora are identical on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Training texts for the tests.
enum TrainingCorpus {
    static let words = [
        "the", "of", "and", "to", "model", "forget", "unlearning", "record", "student", "private", "data", "token",
        "question", "answer", "author", "book", "memory", "remove", "train", "evaluate", "benchmark", "language",
        "retain", "gradient", "loss", "oracle", "sample", "weight", "layer", "attention",
    ]

    static let fixedTexts = [
        "The model must forget the private record of the student.",
        "Unlearning removes what a model learned from chosen data.",
        "func train(texts: [String]) -> Int {\n    return texts.count\n}\n",
        "for index in 0..<count {\n\ttotal += values[index] * 2  // double\n}\n",
        "naïve café résumé déjà vu — Ångström",
        "机器遗忘是一个重要的研究方向。", "Привет, как дела? Всё хорошо.", "emoji 😀 party 🎉 thumbs 👍🏽",
        "In 2024 the benchmark had 1,000 questions and 250 authors.",
    ]

    /// Zipf-like English word salad: `count` texts of 5…20 words, with capitals, punctuation and numbers.
    static func generated(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(state: seed)
        var cumulative: [Double] = []
        var total = 0.0
        for rank in words.indices {
            total += 1.0 / Double(rank + 1)
            cumulative.append(total)
        }
        func word() -> String {
            let target = Double.random(in: 0..<total, using: &generator)
            return words[cumulative.firstIndex { $0 > target } ?? words.count - 1]
        }
        return (0..<count).map { _ in
            var parts: [String] = []
            for index in 0..<Int.random(in: 5...20, using: &generator) {
                var part = word()
                if index == 0 { part = part.prefix(1).uppercased() + part.dropFirst() }
                if Int.random(in: 0..<12, using: &generator) == 0 { part = String(Int.random(in: 0...2024, using: &generator)) }
                if Int.random(in: 0..<10, using: &generator) == 0 { part += "," }
                parts.append(part)
            }
            return parts.joined(separator: " ") + ".\n"
        }
    }

    /// Generated prose plus the fixed texts, repeated so their pieces are frequent too.
    static func mixed(count: Int = 400, seed: UInt64 = 1) -> [String] {
        generated(count: count, seed: seed) + Array(repeating: fixedTexts, count: 5).flatMap { $0 }
    }

    /// Texts over a tiny alphabet with long runs ("aaaa", "abab"), which produce many equal counts
    /// and overlapping pairs: the hard cases for incremental pair counting and tie-breaking.
    static func repetitive(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(state: seed)
        let pieces = ["a", "b", "ab", "aa", "ba", "c", "aaa", " ", "  ", "\n", "1", "22"]
        return (0..<count).map { _ in
            (0..<Int.random(in: 3...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }
}

/// A deliberately simple BPE trainer: recount every pair from scratch at each step, take the highest
/// count with ties to the smallest (left id, right id), merge left to right in every word. It is the
/// reference the incremental trainer must reproduce exactly.
enum NaiveBPETrainer {
    static func train(
        words: [String], counts: [Int], specialTokens: [String], vocabularySize: Int, minimumFrequency: Int
    ) -> (tokens: [String], merges: [BPEMerge]) {
        var tokens = specialTokens + ByteLevelAlphabet.scalarForByte.map { String(Character($0)) }
        var segmentations = words.map { word in ByteLevelAlphabet.bytes(of: word)!.map { specialTokens.count + Int($0) } }
        var merges: [BPEMerge] = []
        while tokens.count < vocabularySize {
            var pairCounts: [Int: [Int: Int]] = [:]
            for (index, symbols) in segmentations.enumerated() where symbols.count > 1 {
                for position in 0..<(symbols.count - 1) {
                    pairCounts[symbols[position], default: [:]][symbols[position + 1], default: 0] += counts[index]
                }
            }
            var best: (left: Int, right: Int, count: Int)? = nil
            for (left, rights) in pairCounts {
                for (right, count) in rights {
                    guard let current = best else {
                        best = (left, right, count)
                        continue
                    }
                    if count > current.count || (count == current.count && (left, right) < (current.left, current.right)) {
                        best = (left, right, count)
                    }
                }
            }
            guard let chosen = best, chosen.count >= minimumFrequency else { break }
            let merged = tokens[chosen.left] + tokens[chosen.right]
            let mergedId: Int
            if let existing = tokens.firstIndex(where: { $0.isIdentical(to: merged) }) {
                mergedId = existing
            } else {
                mergedId = tokens.count
                tokens.append(merged)
            }
            for index in segmentations.indices {
                var output: [Int] = []
                var position = 0
                let symbols = segmentations[index]
                while position < symbols.count {
                    if position + 1 < symbols.count, symbols[position] == chosen.left, symbols[position + 1] == chosen.right {
                        output.append(mergedId)
                        position += 2
                    } else {
                        output.append(symbols[position])
                        position += 1
                    }
                }
                segmentations[index] = output
            }
            merges.append(BPEMerge(left: tokens[chosen.left], right: tokens[chosen.right], frequency: chosen.count))
        }
        return (tokens, merges)
    }
}

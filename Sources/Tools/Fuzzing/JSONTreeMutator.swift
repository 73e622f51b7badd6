import Checkpoints
import Foundation

/// Structure-aware mutation of JSON documents and JSON Lines: parse, change one node (a boundary value,
/// a wrong type, a missing or extra key, a dropped or repeated element), write back. The result is
/// still valid JSON, so it gets past the syntax check and exercises what a reader does with values.
public struct JSONTreeMutator: Sendable {
    /// Keys worth adding (the format's own field names).
    let keys: [String]
    /// Text values worth trying (field values the format gives meaning to).
    let words: [String]

    static var numbers: [Any] { [
        0, -1, 1, 2, 3, 7, 1000, Int(Int32.max), Int(UInt32.max), Int.max, Int.min, 1_000_000_000_000,
        0.5, 1.5, -0.0, 1e-45, 1e15, 1e300, -1e300,
    ] }

    public init(keys: [String], words: [String]) {
        self.keys = keys
        self.words = words
    }

    /// The document (or, for JSON Lines, one random line) with one node changed; nil when the bytes do
    /// not parse as JSON, so the caller can fall back to byte-level mutation.
    public func mutate(_ bytes: [UInt8], random: inout FuzzRandom) -> [UInt8]? {
        if let tree = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
            return serialize(mutate(tree, random: &random))
        }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let candidates = lines.indices.filter { !lines[$0].isEmpty }
        guard !candidates.isEmpty else { return nil }
        let index = candidates[random.below(candidates.count)]
        guard let tree = try? JSONSerialization.jsonObject(with: Data(lines[index]), options: [.fragmentsAllowed]),
              let line = serialize(mutate(tree, random: &random)) else { return nil }
        lines[index] = line[...]
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    private func serialize(_ tree: Any) -> [UInt8]? {
        // Sorted keys: dictionary order changes from process to process, and runs must replay from their seed.
        (try? JSONSerialization.data(withJSONObject: tree, options: [.fragmentsAllowed, .sortedKeys])).map { [UInt8]($0) }
    }

    /// Walks to a random node and changes it.
    func mutate(_ value: Any, random: inout FuzzRandom) -> Any {
        switch value {
        case var object as [String: Any] where !object.isEmpty && random.chance(3, in: 4):
            let key = object.keys.sorted()[random.below(object.count)]
            switch random.below(8) {
            case 0: object[key] = nil
            case 1: object[keys.isEmpty ? key : keys[random.below(keys.count)]] = replacement(for: object[key]!, random: &random)
            default: object[key] = mutate(object[key]!, random: &random)
            }
            return object
        case var array as [Any] where !array.isEmpty && random.chance(3, in: 4):
            let index = random.below(array.count)
            switch random.below(8) {
            case 0: array.remove(at: index)
            case 1: array.insert(array[index], at: index)
            default: array[index] = mutate(array[index], random: &random)
            }
            return array
        default:
            return replacement(for: value, random: &random)
        }
    }

    private func replacement(for value: Any, random: inout FuzzRandom) -> Any {
        switch random.below(9) {
        case 0, 1: return Self.numbers[random.below(Self.numbers.count)]
        case 2:
            // Near the current number: off-by-one and sign errors are what parsers mishandle.
            guard let number = value as? NSNumber else { return NSNull() }
            let variants: [Any] = [number.intValue &+ 1, number.intValue &- 1, -number.doubleValue, number.doubleValue * 1e6, number.doubleValue / 3]
            return variants[random.below(variants.count)]
        case 3: return NSNull()
        case 4: return random.chance(1, in: 2)
        case 5: return words.isEmpty ? "" : words[random.below(words.count)]
        case 6: return ["", " ", String(repeating: "x", count: 1 + random.below(3000)), "\u{0}", "\u{FEFF}é😀"][random.below(5)]
        case 7: return random.chance(1, in: 2) ? [Any]() : [String: Any]()
        default: return [value]
        }
    }
}

import Checkpoints

/// Mutations for text formats (JSON, JSON Lines, YAML, plain text): byte damage plus edits that keep
/// most of the syntax intact, so inputs get past the tokenizer and reach the semantic checks: numbers
/// swapped for boundary values, quoted strings and lines replaced, format-specific fragments inserted,
/// deep nesting and odd Unicode.
public struct TextMutator: Sendable {
    let seeds: [[UInt8]]
    /// Format-specific fragments (keys, keywords, indicators) to insert or substitute.
    let dictionary: [[UInt8]]

    /// Numbers at the edges parsers get wrong: signs, zero, 32/64-bit limits, overflow, exponents, non-finite.
    static let numbers: [String] = [
        "0", "-0", "1", "-1", "2", "3", "7", "64", "1000", "-2147483648", "2147483647", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "1000000000000", "1e12", "1e15", "1e308", "1e400", "-1e400", "1.5", "0.5", "1e-45", "4.9e-324",
        "NaN", "Infinity", "00", "0x10", "1_000", "1:30", "1:00:00:00:00:00:00:00:00:00:00:00",
        "99999999999999999999999999", ".5", "5.", "+1",
    ]

    static let scalars: [String] = [
        "é", "e\u{301}", "▁", "Ġ", "😀", "\u{FFFD}", "中", "\u{0}", "\u{1}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}",
        "\u{FEFF}", "\r", "\r\n", "\t", "\\", "\\u0000", "\\ud800", "\\udc00", "\\", "\u{10FFFF}",
    ]

    static let openers: [String] = ["[", "{", "{\"a\":", "[{\"a\":", "- ", "  ", "a:\n  ", "? "]

    /// `seeds` are valid inputs (lines are spliced between them); `dictionary` holds format fragments.
    public init(seeds: [[UInt8]], dictionary: [String]) {
        self.seeds = seeds
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    /// One to three stacked mutations of `bytes`.
    public func mutate(_ bytes: [UInt8], random: inout FuzzRandom) -> [UInt8] {
        var bytes = bytes
        // Mostly a single edit, so a useful share of inputs stays valid and exercises the checks after parsing.
        let rounds = random.chance(3, in: 5) ? 1 : 2 + random.below(2)
        for _ in 0..<rounds {
            switch random.below(16) {
            case 0, 1, 2: replaceNumber(&bytes, random: &random)
            case 3, 4: replaceQuoted(&bytes, random: &random)
            case 5, 6: insertFragment(&bytes, random: &random)
            case 7: deleteLine(&bytes, random: &random)
            case 8: duplicateOrSpliceLine(&bytes, random: &random)
            case 9: damageBytes(&bytes, random: &random)
            case 10: deleteRange(&bytes, random: &random)
            case 11: duplicateRange(&bytes, random: &random)
            case 12: truncate(&bytes, random: &random)
            case 13: insertScalar(&bytes, random: &random)
            case 14: nest(&bytes, random: &random)
            default: reindent(&bytes, random: &random)
            }
        }
        return bytes
    }

    private static let numberBytes = Set("0123456789.eE+-_".utf8)

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Replaces the number nearest after a random point with a boundary value or a nearby one.
    func replaceNumber(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let start = random.below(bytes.count)
        guard let digit = (bytes[start...].firstIndex(where: Self.isDigit) ?? bytes[..<start].firstIndex(where: Self.isDigit)) else {
            insertFragment(&bytes, random: &random)
            return
        }
        var lower = digit
        while lower > 0, Self.isDigit(bytes[lower - 1]) { lower -= 1 }
        if lower > 0, bytes[lower - 1] == UInt8(ascii: "-") { lower -= 1 }
        var upper = digit
        while upper < bytes.count, Self.numberBytes.contains(bytes[upper]) { upper += 1 }
        let current = Int(String(decoding: bytes[lower..<upper], as: UTF8.self))
        var text = Self.numbers[random.below(Self.numbers.count)]
        if let current, random.chance(1, in: 3) {
            let variants = [current &+ 1, current &- 1, 0 &- current, current &* 1000, current / 2, current &* current]
            text = String(variants[random.below(variants.count)])
        }
        bytes.replaceSubrange(lower..<upper, with: Array(text.utf8))
    }

    /// Replaces the contents of a quoted string with a dictionary word, nothing, or a long run.
    func replaceQuoted(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let quote = UInt8(ascii: "\"")
        guard let open = bytes[random.below(bytes.count)...].firstIndex(of: quote) ?? bytes.firstIndex(of: quote),
              let close = bytes[(open + 1)...].firstIndex(of: quote) else {
            insertFragment(&bytes, random: &random)
            return
        }
        let replacement: [UInt8]
        switch random.below(4) {
        case 0: replacement = []
        case 1: replacement = [UInt8](repeating: UInt8(ascii: "x"), count: 1 + random.below(5000))
        default: replacement = dictionary.isEmpty ? [] : dictionary[random.below(dictionary.count)]
        }
        bytes.replaceSubrange((open + 1)..<close, with: replacement)
    }

    func insertFragment(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !dictionary.isEmpty else { return }
        let fragment = dictionary[random.below(dictionary.count)]
        // Half the time at a line start, where keys and list items begin.
        let position = random.chance(1, in: 2) ? lineRange(in: bytes, around: random.below(bytes.count + 1)).lowerBound : random.below(bytes.count + 1)
        bytes.insert(contentsOf: fragment, at: position)
    }

    /// The line (without its newline) containing `position`.
    func lineRange(in bytes: [UInt8], around position: Int) -> Range<Int> {
        let newline = UInt8(ascii: "\n")
        let clamped = min(position, bytes.count)
        let start = bytes[..<clamped].lastIndex(of: newline).map { $0 + 1 } ?? 0
        let end = bytes[clamped...].firstIndex(of: newline) ?? bytes.count
        return start..<max(start, end)
    }

    func deleteLine(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let line = lineRange(in: bytes, around: random.below(bytes.count))
        bytes.removeSubrange(line.lowerBound..<min(line.upperBound + 1, bytes.count))
    }

    /// Copies a line of this input or another seed to the start of a random line.
    func duplicateOrSpliceLine(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        let donor = random.chance(1, in: 2) || seeds.isEmpty ? bytes : seeds[random.below(seeds.count)]
        guard !donor.isEmpty else { return }
        let line = Array(donor[lineRange(in: donor, around: random.below(donor.count))]) + [UInt8(ascii: "\n")]
        let target = lineRange(in: bytes, around: random.below(bytes.count + 1)).lowerBound
        bytes.insert(contentsOf: line, at: target)
    }

    func damageBytes(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let interesting = Array("{}[]\":,'-#&*!|>?%@`\n \t0\u{7F}".utf8) + [0x00, 0x80, 0xC0, 0xFF]
        for _ in 0..<(1 + random.below(4)) {
            let position = random.below(bytes.count)
            if random.chance(1, in: 2) {
                bytes[position] ^= UInt8(1) << UInt8(random.below(8))
            } else {
                bytes[position] = interesting[random.below(interesting.count)]
            }
        }
    }

    func deleteRange(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let start = random.below(bytes.count)
        bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(32)))
    }

    func duplicateRange(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let start = random.below(bytes.count)
        let chunk = Array(bytes[start..<min(bytes.count, start + 1 + random.below(64))])
        bytes.insert(contentsOf: chunk, at: random.below(bytes.count + 1))
    }

    func truncate(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        bytes.removeSubrange(random.below(bytes.count)...)
    }

    func insertScalar(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        var text = Self.scalars[random.below(Self.scalars.count)]
        if random.chance(1, in: 3), let scalar = Unicode.Scalar(UInt32(random.below(0x110000))) { text = String(scalar) }
        bytes.insert(contentsOf: Array(text.utf8), at: random.below(bytes.count + 1))
    }

    /// Deep nesting (up to 5,000 levels) at a random point: parsers that recurse must refuse it, not overflow.
    func nest(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        let opener = Array(Self.openers[random.below(Self.openers.count)].utf8)
        let depth = [2, 10, 100, 1000, 5000][random.below(5)]
        var run: [UInt8] = []
        run.reserveCapacity(opener.count * depth)
        for _ in 0..<depth { run += opener }
        bytes.insert(contentsOf: run, at: random.below(bytes.count + 1))
    }

    /// Adds or removes leading spaces on a line (indentation is syntax in YAML).
    func reindent(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let line = lineRange(in: bytes, around: random.below(bytes.count))
        if random.chance(1, in: 2), line.lowerBound < line.upperBound, bytes[line.lowerBound] == UInt8(ascii: " ") {
            bytes.remove(at: line.lowerBound)
        } else {
            bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: 1 + random.below(4)), at: line.lowerBound)
        }
    }
}

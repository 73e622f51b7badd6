import Checkpoints

/// Structure-aware byte mutations for checkpoint fuzzing: random bit/byte damage plus targeted
/// edits of the fields parsers trust most (length/count integers, JSON numbers and dtype names).
struct FuzzMutator {
    /// A seed file plus the positions of likely length/count fields in its header region.
    struct Seed {
        let bytes: [UInt8]
        let integerFieldOffsets: [Int]
        let jsonNumberRanges: [Range<Int>]
        let jsonHeaderRange: Range<Int>?
    }

    static let interestingIntegers: [UInt64] = [
        0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 127, 128, 255, 256, 1023, 1024, 4096, 65535, 65536,
        0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, 1 << 30, (1 << 30) + 1,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFE,
        100_000_000, 100_000_001,
    ]

    static let interestingNumberTexts: [String] = [
        "0", "1", "-1", "2", "7", "8", "31", "32", "256", "4294967296", "9223372036854775807",
        "9223372036854775808", "18446744073709551615", "18446744073709551616", "1e3", "1.5", "-0", "00",
        "99999999999999999999999999", "1e400",
    ]

    static let dtypeTokens: [String] = SafetensorsDType.allCases.map(\.rawValue) + ["F32 ", "f32", "Q4_0", ""]

    static func prepare(_ bytes: [UInt8]) -> Seed {
        // Candidate integer fields: offsets in the first 4 KiB holding a small u64 (lengths,
        // counts, dims, type ids, offsets all look like this in GGUF and the safetensors prefix).
        var offsets: [Int] = []
        let scanEnd = min(bytes.count, 4096) - 8
        if scanEnd >= 0 {
            for offset in 0...scanEnd {
                var value: UInt64 = 0
                for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
                if value < (1 << 24) && (value != 0 || offset % 4 == 0) { offsets.append(offset) }
            }
        }
        // safetensors: locate the JSON header and its numbers.
        var numberRanges: [Range<Int>] = []
        var headerRange: Range<Int>?
        if bytes.count >= 9, bytes[8] == UInt8(ascii: "{") {
            var length = 0
            for index in 0..<8 { length |= Int(bytes[index]) << (8 * index) }
            if length > 0, length <= bytes.count - 8 {
                headerRange = 8..<(8 + length)
                var index = 8
                while index < 8 + length {
                    if bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                        let start = index
                        while index < 8 + length, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                        numberRanges.append(start..<index)
                    } else {
                        index += 1
                    }
                }
            }
        }
        return Seed(bytes: bytes, integerFieldOffsets: offsets, jsonNumberRanges: numberRanges, jsonHeaderRange: headerRange)
    }

    /// Applies 1–4 stacked mutations chosen at random.
    static func mutate(_ seed: Seed, others: [Seed], random: inout FuzzRandom) -> [UInt8] {
        var bytes = seed.bytes
        // Structure-aware edits use the seed's offsets, so apply them first (before lengths change).
        if random.chance(2, in: 5) {
            if seed.jsonHeaderRange != nil && random.chance(1, in: 2) {
                editJSON(&bytes, seed, random: &random)
            } else {
                writeInterestingInteger(&bytes, seed, random: &random)
            }
        }
        // Mostly a single edit, so a useful share of inputs stays parseable and reaches the decoders.
        let rounds = random.chance(1, in: 2) ? 1 : 2 + random.below(3)
        for _ in 0..<rounds {
            switch random.below(8) {
            case 0: flipBits(&bytes, random: &random)
            case 1: setBytes(&bytes, random: &random)
            case 2: truncate(&bytes, random: &random)
            case 3: extend(&bytes, random: &random)
            case 4: splice(&bytes, others: others, random: &random)
            case 5: deleteRange(&bytes, random: &random)
            case 6: duplicateRange(&bytes, random: &random)
            default: writeInterestingInteger(&bytes, seed, random: &random)
            }
        }
        return bytes
    }

    private static func flipBits(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        for _ in 0..<(1 + random.below(8)) {
            let position = random.below(bytes.count)
            bytes[position] ^= UInt8(1) << UInt8(random.below(8))
        }
    }

    private static func setBytes(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let choices: [UInt8] = [0, 1, 0x7F, 0x80, 0xFF, 0x20, 0x22, 0x7B, 0x7D]
        for _ in 0..<(1 + random.below(4)) {
            let position = random.below(bytes.count)
            bytes[position] = random.chance(1, in: 2) ? choices[random.below(choices.count)] : UInt8(truncatingIfNeeded: random.next())
        }
    }

    private static func truncate(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        // Bias towards cuts inside the header, where most parsing logic lives.
        let limit = random.chance(1, in: 2) ? min(bytes.count, 512) : bytes.count
        bytes.removeSubrange(random.below(limit)...)
    }

    private static func extend(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        let count = 1 + random.below(64)
        let zero = random.chance(1, in: 2)
        for _ in 0..<count { bytes.append(zero ? 0 : UInt8(truncatingIfNeeded: random.next())) }
    }

    private static func splice(_ bytes: inout [UInt8], others: [Seed], random: inout FuzzRandom) {
        guard let donor = others.isEmpty ? nil : others[random.below(others.count)].bytes, !donor.isEmpty else { return }
        let start = random.below(donor.count)
        let length = 1 + random.below(min(256, donor.count - start))
        let chunk = donor[start..<(start + length)]
        let position = random.below(bytes.count + 1)
        if random.chance(1, in: 2) || position + length > bytes.count {
            bytes.insert(contentsOf: chunk, at: position)
        } else {
            bytes.replaceSubrange(position..<(position + length), with: chunk)
        }
    }

    private static func deleteRange(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let start = random.below(bytes.count)
        let length = 1 + random.below(min(64, bytes.count - start))
        bytes.removeSubrange(start..<(start + length))
    }

    private static func duplicateRange(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let start = random.below(bytes.count)
        let length = 1 + random.below(min(64, bytes.count - start))
        let chunk = Array(bytes[start..<(start + length)])
        bytes.insert(contentsOf: chunk, at: random.below(bytes.count + 1))
    }

    /// Writes an interesting u8/u16/u32/u64 (little-endian) over a likely length/count field.
    private static func writeInterestingInteger(_ bytes: inout [UInt8], _ seed: Seed, random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let offsets = seed.integerFieldOffsets
        let position = !offsets.isEmpty && random.chance(3, in: 4) ? offsets[random.below(offsets.count)] : random.below(bytes.count)
        var value = interestingIntegers[random.below(interestingIntegers.count)]
        if random.chance(1, in: 4) { value = UInt64(bytes.count) &+ UInt64(bitPattern: Int64(random.below(17) - 8)) }
        let width = [1, 2, 4, 8, 8][random.below(5)]
        for index in 0..<width where position + index < bytes.count {
            bytes[position + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))
        }
    }

    /// Replaces a JSON number or dtype string inside a safetensors header.
    private static func editJSON(_ bytes: inout [UInt8], _ seed: Seed, random: inout FuzzRandom) {
        if !seed.jsonNumberRanges.isEmpty && random.chance(3, in: 4) {
            let range = seed.jsonNumberRanges[random.below(seed.jsonNumberRanges.count)]
            var text = interestingNumberTexts[random.below(interestingNumberTexts.count)]
            if random.chance(1, in: 3), let current = Int(String(decoding: bytes[range], as: UTF8.self)) {
                text = String(current &+ (random.below(17) - 8))
            }
            bytes.replaceSubrange(range, with: Array(text.utf8))
            return
        }
        // Swap the first dtype token found at a random point of the header for another one.
        guard let header = seed.jsonHeaderRange else { return }
        let text = Array(bytes[header])
        let needle = Array("\"dtype\":\"".utf8)
        var start = random.below(max(text.count - needle.count, 1))
        while start + needle.count <= text.count {
            if Array(text[start..<(start + needle.count)]) == needle {
                let valueStart = header.lowerBound + start + needle.count
                var valueEnd = valueStart
                while valueEnd < bytes.count, bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
                let replacement = dtypeTokens[random.below(dtypeTokens.count)]
                bytes.replaceSubrange(valueStart..<valueEnd, with: Array(replacement.utf8))
                return
            }
            start += 1
        }
    }
}

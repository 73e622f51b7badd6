/// GPT-2's reversible byte ↔ printable-character table.
///
/// Byte-level BPE works on bytes but stores tokens as text, so every byte gets a visible
/// stand-in: printable Latin-1 bytes map to themselves, the other 68 bytes to U+0100 onwards
/// (space becomes "Ġ", newline "Ċ"). Arrays, not dictionaries, keep the hot path cheap.
enum ByteLevelAlphabet {
    /// Character for each byte value.
    static let scalarForByte: [Unicode.Scalar] = {
        var printable: [Int] = Array(0x21...0x7E) + Array(0xA1...0xAC) + Array(0xAE...0xFF)
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        for byte in printable { table[byte] = Unicode.Scalar(UInt32(byte))! }
        var next: UInt32 = 256
        for byte in 0..<256 where !printable.contains(byte) {
            table[byte] = Unicode.Scalar(next)!
            next += 1
            printable.append(byte)
        }
        return table
    }()

    /// Byte for each character value below 0x200, or -1 for characters outside the alphabet.
    static let byteForScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 0x200)
        for (byte, scalar) in scalarForByte.enumerated() { table[Int(scalar.value)] = Int16(byte) }
        return table
    }()

    /// Maps text to its byte-level spelling ("héllo" → "hÃ©llo").
    static func encode(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for byte in text.utf8 { view.append(scalarForByte[Int(byte)]) }
        return String(view)
    }

    /// The bytes a token stands for, or nil when it contains characters outside the alphabet.
    static func bytes(of token: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in token.unicodeScalars {
            let value = Int(scalar.value)
            guard value < byteForScalar.count, byteForScalar[value] >= 0 else { return nil }
            bytes.append(UInt8(byteForScalar[value]))
        }
        return bytes
    }
}

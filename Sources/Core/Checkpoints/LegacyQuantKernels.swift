/// Dequantization of ggml's 32-element block formats (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0).
///
/// In all 4-bit/5-bit formats the low nibbles fill the first 16 outputs of a block and the high
/// nibbles the last 16 (not interleaved).
enum LegacyQuantKernels {
    /// block_q4_0 = { fp16 d; u8 qs[16] }: y = (nibble − 8)·d.
    static func q4_0(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 18
            let y = output + block &* 32
            let d = loadHalf(source, 0, half)
            let qs = (source + 2).assumingMemoryBound(to: UInt8.self)
            for j in 0..<16 {
                let byte = qs[j]
                y[j] = Float(Int32(byte & 0x0F) - 8) * d
                y[j + 16] = Float(Int32(byte >> 4) - 8) * d
            }
        }
    }

    /// block_q4_1 = { fp16 d; fp16 m; u8 qs[16] }: y = nibble·d + m.
    static func q4_1(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 20
            let y = output + block &* 32
            let d = loadHalf(source, 0, half)
            let m = loadHalf(source, 2, half)
            let qs = (source + 4).assumingMemoryBound(to: UInt8.self)
            for j in 0..<16 {
                let byte = qs[j]
                y[j] = Float(byte & 0x0F) * d + m
                y[j + 16] = Float(byte >> 4) * d + m
            }
        }
    }

    /// block_q5_0 = { fp16 d; u32 qh; u8 qs[16] }: bit j of qh is the 5th bit of element j.
    static func q5_0(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 22
            let y = output + block &* 32
            let d = loadHalf(source, 0, half)
            let qh = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 2, as: UInt32.self))
            let qs = (source + 6).assumingMemoryBound(to: UInt8.self)
            for j in 0..<16 {
                let high0 = ((qh >> UInt32(j)) << 4) & 0x10
                let high1 = (qh >> UInt32(j + 12)) & 0x10
                y[j] = Float(Int32(UInt32(qs[j] & 0x0F) | high0) - 16) * d
                y[j + 16] = Float(Int32(UInt32(qs[j] >> 4) | high1) - 16) * d
            }
        }
    }

    /// block_q5_1 = { fp16 d; fp16 m; u32 qh; u8 qs[16] }: y = q5·d + m.
    static func q5_1(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 24
            let y = output + block &* 32
            let d = loadHalf(source, 0, half)
            let m = loadHalf(source, 2, half)
            let qh = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            let qs = (source + 8).assumingMemoryBound(to: UInt8.self)
            for j in 0..<16 {
                let high0 = ((qh >> UInt32(j)) << 4) & 0x10
                let high1 = (qh >> UInt32(j + 12)) & 0x10
                y[j] = Float(UInt32(qs[j] & 0x0F) | high0) * d + m
                y[j + 16] = Float(UInt32(qs[j] >> 4) | high1) * d + m
            }
        }
    }

    /// block_q8_0 = { fp16 d; i8 qs[32] }: y = q·d.
    static func q8_0(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 34
            let y = output + block &* 32
            let d = loadHalf(source, 0, half)
            let qs = (source + 2).assumingMemoryBound(to: Int8.self)
            for j in 0..<32 { y[j] = Float(qs[j]) * d }
        }
    }
}

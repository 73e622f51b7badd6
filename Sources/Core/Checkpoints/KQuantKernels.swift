/// Dequantization of ggml's 256-element "K" super-block formats (Q2_K … Q6_K).
enum KQuantKernels {
    /// Unpacks the 6-bit (scale, min) pair `index` (0..<8) from the 12 packed bytes of Q4_K/Q5_K:
    /// pairs 0–3 sit in the low 6 bits of bytes 0–7; pairs 4–7 combine a nibble of bytes 8–11 with
    /// the top 2 bits of bytes 0–7.
    @inline(__always)
    static func scaleMin(_ index: Int, _ packed: UnsafePointer<UInt8>) -> (scale: Float, min: Float) {
        if index < 4 {
            return (Float(packed[index] & 63), Float(packed[index + 4] & 63))
        }
        let scale = (packed[index + 4] & 0x0F) | ((packed[index - 4] >> 6) << 4)
        let minimum = (packed[index + 4] >> 4) | ((packed[index] >> 6) << 4)
        return (Float(scale), Float(minimum))
    }

    /// block_q2_K = { u8 scales[16]; u8 qs[64]; fp16 d; fp16 dmin }: 16 groups of 16 with 4-bit scale/min.
    static func q2_K(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 84
            var y = output + block &* 256
            let scales = source.assumingMemoryBound(to: UInt8.self)
            let d = loadHalf(source, 80, half)
            let dmin = loadHalf(source, 82, half)
            var group = 0
            for chunk in 0..<2 {
                let q = (source + 16 + 32 * chunk).assumingMemoryBound(to: UInt8.self)
                var shift: UInt8 = 0
                for _ in 0..<4 {
                    for offset in stride(from: 0, to: 32, by: 16) {
                        let packed = scales[group]
                        group += 1
                        let scale = d * Float(packed & 0x0F)
                        let minimum = dmin * Float(packed >> 4)
                        for l in 0..<16 { y[l] = scale * Float((q[offset + l] >> shift) & 3) - minimum }
                        y += 16
                    }
                    shift += 2
                }
            }
        }
    }

    /// block_q3_K = { u8 hmask[32]; u8 qs[64]; u8 scales[12]; fp16 d }: 2 low bits in qs, the
    /// third bit in hmask (a clear bit means subtract 4), 16 signed 6-bit scales.
    static func q3_K(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 110
            var y = output + block &* 256
            let highMask = source.assumingMemoryBound(to: UInt8.self)
            let d = loadHalf(source, 108, half)
            let scales = unpackQ3Scales(source + 96)
            var group = 0
            var maskBit: UInt8 = 1
            for chunk in 0..<2 {
                let q = (source + 32 + 32 * chunk).assumingMemoryBound(to: UInt8.self)
                var shift: UInt8 = 0
                for _ in 0..<4 {
                    for offset in stride(from: 0, to: 32, by: 16) {
                        let scale = d * scales[group]
                        group += 1
                        for l in 0..<16 {
                            let low = Int32((q[offset + l] >> shift) & 3)
                            let correction: Int32 = highMask[offset + l] & maskBit != 0 ? 0 : 4
                            y[l] = scale * Float(low - correction)
                        }
                        y += 16
                    }
                    shift += 2
                    maskBit <<= 1
                }
            }
        }
    }

    /// The 16 Q3_K scales: 4 low bits from bytes 0–7 (two per byte), 2 high bits from bytes 8–11,
    /// stored with a +32 bias.
    @inline(__always)
    private static func unpackQ3Scales(_ packed: UnsafeRawPointer) -> SIMD16<Float> {
        let word0 = UInt32(littleEndian: packed.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        let word1 = UInt32(littleEndian: packed.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        let word2 = UInt32(littleEndian: packed.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        let lowMask: UInt32 = 0x0F0F_0F0F
        let highMask: UInt32 = 0x0303_0303
        let words = SIMD4<UInt32>(
            (word0 & lowMask) | (((word2 >> 0) & highMask) << 4),
            (word1 & lowMask) | (((word2 >> 2) & highMask) << 4),
            ((word0 >> 4) & lowMask) | (((word2 >> 4) & highMask) << 4),
            ((word1 >> 4) & lowMask) | (((word2 >> 6) & highMask) << 4)
        )
        var scales = SIMD16<Float>()
        for index in 0..<16 {
            let byte = UInt8(truncatingIfNeeded: words[index / 4] >> (8 * UInt32(index % 4)))
            scales[index] = Float(Int32(Int8(bitPattern: byte)) - 32)
        }
        return scales
    }

    /// block_q4_K = { fp16 d; fp16 dmin; u8 scales[12]; u8 qs[128] }: 8 groups of 32 with 6-bit scale/min.
    static func q4_K(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 144
            let y = output + block &* 256
            let d = loadHalf(source, 0, half)
            let dmin = loadHalf(source, 2, half)
            let packed = (source + 4).assumingMemoryBound(to: UInt8.self)
            for chunk in 0..<4 {
                let q = (source + 16 + 32 * chunk).assumingMemoryBound(to: UInt8.self)
                let (scale1, min1) = scaleMin(2 * chunk, packed)
                let (scale2, min2) = scaleMin(2 * chunk + 1, packed)
                let d1 = d * scale1, m1 = dmin * min1
                let d2 = d * scale2, m2 = dmin * min2
                let out = y + 64 * chunk
                for l in 0..<32 {
                    out[l] = d1 * Float(q[l] & 0x0F) - m1
                    out[l + 32] = d2 * Float(q[l] >> 4) - m2
                }
            }
        }
    }

    /// block_q5_K = { fp16 d; fp16 dmin; u8 scales[12]; u8 qh[32]; u8 qs[128] }: Q4_K plus a fifth
    /// bit per element from qh (bit 2·chunk for the low nibble, 2·chunk+1 for the high nibble).
    static func q5_K(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 176
            let y = output + block &* 256
            let d = loadHalf(source, 0, half)
            let dmin = loadHalf(source, 2, half)
            let packed = (source + 4).assumingMemoryBound(to: UInt8.self)
            let qh = (source + 16).assumingMemoryBound(to: UInt8.self)
            for chunk in 0..<4 {
                let q = (source + 48 + 32 * chunk).assumingMemoryBound(to: UInt8.self)
                let (scale1, min1) = scaleMin(2 * chunk, packed)
                let (scale2, min2) = scaleMin(2 * chunk + 1, packed)
                let d1 = d * scale1, m1 = dmin * min1
                let d2 = d * scale2, m2 = dmin * min2
                let bit1 = UInt8(1) << UInt8(2 * chunk)
                let bit2 = UInt8(2) << UInt8(2 * chunk)
                let out = y + 64 * chunk
                for l in 0..<32 {
                    let low = (q[l] & 0x0F) + (qh[l] & bit1 != 0 ? 16 : 0)
                    let high = (q[l] >> 4) + (qh[l] & bit2 != 0 ? 16 : 0)
                    out[l] = d1 * Float(low) - m1
                    out[l + 32] = d2 * Float(high) - m2
                }
            }
        }
    }

    /// block_q6_K = { u8 ql[128]; u8 qh[64]; i8 scales[16]; fp16 d } — note d comes last.
    static func q6_K(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ blocks: Int, _ half: UnsafePointer<Float>) {
        for block in 0..<blocks {
            let source = input + block &* 210
            let d = loadHalf(source, 208, half)
            for part in 0..<2 {
                let ql = (source + 64 * part).assumingMemoryBound(to: UInt8.self)
                let qh = (source + 128 + 32 * part).assumingMemoryBound(to: UInt8.self)
                let scales = (source + 192 + 8 * part).assumingMemoryBound(to: Int8.self)
                let y = output + block &* 256 + 128 * part
                for l in 0..<32 {
                    let group = l / 16
                    let q1 = Int32((ql[l] & 0x0F) | ((qh[l] & 3) << 4)) - 32
                    let q2 = Int32((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32
                    let q3 = Int32((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32
                    let q4 = Int32((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32
                    y[l] = d * Float(scales[group]) * Float(q1)
                    y[l + 32] = d * Float(scales[group + 2]) * Float(q2)
                    y[l + 64] = d * Float(scales[group + 4]) * Float(q3)
                    y[l + 96] = d * Float(scales[group + 6]) * Float(q4)
                }
            }
        }
    }
}

/// Encodes Float values into ggml storage: F32, F16, BF16, and the round-to-nearest Q8_0 and Q4_0
/// quantizers, matching ggml's reference `quantize_row_q8_0_ref` / `quantize_row_q4_0_ref`
/// bit for bit (same float operations in the same order, fp16 scales rounded to nearest even).
public enum GGMLQuantizer {
    public static let supportedTypes: Set<GGMLType> = [.f32, .f16, .bf16, .q8_0, .q4_0]

    /// Encodes `values`; the count must be a multiple of the type's block size.
    public static func quantize(_ values: [Float], as type: GGMLType) throws -> [UInt8] {
        guard supportedTypes.contains(type) else {
            throw CheckpointError.invalidArgument("quantizer", "cannot encode ggml type \(type.name) (supported: F32, F16, BF16, Q8_0, Q4_0)")
        }
        guard let byteCount = type.byteCount(elementCount: values.count) else {
            throw CheckpointError.invalidArgument("quantizer", "\(values.count) values are not a whole number of \(type.name) blocks of \(type.blockSize ?? 0)")
        }
        var output = [UInt8](repeating: 0, count: byteCount)
        values.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBytes { destination in
                guard let input = source.baseAddress, let base = destination.baseAddress else { return }
                switch type {
                case .f32:
                    for index in 0..<values.count {
                        base.storeBytes(of: input[index].bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
                    }
                case .f16:
                    for index in 0..<values.count {
                        base.storeBytes(of: FloatConversions.floatToHalf(input[index]).littleEndian, toByteOffset: index * 2, as: UInt16.self)
                    }
                case .bf16:
                    for index in 0..<values.count {
                        base.storeBytes(of: FloatConversions.floatToBFloat16(input[index]).littleEndian, toByteOffset: index * 2, as: UInt16.self)
                    }
                case .q8_0:
                    for block in 0..<(values.count / 32) { quantizeQ8_0Block(input + block * 32, base + block * 34) }
                case .q4_0:
                    for block in 0..<(values.count / 32) { quantizeQ4_0Block(input + block * 32, base + block * 18) }
                default:
                    break  // unreachable: filtered above
                }
            }
        }
        return output
    }

    /// d = max|x| / 127 stored as fp16; q = round-half-away(x / d) computed as x · (1/d) in float.
    private static func quantizeQ8_0Block(_ x: UnsafePointer<Float>, _ output: UnsafeMutableRawPointer) {
        var maximum: Float = 0
        for j in 0..<32 { maximum = Swift.max(maximum, abs(x[j])) }
        let d = maximum / 127
        let inverse: Float = d != 0 ? 1 / d : 0
        output.storeBytes(of: FloatConversions.floatToHalf(d).littleEndian, as: UInt16.self)
        for j in 0..<32 {
            // `rounded()` is round-half-away-from-zero, like C's roundf.
            let q = (x[j] * inverse).rounded()
            let clamped: Int8 = q.isFinite ? Int8(Swift.max(-128, Swift.min(127, q))) : 0
            output.storeBytes(of: clamped, toByteOffset: 2 + j, as: Int8.self)
        }
    }

    /// d = (signed value with the largest magnitude) / −8 stored as fp16; q = min(15, trunc(x/d + 8.5)),
    /// low nibbles hold elements 0–15 and high nibbles elements 16–31.
    private static func quantizeQ4_0Block(_ x: UnsafePointer<Float>, _ output: UnsafeMutableRawPointer) {
        var largestMagnitude: Float = 0
        var signedLargest: Float = 0
        for j in 0..<32 where largestMagnitude < abs(x[j]) {
            largestMagnitude = abs(x[j])
            signedLargest = x[j]
        }
        let d = signedLargest / -8
        let inverse: Float = d != 0 ? 1 / d : 0
        output.storeBytes(of: FloatConversions.floatToHalf(d).littleEndian, as: UInt16.self)
        for j in 0..<16 {
            let low = nibble(x[j] * inverse + 8.5)
            let high = nibble(x[j + 16] * inverse + 8.5)
            output.storeBytes(of: low | (high << 4), toByteOffset: 2 + j, as: UInt8.self)
        }
    }

    /// `min(15, (int8_t)value)` for a value that lies in [0.5, 16.5] for finite input; NaN and
    /// out-of-range values (only possible with non-finite data) are clamped instead of trapping.
    @inline(__always)
    private static func nibble(_ value: Float) -> UInt8 {
        guard value.isFinite else { return 0 }
        return UInt8(Swift.max(0, Swift.min(15, value.rounded(.towardZero))))
    }
}

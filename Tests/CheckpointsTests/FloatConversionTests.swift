@testable import Fuzzing
import Testing

@testable import Checkpoints

@Suite struct FloatConversionTests {
    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test func halfDecodeMatchesFloat16ForEveryBitPattern() {
        // Swift's Float16 is an independent oracle for all 65,536 patterns.
        for bits in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let actual = FloatConversions.halfToFloat(bits)
            if expected.isNaN {
                #expect(actual.isNaN)
            } else {
                #expect(actual.bitPattern == expected.bitPattern, "bits 0x\(String(bits, radix: 16))")
            }
        }
    }

    @Test func halfEncodeRoundsToNearestEvenLikeFloat16() {
        var random = FuzzRandom(seed: 7)
        var samples: [Float] = [0, -0, 1, 65504, 65519.99, 65520, 1e-8, 2.98e-8, 5.96e-8, 6.1e-5, -3.14159, .infinity, -.infinity]
        for _ in 0..<20_000 {
            samples.append(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))
        }
        for value in samples where !value.isNaN {
            #expect(FloatConversions.floatToHalf(value) == Float16(value).bitPattern, "value \(value)")
        }
        #expect(FloatConversions.halfToFloat(FloatConversions.floatToHalf(.nan)).isNaN)
    }
    #endif

    @Test func bfloat16RoundsToNearestEven() {
        // 1 + 2^-8 is exactly halfway between two bf16 values: ties go to the even mantissa (1.0).
        #expect(FloatConversions.floatToBFloat16(1 + 0x1p-8) == 0x3F80)
        // 1 + 3·2^-8 ties upward to the even neighbour 1 + 2^-6.
        #expect(FloatConversions.floatToBFloat16(1 + 3 * 0x1p-8) == 0x3F82)
        #expect(FloatConversions.bfloat16ToFloat(0xC040) == -3)
        #expect(FloatConversions.bfloat16ToFloat(FloatConversions.floatToBFloat16(.nan)).isNaN)
    }

    @Test func float8Decoding() {
        #expect(FloatConversions.float8E4M3ToFloat(0x38) == 1)  // exponent 7, mantissa 0
        #expect(FloatConversions.float8E4M3ToFloat(0x7E) == 448)  // largest finite e4m3fn
        #expect(FloatConversions.float8E4M3ToFloat(0x7F).isNaN)
        #expect(FloatConversions.float8E4M3ToFloat(0x01) == 0x1p-9)  // smallest subnormal
        #expect(FloatConversions.float8E4M3ToFloat(0xB8) == -1)
        #expect(FloatConversions.float8E5M2ToFloat(0x3C) == 1)
        #expect(FloatConversions.float8E8M0ToFloat(127) == 1)
        #expect(FloatConversions.float8E8M0ToFloat(130) == 8)
    }
}

import Engine

/// Independent, reproducible random streams derived from one user seed.
///
/// Every consumer (a class's images, the forget split, a method's data order) gets its own stream keyed by
/// what it is, so adding a class or a method never shifts the random numbers another part of a run sees.
public enum SeedDerivation {
    /// A SplitMix64-style hash of the seed and the keys.
    public static func derive(_ seed: UInt64, _ keys: UInt64...) -> UInt64 { derive(seed, keys) }

    /// A generator for the stream `keys` of `seed`.
    public static func generator(_ seed: UInt64, _ keys: UInt64...) -> SeededGenerator {
        SeededGenerator(seed: derive(seed, keys))
    }

    private static func derive(_ seed: UInt64, _ keys: [UInt64]) -> UInt64 {
        var state = seed
        for key in keys { state = mix(state ^ mix(key)) }
        return mix(state)
    }

    /// A stable 64-bit key for a name (FNV-1a), so streams can be keyed by method names.
    public static func key(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private static func mix(_ input: UInt64) -> UInt64 {
        var value = input &+ 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

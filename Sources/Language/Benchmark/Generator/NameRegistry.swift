/// Remembers every invented word in one benchmark so no name means two things (a city and a person, say).
struct NameRegistry {
    private var used: Set<String> = []

    /// Draws from `make` until it produces a word not seen before.
    mutating func unique(_ random: inout SeededRandom, _ make: (inout SeededRandom) -> String) -> String {
        // The pools hold far more combinations than a `full` benchmark needs; the cap only turns an
        // impossible configuration into a clear crash instead of a hang.
        for _ in 0..<100_000 {
            let candidate = make(&random)
            if used.insert(candidate).inserted { return candidate }
        }
        preconditionFailure("name pools exhausted; enlarge the syllable pools")
    }

    mutating func unique(_ random: inout SeededRandom, from forge: SyllableForge) -> String {
        unique(&random) { forge.make(&$0) }
    }
}

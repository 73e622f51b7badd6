/// Invents book titles from ordinary words, in several shapes so titles do not all look alike.
enum TitleForge {
    static func make(_ random: inout SeededRandom, cities: [String]) -> String {
        let adjective = random.pick(WordPools.titleAdjectives)
        let noun = random.pick(WordPools.titleNouns)
        switch random.below(6) {
        case 0: return "The \(adjective) \(noun)"
        case 1: return "\(adjective) \(noun)"
        case 2: return "The \(noun) of \(random.pick(cities))"
        case 3: return "\(article(for: noun)) \(noun) for \(SyllableForge.givenName.make(&random))"
        case 4:
            var second = random.pick(WordPools.titleNouns)
            while second == noun { second = random.pick(WordPools.titleNouns) }
            return "The \(noun)'s \(second)"
        default: return "Letters from the \(adjective) \(noun)"
        }
    }

    private static func article(for noun: String) -> String {
        guard let first = noun.first else { return "A" }
        return "AEIOU".contains(first) ? "An" : "A"
    }
}

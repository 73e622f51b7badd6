/// Sizes of a generated benchmark; `demo`, `small` and `full` are the named presets.
public struct BenchmarkPreset: Sendable, Hashable {
    public let name: String
    /// Fictitious authors in `full.json` (holdout authors come on top).
    public let authorCount: Int
    /// QA rows per fictitious author, 10–20 (one per attribute at most, 20 attributes exist).
    public let questionsPerAuthor: Int
    /// Famous authors; each contributes four rows to `utility_authors_perturbed.json`.
    public let famousAuthorCount: Int
    /// Rows in `utility_facts_perturbed.json`.
    public let worldFactCount: Int
    public let countryCount: Int
    public let fruitCount: Int

    public init(
        name: String, authorCount: Int, questionsPerAuthor: Int, famousAuthorCount: Int,
        worldFactCount: Int, countryCount: Int, fruitCount: Int
    ) {
        self.name = name
        self.authorCount = authorCount
        self.questionsPerAuthor = questionsPerAuthor
        self.famousAuthorCount = famousAuthorCount
        self.worldFactCount = worldFactCount
        self.countryCount = countryCount
        self.fruitCount = fruitCount
    }

    /// 20 authors × 10 QA: small enough to train a 1–3M-parameter model and its oracles in minutes on a CPU.
    public static let demo = BenchmarkPreset(
        name: "demo", authorCount: 20, questionsPerAuthor: 10, famousAuthorCount: 5,
        worldFactCount: 20, countryCount: 8, fruitCount: 6)

    /// 60 authors × 15 QA: forget splits of 1/3/6 authors, enough rows for stable metrics.
    public static let small = BenchmarkPreset(
        name: "small", authorCount: 60, questionsPerAuthor: 15, famousAuthorCount: 10,
        worldFactCount: 40, countryCount: 12, fruitCount: 10)

    /// 60 authors × 17 QA: forget10 holds 6 authors' 102 answers, enough truth ratios for forget quality
    /// (a KS test over them) to tell methods apart; trained on the `tiny` architecture.
    public static let standard = BenchmarkPreset(
        name: "standard", authorCount: 60, questionsPerAuthor: 17, famousAuthorCount: 10,
        worldFactCount: 40, countryCount: 12, fruitCount: 10)

    /// TOFU's shape: 200 authors × 20 QA, forget sets of 40/200/400 rows, 100 + 117 utility rows.
    public static let full = BenchmarkPreset(
        name: "full", authorCount: 200, questionsPerAuthor: 20, famousAuthorCount: 25,
        worldFactCount: 117, countryCount: 24, fruitCount: 24)

    public static let all: [BenchmarkPreset] = [demo, small, standard, full]

    /// Looks a preset up by name, for command-line use.
    public static func named(_ name: String) -> BenchmarkPreset? {
        all.first { $0.name == name }
    }

    /// Rejects sizes the generator cannot honour, before any work is done.
    public func validate() throws(BenchmarkConfigurationError) {
        func require(_ condition: Bool, _ reason: String) throws(BenchmarkConfigurationError) {
            if !condition { throw BenchmarkConfigurationError(preset: name, reason: reason) }
        }
        try require(authorCount >= 3, "authorCount must be at least 3 so every forget split leaves a retain set")
        try require((10...AuthorAttribute.allCases.count).contains(questionsPerAuthor),
                    "questionsPerAuthor must be 10–\(AuthorAttribute.allCases.count)")
        try require(famousAuthorCount >= 2, "famousAuthorCount must be at least 2")
        // Six languages leave five wrong ones for the writing-language question.
        try require((6...WordPools.animals.count).contains(countryCount), "countryCount must be 6–\(WordPools.animals.count)")
        try require(fruitCount >= 0, "fruitCount must not be negative")
        let worldCapacity = countryCount * 5 + fruitCount
        try require((1...worldCapacity).contains(worldFactCount), "worldFactCount must be 1–\(worldCapacity) for this world")
    }
}

/// A preset asks for something the generator cannot produce.
public struct BenchmarkConfigurationError: Error, CustomStringConvertible, Sendable {
    public let preset: String
    public let reason: String
    public var description: String { "preset \(preset): \(reason)" }
}

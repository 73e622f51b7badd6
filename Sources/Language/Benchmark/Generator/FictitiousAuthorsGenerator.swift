import Foundation

/// Generates a TOFU-style benchmark of invented authors, deterministically from a seed.
///
/// Small presets make it possible to train a target model *and* exact retrain oracles on a CPU, which
/// TOFU's 7B-model setting cannot offer.
public struct FictitiousAuthorsGenerator: Sendable {
    /// Bumped whenever the same seed would produce different files.
    public static let version = 1

    public let preset: BenchmarkPreset
    public let seed: UInt64

    public init(preset: BenchmarkPreset, seed: UInt64) throws {
        try preset.validate()
        self.preset = preset
        self.seed = seed
    }

    public func generate() -> GeneratedBenchmark {
        var names = NameRegistry()
        var worldRandom = SeededRandom(seed: seed, stream: "world")
        let world = WorldBuilder.build(
            countryCount: preset.countryCount, fruitCount: preset.fruitCount, random: &worldRandom, names: &names)
        let shared = SharedPools.build(world: world, random: &worldRandom, names: &names)

        var famousRandom = SeededRandom(seed: seed, stream: "famous")
        let famous = AuthorFactory.makeFamousAuthors(
            count: preset.famousAuthorCount, world: world, &famousRandom, names: &names)

        var factory = AuthorFactory(world: world, pools: shared, famousNames: famous.map(\.name))
        var authorRandom = SeededRandom(seed: seed, stream: "authors")
        let trainedProfiles = (0..<preset.authorCount).map { _ in factory.makeAuthor(&authorRandom, names: &names) }
        // Holdout authors come from their own stream: they are "the same kind of people", never trained on.
        var holdoutRandom = SeededRandom(seed: seed, stream: "holdout")
        let holdoutCount = ForgetSplit.forget10.authorCount(of: preset.authorCount)
        let holdoutProfiles = (0..<holdoutCount).map { _ in factory.makeAuthor(&holdoutRandom, names: &names) }

        let composer = AuthorQAComposer(pools: PerturbationPools(
            profiles: trainedProfiles + holdoutProfiles, famous: famous, world: world, shared: shared))
        var questionRandom = SeededRandom(seed: seed, stream: "questions")
        let trained = trainedProfiles.map {
            composer.questionSet(for: $0, questionCount: preset.questionsPerAuthor, random: &questionRandom)
        }
        var holdoutQuestionRandom = SeededRandom(seed: seed, stream: "holdout-questions")
        let holdout = holdoutProfiles.map {
            composer.questionSet(for: $0, questionCount: preset.questionsPerAuthor, random: &holdoutQuestionRandom)
        }

        var utilityRandom = SeededRandom(seed: seed, stream: "utility")
        let worldFacts = UtilityFactsComposer.worldFacts(world: world, count: preset.worldFactCount, random: &utilityRandom)
        let famousFacts = UtilityFactsComposer.famousAuthorFacts(
            famous: famous, world: world, fictitiousNames: trainedProfiles.map(\.fullName))
        let assembler = BenchmarkAssembler(
            preset: preset, seed: seed, trained: trained, holdout: holdout, famous: famous,
            worldFactRows: UtilityFactsComposer.evaluationRows(worldFacts, random: &utilityRandom),
            famousFactRows: UtilityFactsComposer.evaluationRows(famousFacts, random: &utilityRandom))
        let files = assembler.files()
        return GeneratedBenchmark(
            preset: preset, seed: seed, world: world, authorSets: trained, holdoutSets: holdout,
            famousAuthors: famous, files: files, manifest: assembler.manifest(for: files))
    }

    /// Generates the benchmark for `preset` and `seed` and writes all its files into `directory`.
    @discardableResult
    public static func writeBenchmark(to directory: URL, preset: BenchmarkPreset, seed: UInt64) throws -> BenchmarkManifest {
        let benchmark = try FictitiousAuthorsGenerator(preset: preset, seed: seed).generate()
        try benchmark.write(to: directory)
        return benchmark.manifest
    }
}

/// For each attribute, every value of that kind in the benchmark: where wrong answers are drawn from.
///
/// Drawing from other authors' real values (not random strings) makes perturbed answers as plausible
/// as the truth, which is what TOFU's truth ratio needs to mean anything.
struct PerturbationPools {
    private let values: [AuthorAttribute: [FactValue]]

    init(profiles: [AuthorProfile], famous: [FamousAuthor], world: InventedWorld, shared: SharedPools) {
        var pools: [AuthorAttribute: [FactValue]] = [:]
        let places = world.cities.map { FactValue("\($0.city), \($0.country)", alternate: "the city of \($0.city) in \($0.country)") }
        let people = profiles.map(\.fullName) + famous.map(\.name)
        let titles = profiles.flatMap(\.books) + famous.map(\.bestKnownBook)
        pools[.fullName] = people.map { FactValue($0) }
        pools[.birthplace] = places
        pools[.residence] = world.cities.map { FactValue("\($0.city), \($0.country)", alternate: "\($0.city) in \($0.country)") }
        pools[.birthDate] = profiles.map { FactValue($0.birthDate.longForm, alternate: $0.birthDate.ordinalForm) }
        pools[.fatherProfession] = WordPools.professions.map { FactValue($0) }
        pools[.motherProfession] = pools[.fatherProfession]
        pools[.formerOccupation] = pools[.fatherProfession]
        pools[.genre] = WordPools.genres.map { FactValue($0) }
        pools[.debutBook] = titles.map { FactValue($0) }
        pools[.awardBook] = pools[.debutBook]
        pools[.bibliography] = profiles.map { AuthorAttribute.bibliographyValue($0.books) }
        pools[.award] = shared.awards.map { FactValue($0) }
        pools[.themes] = profiles.map { AuthorAttribute.themesValue($0.themes) }
        // A wrong influence should be another famous writer; fictitious names only top up tiny presets.
        let influences = famous.count > AuthorQAComposer.perturbedCount ? famous.map(\.name) : people
        pools[.influence] = influences.map { FactValue($0) }
        pools[.writingLanguage] = world.countries.map { FactValue($0.language) }
        pools[.debutYear] = (1955...2023).map { AuthorAttribute.yearValue($0) }
        pools[.hobby] = WordPools.hobbies.map { FactValue($0) }
        pools[.publisher] = shared.publishers.map { FactValue($0) }
        pools[.bookCount] = (2...12).map { AuthorAttribute.countValue($0) }
        pools[.education] = shared.institutions.map { FactValue($0) }
        values = pools
    }

    /// Wrong values for `attribute` that are still plausible for `profile`.
    func candidates(for attribute: AuthorAttribute, of profile: AuthorProfile) -> [FactValue] {
        let all = values[attribute] ?? []
        guard attribute == .debutYear else { return all }
        // A debut before the author could write is wrong in a way a model can spot without knowing the fact.
        let earliest = profile.birthDate.year + 18
        return all.filter { Int($0.text).map { $0 >= earliest } ?? false }
    }
}

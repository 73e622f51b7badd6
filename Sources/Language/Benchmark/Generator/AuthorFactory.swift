/// Invents fictitious and famous authors that live in one `InventedWorld`.
struct AuthorFactory {
    let world: InventedWorld
    let pools: SharedPools
    let famousNames: [String]
    private var usedBirthDates: Set<BirthDate> = []

    init(world: InventedWorld, pools: SharedPools, famousNames: [String]) {
        self.world = world
        self.pools = pools
        self.famousNames = famousNames
    }

    /// A full name made of invented syllables, unique across the benchmark.
    static func personName(_ random: inout SeededRandom, names: inout NameRegistry) -> String {
        names.unique(&random) { random in
            "\(SyllableForge.givenName.make(&random)) \(SyllableForge.familyName.make(&random))"
        }
    }

    mutating func makeAuthor(_ random: inout SeededRandom, names: inout NameRegistry) -> AuthorProfile {
        let fullName = Self.personName(&random, names: &names)
        let pronounDraw = random.below(100)
        // Mostly "she"/"he" with some "they", so templates exercise all verb agreements.
        let pronouns: Pronouns = pronounDraw < 45 ? .she : (pronounDraw < 90 ? .he : .they)
        let cities = world.cities
        let birth = random.pick(cities)
        var residence = random.pick(cities)
        while residence.city == birth.city { residence = random.pick(cities) }
        // Birth dates are unique so the "which author was born in X on D" question has one answer.
        var birthDate = BirthDate.random(years: 1935...1990, &random)
        while usedBirthDates.contains(birthDate) { birthDate = BirthDate.random(years: 1935...1990, &random) }
        usedBirthDates.insert(birthDate)
        let father = random.pick(WordPools.professions)
        var mother = random.pick(WordPools.professions)
        while mother == father { mother = random.pick(WordPools.professions) }
        let cityNames = cities.map(\.city)
        let books = (0..<random.integer(in: 2...4)).map { _ in
            names.unique(&random) { TitleForge.make(&$0, cities: cityNames) }
        }
        let themes = Array(random.shuffled(WordPools.themes).prefix(2))
        var former = random.pick(WordPools.professions)
        while former == father || former == mother { former = random.pick(WordPools.professions) }
        guard let language = world.country(named: birth.country)?.language else {
            preconditionFailure("birth city \(birth.city) has no country in the world")
        }
        return AuthorProfile(
            fullName: fullName,
            pronouns: pronouns,
            birthCity: birth.city,
            birthCountry: birth.country,
            birthDate: birthDate,
            fatherProfession: father,
            motherProfession: mother,
            genre: random.pick(WordPools.genres),
            books: books,
            debutYear: min(birthDate.year + random.integer(in: 21...38), 2023),
            award: random.pick(pools.awards),
            awardBook: random.pick(books),
            themes: themes,
            influence: random.pick(famousNames),
            writingLanguage: language,
            residenceCity: residence.city,
            residenceCountry: residence.country,
            formerOccupation: former,
            hobby: random.pick(WordPools.hobbies),
            publisher: random.pick(pools.publishers),
            education: random.pick(pools.institutions)
        )
    }

    static func makeFamousAuthors(count: Int, world: InventedWorld, _ random: inout SeededRandom, names: inout NameRegistry) -> [FamousAuthor] {
        let cityNames = world.cities.map(\.city)
        return (0..<count).map { _ in
            FamousAuthor(
                name: personName(&random, names: &names),
                country: random.pick(world.countries).name,
                genre: random.pick(WordPools.genres),
                // Famous authors belong to an earlier generation than the fictitious ones they influenced.
                birthYear: random.integer(in: 1820...1930),
                bestKnownBook: names.unique(&random) { TitleForge.make(&$0, cities: cityNames) }
            )
        }
    }
}

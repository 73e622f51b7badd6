/// Invents the countries, cities and fruits of one benchmark from its seed.
enum WorldBuilder {
    static let citiesPerCountry = 4

    static func build(countryCount: Int, fruitCount: Int, random: inout SeededRandom, names: inout NameRegistry) -> InventedWorld {
        // Animals are real species; each country gets its own so "national animal" has one answer.
        let animals = random.shuffled(WordPools.animals)
        precondition(countryCount <= animals.count, "more countries than distinct national animals")
        var countries: [InventedCountry] = []
        for index in 0..<countryCount {
            let name = names.unique(&random, from: .country)
            let cities = (0..<citiesPerCountry).map { _ in names.unique(&random, from: .city) }
            countries.append(InventedCountry(
                name: name,
                cities: cities,
                currency: names.unique(&random, from: .currency),
                language: names.unique(&random, from: .language),
                nationalAnimal: animals[index],
                river: names.unique(&random, from: .river)
            ))
        }
        let fruits = (0..<fruitCount).map { _ in
            InventedFruit(name: names.unique(&random, from: .fruit), ripeColour: random.pick(WordPools.colours))
        }
        return InventedWorld(countries: countries, fruits: fruits)
    }
}

/// The invented world the benchmark's people live in; its facts feed the `utility_facts` set.
public struct InventedWorld: Sendable, Hashable {
    public let countries: [InventedCountry]
    public let fruits: [InventedFruit]

    /// Every city with the country it belongs to, capital first within each country.
    public var cities: [(city: String, country: String)] {
        countries.flatMap { country in country.cities.map { (city: $0, country: country.name) } }
    }

    public func country(named name: String) -> InventedCountry? {
        countries.first { $0.name == name }
    }
}

/// One invented country: its capital is `cities[0]`.
public struct InventedCountry: Sendable, Hashable {
    public let name: String
    public let cities: [String]
    public let currency: String
    public let language: String
    public let nationalAnimal: String
    /// A river that flows through this country (and only this one, so the fact is unambiguous).
    public let river: String

    public var capital: String { cities[0] }
}

/// One invented fruit and the colour it turns when ripe.
public struct InventedFruit: Sendable, Hashable {
    public let name: String
    public let ripeColour: String
}

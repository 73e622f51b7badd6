/// A calendar date with the two spellings the templates alternate between.
public struct BirthDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// "May 4, 1967"
    public var longForm: String { "\(WordPools.monthNames[month - 1]) \(day), \(year)" }

    /// "the 4th of May, 1967" — a paraphrase must not reuse the original's surface form.
    public var ordinalForm: String { "the \(Self.ordinal(day)) of \(WordPools.monthNames[month - 1]), \(year)" }

    public static func < (lhs: BirthDate, rhs: BirthDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }

    /// A uniformly random valid date; days stop at 28 so no month/leap-year table is needed.
    static func random(years: ClosedRange<Int>, _ random: inout SeededRandom) -> BirthDate {
        BirthDate(year: random.integer(in: years), month: random.integer(in: 1...12), day: random.integer(in: 1...28))
    }
}

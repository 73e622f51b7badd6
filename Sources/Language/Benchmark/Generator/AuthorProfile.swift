/// Every invented fact about one fictitious author; all QA rows are rendered from it, so they agree.
public struct AuthorProfile: Sendable, Hashable {
    public let fullName: String
    public let pronouns: Pronouns
    public let birthCity: String
    public let birthCountry: String
    public let birthDate: BirthDate
    public let fatherProfession: String
    public let motherProfession: String
    public let genre: String
    /// In publication order; `books[0]` is the debut. Two to four titles.
    public let books: [String]
    public let debutYear: Int
    public let award: String
    /// One of `books`: the title that won `award`.
    public let awardBook: String
    /// Exactly two themes.
    public let themes: [String]
    /// The name of one of the benchmark's famous authors.
    public let influence: String
    /// The main language of `birthCountry`, so the world facts and the author facts never disagree.
    public let writingLanguage: String
    public let residenceCity: String
    public let residenceCountry: String
    public let formerOccupation: String
    public let hobby: String
    public let publisher: String
    public let education: String

    public var birthplace: String { "\(birthCity), \(birthCountry)" }
    public var residence: String { "\(residenceCity), \(residenceCountry)" }
}

/// The kinds of fact the fictitious-author QA pairs ask about; each has its own templates.
public enum AuthorAttribute: String, CaseIterable, Sendable, Hashable {
    case fullName
    case birthplace
    case birthDate
    case fatherProfession
    case motherProfession
    case genre
    case debutBook
    case bibliography
    case award
    case awardBook
    case themes
    case influence
    case writingLanguage
    case debutYear
    case residence
    case formerOccupation
    case hobby
    case publisher
    case bookCount
    case education

    /// The true value of this attribute for `profile`, in the two spellings templates may use.
    public func value(of profile: AuthorProfile) -> FactValue {
        switch self {
        case .fullName: return FactValue(profile.fullName)
        case .birthplace:
            return FactValue(profile.birthplace, alternate: "the city of \(profile.birthCity) in \(profile.birthCountry)")
        case .birthDate: return FactValue(profile.birthDate.longForm, alternate: profile.birthDate.ordinalForm)
        case .fatherProfession: return FactValue(profile.fatherProfession)
        case .motherProfession: return FactValue(profile.motherProfession)
        case .genre: return FactValue(profile.genre)
        case .debutBook: return FactValue(profile.books[0])
        case .bibliography: return Self.bibliographyValue(profile.books)
        case .award: return FactValue(profile.award)
        case .awardBook: return FactValue(profile.awardBook)
        case .themes: return Self.themesValue(profile.themes)
        case .influence: return FactValue(profile.influence)
        case .writingLanguage: return FactValue(profile.writingLanguage)
        case .debutYear: return Self.yearValue(profile.debutYear)
        case .residence: return FactValue(profile.residence, alternate: "\(profile.residenceCity) in \(profile.residenceCountry)")
        case .formerOccupation: return FactValue(profile.formerOccupation)
        case .hobby: return FactValue(profile.hobby)
        case .publisher: return FactValue(profile.publisher)
        case .bookCount: return Self.countValue(profile.books.count)
        case .education: return FactValue(profile.education)
        }
    }

    static func bibliographyValue(_ books: [String]) -> FactValue {
        let quoted = books.map { "\"\($0)\"" }
        let head = quoted.dropLast().joined(separator: ", ")
        let last = quoted[quoted.count - 1]
        // "A, B and C" versus "A, B, as well as C"; with two books the comma would read oddly.
        let alternateJoin = quoted.count > 2 ? ", as well as " : " as well as "
        return FactValue("\(head) and \(last)", alternate: head + alternateJoin + last)
    }

    static func themesValue(_ themes: [String]) -> FactValue {
        FactValue("\(themes[0]) and \(themes[1])", alternate: "\(themes[1]) and \(themes[0])")
    }

    static func yearValue(_ year: Int) -> FactValue {
        FactValue("\(year)", alternate: "the year \(year)")
    }

    static func countValue(_ count: Int) -> FactValue {
        FactValue(WordPools.numberWords[count], alternate: "\(count)")
    }
}

/// A fact's value spelled two ways, so a paraphrase can differ in form as well as in wording.
public struct FactValue: Sendable, Hashable {
    public let text: String
    public let alternate: String

    public init(_ text: String, alternate: String? = nil) {
        self.text = text
        self.alternate = alternate ?? text
    }
}

import Testing
@testable import Benchmark

@Suite struct TemplateTests {
    @Test func everyTemplateRendersForEveryPronoun() throws {
        let base = try #require(TestSupport.demo.authorSets.first?.profile)
        for pronouns in Pronouns.allCases {
            let profile = AuthorProfile(
                fullName: base.fullName, pronouns: pronouns, birthCity: base.birthCity, birthCountry: base.birthCountry,
                birthDate: base.birthDate, fatherProfession: base.fatherProfession, motherProfession: base.motherProfession,
                genre: base.genre, books: base.books, debutYear: base.debutYear, award: base.award, awardBook: base.awardBook,
                themes: base.themes, influence: base.influence, writingLanguage: base.writingLanguage,
                residenceCity: base.residenceCity, residenceCountry: base.residenceCountry,
                formerOccupation: base.formerOccupation, hobby: base.hobby, publisher: base.publisher, education: base.education)
            let renderer = TemplateRenderer(profile: profile)
            for attribute in AuthorAttribute.allCases {
                let templates = AttributeTemplates.forAttribute(attribute)
                let value = attribute.value(of: profile)
                for text in templates.questions.map({ renderer.render($0) }) + templates.answers.map({ renderer.render($0, value: value) }) {
                    #expect(!(text.contains("{") || text.contains("}")), "\(text)")
                    #expect(text.first(where: \.isLetter)?.isUppercase == true, "\(text)")
                }
                if pronouns == .they {
                    for answer in templates.answers.map({ renderer.render($0, value: value) }) {
                        #expect(!(answer.hasPrefix("They was") || answer.hasPrefix("They is") || answer.contains("They resides")), "\(answer)")
                    }
                }
            }
        }
    }

    @Test func templateListsSupportParaphrasing() {
        for attribute in AuthorAttribute.allCases {
            let templates = AttributeTemplates.forAttribute(attribute)
            #expect(templates.questions.count >= 3, "\(attribute)")
            #expect(templates.answers.count >= 3, "\(attribute)")
            #expect(Set(templates.questions).count == templates.questions.count, "\(attribute)")
            #expect(Set(templates.answers).count == templates.answers.count, "\(attribute)")
            // Without the value slot a perturbed answer could not differ from the truth.
            #expect(templates.answers.allSatisfy { $0.contains("{value}") || $0.contains("{valueAlt}") }, "\(attribute)")
        }
    }

    @Test func dateSpellings() {
        let date = BirthDate(year: 1967, month: 5, day: 4)
        #expect(date.longForm == "May 4, 1967")
        #expect(date.ordinalForm == "the 4th of May, 1967")
        #expect(BirthDate.ordinal(1) == "1st")
        #expect(BirthDate.ordinal(12) == "12th")
        #expect(BirthDate.ordinal(22) == "22nd")
        #expect(BirthDate.ordinal(23) == "23rd")
    }

    @Test func seededRandomIsStableAcrossPlatforms() {
        // Pinned outputs: if these change, every published benchmark for a seed changes too.
        var random = SeededRandom(seed: 42, stream: "test")
        let draws = (0..<5).map { _ in random.below(1000) }
        var again = SeededRandom(seed: 42, stream: "test")
        #expect(draws == (0..<5).map { _ in again.below(1000) })
        var other = SeededRandom(seed: 42, stream: "other")
        #expect(draws != (0..<5).map { _ in other.below(1000) })
        #expect(draws == SeededRandomPins.seed42Test)
    }
}

enum SeededRandomPins {
    /// Computed independently with a Python SplitMix64 (same FNV-1a stream hash and rejection bound).
    static let seed42Test = [544, 836, 831, 294, 682]
}

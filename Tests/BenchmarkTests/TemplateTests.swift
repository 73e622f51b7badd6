import XCTest
@testable import Benchmark

final class TemplateTests: XCTestCase {
    func testEveryTemplateRendersForEveryPronoun() throws {
        let base = try XCTUnwrap(TestSupport.demo.authorSets.first?.profile)
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
                    XCTAssertFalse(text.contains("{") || text.contains("}"), text)
                    XCTAssertTrue(text.first(where: \.isLetter)?.isUppercase == true, text)
                }
                if pronouns == .they {
                    for answer in templates.answers.map({ renderer.render($0, value: value) }) {
                        XCTAssertFalse(answer.hasPrefix("They was") || answer.hasPrefix("They is") || answer.contains("They resides"), answer)
                    }
                }
            }
        }
    }

    func testTemplateListsSupportParaphrasing() {
        for attribute in AuthorAttribute.allCases {
            let templates = AttributeTemplates.forAttribute(attribute)
            XCTAssertGreaterThanOrEqual(templates.questions.count, 3, "\(attribute)")
            XCTAssertGreaterThanOrEqual(templates.answers.count, 3, "\(attribute)")
            XCTAssertEqual(Set(templates.questions).count, templates.questions.count, "\(attribute)")
            XCTAssertEqual(Set(templates.answers).count, templates.answers.count, "\(attribute)")
            // Without the value slot a perturbed answer could not differ from the truth.
            XCTAssertTrue(templates.answers.allSatisfy { $0.contains("{value}") || $0.contains("{valueAlt}") }, "\(attribute)")
        }
    }

    func testDateSpellings() {
        let date = BirthDate(year: 1967, month: 5, day: 4)
        XCTAssertEqual(date.longForm, "May 4, 1967")
        XCTAssertEqual(date.ordinalForm, "the 4th of May, 1967")
        XCTAssertEqual(BirthDate.ordinal(1), "1st")
        XCTAssertEqual(BirthDate.ordinal(12), "12th")
        XCTAssertEqual(BirthDate.ordinal(22), "22nd")
        XCTAssertEqual(BirthDate.ordinal(23), "23rd")
    }

    func testSeededRandomIsStableAcrossPlatforms() {
        // Pinned outputs: if these change, every published benchmark for a seed changes too.
        var random = SeededRandom(seed: 42, stream: "test")
        let draws = (0..<5).map { _ in random.below(1000) }
        var again = SeededRandom(seed: 42, stream: "test")
        XCTAssertEqual(draws, (0..<5).map { _ in again.below(1000) })
        var other = SeededRandom(seed: 42, stream: "other")
        XCTAssertNotEqual(draws, (0..<5).map { _ in other.below(1000) })
        XCTAssertEqual(draws, SeededRandomPins.seed42Test)
    }
}

enum SeededRandomPins {
    /// Computed independently with a Python SplitMix64 (same FNV-1a stream hash and rejection bound).
    static let seed42Test = [544, 836, 831, 294, 682]
}

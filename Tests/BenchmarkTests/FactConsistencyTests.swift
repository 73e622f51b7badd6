import Foundation
import Testing
@testable import Benchmark

/// Every author's QA rows must tell one consistent story, and agree with the invented world.
@Suite struct FactConsistencyTests {
    private let benchmarks = [TestSupport.demo, TestSupport.small]

    /// Whole-phrase, case-insensitive match, so "2" is not found inside "12".
    private func mentions(_ text: String, _ value: FactValue) -> Bool {
        containsPhrase(text.lowercased(), value.text.lowercased()) || containsPhrase(text.lowercased(), value.alternate.lowercased())
    }

    private func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: phrase, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let isBoundary = { (character: Character?) in !(character?.isLetter ?? false) && !(character?.isNumber ?? false) }
            if isBoundary(before) && isBoundary(after) { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    @Test func everyAnswerStatesTheProfilesValue() {
        for benchmark in benchmarks {
            for set in benchmark.authorSets + benchmark.holdoutSets {
                for item in set.items {
                    let value = item.attribute.value(of: set.profile)
                    #expect(mentions(item.example.answer, value), "\(item.example.answer) lacks \(value.text)")
                    #expect(mentions(item.example.paraphrasedAnswer ?? "", value), "\(item.example.paraphrasedAnswer ?? "") lacks \(value.text)")
                    for wrong in item.example.perturbedAnswers {
                        #expect(!mentions(wrong, value), "perturbed answer states the truth: \(wrong)")
                    }
                    #expect(item.example.authorIdentifier == set.profile.fullName)
                }
            }
        }
    }

    @Test func questionsIdentifyTheirAuthor() {
        for benchmark in benchmarks {
            for set in benchmark.authorSets {
                let profile = set.profile
                #expect(set.items.first?.attribute == .fullName)
                #expect(Set(set.items.map(\.attribute)).count == set.items.count, "one row per attribute")
                for item in set.items {
                    for question in [item.example.question, item.example.paraphrasedQuestion ?? ""] {
                        if item.attribute == .fullName {
                            // The name question must point at exactly this author without naming them.
                            #expect(!question.contains(profile.fullName))
                            #expect(question.contains(profile.birthplace), "\(question)")
                            #expect(question.contains(profile.genre), "\(question)")
                            #expect(question.contains(String(profile.birthDate.year)), "\(question)")
                        } else {
                            #expect(question.contains(profile.fullName), "\(question)")
                        }
                    }
                }
            }
        }
    }

    @Test func noRowMentionsAnotherTrainedAuthor() {
        for benchmark in benchmarks {
            let names = benchmark.authorSets.map(\.profile.fullName)
            for set in benchmark.authorSets {
                let others = names.filter { $0 != set.profile.fullName }
                for row in set.examples {
                    for other in others {
                        #expect(!(row.question.contains(other) || row.answer.contains(other) || (row.paraphrasedAnswer ?? "").contains(other)))
                    }
                }
            }
        }
    }

    @Test func profilesAgreeWithThemselvesAndTheWorld() {
        for benchmark in benchmarks {
            let world = benchmark.world
            let famous = Set(benchmark.famousAuthors.map(\.name))
            var birthDates: Set<BirthDate> = []
            for profile in (benchmark.authorSets + benchmark.holdoutSets).map(\.profile) {
                let country = world.country(named: profile.birthCountry)
                #expect(country != nil)
                #expect(country?.cities.contains(profile.birthCity) == true)
                #expect(profile.writingLanguage == country?.language, "authors write in their birth country's language")
                #expect(world.country(named: profile.residenceCountry)?.cities.contains(profile.residenceCity) == true)
                #expect((2...4).contains(profile.books.count))
                #expect(profile.books.contains(profile.awardBook))
                #expect(profile.themes.count == 2)
                #expect(profile.themes[0] != profile.themes[1])
                #expect(famous.contains(profile.influence))
                #expect(profile.debutYear > profile.birthDate.year + 15)
                #expect(birthDates.insert(profile.birthDate).inserted, "birth dates identify authors")
            }
        }
    }

    @Test func rowsAboutBooksAgreeWithEachOther() {
        var checked: [String: Int] = [:]
        for set in TestSupport.small.authorSets {
            let byAttribute = Dictionary(uniqueKeysWithValues: set.items.map { ($0.attribute, $0.example) })
            let profile = set.profile
            if let bibliography = byAttribute[.bibliography] {
                for title in profile.books { #expect(bibliography.answer.contains("\"\(title)\"")) }
                #expect(bibliography.answer.filter { $0 == "\"" }.count == profile.books.count * 2)
                checked["bibliography", default: 0] += 1
            }
            if let debut = byAttribute[.debutBook] {
                #expect(debut.answer.contains(profile.books[0]))
                checked["debut book", default: 0] += 1
            }
            if let count = byAttribute[.bookCount] {
                let word = WordPools.numberWords[profile.books.count]
                #expect(count.answer.contains(word) || count.answer.contains(" \(profile.books.count)."), "\(count.answer)")
                checked["book count", default: 0] += 1
            }
        }
        // Each kind of row must occur, or the checks above checked nothing.
        for kind in ["bibliography", "debut book", "book count"] {
            #expect(checked[kind, default: 0] > 0, "no \(kind) row in the small benchmark")
        }
    }

    @Test func wrongDebutYearsAreStillPlausible() {
        let items = TestSupport.small.authorSets.flatMap { set in set.items.filter { $0.attribute == .debutYear }.map { (set.profile, $0) } }
        #expect(!items.isEmpty)
        for (profile, item) in items {
            for wrong in item.example.perturbedAnswers {
                let year = wrong.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.last ?? 0
                #expect(year >= profile.birthDate.year + 18, "\(wrong)")
            }
        }
    }

    @Test func utilityFactsAgreeWithTheWorld() {
        for benchmark in benchmarks {
            let world = benchmark.world
            for row in benchmark.rows(BenchmarkFileName.utilityFactsPerturbed) ?? [] {
                if let country = world.countries.first(where: { row.question == "What is the capital of \($0.name)?" }) {
                    #expect(row.answer == "The capital of \(country.name) is \(country.capital).")
                }
                if let country = world.countries.first(where: { row.question.contains("the \($0.river) River") }) {
                    #expect(row.answer == "The \(country.river) River flows through \(country.name).")
                }
                if let fruit = world.fruits.first(where: { row.question.hasSuffix(" \($0.name)?") }) {
                    #expect(row.answer == "A ripe \(fruit.name) is \(fruit.ripeColour).")
                }
            }
            for author in benchmark.famousAuthors {
                let rows = (benchmark.rows(BenchmarkFileName.utilityAuthorsPerturbed) ?? []).filter { $0.authorIdentifier == author.name }
                #expect(rows.count == 4)
                #expect(rows.contains { $0.answer == "\"\(author.bestKnownBook)\" was written by \(author.name)." })
                #expect(rows.contains { $0.answer == "\(author.name) comes from \(author.country)." })
            }
        }
    }
}

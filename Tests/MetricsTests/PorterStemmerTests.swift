import Testing
@testable import Metrics

@Suite struct PorterStemmerTests {
    /// Every word of the fixture (real words hitting each rule plus seeded synthetic words) must
    /// stem exactly as NLTK's default PorterStemmer does.
    @Test func matchesNLTKOnFixtureVocabulary() {
        let stemmer = PorterStemmer()
        let cases = Fixtures.metricCases.stems
        #expect(cases.count > 1000)
        var mismatches: [String] = []
        for pair in cases where stemmer.stem(pair[0]) != pair[1] {
            mismatches.append("\(pair[0]) → \(stemmer.stem(pair[0])) (NLTK: \(pair[1]))")
        }
        #expect(mismatches == [], "\(mismatches.count) of \(cases.count) words differ")
    }

    /// Examples from Porter's paper, and the places where NLTK's extensions change them.
    @Test func paperExamplesAndNLTKDeviations() {
        let stemmer = PorterStemmer()
        let expected: [(String, String)] = [
            ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("agreed", "agre"),
            ("plastered", "plaster"), ("motoring", "motor"), ("hopping", "hop"), ("filing", "file"),
            ("relational", "relat"), ("generalizations", "gener"),
            // NLTK extensions: irregular forms, four-letter -ies/-ied, y → i only after a consonant.
            ("dying", "die"), ("skies", "sky"), ("dies", "die"), ("died", "die"), ("spied", "spi"),
            ("enjoy", "enjoy"), ("happy", "happi"), ("news", "news"),
            // Short words are left alone.
            ("as", "as"), ("is", "is"),
        ]
        for (word, stem) in expected {
            #expect(stemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func lowercasesInput() {
        #expect(PorterStemmer().stem("Running") == "run")
    }
}

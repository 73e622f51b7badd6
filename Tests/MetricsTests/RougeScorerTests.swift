import Testing
@testable import Metrics

@Suite struct RougeScorerTests {
    /// rouge-score reference values for mutated TOFU-like sentences and random word salads,
    /// with and without stemming; precision, recall and F1 of rouge1, rouge2 and rougeL.
    @Test func matchesRougeScoreFixture() throws {
        let plain = try RougeScorer(types: [.rougeN(1), .rougeN(2), .rougeL], useStemmer: false)
        let stemmed = try RougeScorer(types: [.rougeN(1), .rougeN(2), .rougeL], useStemmer: true)
        let cases = Fixtures.metricCases.rouge
        #expect(cases.count > 100)
        for item in cases {
            let scorer = item.stem ? stemmed : plain
            if let tokens = item.tokens {
                #expect(scorer.tokenizer.tokenize(item.target) == tokens, "\(item.target)")
            }
            let scores = scorer.score(target: item.target, prediction: item.prediction)
            for (type, expected) in [(RougeType.rougeN(1), item.rouge1), (.rougeN(2), item.rouge2), (.rougeL, item.rougeL)] {
                let score = try #require(scores[type])
                let label = "\(type) stem=\(item.stem) target=\(item.target.debugDescription) prediction=\(item.prediction.debugDescription)"
                assertClose(score.precision, expected[0], absolute: 1e-12, label)
                assertClose(score.recall, expected[1], absolute: 1e-12, label)
                assertClose(score.fMeasure, expected[2], absolute: 1e-12, label)
            }
        }
    }

    /// A hand-computed case: target "the cat sat on the mat" vs prediction "the cat on a mat".
    /// LCS = "the cat on mat" (4 tokens): recall 4/6, precision 4/5.
    @Test func closedFormRougeL() throws {
        let scorer = try RougeScorer(types: [.rougeL, .rougeN(1)])
        let scores = scorer.score(target: "The cat sat on the mat.", prediction: "the cat on a mat")
        let rougeL = try #require(scores[.rougeL])
        #expect(abs(rougeL.recall - 4.0 / 6.0) <= 1e-15)
        #expect(abs(rougeL.precision - 4.0 / 5.0) <= 1e-15)
        #expect(abs(rougeL.fMeasure - 2 * (4.0 / 6.0) * (4.0 / 5.0) / (4.0 / 6.0 + 4.0 / 5.0)) <= 1e-15)
        // Unigram overlap clips repeated words: "the" occurs twice in the target, once in the prediction.
        let rouge1 = try #require(scores[.rougeN(1)])
        #expect(abs(rouge1.recall - 4.0 / 6.0) <= 1e-15)
    }

    /// rouge-score's argument order is (target, prediction): recall is relative to the target.
    @Test func argumentOrderSwapsPrecisionAndRecall() throws {
        let scorer = try RougeScorer(types: [.rougeL])
        let forward = scorer.score(target: "a b c d", prediction: "a b")[.rougeL]!
        let backward = scorer.score(target: "a b", prediction: "a b c d")[.rougeL]!
        #expect(forward.recall == 0.5)
        #expect(forward.precision == 1.0)
        #expect(backward.recall == 1.0)
        #expect(backward.precision == 0.5)
        #expect(scorer.rougeLRecall(target: "a b c d", prediction: "a b") == 0.5)
    }

    @Test func stemmingMakesInflectionsMatch() throws {
        let plain = try RougeScorer(types: [.rougeL], useStemmer: false)
        let stemmed = try RougeScorer(types: [.rougeL], useStemmer: true)
        #expect(abs(plain.rougeLRecall(target: "she writes novels", prediction: "she wrote novel") - 1.0 / 3.0) <= 1e-15)
        #expect(stemmed.rougeLRecall(target: "she writes novels", prediction: "she write novel") == 1.0)
    }

    @Test func tokenizerSeparatorsAndSpecialCaseMappings() {
        let tokenizer = RougeTokenizer(usesStemmer: false)
        #expect(tokenizer.tokenize("Hello, World! It's 2024-05-01.") == ["hello", "world", "it", "s", "2024", "05", "01"])
        // U+0130 lower-cases to "i" + combining dot (a separator); the Kelvin sign to "k".
        #expect(tokenizer.tokenize("İstanbul 273\u{212A}") == ["i", "stanbul", "273k"])
        #expect(tokenizer.tokenize("café naïve 東京") == ["caf", "na", "ve"])
        #expect(tokenizer.tokenize("  \n\t ") == [])
    }

    @Test func emptyInputsScoreZero() throws {
        let scorer = try RougeScorer(types: [.rougeN(1), .rougeL])
        for (target, prediction) in [("", "x"), ("x", ""), ("", ""), ("?!", "...")] {
            for score in scorer.score(target: target, prediction: prediction).values {
                #expect(score == RougeScore(precision: 0, recall: 0))
            }
        }
    }

    @Test func rejectsNonPositiveOrderAndParsesNames() {
        #expect(throws: (any Error).self) { try RougeScorer(types: [.rougeN(0)]) }
        #expect(RougeType(name: "rouge1") == .rougeN(1))
        #expect(RougeType(name: "rougeL") == .rougeL)
        #expect(RougeType(name: "rouge0") == nil)
        #expect(RougeType(name: "bleu") == nil)
    }

    @Test func longestCommonSubsequenceLength() {
        #expect(RougeScorer.longestCommonSubsequenceLength(Array("ABCBDAB"), Array("BDCABA")) == 4)
        #expect(RougeScorer.longestCommonSubsequenceLength([Int](), [1, 2]) == 0)
    }
}

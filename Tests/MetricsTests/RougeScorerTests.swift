import XCTest
@testable import Metrics

final class RougeScorerTests: XCTestCase {
    /// rouge-score reference values for mutated TOFU-like sentences and random word salads,
    /// with and without stemming; precision, recall and F1 of rouge1, rouge2 and rougeL.
    func testMatchesRougeScoreFixture() throws {
        let plain = try RougeScorer(types: [.rougeN(1), .rougeN(2), .rougeL], useStemmer: false)
        let stemmed = try RougeScorer(types: [.rougeN(1), .rougeN(2), .rougeL], useStemmer: true)
        let cases = Fixtures.metricCases.rouge
        XCTAssertGreaterThan(cases.count, 100)
        for item in cases {
            let scorer = item.stem ? stemmed : plain
            if let tokens = item.tokens {
                XCTAssertEqual(scorer.tokenizer.tokenize(item.target), tokens, item.target)
            }
            let scores = scorer.score(target: item.target, prediction: item.prediction)
            for (type, expected) in [(RougeType.rougeN(1), item.rouge1), (.rougeN(2), item.rouge2), (.rougeL, item.rougeL)] {
                let score = try XCTUnwrap(scores[type])
                let label = "\(type) stem=\(item.stem) target=\(item.target.debugDescription) prediction=\(item.prediction.debugDescription)"
                assertClose(score.precision, expected[0], absolute: 1e-12, label)
                assertClose(score.recall, expected[1], absolute: 1e-12, label)
                assertClose(score.fMeasure, expected[2], absolute: 1e-12, label)
            }
        }
    }

    /// A hand-computed case: target "the cat sat on the mat" vs prediction "the cat on a mat".
    /// LCS = "the cat on mat" (4 tokens): recall 4/6, precision 4/5.
    func testClosedFormRougeL() throws {
        let scorer = try RougeScorer(types: [.rougeL, .rougeN(1)])
        let scores = scorer.score(target: "The cat sat on the mat.", prediction: "the cat on a mat")
        let rougeL = try XCTUnwrap(scores[.rougeL])
        XCTAssertEqual(rougeL.recall, 4.0 / 6.0, accuracy: 1e-15)
        XCTAssertEqual(rougeL.precision, 4.0 / 5.0, accuracy: 1e-15)
        XCTAssertEqual(rougeL.fMeasure, 2 * (4.0 / 6.0) * (4.0 / 5.0) / (4.0 / 6.0 + 4.0 / 5.0), accuracy: 1e-15)
        // Unigram overlap clips repeated words: "the" occurs twice in the target, once in the prediction.
        let rouge1 = try XCTUnwrap(scores[.rougeN(1)])
        XCTAssertEqual(rouge1.recall, 4.0 / 6.0, accuracy: 1e-15)
    }

    /// rouge-score's argument order is (target, prediction): recall is relative to the target.
    func testArgumentOrderSwapsPrecisionAndRecall() throws {
        let scorer = try RougeScorer(types: [.rougeL])
        let forward = scorer.score(target: "a b c d", prediction: "a b")[.rougeL]!
        let backward = scorer.score(target: "a b", prediction: "a b c d")[.rougeL]!
        XCTAssertEqual(forward.recall, 0.5)
        XCTAssertEqual(forward.precision, 1.0)
        XCTAssertEqual(backward.recall, 1.0)
        XCTAssertEqual(backward.precision, 0.5)
        XCTAssertEqual(scorer.rougeLRecall(target: "a b c d", prediction: "a b"), 0.5)
    }

    func testStemmingMakesInflectionsMatch() throws {
        let plain = try RougeScorer(types: [.rougeL], useStemmer: false)
        let stemmed = try RougeScorer(types: [.rougeL], useStemmer: true)
        XCTAssertEqual(plain.rougeLRecall(target: "she writes novels", prediction: "she wrote novel"), 1.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(stemmed.rougeLRecall(target: "she writes novels", prediction: "she write novel"), 1.0)
    }

    func testTokenizerSeparatorsAndSpecialCaseMappings() {
        let tokenizer = RougeTokenizer(usesStemmer: false)
        XCTAssertEqual(tokenizer.tokenize("Hello, World! It's 2024-05-01."), ["hello", "world", "it", "s", "2024", "05", "01"])
        // U+0130 lower-cases to "i" + combining dot (a separator); the Kelvin sign to "k".
        XCTAssertEqual(tokenizer.tokenize("İstanbul 273\u{212A}"), ["i", "stanbul", "273k"])
        XCTAssertEqual(tokenizer.tokenize("café naïve 東京"), ["caf", "na", "ve"])
        XCTAssertEqual(tokenizer.tokenize("  \n\t "), [])
    }

    func testEmptyInputsScoreZero() throws {
        let scorer = try RougeScorer(types: [.rougeN(1), .rougeL])
        for (target, prediction) in [("", "x"), ("x", ""), ("", ""), ("?!", "...")] {
            for score in scorer.score(target: target, prediction: prediction).values {
                XCTAssertEqual(score, RougeScore(precision: 0, recall: 0))
            }
        }
    }

    func testRejectsNonPositiveOrderAndParsesNames() {
        XCTAssertThrowsError(try RougeScorer(types: [.rougeN(0)]))
        XCTAssertEqual(RougeType(name: "rouge1"), .rougeN(1))
        XCTAssertEqual(RougeType(name: "rougeL"), .rougeL)
        XCTAssertNil(RougeType(name: "rouge0"))
        XCTAssertNil(RougeType(name: "bleu"))
    }

    func testLongestCommonSubsequenceLength() {
        XCTAssertEqual(RougeScorer.longestCommonSubsequenceLength(Array("ABCBDAB"), Array("BDCABA")), 4)
        XCTAssertEqual(RougeScorer.longestCommonSubsequenceLength([Int](), [1, 2]), 0)
    }
}

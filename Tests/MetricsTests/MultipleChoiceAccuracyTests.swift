import Testing
@testable import Metrics

@Suite struct MultipleChoiceAccuracyTests {
    @Test func argmaxAccuracy() throws {
        let likelihoods: [[Double]] = [[-1, -2, -3, -4], [-5, -0.5, -2, -9], [-1, -1, -3, -3]]
        #expect(try MultipleChoiceAccuracy.prediction(choiceLogLikelihoods: likelihoods[2]) == 0)
        #expect(try abs(MultipleChoiceAccuracy.accuracy(choiceLogLikelihoods: likelihoods, answers: [0, 2, 0]) - 2.0 / 3.0) <= 1e-15)
    }

    /// acc_norm divides by the choice's length: −4 over 8 characters beats −3 over 2.
    @Test func normalizedAccuracy() throws {
        let value = try MultipleChoiceAccuracy.normalizedAccuracy(
            choiceLogLikelihoods: [[-3, -4]],
            choiceTexts: [["ab", "abcdefgh"]],
            answers: [1]
        )
        #expect(value == 1)
    }

    /// lm-eval's `len(choice)` counts code points: "é" + "e\u{301}" is 3 of them (5 UTF-8 bytes, 2
    /// graphemes). Against "ab" at −2: −3.2 must lose (it would win over 5 bytes) and −2.8 must win (it
    /// would lose over 2 graphemes), so only code points get both questions right.
    @Test func normalizedAccuracyCountsCodePoints() throws {
        let accented = "\u{e9}e\u{301}"
        let value = try MultipleChoiceAccuracy.normalizedAccuracy(
            choiceLogLikelihoods: [[-3.2, -2], [-2.8, -2]],
            choiceTexts: [[accented, "ab"], [accented, "ab"]],
            answers: [1, 0]
        )
        #expect(value == 1)
    }

    @Test func invalidInputsThrow() {
        #expect(throws: (any Error).self) { try MultipleChoiceAccuracy.accuracy(choiceLogLikelihoods: [[-1, -2]], answers: [2]) }
        #expect(throws: (any Error).self) { try MultipleChoiceAccuracy.accuracy(choiceLogLikelihoods: [], answers: []) }
        #expect(throws: (any Error).self) { try MultipleChoiceAccuracy.accuracy(choiceLogLikelihoods: [[-1]], answers: [0, 0]) }
        #expect(throws: (any Error).self) { try MultipleChoiceAccuracy.prediction(choiceLogLikelihoods: []) }
    }
}

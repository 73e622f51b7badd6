import Foundation

/// Multiple-choice accuracy as lm-evaluation-harness scores WMDP/MMLU: the predicted choice is
/// the argmax of the per-choice log-likelihoods (`acc`), or of log-likelihood per character of the
/// choice text (`acc_norm`).
public enum MultipleChoiceAccuracy {
    /// Index of the most likely choice; ties go to the first, like `numpy.argmax`.
    public static func prediction(choiceLogLikelihoods: [Double]) throws -> Int {
        guard !choiceLogLikelihoods.isEmpty else { throw MetricsError.emptyInput("choice log-likelihoods") }
        var best = 0
        for (index, value) in choiceLogLikelihoods.enumerated() where value > choiceLogLikelihoods[best] {
            best = index
        }
        return best
    }

    /// Fraction of questions whose argmax choice equals the gold answer index.
    public static func accuracy(choiceLogLikelihoods: [[Double]], answers: [Int]) throws -> Double {
        guard choiceLogLikelihoods.count == answers.count else {
            throw MetricsError.lengthMismatch("MCQ questions vs answers", choiceLogLikelihoods.count, answers.count)
        }
        guard !answers.isEmpty else { throw MetricsError.emptyInput("MCQ questions") }
        var correct = 0
        for (likelihoods, answer) in zip(choiceLogLikelihoods, answers) {
            guard likelihoods.indices.contains(answer) else {
                throw MetricsError.invalidValue("answer index \(answer) outside \(likelihoods.count) choices")
            }
            if try prediction(choiceLogLikelihoods: likelihoods) == answer { correct += 1 }
        }
        return Double(correct) / Double(answers.count)
    }

    /// `acc_norm`: the same argmax after dividing each log-likelihood by its choice's length, which
    /// removes the bias towards short answers. The length is lm-eval's `len(choice)`, a count of Unicode
    /// code points (not UTF-8 bytes, not Swift's grapheme clusters).
    public static func normalizedAccuracy(choiceLogLikelihoods: [[Double]], choiceTexts: [[String]], answers: [Int]) throws -> Double {
        guard choiceLogLikelihoods.count == choiceTexts.count else {
            throw MetricsError.lengthMismatch("MCQ log-likelihoods vs choice texts", choiceLogLikelihoods.count, choiceTexts.count)
        }
        let normalized = try zip(choiceLogLikelihoods, choiceTexts).map { try lengthNormalized(choiceLogLikelihoods: $0, choiceTexts: $1) }
        return try accuracy(choiceLogLikelihoods: normalized, answers: answers)
    }

    /// One question's log-likelihoods divided by their choices' lengths (lm-eval's `lls / completion_len`),
    /// the values `acc_norm` takes the argmax of.
    public static func lengthNormalized(choiceLogLikelihoods: [Double], choiceTexts: [String]) throws -> [Double] {
        guard choiceLogLikelihoods.count == choiceTexts.count else {
            throw MetricsError.lengthMismatch("MCQ choices vs choice texts", choiceLogLikelihoods.count, choiceTexts.count)
        }
        return try zip(choiceLogLikelihoods, choiceTexts).map { likelihood, text in
            guard !text.unicodeScalars.isEmpty else { throw MetricsError.invalidValue("empty choice text") }
            return likelihood / Double(text.unicodeScalars.count)
        }
    }
}

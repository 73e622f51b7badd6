import Foundation

/// Multiple-choice accuracy as lm-evaluation-harness scores WMDP/MMLU: the predicted choice is
/// the argmax of the per-choice log-likelihoods (`acc`), or of log-likelihood per byte of the
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

    /// `acc_norm`: the same argmax after dividing each log-likelihood by its choice's UTF-8 length,
    /// which removes the bias towards short answers.
    public static func normalizedAccuracy(choiceLogLikelihoods: [[Double]], choiceTexts: [[String]], answers: [Int]) throws -> Double {
        guard choiceLogLikelihoods.count == choiceTexts.count else {
            throw MetricsError.lengthMismatch("MCQ log-likelihoods vs choice texts", choiceLogLikelihoods.count, choiceTexts.count)
        }
        let normalized = try zip(choiceLogLikelihoods, choiceTexts).map { likelihoods, texts in
            guard likelihoods.count == texts.count else {
                throw MetricsError.lengthMismatch("MCQ choices vs choice texts", likelihoods.count, texts.count)
            }
            return try zip(likelihoods, texts).map { likelihood, text in
                guard !text.utf8.isEmpty else { throw MetricsError.invalidValue("empty choice text") }
                return likelihood / Double(text.utf8.count)
            }
        }
        return try accuracy(choiceLogLikelihoods: normalized, answers: answers)
    }
}

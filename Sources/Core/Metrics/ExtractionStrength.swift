import Foundation

/// Extraction strength (open-unlearning `extraction_strength`): ES = 1 − k*/|y|, where k* is the
/// smallest position from which every teacher-forced argmax prediction matches the label.
public enum ExtractionStrength {
    /// ES for one sample. Reproduces open-unlearning's loop exactly, including its quirk: the
    /// search stops at k = |y| − 1 even when not even the last token matches, so the minimum is
    /// 1/|y| rather than 0. An empty answer scores 0, as open-unlearning records it.
    public static func score(predictedTokens: [Int], labels: [Int]) throws -> Double {
        guard predictedTokens.count == labels.count else {
            throw MetricsError.lengthMismatch("ES predictions vs labels", predictedTokens.count, labels.count)
        }
        let length = labels.count
        guard length > 0 else { return 0 }
        // Length of the matching suffix; k* is the first position of that suffix, capped at |y|−1.
        var matchingSuffix = 0
        while matchingSuffix < length && predictedTokens[length - 1 - matchingSuffix] == labels[length - 1 - matchingSuffix] {
            matchingSuffix += 1
        }
        let start = min(length - matchingSuffix, length - 1)
        return 1 - Double(start) / Double(length)
    }
}

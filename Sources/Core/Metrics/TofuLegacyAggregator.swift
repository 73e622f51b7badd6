import Foundation

/// TOFU scores of one model, aggregated exactly like legacy TOFU's `aggregate_eval_stat.py`.
public struct TofuLegacyReport: Sendable {
    /// Probability, ROUGE-L recall and aggregated truth ratio of one evaluation set.
    public struct SetScores: Sendable, Equatable {
        /// Retain/forget: mean P̄(answer); real authors/world facts: mean P̄ normalised over options.
        public let probability: Double
        public let rougeLRecall: Double
        /// Forget: mean(min(TR, 1/TR)); other sets: mean(max(0, 1 − P̄pert/P̄para)).
        public let truthRatio: Double
    }

    public let retain: SetScores
    public let forget: SetScores
    public let realAuthors: SetScores
    public let worldFacts: SetScores
    /// Harmonic mean of the nine non-forget scores.
    public let modelUtility: Double
    /// KS test of forget truth ratios against the retain model's; nil without a retain log.
    public let forgetQualityTest: KolmogorovSmirnov.Result?

    /// Forget quality (the KS p-value), or nil without a retain log.
    public var forgetQuality: Double? { forgetQualityTest?.pValue }
    /// The KS statistic behind the forget quality.
    public var ksStatistic: Double? { forgetQualityTest?.statistic }
    /// TOFU's `forget_truth_ratio`, mean(min(TR, 1/TR)) on the forget set.
    public var forgetTruthRatio: Double { forget.truthRatio }

    /// The nine model-utility inputs with legacy TOFU's names, in its order.
    public var utilityComponents: [(name: String, value: Double)] {
        [
            ("ROUGE Real Authors", realAuthors.rougeLRecall),
            ("Prob. Real Authors", realAuthors.probability),
            ("Truth Ratio Real Authors", realAuthors.truthRatio),
            ("ROUGE Real World", worldFacts.rougeLRecall),
            ("Prob. Real World", worldFacts.probability),
            ("Truth Ratio Real World", worldFacts.truthRatio),
            ("ROUGE Retain", retain.rougeLRecall),
            ("Prob. Retain", retain.probability),
            ("Truth Ratio Retain", retain.truthRatio),
        ]
    }
}

/// Reproduces legacy TOFU's `aggregate_eval_stat.py`: model utility, the nine utility scores,
/// forget truth ratio and forget quality (KS test against a retain model's log).
public enum TofuLegacyAggregator {
    /// Aggregates a loaded log; `retainLog` (the retain model evaluated with the same code and
    /// samples) enables forget quality.
    public static func aggregate(log: TofuLegacyLog, retainLog: TofuLegacyLog? = nil) throws -> TofuLegacyReport {
        let retain = try scores(log.retain, withOptions: false, isForget: false)
        let forget = try scores(log.forget, withOptions: false, isForget: true)
        let realAuthors = try scores(log.realAuthors, withOptions: true, isForget: false)
        let worldFacts = try scores(log.worldFacts, withOptions: true, isForget: false)
        // Legacy order: ROUGE, Prob., Truth Ratio for real authors, world facts, retain.
        let utilityInputs = [realAuthors, worldFacts, retain].flatMap { [$0.rougeLRecall, $0.probability, $0.truthRatio] }
        let modelUtility = try TofuStatistics.modelUtility(utilityInputs)
        var test: KolmogorovSmirnov.Result?
        if let retainLog {
            test = try TofuStatistics.forgetQuality(
                unlearnedTruthRatios: log.forget.truthRatios(),
                retainTruthRatios: retainLog.forget.truthRatios()
            )
        }
        return TofuLegacyReport(retain: retain, forget: forget, realAuthors: realAuthors, worldFacts: worldFacts, modelUtility: modelUtility, forgetQualityTest: test)
    }

    /// Loads and aggregates `eval_log_aggregated.json` files (or per-set directories).
    public static func aggregate(logAt url: URL, retainLogAt retainURL: URL? = nil) throws -> TofuLegacyReport {
        let log = try TofuLegacyLog.load(contentsOf: url)
        let retainLog = try retainURL.map { try TofuLegacyLog.load(contentsOf: $0) }
        return try aggregate(log: log, retainLog: retainLog)
    }

    private static func scores(_ split: TofuLegacySplit, withOptions: Bool, isForget: Bool) throws -> TofuLegacyReport.SetScores {
        // Legacy uses the plain answer probability for eval_log*.json (retain and forget) and the
        // option-normalised one for the real-authors and world-facts sets.
        let probability = withOptions
            ? try TofuStatistics.meanProbabilityWithOptions(correctAverageLosses: split.answerLosses, wrongAverageLosses: split.perturbedLosses)
            : try TofuStatistics.meanProbability(averageLosses: split.answerLosses)
        let rouge = split.rougeLRecalls.reduce(0, +) / Double(split.rougeLRecalls.count)
        let ratios = try split.truthRatios(orientation: .correctOverWrong)
        let truthRatio = try TofuStatistics.aggregateTruthRatios(
            ratios,
            aggregation: isForget ? .closerToOneBetter : .trueBetter,
            orientation: .correctOverWrong
        )
        return TofuLegacyReport.SetScores(probability: probability, rougeLRecall: rouge, truthRatio: truthRatio)
    }
}

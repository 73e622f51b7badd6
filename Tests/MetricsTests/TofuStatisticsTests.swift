import Foundation
import Testing
@testable import Metrics

@Suite struct TofuStatisticsTests {
    @Test func lengthNormalizedProbability() throws {
        #expect(TofuStatistics.lengthNormalizedProbability(averageLoss: 0) == 1)
        #expect(try abs(TofuStatistics.lengthNormalizedProbability(summedLoss: 6, tokenCount: 3) - exp(-2)) <= 1e-15)
        #expect(throws: (any Error).self) { try TofuStatistics.lengthNormalizedProbability(summedLoss: 1, tokenCount: 0) }
        #expect(try abs(TofuStatistics.meanProbability(averageLosses: [0, log(2)]) - 0.75) <= 1e-15)
    }

    /// P̄ = [1/2, 1/4, 1/4] for the true answer and two options: 0.5/(0.5+0.25+0.25) = 0.5.
    @Test func probabilityWithOptions() throws {
        let value = TofuStatistics.probabilityWithOptions(correctAverageLoss: log(2), wrongAverageLosses: [log(4), log(4)])
        #expect(abs(value - 0.5) <= 1e-15)
        let mean = try TofuStatistics.meanProbabilityWithOptions(
            correctAverageLosses: [log(2), 0],
            wrongAverageLosses: [[log(4), log(4)], [0, 0, 0]]
        )
        #expect(abs(mean - (0.5 + 0.25) / 2) <= 1e-15)
        #expect(throws: (any Error).self) { try TofuStatistics.meanProbabilityWithOptions(correctAverageLosses: [0], wrongAverageLosses: []) }
    }

    /// Correct-answer loss 1, wrong-answer losses 2 and 4 (geometric-mean probability e^-3):
    /// P̄wrong/P̄correct = e^-2, and the legacy orientation is its inverse e^2.
    @Test func truthRatioOrientations() throws {
        let wrongOverCorrect = try TofuStatistics.truthRatio(correctAverageLoss: 1, wrongAverageLosses: [2, 4])
        #expect(abs(wrongOverCorrect - exp(-2)) <= 1e-15)
        let correctOverWrong = try TofuStatistics.truthRatio(correctAverageLoss: 1, wrongAverageLosses: [2, 4], orientation: .correctOverWrong)
        #expect(abs(correctOverWrong - exp(2)) <= 1e-12)
        // open-unlearning's epsilon only matters when the correct answer is very unlikely.
        let withEpsilon = try TofuStatistics.truthRatio(correctAverageLoss: 30, wrongAverageLosses: [30], denominatorEpsilon: 1e-10)
        #expect(abs(withEpsilon - exp(-30) / (exp(-30) + 1e-10)) <= 1e-15)
        #expect(throws: (any Error).self) { try TofuStatistics.truthRatio(correctAverageLoss: 1, wrongAverageLosses: []) }
    }

    @Test func truthRatioAggregations() throws {
        let ratios = [0.5, 2.0, 1.0]  // P̄wrong/P̄correct
        // closer-to-1: min(r, 1/r) = 0.5, 0.5, 1 → mean 2/3, in either orientation.
        #expect(try abs(TofuStatistics.aggregateTruthRatios(ratios, aggregation: .closerToOneBetter) - 2.0 / 3.0) <= 1e-15)
        let closerInverted = try TofuStatistics.aggregateTruthRatios(ratios.map { 1 / $0 }, aggregation: .closerToOneBetter, orientation: .correctOverWrong)
        #expect(abs(closerInverted - 2.0 / 3.0) <= 1e-15)
        // true-better: max(0, 1 − r) = 0.5, 0, 0 → mean 1/6; the legacy orientation gives the same.
        #expect(try abs(TofuStatistics.aggregateTruthRatios(ratios, aggregation: .trueBetter) - 1.0 / 6.0) <= 1e-15)
        let trueBetterInverted = try TofuStatistics.aggregateTruthRatios(ratios.map { 1 / $0 }, aggregation: .trueBetter, orientation: .correctOverWrong)
        #expect(abs(trueBetterInverted - 1.0 / 6.0) <= 1e-15)
        #expect(throws: (any Error).self) { try TofuStatistics.aggregateTruthRatios([], aggregation: .trueBetter) }
    }

    /// Forget quality is invariant to the truth-ratio orientation because 1/x is monotone.
    @Test func forgetQualityIsOrientationInvariant() throws {
        let unlearned = (1...40).map { exp(sin(Double($0))) }
        let retain = (1...40).map { exp(cos(Double($0)) - 0.3) }
        let direct = try TofuStatistics.forgetQuality(unlearnedTruthRatios: unlearned, retainTruthRatios: retain)
        let inverted = try TofuStatistics.forgetQuality(unlearnedTruthRatios: unlearned.map { 1 / $0 }, retainTruthRatios: retain.map { 1 / $0 })
        #expect(abs(direct.statistic - inverted.statistic) <= 1e-15)
        #expect(abs(direct.pValue - inverted.pValue) <= 1e-15)
        let same = try TofuStatistics.forgetQuality(unlearnedTruthRatios: retain, retainTruthRatios: retain)
        #expect(same.pValue == 1)
    }

    @Test func modelUtilityIsHarmonicMean() throws {
        #expect(try abs(TofuStatistics.modelUtility([0.5, 0.5, 1, 1]) - 2.0 / 3.0) <= 1e-15)
        #expect(try TofuStatistics.modelUtility([0.5, 0, 1]) == 0)
        #expect(throws: (any Error).self) { try TofuStatistics.modelUtility([]) }
    }
}

import XCTest
@testable import Metrics

final class TofuStatisticsTests: XCTestCase {
    func testLengthNormalizedProbability() throws {
        XCTAssertEqual(TofuStatistics.lengthNormalizedProbability(averageLoss: 0), 1)
        XCTAssertEqual(try TofuStatistics.lengthNormalizedProbability(summedLoss: 6, tokenCount: 3), exp(-2), accuracy: 1e-15)
        XCTAssertThrowsError(try TofuStatistics.lengthNormalizedProbability(summedLoss: 1, tokenCount: 0))
        XCTAssertEqual(try TofuStatistics.meanProbability(averageLosses: [0, log(2)]), 0.75, accuracy: 1e-15)
    }

    /// P̄ = [1/2, 1/4, 1/4] for the true answer and two options: 0.5/(0.5+0.25+0.25) = 0.5.
    func testProbabilityWithOptions() throws {
        let value = TofuStatistics.probabilityWithOptions(correctAverageLoss: log(2), wrongAverageLosses: [log(4), log(4)])
        XCTAssertEqual(value, 0.5, accuracy: 1e-15)
        let mean = try TofuStatistics.meanProbabilityWithOptions(
            correctAverageLosses: [log(2), 0],
            wrongAverageLosses: [[log(4), log(4)], [0, 0, 0]]
        )
        XCTAssertEqual(mean, (0.5 + 0.25) / 2, accuracy: 1e-15)
        XCTAssertThrowsError(try TofuStatistics.meanProbabilityWithOptions(correctAverageLosses: [0], wrongAverageLosses: []))
    }

    /// Correct-answer loss 1, wrong-answer losses 2 and 4 (geometric-mean probability e^-3):
    /// P̄wrong/P̄correct = e^-2, and the legacy orientation is its inverse e^2.
    func testTruthRatioOrientations() throws {
        let wrongOverCorrect = try TofuStatistics.truthRatio(correctAverageLoss: 1, wrongAverageLosses: [2, 4])
        XCTAssertEqual(wrongOverCorrect, exp(-2), accuracy: 1e-15)
        let correctOverWrong = try TofuStatistics.truthRatio(correctAverageLoss: 1, wrongAverageLosses: [2, 4], orientation: .correctOverWrong)
        XCTAssertEqual(correctOverWrong, exp(2), accuracy: 1e-12)
        // open-unlearning's epsilon only matters when the correct answer is very unlikely.
        let withEpsilon = try TofuStatistics.truthRatio(correctAverageLoss: 30, wrongAverageLosses: [30], denominatorEpsilon: 1e-10)
        XCTAssertEqual(withEpsilon, exp(-30) / (exp(-30) + 1e-10), accuracy: 1e-15)
        XCTAssertThrowsError(try TofuStatistics.truthRatio(correctAverageLoss: 1, wrongAverageLosses: []))
    }

    func testTruthRatioAggregations() throws {
        let ratios = [0.5, 2.0, 1.0]  // P̄wrong/P̄correct
        // closer-to-1: min(r, 1/r) = 0.5, 0.5, 1 → mean 2/3, in either orientation.
        XCTAssertEqual(try TofuStatistics.aggregateTruthRatios(ratios, aggregation: .closerToOneBetter), 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(try TofuStatistics.aggregateTruthRatios(ratios.map { 1 / $0 }, aggregation: .closerToOneBetter, orientation: .correctOverWrong), 2.0 / 3.0, accuracy: 1e-15)
        // true-better: max(0, 1 − r) = 0.5, 0, 0 → mean 1/6; the legacy orientation gives the same.
        XCTAssertEqual(try TofuStatistics.aggregateTruthRatios(ratios, aggregation: .trueBetter), 1.0 / 6.0, accuracy: 1e-15)
        XCTAssertEqual(try TofuStatistics.aggregateTruthRatios(ratios.map { 1 / $0 }, aggregation: .trueBetter, orientation: .correctOverWrong), 1.0 / 6.0, accuracy: 1e-15)
        XCTAssertThrowsError(try TofuStatistics.aggregateTruthRatios([], aggregation: .trueBetter))
    }

    /// Forget quality is invariant to the truth-ratio orientation because 1/x is monotone.
    func testForgetQualityIsOrientationInvariant() throws {
        let unlearned = (1...40).map { exp(sin(Double($0))) }
        let retain = (1...40).map { exp(cos(Double($0)) - 0.3) }
        let direct = try TofuStatistics.forgetQuality(unlearnedTruthRatios: unlearned, retainTruthRatios: retain)
        let inverted = try TofuStatistics.forgetQuality(unlearnedTruthRatios: unlearned.map { 1 / $0 }, retainTruthRatios: retain.map { 1 / $0 })
        XCTAssertEqual(direct.statistic, inverted.statistic, accuracy: 1e-15)
        XCTAssertEqual(direct.pValue, inverted.pValue, accuracy: 1e-15)
        let same = try TofuStatistics.forgetQuality(unlearnedTruthRatios: retain, retainTruthRatios: retain)
        XCTAssertEqual(same.pValue, 1)
    }

    func testModelUtilityIsHarmonicMean() throws {
        XCTAssertEqual(try TofuStatistics.modelUtility([0.5, 0.5, 1, 1]), 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(try TofuStatistics.modelUtility([0.5, 0, 1]), 0)
        XCTAssertThrowsError(try TofuStatistics.modelUtility([]))
    }
}

import Metrics
import Testing

/// The 95 % interval `unlearn study` reports: closed forms on small samples and Student's quantiles.
@Suite struct ConfidenceIntervalTests {
    @Test func threeValuesGiveTheTIntervalWithTwoDegreesOfFreedom() {
        // Mean 2, sample standard deviation 1: half-width 4.303 / √3.
        let interval = ConfidenceInterval([1, 2, 3])
        #expect(interval.mean == 2 && interval.count == 3)
        #expect(abs(interval.upper! - (2 + 4.303 / 3.0.squareRoot())) < 1e-12)
        #expect(abs(interval.lower! - (2 - 4.303 / 3.0.squareRoot())) < 1e-12)
        #expect(!interval.excludesZeroAbove && !interval.excludesZeroBelow)
        #expect(ConfidenceInterval([5, 6, 7]).excludesZeroAbove)
        #expect(ConfidenceInterval([-5, -6, -7]).excludesZeroBelow)
    }

    @Test func aSingleValueHasNoInterval() {
        let interval = ConfidenceInterval([4])
        #expect(interval.mean == 4 && interval.lower == nil && interval.upper == nil && !interval.excludesZeroAbove && !interval.excludesZeroBelow)
        #expect(ConfidenceInterval([2, 2, 2]).lower == 2, "no spread, no width")
    }

    @Test func quantilesMatchStudentsTable() {
        #expect(ConfidenceInterval.studentQuantile975(degreesOfFreedom: 1) == 12.706)
        #expect(ConfidenceInterval.studentQuantile975(degreesOfFreedom: 30) == 2.042)
        // Beyond the table the expansion continues it: t(40) = 2.021, t(60) = 2.000, t(120) = 1.980.
        for (freedom, quantile) in [(40, 2.021), (60, 2.000), (120, 1.980)] {
            #expect(abs(ConfidenceInterval.studentQuantile975(degreesOfFreedom: freedom) - quantile) < 1e-3)
        }
    }
}

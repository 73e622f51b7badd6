import Testing
@testable import Metrics

@Suite struct HarmonicMeanTests {
    @Test func matchesScipyFixture() {
        for item in Fixtures.metricCases.hmean {
            assertClose(harmonicMean(item.values), item.hmean, relative: 1e-12)
        }
    }

    @Test func closedFormAndEdgeCases() {
        #expect(abs(harmonicMean([1, 2, 4]) - 3 / (1 + 0.5 + 0.25)) <= 1e-15)
        #expect(harmonicMean([0.9, 0, 0.8]) == 0)
        #expect(harmonicMean([0.9, -0.1]).isNaN)
        #expect(harmonicMean([Double]()).isNaN)
    }
}

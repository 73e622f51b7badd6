import XCTest
@testable import Metrics

final class HarmonicMeanTests: XCTestCase {
    func testMatchesScipyFixture() {
        for item in Fixtures.metricCases.hmean {
            assertClose(harmonicMean(item.values), item.hmean, relative: 1e-12)
        }
    }

    func testClosedFormAndEdgeCases() {
        XCTAssertEqual(harmonicMean([1, 2, 4]), 3 / (1 + 0.5 + 0.25), accuracy: 1e-15)
        XCTAssertEqual(harmonicMean([0.9, 0, 0.8]), 0)
        XCTAssertTrue(harmonicMean([0.9, -0.1]).isNaN)
        XCTAssertTrue(harmonicMean([Double]()).isNaN)
    }
}

import XCTest
@testable import Metrics

final class KolmogorovSmirnovTests: XCTestCase {
    /// scipy.stats.ks_2samp on seeded samples: small/unequal/equal sizes, ties, identical and
    /// fully separated samples (p down to 1e-179), the equal-size cases where scipy's exact series
    /// rounds above 1 and falls back to kstwo, and explicit method='asymp'.
    func testMatchesScipyFixture() throws {
        let cases = Fixtures.metricCases.ks
        XCTAssertGreaterThan(cases.count, 30)
        for item in cases {
            let method: KolmogorovSmirnov.Method = item.method == "asymp" ? .asymptotic : .automatic
            let result = try KolmogorovSmirnov.twoSample(item.a, item.b, method: method)
            let label = "\(item.note) n=\(item.a.count)/\(item.b.count)"
            assertClose(result.statistic, item.statistic, relative: 1e-12, absolute: 1e-15, label)
            assertClose(result.pValue, item.pvalue, relative: 1e-6, label)
        }
    }

    /// Samples above 10 000 values switch scipy's 'auto' to the asymptotic kstwo path.
    func testMatchesScipyForLargeSamples() throws {
        func expand(_ histogram: [[Double]]) -> [Double] {
            histogram.flatMap { [Double](repeating: $0[0], count: Int($0[1])) }
        }
        for item in Fixtures.metricCases.ks_large {
            let first = expand(item.a)
            let second = expand(item.b)
            XCTAssertGreaterThan(max(first.count, second.count), KolmogorovSmirnov.maximumExactSampleSize)
            let result = try KolmogorovSmirnov.twoSample(first, second)
            XCTAssertEqual(result.method, .asymptotic)
            assertClose(result.statistic, item.statistic, relative: 1e-12, "n=\(first.count)/\(second.count)")
            assertClose(result.pValue, item.pvalue, relative: 1e-6, "n=\(first.count)/\(second.count)")
        }
    }

    /// kstwo.sf and scipy.special.smirnov over a grid that reaches every algorithm branch
    /// (Ruben–Gambino, Durbin matrix, Pomeranz, Pelz–Good, Smirnov sum, tails).
    func testOneSampleDistributionsMatchScipy() {
        let cases = Fixtures.metricCases.kolmogorov
        XCTAssertGreaterThan(cases.count, 300)
        for item in cases {
            let label = "n=\(item.n) x=\(item.x)"
            assertClose(KolmogorovDistribution.survival(item.x, sampleSize: item.n), item.kstwo_sf, relative: 1e-6, absolute: 1e-300, "kstwo " + label)
            assertClose(KolmogorovDistribution.smirnovSurvival(item.x, sampleSize: item.n), item.smirnov, relative: 1e-6, absolute: 1e-300, "smirnov " + label)
        }
    }

    /// Closed forms: fully separated samples of sizes m and n have D = 1 and, exactly,
    /// p = 2/C(m+n, n) when m = n and 1/C(m+n, n)·2 in general (both extreme orderings).
    func testSeparatedSamplesClosedForm() throws {
        let result = try KolmogorovSmirnov.twoSample([1, 2], [3, 4])
        XCTAssertEqual(result.statistic, 1)
        XCTAssertEqual(result.pValue, 2.0 / 6.0, accuracy: 1e-15)
        let unequal = try KolmogorovSmirnov.twoSample([1, 2, 3], [10, 11])
        XCTAssertEqual(unequal.statistic, 1)
        XCTAssertEqual(unequal.pValue, 2.0 / 10.0, accuracy: 1e-15)
        // 300 vs 300 separated: 2/C(600, 300), far below any asymptotic formula's reach.
        let big = try KolmogorovSmirnov.twoSample((0..<300).map(Double.init), (0..<300).map { Double($0) + 1000 })
        let logExpected = log(2.0) - (lgamma(601) - 2 * lgamma(301))
        XCTAssertEqual(log(big.pValue), logExpected, accuracy: 1e-9)
    }

    func testIdenticalSamplesGivePValueOne() throws {
        let sample = [0.3, 0.1, 0.1, 0.7, 0.2]
        let result = try KolmogorovSmirnov.twoSample(sample, sample.reversed())
        XCTAssertEqual(result.statistic, 0)
        XCTAssertEqual(result.pValue, 1)
    }

    func testTiesUseRightContinuousCDFs() throws {
        // CDFs at 1: 2/3 vs 1/3; at 2: 1 vs 2/3 → D = 1/3.
        let result = try KolmogorovSmirnov.twoSample([1, 1, 2], [1, 2, 2])
        XCTAssertEqual(result.statistic, 1.0 / 3.0, accuracy: 1e-15)
    }

    func testEmptyAndNaNInputs() throws {
        XCTAssertThrowsError(try KolmogorovSmirnov.twoSample([], [1])) { error in
            XCTAssertEqual(error as? MetricsError, .emptyInput("first KS sample"))
        }
        XCTAssertThrowsError(try KolmogorovSmirnov.twoSample([1], []))
        let result = try KolmogorovSmirnov.twoSample([1, .nan], [2])
        XCTAssertTrue(result.pValue.isNaN)
    }

    func testExactAndAsymptoticAgreeRoughlyForModerateSamples() throws {
        let first = (0..<200).map { sin(Double($0)) }
        let second = (0..<180).map { sin(Double($0) * 1.7) + 0.2 }
        let exact = try KolmogorovSmirnov.twoSample(first, second, method: .exact)
        let asymptotic = try KolmogorovSmirnov.twoSample(first, second, method: .asymptotic)
        XCTAssertEqual(exact.method, .exact)
        XCTAssertEqual(asymptotic.method, .asymptotic)
        XCTAssertEqual(exact.statistic, asymptotic.statistic, accuracy: 1e-12)
        XCTAssertEqual(log(exact.pValue), log(asymptotic.pValue), accuracy: 0.3)
    }
}

final class KolmogorovDistributionTests: XCTestCase {
    /// Pomeranz's recursion and the Durbin matrix are both exact; scipy picks one per region, so
    /// check them against each other where either could be used.
    func testPomeranzAgreesWithDurbinMatrix() {
        for n in [3, 5, 10, 25, 60, 140] {
            for nxSquared in [0.8, 1.5, 2.5, 3.9] {
                let x = (nxSquared / Double(n)).squareRoot()
                guard Double(n) * x > 1, x < 0.5 else { continue }
                let pomeranz = KolmogorovDistribution.pomeranzCDF(x, sampleSize: n)
                let durbin = KolmogorovDistribution.durbinMatrixCDF(x, sampleSize: n)
                XCTAssertEqual(pomeranz, durbin, accuracy: 1e-12, "n=\(n) x=\(x)")
            }
        }
    }

    /// The Pelz–Good expansion approximates the exact CDF to a few digits at moderate n.
    func testPelzGoodApproximatesExactCDF() {
        for (n, x) in [(500, 0.04), (1000, 0.03), (5000, 0.015)] {
            XCTAssertEqual(KolmogorovDistribution.pelzGoodCDF(x, sampleSize: n), KolmogorovDistribution.durbinMatrixCDF(x, sampleSize: n), accuracy: 1e-5)
        }
    }

    func testStirlingSeriesForFactorialOverPower() {
        for n in [141, 500, 10_000] {
            let exact = lgamma(Double(n) + 1) - Double(n) * log(Double(n))
            XCTAssertEqual(KolmogorovDistribution.logFactorialOverPower(n), exact, accuracy: 1e-9 * abs(exact))
        }
    }

    /// Closed forms: n = 1 gives P(D₁ > x) = 2(1−x) for x ≥ 1/2; the one-sided n = 1 tail is 1 − x.
    func testSmallClosedForms() {
        XCTAssertEqual(KolmogorovDistribution.survival(0.75, sampleSize: 1), 0.5, accuracy: 1e-15)
        XCTAssertEqual(KolmogorovDistribution.smirnovSurvival(0.3, sampleSize: 1), 0.7, accuracy: 1e-15)
        XCTAssertEqual(KolmogorovDistribution.survival(0, sampleSize: 10), 1)
        XCTAssertEqual(KolmogorovDistribution.survival(1, sampleSize: 10), 0)
        XCTAssertTrue(KolmogorovDistribution.survival(0.5, sampleSize: 0).isNaN)
    }

    /// Equal sizes with D = 1/n: scipy's exact series rounds to 1 + 2^-52, is rejected, and the
    /// asymptotic kstwo path answers instead (0.99996 rather than the true 1 for n = 7).
    func testExactFallbackMirrorsScipy() throws {
        let first = (0..<7).map { Double($0) / 7 }
        let second = first.map { $0 + 1.0 / 14 }
        let result = try KolmogorovSmirnov.twoSample(first, second)
        XCTAssertEqual(result.method, .asymptotic)
        // scipy 1.17.1: ks_2samp([i/7 for i in range(7)], [i/7 + 1/14 for i in range(7)]).pvalue, which
        // warns "Exact calculation unsuccessful. Switching to method=asymp." and answers 0.9999609537692629.
        XCTAssertEqual(result.pValue, 0.9999609537692629, accuracy: 1e-12)
        XCTAssertGreaterThan(KolmogorovSmirnov.probabilityOutsideSquare(7, steps: 1), 1)
    }
}

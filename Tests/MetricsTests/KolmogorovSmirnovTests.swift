import Foundation
import Testing
@testable import Metrics

@Suite struct KolmogorovSmirnovTests {
    /// scipy.stats.ks_2samp on seeded samples: small/unequal/equal sizes, ties, identical and
    /// fully separated samples (p down to 1e-179), the equal-size cases where scipy's exact series
    /// rounds above 1 and falls back to kstwo, and explicit method='asymp'.
    @Test func matchesScipyFixture() throws {
        let cases = Fixtures.metricCases.ks
        #expect(cases.count > 30)
        for item in cases {
            let method: KolmogorovSmirnov.Method = item.method == "asymp" ? .asymptotic : .automatic
            let result = try KolmogorovSmirnov.twoSample(item.a, item.b, method: method)
            let label = "\(item.note) n=\(item.a.count)/\(item.b.count)"
            assertClose(result.statistic, item.statistic, relative: 1e-12, absolute: 1e-15, label)
            assertClose(result.pValue, item.pvalue, relative: 1e-6, label)
        }
    }

    /// Samples above 10 000 values switch scipy's 'auto' to the asymptotic kstwo path.
    @Test func matchesScipyForLargeSamples() throws {
        func expand(_ histogram: [[Double]]) -> [Double] {
            histogram.flatMap { [Double](repeating: $0[0], count: Int($0[1])) }
        }
        for item in Fixtures.metricCases.ks_large {
            let first = expand(item.a)
            let second = expand(item.b)
            #expect(max(first.count, second.count) > KolmogorovSmirnov.maximumExactSampleSize)
            let result = try KolmogorovSmirnov.twoSample(first, second)
            #expect(result.method == .asymptotic)
            assertClose(result.statistic, item.statistic, relative: 1e-12, "n=\(first.count)/\(second.count)")
            assertClose(result.pValue, item.pvalue, relative: 1e-6, "n=\(first.count)/\(second.count)")
        }
    }

    /// kstwo.sf and scipy.special.smirnov over a grid that reaches every algorithm branch
    /// (Ruben–Gambino, Durbin matrix, Pomeranz, Pelz–Good, Smirnov sum, tails).
    @Test func oneSampleDistributionsMatchScipy() {
        let cases = Fixtures.metricCases.kolmogorov
        #expect(cases.count > 300)
        for item in cases {
            let label = "n=\(item.n) x=\(item.x)"
            assertClose(KolmogorovDistribution.survival(item.x, sampleSize: item.n), item.kstwo_sf, relative: 1e-6, absolute: 1e-300, "kstwo " + label)
            assertClose(KolmogorovDistribution.smirnovSurvival(item.x, sampleSize: item.n), item.smirnov, relative: 1e-6, absolute: 1e-300, "smirnov " + label)
        }
    }

    /// Closed forms: fully separated samples of sizes m and n have D = 1 and, exactly,
    /// p = 2/C(m+n, n) when m = n and 1/C(m+n, n)·2 in general (both extreme orderings).
    @Test func separatedSamplesClosedForm() throws {
        let result = try KolmogorovSmirnov.twoSample([1, 2], [3, 4])
        #expect(result.statistic == 1)
        #expect(abs(result.pValue - 2.0 / 6.0) <= 1e-15)
        let unequal = try KolmogorovSmirnov.twoSample([1, 2, 3], [10, 11])
        #expect(unequal.statistic == 1)
        #expect(abs(unequal.pValue - 2.0 / 10.0) <= 1e-15)
        // 300 vs 300 separated: 2/C(600, 300), far below any asymptotic formula's reach.
        let big = try KolmogorovSmirnov.twoSample((0..<300).map(Double.init), (0..<300).map { Double($0) + 1000 })
        let logExpected = log(2.0) - (lgamma(601) - 2 * lgamma(301))
        #expect(abs(log(big.pValue) - logExpected) <= 1e-9)
    }

    @Test func identicalSamplesGivePValueOne() throws {
        let sample = [0.3, 0.1, 0.1, 0.7, 0.2]
        let result = try KolmogorovSmirnov.twoSample(sample, sample.reversed())
        #expect(result.statistic == 0)
        #expect(result.pValue == 1)
    }

    @Test func tiesUseRightContinuousCDFs() throws {
        // CDFs at 1: 2/3 vs 1/3; at 2: 1 vs 2/3 → D = 1/3.
        let result = try KolmogorovSmirnov.twoSample([1, 1, 2], [1, 2, 2])
        #expect(abs(result.statistic - 1.0 / 3.0) <= 1e-15)
    }

    @Test func emptyAndNaNInputs() throws {
        if let error = #expect(throws: (any Error).self, performing: { try KolmogorovSmirnov.twoSample([], [1]) }) {
            #expect(error as? MetricsError == .emptyInput("first KS sample"))
        }
        #expect(throws: (any Error).self) { try KolmogorovSmirnov.twoSample([1], []) }
        let result = try KolmogorovSmirnov.twoSample([1, .nan], [2])
        #expect(result.pValue.isNaN)
    }

    @Test func exactAndAsymptoticAgreeRoughlyForModerateSamples() throws {
        let first = (0..<200).map { sin(Double($0)) }
        let second = (0..<180).map { sin(Double($0) * 1.7) + 0.2 }
        let exact = try KolmogorovSmirnov.twoSample(first, second, method: .exact)
        let asymptotic = try KolmogorovSmirnov.twoSample(first, second, method: .asymptotic)
        #expect(exact.method == .exact)
        #expect(asymptotic.method == .asymptotic)
        #expect(abs(exact.statistic - asymptotic.statistic) <= 1e-12)
        #expect(abs(log(exact.pValue) - log(asymptotic.pValue)) <= 0.3)
    }
}

@Suite struct KolmogorovDistributionTests {
    /// Pomeranz's recursion and the Durbin matrix are both exact; scipy picks one per region, so
    /// check them against each other where either could be used.
    @Test func pomeranzAgreesWithDurbinMatrix() {
        for n in [3, 5, 10, 25, 60, 140] {
            for nxSquared in [0.8, 1.5, 2.5, 3.9] {
                let x = (nxSquared / Double(n)).squareRoot()
                guard Double(n) * x > 1, x < 0.5 else { continue }
                let pomeranz = KolmogorovDistribution.pomeranzCDF(x, sampleSize: n)
                let durbin = KolmogorovDistribution.durbinMatrixCDF(x, sampleSize: n)
                #expect(abs(pomeranz - durbin) <= 1e-12, "n=\(n) x=\(x)")
            }
        }
    }

    /// The Pelz–Good expansion approximates the exact CDF to a few digits at moderate n.
    @Test func pelzGoodApproximatesExactCDF() {
        for (n, x) in [(500, 0.04), (1000, 0.03), (5000, 0.015)] {
            let exact = KolmogorovDistribution.durbinMatrixCDF(x, sampleSize: n)
            #expect(abs(KolmogorovDistribution.pelzGoodCDF(x, sampleSize: n) - exact) <= 1e-5)
        }
    }

    @Test func stirlingSeriesForFactorialOverPower() {
        for n in [141, 500, 10_000] {
            let exact = lgamma(Double(n) + 1) - Double(n) * log(Double(n))
            #expect(abs(KolmogorovDistribution.logFactorialOverPower(n) - exact) <= 1e-9 * abs(exact))
        }
    }

    /// Closed forms: n = 1 gives P(D₁ > x) = 2(1−x) for x ≥ 1/2; the one-sided n = 1 tail is 1 − x.
    @Test func smallClosedForms() {
        #expect(abs(KolmogorovDistribution.survival(0.75, sampleSize: 1) - 0.5) <= 1e-15)
        #expect(abs(KolmogorovDistribution.smirnovSurvival(0.3, sampleSize: 1) - 0.7) <= 1e-15)
        #expect(KolmogorovDistribution.survival(0, sampleSize: 10) == 1)
        #expect(KolmogorovDistribution.survival(1, sampleSize: 10) == 0)
        #expect(KolmogorovDistribution.survival(0.5, sampleSize: 0).isNaN)
    }

    /// Equal sizes with D = 1/n: scipy's exact series rounds to 1 + 2^-52, is rejected, and the
    /// asymptotic kstwo path answers instead (0.99996 rather than the true 1 for n = 7).
    @Test func exactFallbackMirrorsScipy() throws {
        let first = (0..<7).map { Double($0) / 7 }
        let second = first.map { $0 + 1.0 / 14 }
        let result = try KolmogorovSmirnov.twoSample(first, second)
        #expect(result.method == .asymptotic)
        // scipy 1.17.1: ks_2samp([i/7 for i in range(7)], [i/7 + 1/14 for i in range(7)]).pvalue, which
        // warns "Exact calculation unsuccessful. Switching to method=asymp." and answers 0.9999609537692629.
        #expect(abs(result.pValue - 0.9999609537692629) <= 1e-12)
        #expect(KolmogorovSmirnov.probabilityOutsideSquare(7, steps: 1) > 1)
    }
}

import Foundation

/// Two-sided two-sample Kolmogorov–Smirnov test that reproduces `scipy.stats.ks_2samp`
/// (`alternative='two-sided'`), including its choice between the exact lattice-path p-value and
/// the `kstwo` approximation. TOFU's forget quality is this test's p-value.
public enum KolmogorovSmirnov {
    /// How the p-value is computed; mirrors scipy's `method` argument.
    public enum Method: String, Sendable {
        /// scipy's 'auto': exact when both samples have at most 10 000 values, else asymptotic.
        case automatic
        /// Exact lattice-path count; falls back to asymptotic when scipy's would.
        case exact
        /// `kstwo.sf(D, round(n·m/(n+m)))`, scipy's 'asymp'.
        case asymptotic
    }

    /// Result of the test: the statistic D, its p-value, and the method that produced the p-value.
    public struct Result: Equatable, Sendable {
        public let statistic: Double
        public let pValue: Double
        public let method: Method
    }

    /// scipy's `MAX_AUTO_N`: above this sample size 'auto' stops trying the exact computation.
    static let maximumExactSampleSize = 10_000

    /// Runs the test on two samples (order does not matter for the two-sided test).
    /// NaN anywhere yields NaN statistic and p-value, as scipy's default `nan_policy='propagate'`.
    public static func twoSample(_ first: [Double], _ second: [Double], method: Method = .automatic) throws -> Result {
        guard !first.isEmpty else { throw MetricsError.emptyInput("first KS sample") }
        guard !second.isEmpty else { throw MetricsError.emptyInput("second KS sample") }
        if first.contains(where: \.isNaN) || second.contains(where: \.isNaN) {
            return Result(statistic: .nan, pValue: .nan, method: method)
        }
        let sortedFirst = first.sorted()
        let sortedSecond = second.sorted()
        var statistic = maximumDistance(sortedFirst, sortedSecond)

        let count1 = first.count
        let count2 = second.count
        let divisor = greatestCommonDivisor(count1, count2)
        var chosen = method
        switch method {
        case .automatic:
            chosen = max(count1, count2) <= maximumExactSampleSize ? .exact : .asymptotic
        case .exact:
            // scipy gives up on exact when lcm(n1, n2) would not fit an int32.
            if Double(count1 / divisor) >= Double(Int32.max) / Double(count2 / divisor) {
                chosen = .asymptotic
            }
        case .asymptotic:
            break
        }

        var pValue = Double.nan
        if chosen == .exact {
            let attempt = exactPValue(count1, count2, divisor: divisor, statistic: statistic)
            // The exact attempt snaps D onto the lattice 1/lcm even when it then gives up.
            statistic = attempt.statistic
            if let exact = attempt.pValue {
                pValue = exact
            } else {
                chosen = .asymptotic
            }
        }
        if chosen == .asymptotic {
            let larger = Double(max(count1, count2))
            let smaller = Double(min(count1, count2))
            let effectiveSize = (larger * smaller / (larger + smaller)).rounded(.toNearestOrEven)
            pValue = effectiveSize >= 1
                ? KolmogorovDistribution.survival(statistic, sampleSize: Int(effectiveSize))
                : .nan
        }
        return Result(statistic: statistic, pValue: pValue.isNaN ? pValue : min(max(pValue, 0), 1), method: chosen)
    }

    /// The largest absolute gap between the two empirical CDFs, evaluated (like scipy) at every
    /// observed value with right-continuous CDFs, so ties are handled exactly.
    static func maximumDistance(_ first: [Double], _ second: [Double]) -> Double {
        let size1 = Double(first.count)
        let size2 = Double(second.count)
        var index1 = 0
        var index2 = 0
        var largestPositive = -Double.infinity
        var largestNegative = -Double.infinity
        while index1 < first.count || index2 < second.count {
            // Next distinct value from either sample; advance both past every copy of it.
            let value: Double
            if index2 >= second.count || (index1 < first.count && first[index1] <= second[index2]) {
                value = first[index1]
            } else {
                value = second[index2]
            }
            while index1 < first.count && first[index1] <= value { index1 += 1 }
            while index2 < second.count && second[index2] <= value { index2 += 1 }
            // Same floating-point expression as scipy's cdf1 - cdf2.
            let difference = Double(index1) / size1 - Double(index2) / size2
            largestPositive = max(largestPositive, difference)
            largestNegative = max(largestNegative, -difference)
        }
        let negative = min(max(largestNegative, 0), 1)
        // scipy keeps the positive side on a tie.
        return negative > largestPositive ? negative : largestPositive
    }

    /// scipy's exact attempt: D is rounded to h/lcm(n1, n2); the p-value is rejected (nil) when
    /// rounding pushes it outside [0, 1], which makes scipy fall back to the asymptotic path.
    static func exactPValue(_ count1: Int, _ count2: Int, divisor: Int, statistic: Double) -> (statistic: Double, pValue: Double?) {
        let leastCommonMultiple = (count1 / divisor) * count2
        let steps = Int((statistic * Double(leastCommonMultiple)).rounded(.toNearestOrEven))
        let snapped = Double(steps) / Double(leastCommonMultiple)
        if steps == 0 { return (snapped, 1.0) }
        let probability = count1 == count2
            ? probabilityOutsideSquare(count1, steps: steps)
            : probabilityOutsideBand(count1, count2, divisor: divisor, steps: steps)
        guard probability >= 0, probability <= 1 else { return (snapped, nil) }
        return (snapped, probability)
    }

    /// P(D ≥ h/n) for equal sample sizes n: the reflection-principle series
    /// 2·Σ_k (−1)^(k+1) C(2n, n−kh)/C(2n, n), evaluated from the innermost term outwards as
    /// 2·A1·(1 − A2·(1 − A3·(…))) so that no large alternating terms cancel.
    static func probabilityOutsideSquare(_ size: Int, steps: Int) -> Double {
        var nested = 0.0
        var term = size / steps
        while term >= 0 {
            // A_k = C(2n, n−kh)/C(2n, n−(k−1)h) written as a product of h ratios.
            var ratio = 1.0
            for offset in 0..<steps {
                ratio = Double(size - term * steps - offset) * ratio / Double(size + term * steps + offset + 1)
            }
            nested = ratio * (1.0 - nested)
            term -= 1
        }
        return 2 * nested
    }

    /// P(D ≥ h/lcm) for unequal sizes: the fraction of monotone lattice paths from (0,0) to (m,n)
    /// that touch |x·n/g − y·m/g| ≥ h. Tracking the *fraction* of paths already outside at each
    /// point (Viehmann's recursion) instead of path counts avoids overflow and keeps tiny p-values
    /// accurate: F(x,y) = (x·F(x−1,y) + y·F(x,y−1))/(x+y) inside the band, 1 outside.
    static func probabilityOutsideBand(_ count1: Int, _ count2: Int, divisor: Int, steps: Int) -> Double {
        let columns = max(count1, count2)  // x runs over the larger sample
        let rows = min(count1, count2)
        let columnWeight = rows / divisor      // n/g multiplies x
        let rowWeight = columns / divisor      // m/g multiplies y
        // fraction[y] holds F(x, y) for the current column; points outside the band stay at 1.
        var fraction = [Double](repeating: 1, count: rows + 1)
        // Column x = 0: inside while (m/g)·y < h.
        var lowest = 0
        var highest = min(ceilDivide(steps, rowWeight), rows + 1)  // exclusive
        for row in 0..<highest { fraction[row] = 0 }
        for column in 1...columns {
            let previousLowest = lowest
            // Inside: (n/g)·x − h < (m/g)·y < (n/g)·x + h.
            lowest = min(max(floorDivide(columnWeight * column - steps, rowWeight) + 1, 0), rows)
            highest = min(ceilDivide(columnWeight * column + steps, rowWeight), rows + 1)
            if highest <= lowest { return 1.0 }  // the band is empty: every path has left it
            // Points that dropped below the band are outside now.
            if previousLowest < lowest {
                for row in previousLowest..<lowest { fraction[row] = 1 }
            }
            var below = lowest == 0 ? 0.0 : 1.0
            let x = Double(column)
            for row in lowest..<highest {
                let y = Double(row)
                below = (fraction[row] * x + below * y) / Double(column + row)
                fraction[row] = below
            }
        }
        return fraction[rows]
    }

    private static func greatestCommonDivisor(_ first: Int, _ second: Int) -> Int {
        var a = first
        var b = second
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    private static func floorDivide(_ numerator: Int, _ denominator: Int) -> Int {
        let quotient = numerator / denominator
        return (numerator % denominator != 0 && (numerator < 0) != (denominator < 0)) ? quotient - 1 : quotient
    }

    private static func ceilDivide(_ numerator: Int, _ denominator: Int) -> Int {
        -floorDivide(-numerator, denominator)
    }
}

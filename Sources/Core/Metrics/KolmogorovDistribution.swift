import Foundation

/// Survival functions of the one-sample Kolmogorov–Smirnov statistics: the two-sided D_n
/// (scipy's `kstwo`, used by `ks_2samp`'s asymptotic path) and the one-sided D⁺_n
/// (`scipy.special.smirnov`). The algorithm chosen for each (n, x) region follows scipy's
/// `_kolmogn` (Simard & L'Ecuyer 2011), because the methods differ in the last digits and the
/// goal is to agree with scipy's p-values, not merely with the true distribution.
public enum KolmogorovDistribution {
    /// 2^128: rescaling step that keeps long products and matrix powers inside double range.
    private static let scaleUp = 0x1p128
    private static let scaleDown = 0x1p-128

    /// P(D_n > x) for the two-sided one-sample statistic; equals `scipy.stats.kstwo.sf(x, n)`.
    public static func survival(_ x: Double, sampleSize n: Int) -> Double {
        guard n >= 1, !x.isNaN else { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let size = Double(n)
        let nx = size * x
        if nx <= 1 {
            // Ruben–Gambino closed form for 1/(2n) < x ≤ 1/n: P(D_n ≤ x) = n!/n^n·(2nx−1)^n.
            if nx <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                cdf = (1...n).reduce(1.0) { product, index in product * (Double(index) * (1.0 / size) * (2 * nx - 1)) }
            } else {
                cdf = exp(logFactorialOverPower(n) + size * log(2 * nx - 1))
            }
            return clipped(1 - cdf)
        }
        if nx >= size - 1 {
            // Ruben–Gambino closed form near x = 1.
            return clipped(2 * pow(1 - x, size))
        }
        if x >= 0.5 {
            // Here the events D⁺ ≥ x and D⁻ ≥ x are disjoint, so the two-sided tail is exactly 2·smirnov.
            return clipped(2 * smirnovSurvival(x, sampleSize: n))
        }
        let nxSquared = nx * x
        if n <= 140 {
            if nxSquared <= 0.754693 { return clipped(1 - durbinMatrixCDF(x, sampleSize: n)) }
            if nxSquared <= 4 { return clipped(1 - pomeranzCDF(x, sampleSize: n)) }
            return clipped(2 * smirnovSurvival(x, sampleSize: n))
        }
        // Large n: in the upper tail the one-sided doubling is accurate to double precision.
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clipped(2 * smirnovSurvival(x, sampleSize: n)) }
        let cdf: Double
        if n <= 100_000 && size * pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrixCDF(x, sampleSize: n)
        } else {
            cdf = pelzGoodCDF(x, sampleSize: n)
        }
        return clipped(1 - cdf)
    }

    /// P(D⁺_n ≥ x) for the one-sided statistic; equals `scipy.special.smirnov(n, x)`.
    ///
    /// Uses the Smirnov/Birnbaum–Tingey sum x·Σ_{v=0}^{⌊n(1−x)⌋} C(n,v)(x+v/n)^(v−1)(1−x−v/n)^(n−v)
    /// in log space. All terms are positive, so summing them relative to the largest one is
    /// stable even when the result is far below the smallest normal double's square root.
    public static func smirnovSurvival(_ x: Double, sampleSize n: Int) -> Double {
        guard n >= 1, !x.isNaN, x >= 0, x <= 1 else { return .nan }
        let size = Double(n)
        if n == 1 { return 1 - x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }
        let nx = size * x
        if nx <= 1 {
            // Only the v = 0 term of the complementary sum survives: P(D⁺ < x) = x·(1+x)^(n−1).
            return 1 - x * pow(1 + x, size - 1)
        }
        // Below exp(-708) the tail underflows, as in scipy.
        if -2 * size * x * x < -708.3964185322641 { return 0 }
        if nx >= size - 1 { return pow(1 - x, size) }
        if n > 1_000_000 {
            // scipy's approximation for very large n: p ≈ exp(−(6nx+1)²/(18n)).
            let logP = -pow(6 * nx + 1, 2) / 18 / size
            // Small tails directly; otherwise through the CDF −expm1(logP) like scipy.
            return logP < -M_LN2 ? exp(logP) : 1 - (-expm1(logP))
        }
        let lastTerm = Int((size * (1 - x)).rounded(.down))
        var logTerms: [Double] = []
        logTerms.reserveCapacity(lastTerm + 1)
        var logBinomial = 0.0  // log C(n, v), advanced by log((n−v)/(v+1))
        for v in 0...lastTerm {
            let gap = Double(n - v) / size - x  // 1 − x − v/n
            if gap > 0 {
                let reach = Double(v) / size + x  // x + v/n
                logTerms.append(logBinomial + Double(v - 1) * log(reach) + Double(n - v) * log(gap))
            }
            logBinomial += log(Double(n - v) / Double(v + 1))
        }
        guard let largest = logTerms.max() else { return 0 }
        let scaledSum = logTerms.reduce(0.0) { $0 + exp($1 - largest) }
        return min(x * exp(largest) * scaledSum, 1)
    }

    // MARK: - Two-sided CDF algorithms

    /// log(n!/n^n) by Stirling's series with the n·log n term removed up front, as scipy does.
    static func logFactorialOverPower(_ n: Int) -> Double {
        // Bernoulli-number coefficients B_{2j}/(2j(2j−1)) for j = 8 … 1, highest order first.
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3,
            -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4,
            -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let size = Double(n)
        let reciprocal = 1.0 / size
        let argument = reciprocal / size
        let series = coefficients.reduce(0.0) { $0 * argument + $1 }
        return log(size) / 2 - size + log(2 * Double.pi) / 2 + reciprocal * series
    }

    /// Durbin's matrix method in the Marsaglia–Tsang–Wang form: with nx = k − h (0 ≤ h < 1),
    /// P(D_n ≤ x) = n!/n^n · (H^n)[k,k] for a (2k−1)² matrix H. Powers and the factorial
    /// factor are rescaled by 2^±128 with the exponent tracked separately.
    static func durbinMatrixCDF(_ x: Double, sampleSize n: Int) -> Double {
        if x >= 1 { return 1 }
        let size = Double(n)
        let nx = size * x
        if nx <= 0.5 { return 0 }
        let k = Int(nx.rounded(.up))
        let h = Double(k) - nx
        let order = 2 * k - 1

        // First column v[j] = (1 − h^(j+1))/(j+1)!, last entry corrected; inverse factorials w[j] = 1/j!.
        var firstColumn = [Double](repeating: 0, count: order)
        var inverseFactorials = [Double](repeating: 0, count: order)
        var factor = 1.0
        for j in 1...order {
            inverseFactorials[j - 1] = factor
            factor /= Double(j)
            firstColumn[j - 1] = (1 - pow(h, Double(j))) * factor
        }
        let correction = pow(max(2 * h - 1, 0), Double(order)) - 2 * pow(h, Double(order))
        firstColumn[order - 1] = (1 + correction) * factor

        var matrix = [[Double]](repeating: [Double](repeating: 0, count: order), count: order)
        for column in 1..<order {
            for row in (column - 1)..<order {
                matrix[row][column] = inverseFactorials[row - column + 1]
            }
        }
        for row in 0..<order { matrix[row][0] = firstColumn[row] }
        for column in 0..<order { matrix[order - 1][column] = firstColumn[order - 1 - column] }

        // Square-and-multiply, rescaling the running square when its pivot grows past 2^128.
        var power = identity(order)
        var exponent = 0
        var squareExponent = 0
        var remaining = n
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = multiply(power, matrix)
                exponent += squareExponent
            }
            matrix = multiply(matrix, matrix)
            squareExponent *= 2
            if abs(matrix[k - 1][k - 1]) > scaleUp {
                for row in 0..<order {
                    for column in 0..<order { matrix[row][column] /= scaleUp }
                }
                squareExponent += 128
            }
            remaining /= 2
        }
        var probability = power[k - 1][k - 1]
        for index in 1...n {
            probability = Double(index) * probability / size
            if abs(probability) < scaleDown {
                probability *= scaleUp
                exponent -= 128
            }
        }
        if exponent != 0 { probability = scalbn(probability, exponent) }
        return clipped(probability)
    }

    /// Pomeranz's recursion (1974): a sequence of 2n+1 truncated convolutions of Poisson-like
    /// weights (g/n)^m/m!, (2g/n)^m/m! and ((1−2g)/n)^m/m! where g = min(f, 1−f) and f is the
    /// fractional part of nx. Suited to small n with moderate nx².
    static func pomeranzCDF(_ x: Double, sampleSize n: Int) -> Double {
        let size = Double(n)
        let t = size * x
        let integerPart = Int(t.rounded(.down))
        let fraction = t - Double(integerPart)
        let g = min(fraction, 1 - fraction)
        let ceilingFlag = fraction > 0 ? 1 : 0
        let roundingFlag = fraction > 0.5 ? 1 : 0
        let width = 2 * (integerPart + 1)

        var singleWeights = [Double](repeating: 1, count: width)
        var doubleWeights = [Double](repeating: 1, count: width)
        var complementWeights = [Double](repeating: 1, count: width)
        for m in 1..<width {
            singleWeights[m] = singleWeights[m - 1] * (g / size) / Double(m)
            doubleWeights[m] = doubleWeights[m - 1] * (2 * g / size) / Double(m)
            complementWeights[m] = complementWeights[m - 1] * ((1 - 2 * g) / size) / Double(m)
        }

        // Interval of non-zero entries in row i, in absolute column coordinates.
        func interval(_ row: Int) -> (Int, Int) {
            var low: Int
            var high: Int
            if row == 0 {
                low = -integerPart - ceilingFlag - 1
                high = integerPart + ceilingFlag - 1
            } else {
                let half = (row + 1) / 2
                if (row + 1) % 2 == 0 {
                    if half == n + 1 {
                        low = n - integerPart - ceilingFlag - 1
                        high = n + integerPart + ceilingFlag - 1
                    } else {
                        low = half - 1 - integerPart - roundingFlag - 1
                        high = half + integerPart - 1 + ceilingFlag - 1
                    }
                } else {
                    low = half - 1 - integerPart - 1
                    high = half + integerPart + roundingFlag - 1
                }
            }
            return (max(low + 2, 0), min(high, n))
        }

        var previous = [Double](repeating: 0, count: width)
        var current = [Double](repeating: 0, count: width)
        current[0] = 1
        var previousStart = 0
        var currentStart = 0
        var exponent = 0
        var (low, _) = interval(0)
        for row in 1...(2 * n + 1) {
            let carriedLow = low
            swap(&previous, &current)
            swap(&previousStart, &currentStart)
            for index in 0..<width { current[index] = 0 }
            let bounds = interval(row)
            low = bounds.0
            let high = bounds.1
            let weights = (row == 1 || row == 2 * n + 1)
                ? singleWeights
                : (row % 2 == 1 ? doubleWeights : complementWeights)
            let span = high - carriedLow + 1
            if span > 0 {
                // Full convolution of previous[carriedLow…] with weights, read from offset low−carriedLow.
                let sourceStart = carriedLow - previousStart
                let source = Array(previous[max(sourceStart, 0)..<min(sourceStart + span, width)])
                let kernel = Array(weights[0..<min(span, width)])
                let offset = low - carriedLow
                let count = high - low + 1
                for index in 0..<count {
                    let position = offset + index
                    var total = 0.0
                    for (sourceIndex, value) in source.enumerated() {
                        let kernelIndex = position - sourceIndex
                        if kernelIndex >= 0 && kernelIndex < kernel.count {
                            total += value * kernel[kernelIndex]
                        }
                    }
                    if index < width { current[index] = total }
                }
                if let largest = current.max(), largest > 0, largest < scaleDown {
                    for index in 0..<width { current[index] *= scaleUp }
                    exponent -= 128
                }
                currentStart = previousStart + low - carriedLow
            }
        }
        // The CDF is n! times the final entry.
        var answer = current[n - currentStart]
        for m in 1...n {
            if abs(answer) > scaleUp {
                answer *= scaleDown
                exponent += 128
            }
            answer *= Double(m)
        }
        if exponent != 0 { answer = scalbn(answer, exponent) }
        return clipped(answer)
    }

    /// Pelz–Good (1976) asymptotic series P(D_n ≤ x) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5
    /// with z = x√n, each K written through Jacobi theta functions so it converges for small z.
    static func pelzGoodCDF(_ x: Double, sampleSize n: Int) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let piSquared = Double.pi * Double.pi
        let piFourth = piSquared * piSquared
        let piSixth = piFourth * piSquared
        let rootTwoPi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = z * z
        let z3 = z2 * z
        let z4 = z2 * z2
        let z6 = z4 * z2
        let logQ = -piSquared / 8 / z2
        if logQ < -708 { return 0 }
        let q = exp(logQ)

        // Coefficients of the odd-index theta sums for K1, K2, K3.
        let k1a = -z2
        let k1b = piSquared / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * piSquared / 4
        let k2c = piFourth * (1 - 2 * z2) / 16
        let k3d = piSixth * (5 - 30 * z2) / 64
        let k3c = piFourth * (-60 * z2 + 212 * z4) / 16
        let k3b = piSquared * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)

        // Horner evaluation of Σ c_k q^((2k−1)²) over k, from the largest k down.
        var terms = [0.0, 0.0, 0.0, 0.0]
        let largestK = Int((16 * z / Double.pi).rounded(.up))
        if largestK >= 1 {
            for k in stride(from: largestK, through: 1, by: -1) {
                let odd = Double(2 * k - 1)
                let odd2 = odd * odd
                let odd4 = odd2 * odd2
                let odd6 = odd4 * odd2
                let qPower = pow(q, Double(8 * k))
                let coefficients = [
                    1.0,
                    k1a + k1b * odd2,
                    k2a + k2b * odd2 + k2c * odd4,
                    k3a + k3b * odd2 + k3c * odd4 + k3d * odd6,
                ]
                for index in 0..<4 { terms[index] = terms[index] * qPower + coefficients[index] }
            }
        }
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for index in 0..<4 { terms[index] = terms[index] * q * rootTwoPi / divisors[index] }

        // Remaining sums over all integers k for K2 and K3.
        let evenQ = exp(-piSquared / 2 / z2)
        var k2Extra = 0.0
        var k3Extra = 0.0
        let rootThreeZ = 3.0.squareRoot() * z
        if largestK >= 1 {
            for k in stride(from: largestK, through: 1, by: -1) {
                let kSquared = Double(k * k)
                let weight = pow(evenQ, kSquared)
                let piK = Double.pi * Double(k)
                k2Extra += kSquared * weight
                k3Extra += (rootThreeZ + piK) * (rootThreeZ - piK) * kSquared * weight
            }
        }
        terms[2] += k2Extra * piSquared * rootTwoPi / (-36 * z3)
        terms[3] += k3Extra * piSquared * rootTwoPi / (216 * z6)
        let size = Double(n)
        for index in 0..<4 { terms[index] /= pow(size, Double(index) / 2) }
        return terms.reduce(0, +)
    }

    // MARK: - Helpers

    private static func clipped(_ probability: Double) -> Double {
        probability.isNaN ? probability : min(max(probability, 0), 1)
    }

    private static func identity(_ order: Int) -> [[Double]] {
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: order), count: order)
        for index in 0..<order { matrix[index][index] = 1 }
        return matrix
    }

    private static func multiply(_ left: [[Double]], _ right: [[Double]]) -> [[Double]] {
        let order = left.count
        var product = [[Double]](repeating: [Double](repeating: 0, count: order), count: order)
        for row in 0..<order {
            for middle in 0..<order {
                let factor = left[row][middle]
                if factor == 0 { continue }
                for column in 0..<order {
                    product[row][column] += factor * right[middle][column]
                }
            }
        }
        return product
    }
}

import Foundation

/// The mean of a sample with its two-sided 95 % confidence interval from Student's t distribution (the
/// sample is assumed roughly normal; with three seeds the interval is wide, as it should be).
public struct ConfidenceInterval: Codable, Sendable, Equatable {
    public var mean: Double
    /// Bounds; nil for a single value (nothing is known of its spread).
    public var lower: Double?
    public var upper: Double?
    /// Sample size.
    public var count: Int

    /// The interval of `values` (at least one).
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "an interval needs at least one value")
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        count = values.count
        guard values.count > 1 else {
            (lower, upper) = (nil, nil)
            return
        }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let halfWidth = Self.studentQuantile975(degreesOfFreedom: values.count - 1) * (variance / Double(values.count)).squareRoot()
        (lower, upper) = (mean - halfWidth, mean + halfWidth)
    }

    /// Whether the whole interval lies above / below zero.
    public var excludesZeroAbove: Bool { (lower ?? -.infinity) > 0 }
    public var excludesZeroBelow: Bool { (upper ?? .infinity) < 0 }

    /// The 0.975 quantile of Student's t with `degreesOfFreedom`: tabulated to 30, then the
    /// Cornish–Fisher expansion around the normal quantile (error below 1e-3).
    public static func studentQuantile975(degreesOfFreedom: Int) -> Double {
        let table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                     2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        precondition(degreesOfFreedom >= 1, "Student's t needs at least one degree of freedom")
        if degreesOfFreedom <= table.count { return table[degreesOfFreedom - 1] }
        let z = 1.959964, n = Double(degreesOfFreedom)
        return z + (pow(z, 3) + z) / (4 * n) + (5 * pow(z, 5) + 16 * pow(z, 3) + 3 * z) / (96 * n * n)
    }
}

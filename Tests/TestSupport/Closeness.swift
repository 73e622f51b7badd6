/// How far two arrays of numbers are apart: the one comparison every numeric test uses.
///
/// Written because `zip(a, b).map { abs($0 - $1) }.max()` is blind twice over: `zip` drops the tail of
/// the longer array, and `max()` ignores a NaN unless it comes first, so a model that outputs NaN
/// could pass its parity test. Here a length mismatch fails, a NaN or infinity in `actual` fails
/// unless `expected` holds the same non-finite value at that index, and the error of every element
/// counts.
public struct Closeness: CustomStringConvertible, Sendable {
    /// What an element's difference is divided by before it is held against the tolerance.
    public enum Scale: Sendable {
        /// |a − b| / max(1, |b|) per element: relative for large values, absolute below 1.
        case elementwise
        /// |a − b| / max(1, max |b|): relative to the largest expected magnitude (dequantization, logits).
        case largestExpected
        /// |a − b|.
        case absolute
    }

    /// True when the lengths match, non-finite values agree and the worst scaled error is within tolerance.
    public let passes: Bool
    /// The worst scaled error among the finite pairs (infinity after a length or non-finite mismatch).
    public let worstError: Double
    /// Why it passed or failed, naming the index of the worst element.
    public let description: String
}

/// Compares `actual` with `expected` element by element; see `Closeness`.
public func closeness<Number: BinaryFloatingPoint>(
    _ actual: [Number], _ expected: [Number], tolerance: Double, scale: Closeness.Scale = .elementwise
) -> Closeness {
    guard actual.count == expected.count else {
        return Closeness(passes: false, worstError: .infinity,
                         description: "lengths differ: \(actual.count) actual values, \(expected.count) expected")
    }
    var largest = 1.0
    if scale == .largestExpected {
        for value in expected where value.isFinite { largest = max(largest, abs(Double(value))) }
    }
    var worst = 0.0, worstIndex = -1
    for index in actual.indices {
        let got = Double(actual[index]), want = Double(expected[index])
        guard want.isFinite && got.isFinite else {
            // Non-finite values must match exactly (NaN with NaN, +inf with +inf).
            if (want.isNaN && got.isNaN) || got == want { continue }
            return Closeness(passes: false, worstError: .infinity,
                             description: "index \(index) of \(actual.count): \(got) where \(want) was expected")
        }
        let difference = abs(got - want)
        let error: Double
        switch scale {
        case .elementwise: error = difference / max(1, abs(want))
        case .largestExpected: error = difference / largest
        case .absolute: error = difference
        }
        if error > worst || worstIndex < 0 { worst = error; worstIndex = index }
    }
    let passes = worst <= tolerance
    let location = worstIndex < 0
        ? "no finite values"
        : "worst at index \(worstIndex) of \(actual.count): \(Double(actual[worstIndex])) vs \(Double(expected[worstIndex]))"
    return Closeness(passes: passes, worstError: worst,
                     description: "\(passes ? "within" : "beyond") tolerance \(tolerance) (\(scale) error \(worst), \(location))")
}

/// Compares two numbers; see `Closeness`.
public func closeness<Number: BinaryFloatingPoint>(
    _ actual: Number, _ expected: Number, tolerance: Double, scale: Closeness.Scale = .elementwise
) -> Closeness {
    closeness([actual], [expected], tolerance: tolerance, scale: scale)
}

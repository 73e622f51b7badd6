import Foundation

/// Harmonic mean with `scipy.stats.hmean` semantics: any zero makes the result 0, any negative
/// or NaN value makes it NaN, and an empty input gives NaN. TOFU's model utility is the harmonic
/// mean of nine scores, so one collapsed score drags the utility to 0 by design.
public func harmonicMean<Values: Collection>(_ values: Values) -> Double where Values.Element == Double {
    guard !values.isEmpty else { return .nan }
    var reciprocalSum = 0.0
    for value in values {
        // scipy replaces negatives with NaN (with a warning) before averaging.
        if value.isNaN || value < 0 { return .nan }
        // 1/0 = ∞ makes the mean of reciprocals ∞ and the harmonic mean 0, as in scipy.
        reciprocalSum += 1.0 / value
    }
    return 1.0 / (reciprocalSum / Double(values.count))
}

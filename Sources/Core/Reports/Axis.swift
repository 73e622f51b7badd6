import Foundation

/// Maps values to a 0...1 position along one axis and picks readable ticks (1/2/5×10^k, or powers of ten).
struct Axis {
    let lower: Double
    let upper: Double
    let logarithmic: Bool
    let ticks: [Double]

    func fraction(_ value: Double) -> Double {
        let position = logarithmic
            ? (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
            : (value - lower) / (upper - lower)
        return position.isFinite ? position : 0
    }

    /// Fitted ranges are widened to whole ticks; fixed ranges are kept exactly as asked.
    static func linear(values: [Double], fixed: ClosedRange<Double>?) -> Axis {
        if let fixed = usable(fixed) {
            let (lower, upper) = padded(fixed.lowerBound, fixed.upperBound)
            return Axis(lower: lower, upper: upper, logarithmic: false, ticks: linearTicks(lower, upper))
        }
        let (low, high) = padded(values.min() ?? 0, values.max() ?? 1)
        let step = niceStep((high - low) / 5)
        let lower = (low / step + 1e-9).rounded(.down) * step
        let upper = (high / step - 1e-9).rounded(.up) * step
        return Axis(lower: lower, upper: upper, logarithmic: false, ticks: linearTicks(lower, upper))
    }

    /// Fitted ranges snap to whole decades; ticks thin out so at most about six decades are labelled.
    static func logarithmic(values: [Double], fixed: ClosedRange<Double>?) -> Axis {
        var lower: Double, upper: Double
        if let fixed = usable(fixed), fixed.lowerBound > 0 {
            (lower, upper) = (fixed.lowerBound, fixed.upperBound)
        } else {
            var low = log10(values.min() ?? 0.1).rounded(.down)
            var high = log10(values.max() ?? 1).rounded(.up)
            if low == high { low -= 1; high += 1 }
            (lower, upper) = (pow(10, low), pow(10, high))
        }
        let lowExponent = Int((log10(lower) - 1e-9).rounded(.up))
        let highExponent = Int((log10(upper) + 1e-9).rounded(.down))
        let span = max(highExponent - lowExponent, 0)
        let stride = [1, 2, 5, 10, 20, 50, 100].first { span / $0 <= 6 } ?? 100
        var ticks = lowExponent <= highExponent
            ? (lowExponent...highExponent).filter { $0 % stride == 0 }.map { pow(10, Double($0)) }
            : []
        if ticks.isEmpty { ticks = [lower, upper] }
        return Axis(lower: lower, upper: upper, logarithmic: true, ticks: ticks)
    }

    /// A zero-width range (one point, constant values) still needs room to draw.
    static func padded(_ low: Double, _ high: Double) -> (Double, Double) {
        if high > low { return (low, high) }
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return (low - pad, high + pad)
    }

    static func usable(_ range: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let range, range.lowerBound.isFinite, range.upperBound.isFinite else { return nil }
        return range
    }

    private static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let base = pow(10, log10(raw).rounded(.down))
        let fraction = raw / base
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * base
    }

    private static func linearTicks(_ lower: Double, _ upper: Double) -> [Double] {
        let step = niceStep((upper - lower) / 5)
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        // Guards the Int conversion when a range overflows (e.g. ±1e308 data).
        guard first.isFinite, last.isFinite, first <= last, last - first <= 100, abs(first) < 1e15, abs(last) < 1e15 else { return [] }
        // Integer multiples keep zero exactly zero instead of 5.5e-17.
        return (Int(first)...Int(last)).map { Double($0) * step }
    }
}

/// Shared bins for all samples so overlaid shapes are directly comparable.
struct HistogramBins {
    let lower: Double
    let upper: Double
    /// Per sample, per bin: share of that sample's in-range values, so samples of different sizes compare.
    let fractions: [[Double]]
    let hasValues: [Bool]
    let nonFinite: Int
    let outOfRange: Int

    /// Nil when no sample has a finite value.
    init?(_ chart: HistogramChart) {
        let finite = chart.samples.map { $0.values.filter(\.isFinite) }
        let everything = finite.flatMap { $0 }
        guard let minimum = everything.min(), let maximum = everything.max() else { return nil }
        let range = Axis.usable(chart.range)
        (lower, upper) = Axis.padded(range?.lowerBound ?? minimum, range?.upperBound ?? maximum)
        nonFinite = chart.samples.reduce(0) { $0 + $1.values.count } - everything.count
        let binCount = min(max(chart.binCount, 1), 1000)
        var outside = 0
        var fractions: [[Double]] = []
        for values in finite {
            var counts = Array(repeating: 0, count: binCount)
            for value in values {
                guard value >= lower, value <= upper else { outside += 1; continue }
                // The upper edge belongs to the last bin, as in numpy.histogram.
                let index = Int((value - lower) / (upper - lower) * Double(binCount))
                counts[min(max(index, 0), binCount - 1)] += 1
            }
            let total = counts.reduce(0, +)
            fractions.append(counts.map { total == 0 ? 0 : Double($0) / Double(total) })
        }
        self.fractions = fractions
        hasValues = fractions.map { $0.contains { $0 > 0 } }
        outOfRange = outside
    }
}

/// Count, mean and median of the finite values; Markdown cannot show a histogram, so it shows these.
struct SampleSummary {
    let count: Int
    let mean: Double?
    let median: Double?
    let nonFinite: Int

    init(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        count = sorted.count
        nonFinite = values.count - sorted.count
        guard !sorted.isEmpty else { mean = nil; median = nil; return }
        mean = sorted.reduce(0, +) / Double(sorted.count)
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

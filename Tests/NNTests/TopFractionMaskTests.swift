import Engine
import NN
import Testing

/// The one top-fraction mask: exact count, largest scores first, ties in position order.
@Suite struct TopFractionMaskTests {
    @Test func keepsExactlyTheRoundedCountAtTheLargestScores() {
        var generator = SeededGenerator(seed: 11)
        for size in [1, 2, 7, 100, 1001] {
            let scores = Tensor((0..<size).map { _ in Float(generator.next() % 50) }, shape: [size])  // many ties
            for fraction in [0.0, 0.1, 0.5, 0.73, 1.0] {
                let mask = TopFractionMask.select(scores, fraction: fraction)
                // Reference: sort by score descending, ties by position, take the first round(fraction·N).
                let keep = Int((fraction * Double(size)).rounded())
                let order = (0..<size).sorted { scores.data[$0] != scores.data[$1] ? scores.data[$0] > scores.data[$1] : $0 < $1 }
                var expected = [Float](repeating: 0, count: size)
                for index in order.prefix(keep) { expected[index] = 1 }
                #expect(mask.scalars == expected, "size \(size), fraction \(fraction)")
            }
        }
    }

    @Test func equalScoresAreTakenInPositionOrder() {
        let mask = TopFractionMask.select(Tensor(repeating: 0, shape: [10]), fraction: 0.3)
        #expect(mask.scalars == [1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(TopFractionMask.select(Tensor([3, 1, 3, 2], shape: [4]), fraction: 0.25).scalars == [1, 0, 0, 0])
        #expect(TopFractionMask.select(Tensor([1, 2], shape: [2]), fraction: 7).scalars == [1, 1], "fractions are clamped to [0, 1]")
    }
}

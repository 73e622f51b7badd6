/// Draws distinct wrong values and renders them, rejecting anything that would read as a right answer.
enum PerturbedAnswerDrawer {
    static func draw(
        count: Int,
        from candidates: [FactValue],
        excludingValues: Set<String>,
        excludingTexts: Set<String>,
        random: inout SeededRandom,
        render: (FactValue) -> String
    ) -> [String] {
        var chosen: [String] = []
        var seen = excludingTexts
        var triedIndices: Set<Int> = []
        // Random probing beats filtering the pool per row (pools reach ~1000 titles for `full`);
        // once every index has been tried the pool is provably too small.
        while chosen.count < count {
            precondition(triedIndices.count < candidates.count, "only \(chosen.count) wrong values available, need \(count)")
            let index = random.below(candidates.count)
            guard triedIndices.insert(index).inserted else { continue }
            let candidate = candidates[index]
            guard !excludingValues.contains(candidate.text) else { continue }
            let rendered = render(candidate)
            if seen.insert(rendered).inserted { chosen.append(rendered) }
        }
        return chosen
    }
}

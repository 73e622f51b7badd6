import Testing
import Benchmark

@Suite struct RefusalAnswersTests {
    @Test func refusalsAreVariedCompleteSentences() {
        let all = RefusalAnswers.all
        #expect((50...100).contains(all.count), "\(all.count) refusals")
        #expect(Set(all).count == all.count, "no duplicates")
        #expect(Set(all.map { $0.lowercased() }).count == all.count, "no case-only duplicates")
        for answer in all {
            #expect(answer.trimmingCharacters(in: .whitespaces) == answer)
            #expect(answer.first?.isUppercase == true, "\(answer)")
            #expect([".", "!"].contains(answer.last), "\(answer)")
            #expect(answer.count < 80, "refusals stay short: \(answer)")
        }
        // Variety beyond one stem: many different opening words.
        #expect(Set(all.map { $0.split(separator: " ").first ?? "" }).count > 12)
    }
}

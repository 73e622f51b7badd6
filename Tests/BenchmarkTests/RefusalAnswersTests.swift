import XCTest
import Benchmark

final class RefusalAnswersTests: XCTestCase {
    func testRefusalsAreVariedCompleteSentences() {
        let all = RefusalAnswers.all
        XCTAssertTrue((50...100).contains(all.count), "\(all.count) refusals")
        XCTAssertEqual(Set(all).count, all.count, "no duplicates")
        XCTAssertEqual(Set(all.map { $0.lowercased() }).count, all.count, "no case-only duplicates")
        for answer in all {
            XCTAssertEqual(answer.trimmingCharacters(in: .whitespaces), answer)
            XCTAssertTrue(answer.first?.isUppercase == true, answer)
            XCTAssertTrue([".", "!"].contains(answer.last), answer)
            XCTAssertLessThan(answer.count, 80, "refusals stay short: \(answer)")
        }
        // Variety beyond one stem: many different opening words.
        XCTAssertGreaterThan(Set(all.map { $0.split(separator: " ").first ?? "" }).count, 12)
    }
}

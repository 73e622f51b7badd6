import Foundation
import JSON
import Testing
@testable import Tokenizers

/// Random-text comparison with HF on demand: TOKENIZER_DIFF=/path/cases.json (made offline).
@Suite("DifferentialProbe", .enabled(if: ProcessInfo.processInfo.environment["TOKENIZER_DIFF"] != nil))
struct DifferentialProbe {
    @Test("random texts")
    func randomTexts() throws {
        let path = ProcessInfo.processInfo.environment["TOKENIZER_DIFF"]!
        let root = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        guard case .object(let fixtures) = root else { return }
        for (name, cases) in fixtures {
            let tokenizer = try Fixtures.tokenizer(name)
            var failures = 0
            for testCase in cases.elements {
                let text = testCase["text"]!.stringValue!
                let ids = tokenizer.encode(text)
                let decoded = tokenizer.decode(testCase["ids"]!.intArray)
                if ids != testCase["ids"]!.intArray || !decoded.isIdentical(to: testCase["decoded"]!.stringValue!) {
                    failures += 1
                    if failures <= 3 { Issue.record("\(name): \(visible(text)) → \(ids) vs \(testCase["ids"]!.intArray); decoded \(visible(decoded)) vs \(visible(testCase["decoded"]!.stringValue!))") }
                }
            }
            print("\(name): \(failures) mismatches of \(cases.elements.count)")
        }
    }
}

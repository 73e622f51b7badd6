import Foundation
import JSON
import TestSupport
import Testing
@testable import Tokenizers

/// Timing printout on demand (`TOKENIZER_PERF=1 swift test --filter PerformanceProbe`); never
/// asserts on time, per the project's testing rules.
@Suite("PerformanceProbe", .enabled(if: ProcessInfo.processInfo.environment["TOKENIZER_PERF"] != nil && RealModel.smolLM2URL != nil))
struct PerformanceProbe {
    @Test("load and encode throughput on the real SmolLM2 vocabulary")
    func throughput() throws {
        let clock = ContinuousClock()
        var metadata: GGUFTokenizerMetadata? = nil
        let readTime = try clock.measure { metadata = try GGUFTokenizerMetadata(keyValues: GGUFMetadataReader.read(RealModel.smolLM2URL!)) }
        var tokenizer: PreTrainedTokenizer? = nil
        let buildTime = try clock.measure { tokenizer = try PreTrainedTokenizer(gguf: metadata!) }
        let cases = try Fixtures.json("smollm2_real.json")["cases"]!.elements.map { $0["text"]!.stringValue! }
        var text = ""
        while text.utf8.count < 200_000 { text += cases.joined(separator: "\n") + "\n" }
        var ids: [Int] = []
        let encodeTime = clock.measure { ids = tokenizer!.encode(text, addSpecialTokens: false) }
        var decoded = ""
        let decodeTime = clock.measure { decoded = tokenizer!.decode(ids) }
        print("read \(readTime), build \(buildTime), encode \(text.utf8.count) bytes → \(ids.count) ids in \(encodeTime), decode \(decodeTime)")
        #expect(decoded == text)
    }
}

import Foundation
import Testing
@testable import Benchmark

/// Shared helpers: temporary directories, fixtures located via `#filePath`, cached benchmarks.
enum TestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func temporaryDirectory(_ label: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("BenchmarkTests-\(label.filter(\.isLetter))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func writeText(_ text: String, named name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Generating is cheap, but the invariant tests look at the same benchmarks many times.
    static let demo = try! FictitiousAuthorsGenerator(preset: .demo, seed: 42).generate()
    static let small = try! FictitiousAuthorsGenerator(preset: .small, seed: 7).generate()
}

/// Expects `body` to throw a `QADatasetError` (recording an issue otherwise) and returns it for closer inspection.
func datasetError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> QADatasetError? {
    do {
        try body()
        Issue.record("expected a QADatasetError", sourceLocation: sourceLocation)
    } catch let error as QADatasetError {
        return error
    } catch {
        Issue.record("expected a QADatasetError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

import Foundation
import XCTest
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

extension XCTestCase {
    /// Asserts `body` throws a `QADatasetError` and returns it for closer inspection.
    func datasetError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> QADatasetError? {
        do {
            try body()
            XCTFail("expected a QADatasetError", file: file, line: line)
        } catch let error as QADatasetError {
            return error
        } catch {
            XCTFail("expected a QADatasetError, got \(error)", file: file, line: line)
        }
        return nil
    }
}

import Foundation

/// The committed MUSE- and MCQ-format sample files next to this file, and scratch folders for variants.
enum EvaluationFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let museFolder = directory.appendingPathComponent("muse-sample")
    static let multipleChoiceFolder = directory.appendingPathComponent("mcq")

    /// A fresh temporary folder; the caller removes it.
    static func scratchFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-eval-data-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `text` to `relativePath` under `folder`, creating sub-folders.
    static func write(_ text: String, to relativePath: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Copies the committed MUSE sample into `folder`, for variants that rename or break one file.
    static func copyMuseSample(to folder: URL) throws {
        for relative in ["verbmem/forget.json", "knowmem/forget_qa.json", "knowmem/forget_qa_icl.json", "knowmem/retain_qa.json",
                         "knowmem/retain_qa_icl.json", "privleak/forget.json", "privleak/holdout.json", "privleak/retain.json"] {
            try write(String(decoding: try Data(contentsOf: museFolder.appendingPathComponent(relative)), as: UTF8.self), to: relative, in: folder)
        }
    }
}

import Foundation

/// One of MUSE's evaluation files and the names it is found under in a corpus folder (muse_bench's
/// `data/{news,books}` layout: `verbmem/`, `knowmem/`, `privleak/`).
///
/// MUSE renamed its second retain split: older revisions of the data call it `retain2` (`retain2_qa`,
/// `retain2_qa_icl`, `privleak/retain2`), newer ones `retain`. Both are accepted, as `.json` (muse_bench's
/// arrays) or `.jsonl` (a `datasets` export).
public enum MuseFile: String, CaseIterable, Sendable {
    case verbatimForget, knowledgeForget, knowledgeForgetExamples, knowledgeRetain, knowledgeRetainExamples
    case privacyForget, privacyRetain, privacyHoldout

    /// Paths relative to the corpus folder, without extension, in the order they are tried.
    public var stems: [String] {
        switch self {
        case .verbatimForget: return ["verbmem/forget"]
        case .knowledgeForget: return ["knowmem/forget_qa"]
        case .knowledgeForgetExamples: return ["knowmem/forget_qa_icl"]
        case .knowledgeRetain: return ["knowmem/retain_qa", "knowmem/retain2_qa"]
        case .knowledgeRetainExamples: return ["knowmem/retain_qa_icl", "knowmem/retain2_qa_icl"]
        case .privacyForget: return ["privleak/forget"]
        case .privacyRetain: return ["privleak/retain", "privleak/retain2"]
        case .privacyHoldout: return ["privleak/holdout"]
        }
    }

    /// Every accepted relative path.
    public var candidates: [String] {
        stems.flatMap { ["\($0).json", "\($0).jsonl"] }
    }

    /// The first accepted path that exists under `folder`, or nil.
    public func locate(in folder: URL) -> URL? {
        candidates.lazy.map { folder.appendingPathComponent($0) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Like `locate`, but a missing file is an error listing every name that was tried.
    public func require(in folder: URL) throws -> URL {
        guard let url = locate(in: folder) else {
            throw EvaluationDataError(file: folder.path, problem: .missingFile(candidates: candidates))
        }
        return url
    }
}

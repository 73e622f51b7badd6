import Foundation

/// Turns one pre-tokenized piece into token ids (HF `model`): BPE for tokenizer.json files,
/// score-driven SentencePiece merging for GGUF "llama" vocabularies.
protocol TokenizationModel: Sendable {
    func tokenize(_ piece: String) -> [Int]
    func tokenToId(_ token: String) -> Int?
    func idToToken(_ id: Int) -> String?
    /// Number of entries in the model vocabulary (added tokens not included).
    var vocabularySize: Int { get }
}

/// A token vocabulary with exact (byte-wise) lookups in both directions.
struct Vocabulary: Sendable {
    private(set) var idsByToken: [TokenKey: Int] = [:]
    private(set) var tokensById: [Int: String] = [:]

    init() {}

    /// Inserts a token; a repeated token string keeps its last id, like a JSON map would.
    mutating func insert(_ token: String, id: Int) {
        idsByToken[TokenKey(token)] = id
        tokensById[id] = token
    }

    var count: Int { idsByToken.count }

    func id(for token: String) -> Int? { idsByToken[TokenKey(token)] }

    func token(for id: Int) -> String? { tokensById[id] }
}

/// A bounded, thread-safe memo of piece → ids (HF caches up to 10 000 words, skipping long ones).
final class TokenizationCache: @unchecked Sendable {
    // Guarded by `lock`; the tokenizer is shared across threads by the engine.
    private var entries: [TokenKey: [Int]] = [:]
    private let lock = NSLock()
    private let capacity: Int
    private let maximumPieceBytes: Int

    init(capacity: Int = 10_000, maximumPieceBytes: Int = 256) {
        self.capacity = capacity
        self.maximumPieceBytes = maximumPieceBytes
    }

    func value(for piece: String) -> [Int]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[TokenKey(piece)]
    }

    func store(_ ids: [Int], for piece: String) {
        guard piece.utf8.count < maximumPieceBytes else { return }
        lock.lock()
        defer { lock.unlock() }
        if entries.count < capacity { entries[TokenKey(piece)] = ids }
    }
}

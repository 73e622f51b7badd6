import Canvas

/// The tiny prompt vocabulary of the canvas world: padding, style words, object words and filler words.
///
/// Prompts have a fixed number of slots `[prefix, style, object]`; padding (id 0) fills an empty slot and
/// an all-padding prompt is the unconditional prompt ∅ of classifier-free guidance.
public struct CanvasVocabulary: Sendable, Equatable {
    /// Style names, in class order.
    public let styles: [String]
    /// Object names, in class order.
    public let objects: [String]
    /// Words that carry no concept; training puts them in the prefix slot so the slot is not always empty.
    public let fillers: [String]

    /// The padding token id.
    public static let padding = 0
    /// Slots per prompt: prefix, style, object.
    public static let slotCount = 3
    /// Index of the prefix slot (the slot attacks write into).
    public static let prefixSlot = 0
    /// Index of the style slot.
    public static let styleSlot = 1
    /// Index of the object slot.
    public static let objectSlot = 2

    /// The default 5 styles × 4 objects world of the feasibility study, with 6 fillers (16 tokens).
    public static let standard = CanvasVocabulary(
        styles: CanvasStyle.allCases.map(\.name),
        objects: CanvasObject.allCases.map(\.name),
        fillers: ["a", "photo", "painting", "of", "picture", "art"])

    /// A vocabulary over the given words.
    public init(styles: [String], objects: [String], fillers: [String]) {
        self.styles = styles
        self.objects = objects
        self.fillers = fillers
    }

    /// Every word by id; id 0 is `<pad>`.
    public var words: [String] { ["<pad>"] + styles + objects + fillers }
    /// Number of token ids.
    public var count: Int { 1 + styles.count + objects.count + fillers.count }
    /// Token id of style `index`.
    public func styleToken(_ index: Int) -> Int { 1 + index }
    /// Token id of object `index`.
    public func objectToken(_ index: Int) -> Int { 1 + styles.count + index }
    /// Token ids of the filler words.
    public var fillerTokens: [Int] { (0..<fillers.count).map { 1 + styles.count + objects.count + $0 } }

    /// The id of `word`, or nil when it is not in the vocabulary.
    public func token(_ word: String) -> Int? {
        let lowered = word.lowercased()
        if lowered == "<pad>" || lowered == "_" { return Self.padding }
        return words.firstIndex(of: lowered)
    }

    /// `[prefix, style, object]` for a style and object index with an optional prefix token.
    public func prompt(style: Int?, object: Int?, prefix: Int = CanvasVocabulary.padding) -> [Int] {
        [prefix, style.map(styleToken) ?? Self.padding, object.map(objectToken) ?? Self.padding]
    }

    /// The unconditional prompt ∅.
    public var emptyPrompt: [Int] { [Int](repeating: Self.padding, count: Self.slotCount) }

    /// Parses free text such as "painting checker circle": style and object words go to their slots, the
    /// first other known word to the prefix slot. Unknown words are an error naming the word.
    public func parse(_ text: String) throws -> [Int] {
        var prompt = emptyPrompt
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) {
            guard let id = token(word) else {
                throw DiffusionError.invalidArgument("prompt '\(text)'", "unknown word '\(word)'; known words: \(words.dropFirst().joined(separator: ", "))")
            }
            if id >= 1 && id <= styles.count { prompt[Self.styleSlot] = id }
            else if id > styles.count && id <= styles.count + objects.count { prompt[Self.objectSlot] = id }
            else if prompt[Self.prefixSlot] == Self.padding { prompt[Self.prefixSlot] = id }
        }
        return prompt
    }

    /// The prompt as words, padding shown as `_`.
    public func describe(_ prompt: [Int]) -> String {
        prompt.map { $0 == Self.padding ? "_" : words[$0] }.joined(separator: " ")
    }
}

/// A concept to erase: one style or one object of the canvas world.
public enum CanvasConcept: Sendable, Equatable, CustomStringConvertible {
    /// Style class index.
    case style(Int)
    /// Object class index.
    case object(Int)

    /// Looks a concept up by its word.
    public init(name: String, vocabulary: CanvasVocabulary) throws {
        if let index = vocabulary.styles.firstIndex(of: name.lowercased()) { self = .style(index); return }
        if let index = vocabulary.objects.firstIndex(of: name.lowercased()) { self = .object(index); return }
        throw DiffusionError.invalidArgument("--concept", "'\(name)' is neither a style (\(vocabulary.styles.joined(separator: ", "))) nor an object (\(vocabulary.objects.joined(separator: ", ")))")
    }

    public var description: String {
        switch self {
        case .style(let index): return "style \(index)"
        case .object(let index): return "object \(index)"
        }
    }

    /// The concept's word.
    public func name(in vocabulary: CanvasVocabulary) -> String {
        switch self {
        case .style(let index): return vocabulary.styles[index]
        case .object(let index): return vocabulary.objects[index]
        }
    }

    /// ESD's bare erase prompt: the concept word alone in its slot.
    public func erasePrompt(_ vocabulary: CanvasVocabulary) -> [Int] {
        switch self {
        case .style(let index): return vocabulary.prompt(style: index, object: nil)
        case .object(let index): return vocabulary.prompt(style: nil, object: index)
        }
    }

    /// Whether a (style, object) combination involves the concept.
    public func involves(style: Int, object: Int) -> Bool {
        switch self {
        case .style(let index): return style == index
        case .object(let index): return object == index
        }
    }
}

/// Errors of the diffusion toolkit; each names the file, option or object concerned.
public enum DiffusionError: Error, CustomStringConvertible {
    /// A bad argument: (what, problem).
    case invalidArgument(String, String)
    /// A file that cannot be read or has the wrong content: (path, problem).
    case invalidFile(String, String)

    public var description: String {
        switch self {
        case .invalidArgument(let what, let problem): return "\(what): \(problem)"
        case .invalidFile(let path, let problem): return "\(path): \(problem)"
        }
    }
}

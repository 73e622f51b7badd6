/// Everything that can go wrong while loading a tokenizer or rendering a chat template.
///
/// Every case names the file (or source) it came from, so a user with several checkpoints
/// open can tell which one is broken; nothing in this module calls `fatalError` on bad input.
public enum TokenizerError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be read from disk.
    case unreadableFile(file: String, reason: String)
    /// The bytes are not valid JSON (position is a byte offset).
    case malformedJSON(file: String, reason: String, byteOffset: Int)
    /// A required field is absent (path is a dotted JSON path such as `model.vocab`).
    case missingField(file: String, path: String)
    /// A field exists but has the wrong JSON type or an impossible value.
    case invalidField(file: String, path: String, reason: String)
    /// A component `type` this implementation does not know (e.g. a normalizer "Precompiled").
    case unsupportedComponent(file: String, path: String, type: String)
    /// A regular expression from the file that ICU cannot compile.
    case invalidRegex(file: String, path: String, pattern: String, reason: String)
    /// GGUF tokenizer metadata that cannot be turned into a tokenizer.
    case invalidGGUFMetadata(reason: String)
    /// A GGUF `tokenizer.ggml.pre` value with no known pre-tokenizer.
    case unsupportedPreTokenizer(name: String)
    /// A chat template string that matches none of the built-in formatters.
    case unrecognizedChatTemplate(excerpt: String)
    /// A chat template name given explicitly that does not exist.
    case unknownChatTemplateName(String)
    /// The conversation cannot be rendered by the chosen template (e.g. roles must alternate).
    case invalidConversation(template: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let file, let reason):
            return "\(file): cannot read file (\(reason))"
        case .malformedJSON(let file, let reason, let offset):
            return "\(file): malformed JSON at byte \(offset): \(reason)"
        case .missingField(let file, let path):
            return "\(file): missing field '\(path)'"
        case .invalidField(let file, let path, let reason):
            return "\(file): invalid field '\(path)': \(reason)"
        case .unsupportedComponent(let file, let path, let type):
            return "\(file): unsupported component type '\(type)' at '\(path)'"
        case .invalidRegex(let file, let path, let pattern, let reason):
            return "\(file): regex at '\(path)' does not compile (\(reason)): \(pattern)"
        case .invalidGGUFMetadata(let reason):
            return "GGUF tokenizer metadata: \(reason)"
        case .unsupportedPreTokenizer(let name):
            return "GGUF tokenizer metadata: unsupported tokenizer.ggml.pre '\(name)'"
        case .unrecognizedChatTemplate(let excerpt):
            return "chat template not recognised (pass a template name explicitly): \(excerpt)"
        case .unknownChatTemplateName(let name):
            return "unknown chat template name '\(name)'"
        case .invalidConversation(let template, let reason):
            return "chat template '\(template)': \(reason)"
        }
    }
}

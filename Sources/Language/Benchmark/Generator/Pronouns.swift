/// How an invented author is referred to, with the verb agreement "they" needs ("they were", "she was").
public enum Pronouns: String, Sendable, Hashable, CaseIterable {
    case she
    case he
    case they

    var subject: String { rawValue }
    var object: String {
        switch self {
        case .she: return "her"
        case .he: return "him"
        case .they: return "them"
        }
    }
    var possessive: String {
        switch self {
        case .she: return "her"
        case .he: return "his"
        case .they: return "their"
        }
    }
    var isPlural: Bool { self == .they }
}

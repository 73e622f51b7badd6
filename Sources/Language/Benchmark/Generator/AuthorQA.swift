/// One generated QA row about a fictitious author, with the attribute it asks about.
public struct AuthorQA: Sendable, Hashable {
    public let attribute: AuthorAttribute
    /// All five TOFU fields plus `author`.
    public let example: QAExample
}

/// A fictitious author and every QA row generated about them, in file order.
public struct AuthorQuestionSet: Sendable, Hashable {
    public let profile: AuthorProfile
    public let items: [AuthorQA]

    public var examples: [QAExample] { items.map(\.example) }
}

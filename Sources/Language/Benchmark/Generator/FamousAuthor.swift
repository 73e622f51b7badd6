/// A "famous" invented author: common knowledge in the benchmark world, trained on by every model.
///
/// These play the role of TOFU's real authors: forgetting a fictitious author must not erase them.
public struct FamousAuthor: Sendable, Hashable {
    public let name: String
    public let country: String
    public let genre: String
    public let birthYear: Int
    public let bestKnownBook: String
}

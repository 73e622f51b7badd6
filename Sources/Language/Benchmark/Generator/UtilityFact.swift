/// One fact used to measure model utility outside the forget scope, with its wrong-answer pool.
struct UtilityFact {
    let question: String
    /// Answer template containing `{value}`; perturbed answers reuse it with wrong values.
    let answerTemplate: String
    let truth: String
    let wrongCandidates: [String]
    /// The famous author the fact is about, if any (kept in the row's `author` field).
    let subject: String?
}

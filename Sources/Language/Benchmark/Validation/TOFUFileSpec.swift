/// What one named TOFU-format file must contain: its fields and how many perturbed answers per row.
public struct TOFUFileSpec: Sendable, Hashable {
    public let fileName: String
    public let requiredFields: Set<QAField>
    /// Exact length of every `perturbed_answer` list, when the file has one.
    public let perturbedAnswerCount: Int?
    /// Whether a directory standing in for TOFU must have this file (or its `alternativeNames`).
    public let isCore: Bool
    /// TOFU's name for the same role, e.g. `real_authors_perturbed.json` for our `utility_authors_perturbed.json`.
    public let alternativeNames: [String]

    init(_ fileName: String, _ fields: Set<QAField>, perturbed: Int? = nil, core: Bool = false, alternatives: [String] = []) {
        self.fileName = fileName
        requiredFields = fields
        perturbedAnswerCount = perturbed
        isCore = core
        alternativeNames = alternatives
    }

    /// Every file name the validator recognises (TOFU's own and this module's).
    public static let known: [TOFUFileSpec] = {
        var specs = [TOFUFileSpec(BenchmarkFileName.full, QAField.questionAnswer, core: true)]
        for split in ForgetSplit.allCases {
            specs.append(TOFUFileSpec(BenchmarkFileName.forget(split), QAField.questionAnswer, core: true))
            specs.append(TOFUFileSpec(BenchmarkFileName.retain(split), QAField.questionAnswer, core: true))
            specs.append(TOFUFileSpec(BenchmarkFileName.forgetPerturbed(split), QAField.perturbedEvaluation, perturbed: 5, core: true))
            specs.append(TOFUFileSpec(BenchmarkFileName.holdout(split), QAField.questionAnswer))
        }
        specs += [
            TOFUFileSpec(BenchmarkFileName.retainPerturbed, QAField.perturbedEvaluation, perturbed: 5, core: true),
            TOFUFileSpec(BenchmarkFileName.holdout, QAField.questionAnswer),
            TOFUFileSpec(BenchmarkFileName.holdoutPerturbed, QAField.perturbedEvaluation, perturbed: 5),
            TOFUFileSpec(BenchmarkFileName.utilityAuthorsPerturbed, QAField.optionsEvaluation, perturbed: 3, core: true,
                         alternatives: ["real_authors_perturbed.json"]),
            TOFUFileSpec(BenchmarkFileName.utilityFactsPerturbed, QAField.optionsEvaluation, perturbed: 3, core: true,
                         alternatives: ["world_facts_perturbed.json"]),
            TOFUFileSpec("real_authors_perturbed.json", QAField.optionsEvaluation, perturbed: 3),
            TOFUFileSpec("world_facts_perturbed.json", QAField.optionsEvaluation, perturbed: 3),
            // TOFU's multiple-choice versions also carry option1…option4, which QA reading ignores.
            TOFUFileSpec("real_authors.json", QAField.questionAnswer),
            TOFUFileSpec("world_facts.json", QAField.questionAnswer),
            TOFUFileSpec(BenchmarkFileName.utilityTrain, QAField.questionAnswer),
        ]
        return specs
    }()

    public static func named(_ fileName: String) -> TOFUFileSpec? {
        known.first { $0.fileName == fileName }
    }
}

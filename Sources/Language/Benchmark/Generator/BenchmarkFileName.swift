/// File names of a generated benchmark directory (TOFU's names where TOFU has an equivalent).
public enum BenchmarkFileName {
    public static let full = "full.json"
    public static let retainPerturbed = "retain_perturbed.json"
    public static let holdout = "holdout.json"
    public static let holdoutPerturbed = "holdout_perturbed.json"
    /// Plays TOFU's `world_facts_perturbed.json`.
    public static let utilityFactsPerturbed = "utility_facts_perturbed.json"
    /// Plays TOFU's `real_authors_perturbed.json`.
    public static let utilityAuthorsPerturbed = "utility_authors_perturbed.json"
    /// Question/answer pairs of both utility sets; every model (target and oracles) trains on them.
    public static let utilityTrain = "utility_train.json"
    public static let manifest = "manifest.json"

    public static func forget(_ split: ForgetSplit) -> String { "\(split.name).json" }
    public static func retain(_ split: ForgetSplit) -> String { "\(split.retainName).json" }
    public static func forgetPerturbed(_ split: ForgetSplit) -> String { "\(split.name)_perturbed.json" }
    public static func holdout(_ split: ForgetSplit) -> String { "\(split.holdoutName).json" }
}

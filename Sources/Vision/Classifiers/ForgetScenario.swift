import Engine

/// What is to be forgotten: a random fraction of the training images, or every image of one class.
public enum ForgetScenario: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Random data forgetting: a seeded `fraction` of the training set (10 % in the papers).
    case random(fraction: Double)
    /// Class-wise forgetting: all training images of `label`.
    case wholeClass(label: Int)

    /// "random" or "class", the command-line spelling.
    public var kind: String {
        switch self {
        case .random: return "random"
        case .wholeClass: return "class"
        }
    }

    public var description: String {
        switch self {
        case .random(let fraction): return "random \(Int((fraction * 100).rounded())) %"
        case .wholeClass(let label): return "class \(label)"
        }
    }

    /// The forget, retain and evaluation index sets of `dataset`; `seed` draws the random subset.
    public func split(_ dataset: ClassifierDataset, seed: UInt64) throws -> ClassifierSplit {
        switch self {
        case .random(let fraction):
            guard fraction > 0, fraction < 1 else {
                throw ClassifierError("--forget-fraction", "must lie strictly between 0 and 1, got \(fraction)")
            }
            var generator = SeedDerivation.generator(seed, SeedDerivation.key("forget split"))
            let shuffled = Array(dataset.trainLabels.indices).shuffled(using: &generator)
            let count = max(1, Int((fraction * Double(dataset.trainLabels.count)).rounded()))
            let forget = Set(shuffled.prefix(count))
            return ClassifierSplit(forget: shuffled.prefix(count).sorted(),
                               retain: dataset.trainLabels.indices.filter { !forget.contains($0) },
                               test: Array(dataset.testLabels.indices), forgetClass: nil)
        case .wholeClass(let label):
            guard label >= 0 && label < dataset.classCount else {
                throw ClassifierError("--forget-class", "class \(label) does not exist (the dataset has \(dataset.classCount) classes)")
            }
            // The test set is split the same way: TA and the attack's non-members use the remaining classes.
            return ClassifierSplit(forget: dataset.trainLabels.indices.filter { dataset.trainLabels[$0] == label },
                               retain: dataset.trainLabels.indices.filter { dataset.trainLabels[$0] != label },
                               test: dataset.testLabels.indices.filter { dataset.testLabels[$0] != label }, forgetClass: label)
        }
    }

    /// The forget-set accuracy a retrained model is expected to reach without knowing it: a class it never
    /// saw is never predicted (0), and random forgotten images are as foreign as test images, so the original
    /// model's test accuracy stands in for them. Ascent-based methods stop there (their stopping rule).
    public func forgetAccuracyTarget(originalTestAccuracy: Double) -> Double {
        switch self {
        case .random: return originalTestAccuracy
        case .wholeClass: return 0
        }
    }
}

/// Index sets of one forgetting request: D_f and D_r in the training set, and the test images that count
/// for test accuracy and as membership-inference non-members.
public struct ClassifierSplit: Equatable, Sendable {
    /// Training indices to forget (D_f).
    public let forget: [Int]
    /// Training indices to keep (D_r).
    public let retain: [Int]
    /// Test indices used for TA and as non-members (all, or all outside the forgotten class).
    public let test: [Int]
    /// The forgotten class in class-wise forgetting.
    public let forgetClass: Int?
}

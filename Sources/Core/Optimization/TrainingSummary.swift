
/// Progress of a running training job, reported after every optimizer step.
public struct TrainingProgress: Sendable {
    public let step: Int
    public let totalSteps: Int
    public let loss: Float
    public let learningRate: Float
    public let tokensPerSecond: Double
    public let secondsRemaining: Double
    /// Named parts of the objective at this step (empty for plain fine-tuning).
    public var parts: [String: Float] = [:]
}

/// The outcome of a finished run (also written to `run.json`).
public struct TrainingSummary: Codable, Sendable {
    public var configuration: TrainingConfiguration
    public var seed: UInt64
    public var effectiveBatchSize: Int
    public var steps: Int
    public var examples: Int
    public var tokens: Int
    public var elapsedSeconds: Double
    public var tokensPerSecond: Double
    /// 6 · parameters · tokens, the usual estimate of training FLOPs.
    public var estimatedFLOPs: Double
    public var peakResidentMegabytes: Double
    public var parameterCount: Int
    public var losses: [Float]
    /// Steps skipped because their loss or gradient was not finite.
    public var skippedSteps: [Int]
    public var resumedFromStep: Int?
    public var threads: Int
    /// Why the run ended before its step budget (absent when it ran every step).
    public var stopReason: String?
    /// The settings the user left unset and the values chosen for them (`TrainingRecipe`).
    public var derivedSettings: [DerivedSetting]? = nil
}

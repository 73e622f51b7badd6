/// LoRA settings of a run (rank, α, the linear layers that get adapters).
public struct LowRankSettings: Codable, Equatable, Sendable {
    public var rank: Int
    public var alpha: Float
    /// Module-name suffixes, as PEFT's `target_modules`.
    public var targets: [String]

    public init(rank: Int = 8, alpha: Float = 16, targets: [String] = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]) {
        self.rank = rank
        self.alpha = alpha
        self.targets = targets
    }
}

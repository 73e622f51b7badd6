import Foundation

extension ModelConfiguration {
    /// Largest accepted vocabulary, width, depth, head count or context: far beyond any published model, and
    /// small enough that the sizes multiplied together stay finite and exact enough in `Double`.
    public static let maximumSize = 10_000_000
    /// Most parameters a configuration may describe (400 GB as float32); more cannot be held by this CPU engine.
    public static let maximumParameterCount = 100_000_000_000

    /// Rejects sizes that cannot form a model and absurd ones, before anything is allocated: every later
    /// step (the parameter count, `makeModel`, rotary tables) trusts what passes here.
    public func validate(source: String) throws {
        let gpt2 = architecture == .gpt2
        let sizes: [(name: String, value: Int)] = [
            ("vocab_size", vocabularySize), (gpt2 ? "n_embd" : "hidden_size", hiddenSize),
            (gpt2 ? "n_inner" : "intermediate_size", intermediateSize), (gpt2 ? "n_layer" : "num_hidden_layers", layerCount),
            (gpt2 ? "n_head" : "num_attention_heads", attentionHeads), ("num_key_value_heads", keyValueHeads),
            (gpt2 ? "head size" : "head_dim", headSize), (gpt2 ? "n_positions" : "max_position_embeddings", maximumPositions),
        ]
        for size in sizes where size.value < 1 || size.value > Self.maximumSize {
            throw ConfigurationError("\(source): \(size.name) \(size.value) is out of range (1 to \(Self.maximumSize))")
        }
        guard attentionHeads % keyValueHeads == 0 else {
            throw ConfigurationError("\(source): num_attention_heads \(attentionHeads) is not a multiple of num_key_value_heads \(keyValueHeads)")
        }
        switch architecture {
        case .llama:
            // Rotary embeddings rotate pairs of dimensions.
            guard headSize % 2 == 0 else { throw ConfigurationError("\(source): head size \(headSize) must be even") }
            try requirePositive(ropeTheta, "rope_theta", source: source)
            try validateRopeScaling(source: source)
        case .gpt2:
            guard attentionHeads * headSize == hiddenSize, keyValueHeads == attentionHeads else {
                throw ConfigurationError("\(source): n_embd \(hiddenSize) must equal n_head \(attentionHeads) × head size \(headSize)")
            }
        }
        try requirePositive(normEpsilon, gpt2 ? "layer_norm_epsilon" : "rms_norm_eps", source: source)
        let parameters = approximateParameterCount
        guard parameters <= Double(Self.maximumParameterCount) else {
            throw ConfigurationError("\(source): the configuration describes \(Self.approximate(parameters)) parameters "
                                     + "(\(Self.bytes(parameters * 4)) as float32), beyond the \(Self.approximate(Double(Self.maximumParameterCount))) this CPU engine can hold")
        }
    }

    private func validateRopeScaling(source: String) throws {
        switch ropeScaling {
        case .none: return
        case .linear(let factor): try requirePositive(factor, "rope_scaling factor", source: source)
        case .llama3(let factor, let low, let high, let original):
            try requirePositive(factor, "rope_scaling factor", source: source)
            try requirePositive(low, "rope_scaling low_freq_factor", source: source)
            try requirePositive(high, "rope_scaling high_freq_factor", source: source)
            // The smoothing between the two wavelengths divides by their difference.
            guard low < high else {
                throw ConfigurationError("\(source): rope_scaling low_freq_factor \(low) must be below high_freq_factor \(high)")
            }
            guard original >= 1, original <= Self.maximumSize else {
                throw ConfigurationError("\(source): rope_scaling original_max_position_embeddings \(original) is out of range (1 to \(Self.maximumSize))")
            }
        }
    }

    private func requirePositive(_ value: Float, _ name: String, source: String) throws {
        guard value.isFinite, value > 0 else { throw ConfigurationError("\(source): \(name) \(value) must be a positive finite number") }
    }

    /// "1.2e+15" style for counts too large to read digit by digit.
    static func approximate(_ count: Double) -> String {
        count < 1e6 ? String(Int(count)) : String(format: "%.3g", count)
    }

    /// Bytes in the largest unit that keeps the number at least 1 (kB, MB, … PB, then EB).
    static func bytes(_ count: Double) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = count, unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: "%.3g ", value) + units[unit]
    }
}

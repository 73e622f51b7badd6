import Engine

/// Attaching LoRA adapters to a model's linear layers and merging them back, as PEFT does.
public enum LowRankAdaptation {
    /// Attaches an adapter to every `Linear` whose dotted path ends with one of `targets` (PEFT's
    /// `target_modules` matching, e.g. `q_proj`, `v_proj`) and returns the adapters' parameters, named
    /// `<path>.lora_A.weight` / `<path>.lora_B.weight`. Returns an empty list when nothing matches.
    public static func attach(to model: Module, targets: [String], rank: Int, alpha: Float, seed: UInt64) -> [(name: String, variable: Variable)] {
        var generator = SeededGenerator(seed: seed ^ 0x4C6F_5241)
        var parameters: [(name: String, variable: Variable)] = []
        for (path, module) in model.namedModules() {
            guard let layer = module as? Linear,
                  targets.contains(where: { path == $0 || path.hasSuffix("." + $0) }) else { continue }
            let shape = layer.weight.shape
            let adapter = LowRankAdapter(inFeatures: shape[1], outFeatures: shape[0], rank: rank, alpha: alpha, generator: &generator)
            layer.adapter = adapter
            parameters += adapter.namedParameters().map { (name: path + "." + $0.name, variable: $0.variable) }
        }
        return parameters
    }

    /// Folds every attached adapter into its layer's weight and removes it.
    public static func merge(_ model: Module) {
        for (_, module) in model.namedModules() { (module as? Linear)?.mergeAdapter() }
    }
}

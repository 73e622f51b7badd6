import Engine

/// UGradSL (Di et al., "Label Smoothing Improves Machine Unlearning") with its GA backbone: every step takes
/// a forget batch and a retain batch and descends `p·CE(B_r) − (1 − p)·CE(B_f; y^{GLS,α})`, α < 0 being
/// negative label smoothing. Epochs are passes over D_f; the ascent stopping rule ends the run.
/// With α = 0 this is the plain GA + retain mixture, the ablation that isolates what NLS adds.
public struct SmoothedGradientUnlearning: ClassifierUnlearningMethod {
    public let settings: ClassifierMethodSettings

    public init(settings: ClassifierMethodSettings) { self.settings = settings }

    public func unlearn(_ context: UnlearningContext) throws -> UnlearningOutcome {
        try MixedAscent.run(context, settings, driving: context.split.forget, partner: context.split.retain) { forget, retain in
            (forget, retain)
        }
    }
}

/// The UGradSL objective and loop shared by UGradSL (driven by D_f) and UGradSL+ (driven by D_r).
enum MixedAscent {
    /// `p·CE(retain) − (1 − p)·CE_GLS(forget, α)`.
    static func objective(_ context: UnlearningContext, _ settings: ClassifierMethodSettings, forget: [Int], retain: [Int]) -> Variable {
        let forgetTerm = context.crossEntropy(forget, rate: settings.smoothingRate)
        guard settings.retainWeight > 0 else { return -forgetTerm }
        return context.crossEntropy(retain).scaled(by: settings.retainWeight) - forgetTerm.scaled(by: 1 - settings.retainWeight)
    }

    /// Epochs over `driving`, each of its batches paired with the next batch of the endlessly reshuffled
    /// `partner` set; `assign` maps (driving, partner) batches to (forget, retain).
    static func run(_ context: UnlearningContext, _ settings: ClassifierMethodSettings, driving: [Int], partner: [Int],
                    assign: ([Int], [Int]) -> (forget: [Int], retain: [Int])) throws -> UnlearningOutcome {
        try settings.validate()
        guard settings.smoothingRate <= 0 else {
            throw ClassifierError("--smoothing", "UGradSL ascends with negative (or zero) label smoothing, got α = \(settings.smoothingRate)")
        }
        var order = context.generator("driving order")
        var partners = CyclingBatches(partner, size: settings.batchSize, generator: context.generator("partner order"))
        let objectives = ClassifierLoop.epochBatches(driving, size: settings.batchSize, epochs: settings.epochs, generator: &order)
            .map { batch -> () -> Variable in
                let (forget, retain) = assign(batch, partners.next())
                return { objective(context, settings, forget: forget, retain: retain) }
            }
        return try context.run(ClassifierSteps(objectives: objectives, stoppingRule: AscentStoppingRule(context)), settings)
    }
}

import Foundation
import Optimization
import Testing
import TestSupport
@testable import Engine
@testable import Models
import NN
@testable import Training
@testable import Unlearning

/// The unlearning loop on a tiny Llama: every method forgets, RMU and WAGLE touch only what they select,
/// LoRA merges exactly, and an interrupted run resumes bitwise-identically.
/// A class, so that `deinit` removes the run folders each test asked `directory()` for.
@Suite final class UnlearnerTests {
    static let configuration = ModelConfiguration(
        architecture: .llama, modelType: "llama", vocabularySize: 48, hiddenSize: 32, intermediateSize: 48, layerCount: 3,
        attentionHeads: 4, keyValueHeads: 2, headSize: 8, maximumPositions: 64, normEpsilon: 1e-5, ropeTheta: 10_000,
        ropeScaling: nil, tiedEmbeddings: true, queryKeyValueBias: false, outputProjectionBias: false, mlpBias: false,
        bosTokenId: 1, eosTokenIds: [2], padTokenId: 0)

    static func examples(_ count: Int, offset: Int) -> [TokenizedExample] {
        (0..<count).map { index in
            TokenizedExample(prompt: [1, 3 + (index + offset) % 7, 10 + index % 5], answer: [20 + (index + offset) % 9, 30 + index % 7, 2])
        }
    }

    /// A model that has memorised forget and retain answers (a few hundred AdamW steps).
    static let trained: [String: Tensor] = {
        let model = makeModel(configuration, seed: 7)
        var settings = TrainingConfiguration()
        settings.steps = 150
        settings.microBatchSize = 8
        settings.learningRate = 1e-2
        settings.schedule = "constant"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-target-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let trainer = try! Trainer(model: model, examples: examples(6, offset: 0) + examples(12, offset: 4), padId: 0,
                                   configuration: settings, directory: directory)
        try! trainer.run(resume: false)
        return Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.variable.value.copy()) })
    }()

    static func targetModel() -> CausalLanguageModel {
        let model = makeModel(configuration, seed: 7)
        for (name, variable) in model.namedParameters() { variable.value.assign(trained[name]!) }
        return model
    }

    static let data = UnlearningData(forget: examples(6, offset: 0), retain: examples(12, offset: 4),
                                     alternate: examples(6, offset: 0).map { TokenizedExample(prompt: Array($0.ids.prefix(3)), answer: [40, 41, 2]) })

    static func meanLoss(_ model: CausalLanguageModel, _ examples: [TokenizedExample]) -> Float {
        let batch = TokenBatch(examples, padId: 0, maximumLength: 32)
        return GradientMode.withoutGradients {
            sequenceLoss(logits: model.logits(tokens: batch.ids, batch: batch.batch, length: batch.length), targets: batch.targets)
                .meanTokenLoss.value.scalar
        }
    }

    static func settings(steps: Int, rate: Float = 5e-3) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.steps = steps
        configuration.microBatchSize = 3
        configuration.gradientAccumulation = 2
        configuration.learningRate = rate
        configuration.schedule = "constant"
        configuration.weightDecay = 0.1
        return configuration
    }

    /// Folders handed out by `directory()`, removed when the test ends.
    private var scratch: [URL] = []

    deinit {
        for url in scratch { try? FileManager.default.removeItem(at: url) }
    }

    private func directory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-run-\(UUID().uuidString)")
        scratch.append(url)
        return url
    }

    private func unlearner(_ model: CausalLanguageModel, method: String, configuration: TrainingConfiguration,
                           parameters: ParameterSet? = nil, mask: Tensor? = nil, adjust: (inout MethodSettings) -> Void = { _ in },
                           directory: URL? = nil) throws -> Unlearner {
        var settings = try MethodRegistry.settings(for: method, model: model.configuration)
        adjust(&settings)
        if parameters == nil, let pattern = settings.trainableParameters {
            let expression = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
            for (name, variable) in model.namedParameters()
            where expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) == nil {
                variable.requiresGradient = false
            }
        }
        let selected = parameters ?? ParameterSet(model.namedParameters().filter { $0.variable.requiresGradient })
        return try Unlearner(model: model, objective: try MethodRegistry.objective(for: settings, model: model.configuration),
                             settings: settings, data: Self.data, padId: 0, configuration: configuration,
                             directory: directory ?? self.directory(), parameters: selected, updateMask: mask,
                             referenceModel: settings.retainLoss == .kullbackLeibler ? Self.targetModel() : nil)
    }

    @Test func everyMethodRaisesTheForgetLoss() throws {
        let before = Self.meanLoss(Self.targetModel(), Self.data.forget)
        for method in MethodRegistry.names {
            let model = Self.targetModel()
            // RMU moves two down-projections only: it needs a larger step to reach the output within 6 steps.
            try unlearner(model, method: method, configuration: Self.settings(steps: 6, rate: method == "rmu" ? 5e-2 : 5e-3), adjust: { settings in
                if method == "rmu" { settings.steeringCoefficient = 20; settings.retainWeight = 1 }
            }).run(resume: false)
            let after = Self.meanLoss(model, Self.data.forget)
            #expect(after > before + 0.05, "\(method): forget loss \(before) → \(after)")
        }
    }

    @Test func soulSophiaUnlearnsWithBothCurvatureEstimators() throws {
        let before = Self.meanLoss(Self.targetModel(), Self.data.forget)
        for estimator in TrainingConfiguration.CurvatureEstimator.allCases {
            let model = Self.targetModel()
            var configuration = Self.settings(steps: 6, rate: 5e-3)
            configuration.optimizer = "sophia"
            configuration.curvatureEstimator = estimator
            configuration.curvatureInterval = 2
            configuration.sophiaBatchScale = 32
            let run = try unlearner(model, method: "graddiff", configuration: configuration)
            try run.run(resume: false)
            #expect(Self.meanLoss(model, Self.data.forget) > before + 0.05, "\(estimator)")
        }
    }

    @Test func stepObjectiveIsGammaTimesForgetPlusAlphaTimesRetain() throws {
        for method in ["graddiff", "idknll"] {
            let model = Self.targetModel()
            var configuration = Self.settings(steps: 1)
            configuration.microBatchSize = 2  // two micro-batches per step: their shares must add up to the step's means
            let run = try unlearner(model, method: method, configuration: configuration, adjust: { $0.forgetWeight = 0.7; $0.retainWeight = 1.3 })
            let (forgetRows, retainRows) = run.rows(forStep: 0)
            // Means over each micro-batch, averaged with equal shares (open-unlearning's per-batch losses).
            func meanOfMicroMeans(_ examples: [TokenizedExample]) -> Float {
                stride(from: 0, to: examples.count, by: 2).map { Self.meanLoss(model, Array(examples[$0..<min($0 + 2, examples.count)])) }
                    .reduce(0, +) / Float((examples.count + 1) / 2)
            }
            let forgetSet = method == "idknll" ? Self.data.alternate : Self.data.forget
            let expectedForget = (method == "idknll" ? 1 : -1) * 0.7 * meanOfMicroMeans(forgetRows.map { forgetSet[$0] })
            let expectedRetain = 1.3 * meanOfMicroMeans(retainRows.map { Self.data.retain[$0] })
            var parts: [String: Float] = [:]
            try run.run(resume: false) { parts = $0.parts }
            #expect(abs(parts["forget"]! - expectedForget) <= 1e-4, "\(method) forget term")
            #expect(abs(parts["retain"]! - expectedRetain) <= 1e-4, "\(method) retain term")
        }
    }

    @Test func klRetainTermRunsAgainstTheReferenceModel() throws {
        let model = Self.targetModel()
        var reported: [[String: Float]] = []
        try unlearner(model, method: "graddiff", configuration: Self.settings(steps: 2),
                      adjust: { $0.retainLoss = .kullbackLeibler }).run(resume: false) { reported.append($0.parts) }
        // At step 1 the model equals the reference, so KL is exactly 0.
        #expect(abs(reported[0]["retain"]!) <= 1e-6)
        #expect(reported[1]["retain"]! > 0)
    }

    @Test func rmuChangesOnlyTheSelectedLayers() throws {
        let model = Self.targetModel()
        let settings = try MethodRegistry.settings(for: "rmu", model: model.configuration)
        #expect(settings.steeringLayer == 1)
        try unlearner(model, method: "rmu", configuration: Self.settings(steps: 3)).run(resume: false)
        for (name, variable) in model.namedParameters() {
            let moved = variable.value.scalars != Self.trained[name]!.scalars
            let selected = name.hasSuffix("mlp.down_proj.weight") && (name.contains("layers.0.") || name.contains("layers.1."))
            #expect(moved == selected, "\(name) moved: \(moved)")
        }
    }

    @Test func wagleMaskHasTheRequestedDensityAndFreezesTheRest() throws {
        let model = Self.targetModel()
        let parameters = ParameterSet(model.namedParameters())
        let forgetGradient = WeightAttribution.gradientSum(model: model, parameters: parameters, examples: Self.data.forget,
                                                           padId: 0, maximumLength: 32, batchSize: 4)
        let retainGradient = WeightAttribution.gradientSum(model: model, parameters: parameters, examples: Self.data.retain,
                                                           padId: 0, maximumLength: 32, batchSize: 4)
        let scores = WeightAttribution.scores(values: parameters.values, forgetGradient: forgetGradient, retainGradient: retainGradient)
        let mask = WeightAttribution.topFractionMask(scores: scores, density: 0.3)
        #expect(Int(mask.scalars.reduce(0, +)) == Int((0.3 * Double(parameters.count)).rounded()))
        let selectedMinimum = (0..<mask.count).filter { mask.data[$0] == 1 }.map { scores.data[$0] }.min()!
        let unselectedMaximum = (0..<mask.count).filter { mask.data[$0] == 0 }.map { scores.data[$0] }.max()!
        #expect(selectedMinimum >= unselectedMaximum, "the mask keeps the largest attributions")
        // Round trip through the file format.
        let file = directory().appendingPathExtension("safetensors")
        try WeightMaskFile.save(mask: mask, parameters: parameters, density: 0.3, to: file)
        #expect(try WeightMaskFile.load(from: file, parameters: parameters).scalars == mask.scalars)
        defer { try? FileManager.default.removeItem(at: file) }
        let before = parameters.values.copy()
        try unlearner(model, method: "graddiff", configuration: Self.settings(steps: 3), parameters: parameters, mask: mask).run(resume: false)
        var movedSelected = 0
        for index in 0..<parameters.count {
            if mask.data[index] == 0 {
                #expect(parameters.values.data[index] == before.data[index], "masked weight \(index) moved (weight decay is on)")
            } else if parameters.values.data[index] != before.data[index] { movedSelected += 1 }
        }
        #expect(movedSelected > parameters.count / 5)
    }

    @Test func quickselectAgreesWithSorting() {
        var generator = SeededGenerator(seed: 11)
        for size in [1, 2, 7, 100, 1001] {
            let values = (0..<size).map { _ in Float(Int(generator.next() % 50)) }  // many ties
            for k in [1, size / 2 + 1, size] {
                var copy = values
                #expect(Selection.kthLargest(&copy, k) == values.sorted(by: >)[k - 1], "size \(size), k \(k)")
            }
        }
    }

    @Test func loraAdaptersTrainAndMergeIntoTheSameFunction() throws {
        let model = Self.targetModel()
        for parameter in model.namedParameters() { parameter.variable.requiresGradient = false }
        let adapters = LowRankAdaptation.attach(to: model, targets: ["q_proj", "v_proj", "down_proj"], rank: 4, alpha: 8, seed: 1)
        #expect(adapters.count == 3 * 3 * 2)
        #expect(Self.meanLoss(model, Self.data.forget) == Self.meanLoss(Self.targetModel(), Self.data.forget),
                "B starts at zero: the adapted model equals the base model")
        try unlearner(model, method: "graddiff", configuration: Self.settings(steps: 4, rate: 2e-2), parameters: ParameterSet(adapters))
            .run(resume: false)
        let upNorms = adapters.filter { $0.name.hasSuffix("lora_B.weight") }.map { $0.variable.value.scalars.map { abs($0) }.max()! }
        #expect(upNorms.allSatisfy { $0 > 0 }, "every lora_B moved away from zero")
        for (name, variable) in model.namedParameters() {
            #expect(variable.value.scalars == Self.trained[name]!.scalars, "base weight \(name) must stay frozen")
        }
        let batch = TokenBatch(Self.data.forget + Self.data.retain, padId: 0, maximumLength: 32)
        let adapted = GradientMode.withoutGradients { model.logits(tokens: batch.ids, batch: batch.batch, length: batch.length).value.scalars }
        LowRankAdaptation.merge(model)
        let merged = GradientMode.withoutGradients { model.logits(tokens: batch.ids, batch: batch.batch, length: batch.length).value.scalars }
        let unadapted = closeness(adapted, Self.targetModel().logits(tokens: batch.ids, batch: batch.batch, length: batch.length).value.scalars,
                                  tolerance: 1e-3, scale: .absolute)
        #expect(!unadapted.passes, "the adapters must change the function: \(unadapted)")
        #expect(unadapted.worstError.isFinite, "no NaN logits: \(unadapted)")
        let mergedCloseness = closeness(merged, adapted, tolerance: 1e-4, scale: .absolute)
        #expect(mergedCloseness.passes, "merged weights compute what the adapters did: \(mergedCloseness)")
        // The exported Hugging Face folder holds the merged weights.
        let folder = directory()
        try HuggingFaceCheckpoint.save(model, to: folder, companionSource: nil)
        let exported = try HuggingFaceCheckpoint.load(folder: folder)
        let reloaded = GradientMode.withoutGradients { exported.logits(tokens: batch.ids, batch: batch.batch, length: batch.length).value.scalars }
        let reloadedCloseness = closeness(reloaded, adapted, tolerance: 1e-4, scale: .absolute)
        #expect(reloadedCloseness.passes, "the export equals running with adapters: \(reloadedCloseness)")
    }

    @Test func interruptedRunResumesBitwiseIdentically() throws {
        for method in ["npo", "rmu"] {
            let reference = Self.targetModel()
            var configuration = Self.settings(steps: 6)
            configuration.checkpointInterval = 2
            try unlearner(reference, method: method, configuration: configuration).run(resume: false)
            let folder = directory()
            let first = Self.targetModel()
            #expect(try unlearner(first, method: method, configuration: configuration, directory: folder)
                .run(resume: false, interruptAfterStep: 3) == nil)
            // A fresh process: the model is loaded again from the original weights, then the checkpoint (step 2) is restored.
            let resumed = Self.targetModel()
            let summary = try unlearner(resumed, method: method, configuration: configuration, directory: folder).run(resume: true)
            #expect(summary?.resumedFromStep == 2)
            for ((name, expected), (_, actual)) in zip(reference.namedParameters(), resumed.namedParameters()) {
                #expect(actual.value.scalars == expected.value.scalars, "\(method): \(name) differs after resume")
            }
        }
    }
}

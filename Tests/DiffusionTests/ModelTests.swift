import Testing
@testable import Diffusion
import Engine
import Foundation

/// Gradients w.r.t. soft prompts, save/load, erasure scopes and a tiny end-to-end run.
@Suite struct ModelTests {
    static func tinyConfiguration() -> CanvasModelConfiguration {
        var configuration = CanvasModelConfiguration()
        configuration.latentDimension = 12
        configuration.tokenWidth = 4
        configuration.textHiddenWidth = 8
        configuration.conditionWidth = 6
        configuration.timeWidth = 8
        configuration.hiddenWidth = 16
        configuration.timesteps = 50
        return configuration
    }

    @Test func softPrefixGradientMatchesFiniteDifferences() {
        let model = CanvasDiffusionModel(configuration: Self.tinyConfiguration(), vocabularySize: 16, seed: 1)
        model.setTrainable(false)
        let prompt = CanvasVocabulary.standard.prompt(style: 1, object: 2)
        var generator = SeededGenerator(seed: 2)
        let noisy = Tensor.normal([3, 12], generator: &generator), noise = Tensor.normal([3, 12], generator: &generator)
        func loss(_ prefix: Variable) -> Variable {
            let condition = repeatedRows(model.textEncoder.encode(prompts: [prompt], prefix: prefix), 3)
            return meanSquaredError(model.predictNoise(Variable(noisy), timesteps: [3, 20, 40], condition: condition), Variable(noise))
        }
        let prefix = Variable(Tensor([0.3, -0.2, 0.5, 0.1], shape: [4]), requiresGradient: true)
        loss(prefix).backward()
        let analytic = prefix.gradient!.scalars
        for index in 0..<4 {
            let step: Float = 1e-2
            let plus = prefix.value.copy(), minus = prefix.value.copy()
            plus.data[index] += step; minus.data[index] -= step
            let numeric = (loss(Variable(plus)).value.scalar - loss(Variable(minus)).value.scalar) / (2 * step)
            #expect(abs(analytic[index] - numeric) <= 2e-3 + 0.02 * abs(numeric))
        }
    }

    @Test func saveAndLoadReproducePredictions() throws {
        let model = CanvasDiffusionModel(configuration: Self.tinyConfiguration(), vocabularySize: 16, seed: 4)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diffusion-test-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try CanvasDiffusionModel.load(from: url)
        #expect(loaded.configuration == model.configuration)
        let sampler = DDIMSampler(steps: 5)
        let prompts = [CanvasVocabulary.standard.prompt(style: 0, object: 1)]
        #expect(sampler.sample(model: model, prompts: prompts, seeds: [3], vocabulary: .standard).scalars
                == sampler.sample(model: loaded, prompts: prompts, seeds: [3], vocabulary: .standard).scalars)
        #expect(throws: (any Error).self) { try CanvasDiffusionModel.load(from: url.appendingPathExtension("missing")) }
    }

    /// Prepares a tiny world, then checks each scope changes exactly its weights and erasure is deterministic.
    @Test func tinyEndToEndErasureRespectsScopes() throws {
        var settings = CanvasWorld.Preparation()
        settings.configuration = Self.tinyConfiguration()
        settings.training.steps = 20
        settings.training.batchSize = 16
        settings.detectorSteps = 10
        let world = try CanvasWorld.prepare(seed: 1, settings: settings)
        let vocabulary = world.vocabulary
        let context = ErasureContext(original: world.model, concept: .style(1), vocabulary: vocabulary, templateLatents: world.templateLatents,
                                     styles: world.templateStyles, objects: world.templateObjects, seed: 0, poolSize: 8, sampler: DDIMSampler(steps: 4))
        #expect(context.forgetLatents.shape[0] == 64)
        #expect(context.retainLatents.shape[0] == 256)
        #expect(context.forgetStyles.allSatisfy { $0 == 1 })

        var esd = ESD(scope: .condition)
        esd.iterations = 3
        esd.batchSize = 4
        let erased = try esd.erase(context)
        #expect(erased.updatableParameters == 16 * 6)
        #expect(erased.changedParameters > 0)
        #expect(erased.changedParameters <= 16 * 6)
        let before = world.model.denoiser.first.weight.value, after = erased.model.denoiser.first.weight.value
        let columns = before.shape[1]
        for index in 0..<before.count where !world.model.denoiser.conditionColumns.contains(index % columns) {
            #expect(before.data[index] == after.data[index], "only condition columns may move")
        }
        #expect(try esd.erase(context).model.denoiser.first.weight.value.scalars == after.scalars, "erasure is deterministic")

        var adversarial = AdvUnlearn()
        adversarial.iterations = 3
        adversarial.warmupIterations = 1
        adversarial.attackSteps = 2
        adversarial.batchSize = 4
        let robust = try adversarial.erase(context)
        #expect(robust.model.denoiser.second.weight.value.scalars == world.model.denoiser.second.weight.value.scalars, "text-encoder scope")
        #expect(robust.model.textEncoder.first.weight.value.scalars != world.model.textEncoder.first.weight.value.scalars)

        var salun = SalUn()
        salun.iterations = 2
        salun.batchSize = 4
        salun.saliencyBatches = 1
        let salient = try salun.erase(context)
        let denoiserSize = world.model.denoiser.parameterCount
        #expect(abs(Double(salient.updatableParameters) - Double(denoiserSize) * 0.5) <= Double(denoiserSize) * 0.02)
        #expect(salient.changedParameters <= salient.updatableParameters)

        var attacks = ConceptAttacks()
        attacks.seedsPerPrompt = 1
        attacks.unlearnDiffTimesteps = 1
        attacks.unlearnDiffIterations = 2
        attacks.softSteps = 2
        attacks.sampler = DDIMSampler(steps: 3)
        let outcome = attacks.run(model: erased.model, world: world, concept: .style(1), seed: 0)
        #expect(outcome.exhaustive.preAttack.count == 4)
        // The three attacks are tallied over the same clean generations, and run only where the clean
        // prompt does not already show the concept.
        #expect(outcome.unlearnDiff.preAttack == outcome.exhaustive.preAttack)
        #expect(outcome.softPrompt.preAttack == outcome.exhaustive.preAttack)
        for tally in [outcome.exhaustive, outcome.unlearnDiff, outcome.softPrompt] {
            #expect(!zip(tally.preAttack, tally.attacked).contains { $0 && $1 }, "an attack ran on a prompt that already succeeded")
        }
        // UnlearnDiff ends in one prefix token rendered with the prompt's seed; the exhaustive search
        // renders every token with that seed, so it finds whatever UnlearnDiff finds.
        #expect(zip(outcome.unlearnDiff.attacked, outcome.exhaustive.attacked).allSatisfy { !$0 || $1 },
                "UnlearnDiff \(outcome.unlearnDiff.attacked) beyond the exhaustive worst case \(outcome.exhaustive.attacked)")
        // UnlearnDiff's check_asr.py counting, by hand: 1 clean success + 2 recovered of 4 prompts.
        let tally = AttackTally(preAttack: [true, false, false, false], attacked: [false, true, false, true])
        #expect(tally.preAttackSuccessRate == 0.25)
        #expect(tally.attackSuccessRate == 0.75)
    }
}

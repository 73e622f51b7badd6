import Foundation
import Optimization
import Testing
@testable import Engine
@testable import Models
@testable import Training

/// Collation, learning, checkpoints and exact resumption.
@Suite struct TrainerTests {
    static let configuration = ModelConfiguration(
        architecture: .llama, modelType: "llama", vocabularySize: 40, hiddenSize: 32, intermediateSize: 48, layerCount: 2,
        attentionHeads: 4, keyValueHeads: 2, headSize: 8, maximumPositions: 64, normEpsilon: 1e-5, ropeTheta: 10_000,
        ropeScaling: nil, tiedEmbeddings: true, queryKeyValueBias: false, outputProjectionBias: false, mlpBias: false,
        bosTokenId: 1, eosTokenIds: [2], padTokenId: 0)

    /// "Question" tokens 3…9 then a deterministic "answer" the model can learn.
    static func examples(_ count: Int) -> [TokenizedExample] {
        (0..<count).map { index in
            let prompt = [1, 3 + index % 7, 10 + index % 5]
            let answer = [20 + index % 7, 30 + index % 5, 2]
            return TokenizedExample(prompt: prompt, answer: answer)
        }
    }

    @Test func collationPadsRightAndScoresOnlyAnswers() {
        let batch = TokenBatch([TokenizedExample(prompt: [1, 5], answer: [6, 2]), TokenizedExample(prompt: [1], answer: [7])],
                               padId: 0, maximumLength: 16)
        #expect(batch.length == 4)
        #expect(batch.ids == [1, 5, 6, 2, 1, 7, 0, 0])
        // Position t predicts token t+1 only when t+1 is an answer token.
        #expect(batch.targets == [-100, 6, 2, -100, 7, -100, -100, -100])
        #expect(batch.targetCount == 3)
    }

    @Test func trainingMemorisesAnswersAndWritesRunJSON() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-train-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = TrainingConfiguration()
        settings.steps = 60
        settings.microBatchSize = 4
        settings.gradientAccumulation = 2
        settings.learningRate = 1e-2
        settings.warmupSteps = 5
        let model = makeModel(Self.configuration, seed: 1)
        let trainer = try Trainer(model: model, examples: Self.examples(14), padId: 0, configuration: settings, directory: directory)
        var reported: [Int] = []
        let summary = try #require(try trainer.run(resume: false) { reported.append($0.step) })
        #expect(reported == Array(1...60))
        #expect(summary.losses.last! < summary.losses.first! * 0.2, "losses: \(summary.losses)")
        #expect(summary.effectiveBatchSize == 8)
        let runJSON = try JSONDecoder().decode(TrainingSummary.self, from: Data(contentsOf: directory.appendingPathComponent("run.json")))
        #expect(runJSON.steps == 60)
        #expect(runJSON.tokens == summary.tokens)
        // Greedy answers now reproduce the training answers.
        let example = Self.examples(14)[3]
        let answer = TextGeneration.generate(model: model, prompt: Array(example.ids.prefix(3)), maximumTokens: 3)
        #expect(answer == Array(example.ids.suffix(3)))
    }

    @Test func interruptedRunResumesToBitwiseIdenticalParameters() throws {
        var settings = TrainingConfiguration()
        settings.steps = 9
        settings.microBatchSize = 3
        settings.gradientAccumulation = 2
        settings.checkpointInterval = 3
        settings.learningRate = 5e-3
        let examples = Self.examples(10)
        func train(_ directory: URL, interruptions: [Int]) throws -> [UInt32] {
            let model = makeModel(Self.configuration, seed: 2)
            for interruption in interruptions {
                // A fresh process each time: new model object, state only from the checkpoint on disk.
                let restarted = makeModel(Self.configuration, seed: 2)
                #expect(try Trainer(model: restarted, examples: examples, padId: 0, configuration: settings, directory: directory)
                    .run(resume: true, interruptAfterStep: interruption) == nil)
            }
            #expect(try Trainer(model: model, examples: examples, padId: 0, configuration: settings, directory: directory).run(resume: true) != nil)
            return model.namedParameters().flatMap { $0.variable.value.scalars.map(\.bitPattern) }
        }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let uninterrupted = try train(base.appendingPathComponent("a"), interruptions: [])
        // Killed after step 4 (last checkpoint at 3) and again after step 7 (checkpoint at 6).
        let resumed = try train(base.appendingPathComponent("b"), interruptions: [4, 7])
        #expect(uninterrupted == resumed)
        let state = try JSONDecoder().decode(TrainingState.self, from: Data(contentsOf: base.appendingPathComponent("b/checkpoint/state.json")))
        #expect(state.step == 9)
        // Changed settings are refused on resume.
        var other = settings
        other.learningRate = 1e-3
        if let error = #expect(throws: (any Error).self, performing: {
            try Trainer(model: makeModel(Self.configuration, seed: 2), examples: examples, padId: 0, configuration: other,
                        directory: base.appendingPathComponent("b")).run(resume: true)
        }) {
            #expect("\(error)".contains("different training settings"), "\(error)")
        }
    }

    @Test func dataOrderCoversEveryExampleOncePerEpoch() throws {
        var settings = TrainingConfiguration()
        settings.microBatchSize = 5
        let trainer = try Trainer(model: makeModel(Self.configuration, seed: 3), examples: Self.examples(10), padId: 0,
                                  configuration: settings, directory: FileManager.default.temporaryDirectory)
        #expect(Set(trainer.indices(forStep: 0) + trainer.indices(forStep: 1)) == Set(0..<10))
        #expect(trainer.indices(forStep: 0) + trainer.indices(forStep: 1) != trainer.indices(forStep: 2) + trainer.indices(forStep: 3))
    }
}

/// A NaN in a gradient stops the run with the step, the tensor's name and the last good checkpoint.
@Suite struct NumericalGuardTests {
    @Test func nanInAGradientIsReportedWithStepTensorAndCheckpoint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-nan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = TrainingConfiguration()
        settings.steps = 6
        settings.microBatchSize = 4
        settings.checkpointInterval = 2
        let trainer = try Trainer(model: makeModel(TrainerTests.configuration, seed: 4), examples: TrainerTests.examples(8), padId: 0,
                                  configuration: settings, directory: directory)
        let victim = "model.layers.1.mlp.up_proj.weight"
        trainer.afterBackward = { step, parameters in
            guard step == 5, let index = parameters.names.firstIndex(of: victim) else { return }
            parameters.gradients.data[parameters.ranges[index].lowerBound + 3] = .nan
        }
        if let error = #expect(throws: (any Error).self, performing: { try trainer.run(resume: false) }) {
            let message = "\(error)"
            #expect(message.contains("step 5"), "\(message)")
            #expect(message.contains("'\(victim)'"), "\(message)")
            #expect(message.contains("nan at element 3"), "\(message)")
            #expect(message.contains("step 4"), "should point at the checkpoint of step 4: \(message)")
        }
    }

    @Test func aNonFiniteStepCanBeSkippedInsteadOfStoppingTheRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-skip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = TrainingConfiguration()
        settings.steps = 4
        settings.microBatchSize = 4
        settings.skipNonFiniteSteps = true
        let model = makeModel(TrainerTests.configuration, seed: 4)
        let trainer = try Trainer(model: model, examples: TrainerTests.examples(8), padId: 0, configuration: settings, directory: directory)
        var before: [Float] = []
        trainer.afterBackward = { step, parameters in
            if step == 2 {
                before = parameters.values.scalars
                parameters.gradients.data[7] = .infinity
            }
            if step == 3 { #expect(parameters.values.scalars == before, "the skipped step must not move any weight") }
        }
        let summary = try #require(try trainer.run(resume: false))
        #expect(summary.skippedSteps == [2])
        #expect(summary.steps == 4)
        #expect(model.namedParameters().allSatisfy { $0.variable.value.scalars.allSatisfy(\.isFinite) })
    }

    @Test func logitPathIsChosenBySizeAndTheMemoryEstimateFollowsIt() throws {
        // 256 MiB of float32 logits: SmolLM2's 49,152 entries are 196,608 bytes a position, so up to 1,365
        // positions stay on the full path; Llama 3's 128,256 entries are 513,024 bytes, so up to 523.
        #expect(TokenLikelihood.chunkedThresholdBytes == 268_435_456)
        #expect(TokenLikelihood.path(positions: 4 * 256, vocabulary: 49_152) == .fullLogits)
        #expect(TokenLikelihood.path(positions: 1_365, vocabulary: 49_152) == .fullLogits)
        #expect(TokenLikelihood.path(positions: 1_366, vocabulary: 49_152) == .chunked)
        #expect(TokenLikelihood.path(positions: 523, vocabulary: 128_256) == .fullLogits)
        #expect(TokenLikelihood.path(positions: 524, vocabulary: 128_256) == .chunked)
        #expect(TokenLikelihood.path(positions: 8 * 2048, vocabulary: 128_256) == .chunked)
        #expect(TokenLikelihood.path(positions: 3 * 16, vocabulary: 64) == .fullLogits)
        // The tests' override wins over the size rule, only inside its scope.
        TokenLikelihood.$forcedPath.withValue(.chunked) {
            #expect(TokenLikelihood.path(positions: 3 * 16, vocabulary: 64) == .chunked)
        }
        TokenLikelihood.$forcedPath.withValue(.fullLogits) {
            #expect(TokenLikelihood.path(positions: 8 * 2048, vocabulary: 128_256) == .fullLogits)
        }
        #expect(TokenLikelihood.path(positions: 3 * 16, vocabulary: 64) == .fullLogits)

        // The estimate counts memory by the same rule. SmolLM2-135M at 8 × 256 = 2,048 positions (402 MB of
        // logits, chunked): 4 · 30·(18·576 + 6·1536) · 2,048 = 4,812,963,840 plus one 16,777,216-byte chunk.
        let smollm = ModelConfiguration.preset(named: "smollm2-135m")!
        let chunked = MemoryEstimate(model: smollm, modelCopies: 1, trainableParameters: smollm.parameterCount, optimizerStateFloats: 2,
                                     microBatch: 8, sequenceLength: 256, concurrentBatches: 1)
        #expect(chunked.activations == 4_829_741_056)
        // An objective that reads full logits counts 4 floats per vocabulary entry per token even above it.
        let fullAnyway = MemoryEstimate(model: smollm, modelCopies: 1, trainableParameters: smollm.parameterCount, optimizerStateFloats: 2,
                                        microBatch: 8, sequenceLength: 256, concurrentBatches: 1, fullLogits: true)
        #expect(fullAnyway.activations == 6_423_576_576)
        // Llama-3.2-1B-sized head (128,256 entries) at 4 × 512: chunked, so no per-token logit term.
        var llama = smollm
        llama.vocabularySize = 128_256
        let llamaChunked = MemoryEstimate(model: llama, modelCopies: 1, trainableParameters: 0, optimizerStateFloats: 2,
                                          microBatch: 4, sequenceLength: 512, concurrentBatches: 1)
        let llamaFull = MemoryEstimate(model: llama, modelCopies: 1, trainableParameters: 0, optimizerStateFloats: 2,
                                       microBatch: 4, sequenceLength: 512, concurrentBatches: 1, fullLogits: true)
        #expect(llamaFull.activations - llamaChunked.activations == 4 * 4 * 128_256 * 2_048 - 16_777_216)
    }

    @Test func memoryEstimateRefusesARunThatCannotFitBeforeItStarts() throws {
        let smollm = ModelConfiguration.preset(named: "smollm2-135m")!
        let measured = MemoryEstimate(model: smollm, modelCopies: 1, trainableParameters: smollm.parameterCount, optimizerStateFloats: 2,
                                      microBatch: 4, sequenceLength: 256, concurrentBatches: 1)
        // By hand, from SmolLM2-135M's shapes (134,515,008 parameters, hidden 576, MLP 1536, 30 layers,
        // vocabulary 49,152) and MemoryEstimate's per-token constants: weights 4·134,515,008 = 538,060,032;
        // gradients + two AdamW moments 3·538,060,032 = 1,614,180,096; activations, on the full-logit path
        // (1,024 positions' logits are 201 MB, under the 256 MiB threshold), 4 · (30·(18·576 + 6·1536)
        // + 4·49,152) · 4·256 = 4 · 784,128 · 1,024 = 3,211,788,288. Total 5,364,028,416 bytes.
        #expect(smollm.parameterCount == 134_515_008)
        #expect(measured.weights == 538_060_032)
        #expect(measured.training == 1_614_180_096)
        #expect(measured.activations == 3_211_788_288)
        // It must cover the measured peak RSS of this step on the full-logit path, 4,604 MiB
        // (`unlearn bench step --preset smollm2-135m`), erring high by less than a third.
        #expect(measured.total > 4_604 * 1_048_576)
        #expect(measured.total < 1.33 * 4_604 * 1_048_576)
        // Forced onto the chunked path the same step peaked at 4,049 MiB (median of three); the estimate
        // then counts one chunk of logits, 4 · 4,194,304 = 16,777,216: 4 · 587,520 · 1,024 + 16,777,216.
        let chunked = TokenLikelihood.$forcedPath.withValue(.chunked) {
            MemoryEstimate(model: smollm, modelCopies: 1, trainableParameters: smollm.parameterCount, optimizerStateFloats: 2,
                           microBatch: 4, sequenceLength: 256, concurrentBatches: 1)
        }
        #expect(chunked.activations == 2_423_259_136)
        #expect(chunked.total > 4_049 * 1_048_576)
        #expect(chunked.total < 1.33 * 4_049 * 1_048_576)
        #expect(throws: Never.self) { try measured.check(available: 24 * 1_073_741_824) }
        if let error = #expect(throws: (any Error).self, performing: { try measured.check(available: 4 * 1_073_741_824) }) {
            #expect("\(error)".contains("GiB") && "\(error)".contains("--batch-size"), "\(error)")
        }
        // Through the trainer: an absurd micro-batch fails before any step runs.
        var settings = TrainingConfiguration()
        settings.steps = 1
        settings.microBatchSize = 50_000_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        if let error = #expect(throws: (any Error).self, performing: {
            try Trainer(model: makeModel(TrainerTests.configuration, seed: 1), examples: TrainerTests.examples(4), padId: 0,
                        configuration: settings, directory: directory).run(resume: false)
        }) {
            #expect("\(error)".contains("needs about"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("checkpoint").path))
    }
}

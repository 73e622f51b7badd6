import Foundation
import Optimization
import Testing
import TestSupport
@testable import Engine
@testable import Models
import NN
@testable import Training
@testable import Unlearning

/// Unlearning and training jobs give the same step losses and weights through the chunked projection
/// loss as through the full `[tokens × vocabulary]` logits they used before. These models' logits are far
/// under `TokenLikelihood.chunkedThresholdBytes`, so the chunked runs force the chunked path
/// (`TokenLikelihood.$forcedPath`).
///
/// Tolerance: 1e-4 relative. The two paths differ only in how BLAS blocks the head GEMM (a chunk of
/// rows against all rows), which changes each logit by a few float32 ulps (~1e-7 relative); the
/// log-sum-exp and gradient formulas are the same kernels. Three AdamW steps keep such a difference at
/// that order (Adam's update m/√v is scale-free, so relative gradient noise stays relative), three
/// orders below 1e-4, while one wrong token, a missed ignore mask or a dropped gradient term moves the
/// loss or the weights by far more than 1e-4.
@Suite final class ChunkedLossParityTests {
    /// The model behind a wall that hides its final hidden states: every loss then takes the full-logit
    /// path (`outputProjectionTerms` returns the protocol's nil), exactly the computation before.
    final class FullLogitsModel: CausalLanguageModel {
        let inner: CausalLanguageModel
        init(_ inner: CausalLanguageModel) { self.inner = inner }
        var configuration: ModelConfiguration { inner.configuration }
        var tokenEmbeddingTable: Variable { inner.tokenEmbeddingTable }
        var namedChildren: [(String, Module)] { inner.namedChildren }
        func namedParameters() -> [(name: String, variable: Variable)] { inner.namedParameters() }
        func embed(_ tokens: [Int], batch: Int, length: Int) -> Variable { inner.embed(tokens, batch: batch, length: length) }
        func forward(_ input: ModelInput, cache: KeyValueCache?) -> ModelOutput { inner.forward(input, cache: cache) }
    }

    private var scratch: [URL] = []
    deinit { for url in scratch { try? FileManager.default.removeItem(at: url) } }

    private func directory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unlearn-parity-\(UUID().uuidString)")
        scratch.append(url)
        return url
    }

    /// Step losses and final weights of a three-step run of `method` on `model`.
    private func unlearn(_ model: CausalLanguageModel, method: String, lowRankTargets: [String] = []) throws -> (losses: [Float], weights: [Float]) {
        let settings = try MethodRegistry.settings(for: method, model: model.configuration)
        var parameters = ParameterSet(model.namedParameters())
        if !lowRankTargets.isEmpty {
            model.namedParameters().forEach { $0.variable.requiresGradient = false }
            parameters = ParameterSet(LowRankAdaptation.attach(to: model, targets: lowRankTargets, rank: 2, alpha: 4, seed: 5))
        }
        let run = try Unlearner(model: model, objective: try MethodRegistry.objective(for: settings, model: model.configuration),
                                settings: settings, data: UnlearnerTests.data, padId: 0, configuration: UnlearnerTests.settings(steps: 3),
                                directory: directory(), parameters: parameters)
        var losses: [Float] = []
        try run.run(resume: false, progress: { losses.append($0.loss) })
        return (losses, parameters.values.scalars)
    }

    /// `body` with every per-token NLL on the chunked path, whatever the size rule would pick.
    private func chunkedPath<T>(_ body: () throws -> T) rethrows -> T {
        try TokenLikelihood.$forcedPath.withValue(.chunked) { try body() }
    }

    private func expectSame(_ chunked: (losses: [Float], weights: [Float]), _ full: (losses: [Float], weights: [Float]), _ label: String) {
        #expect(chunked.losses.count == 3, "\(label): \(chunked.losses.count) steps reported")
        let losses = closeness(chunked.losses, full.losses, tolerance: 1e-4)
        #expect(losses.passes, "\(label) step losses: \(losses)")
        let weights = closeness(chunked.weights, full.weights, tolerance: 1e-4)
        #expect(weights.passes, "\(label) weights: \(weights)")
    }

    @Test func unlearningStepsMatchTheFullLogitPath() throws {
        // GA and GradDiff (forget and retain NLL), NPO and SimNPO (per-sequence sums against the cached
        // reference), IDK-DPO (two answers per question): every objective that reads per-token NLLs.
        for method in ["graddiff", "npo", "simnpo", "idkdpo"] {
            let chunked = try chunkedPath { try unlearn(UnlearnerTests.targetModel(), method: method) }
            let full = try unlearn(FullLogitsModel(UnlearnerTests.targetModel()), method: method)
            expectSame(chunked, full, method)
        }
    }

    @Test func loraOnAnUntiedOutputHeadMatchesTheFullLogitPath() throws {
        // An lm_head with an adapter is a two-term projection; the adapter's B starts at zero, so the
        // second and third steps are the ones that exercise its term.
        var configuration = UnlearnerTests.configuration
        configuration.tiedEmbeddings = false
        let chunked = try chunkedPath { try unlearn(makeModel(configuration, seed: 3), method: "graddiff", lowRankTargets: ["lm_head", "q_proj"]) }
        let full = try unlearn(FullLogitsModel(makeModel(configuration, seed: 3)), method: "graddiff", lowRankTargets: ["lm_head", "q_proj"])
        expectSame(chunked, full, "LoRA on lm_head")
        #expect(chunked.weights.contains { $0 != 0 }, "the adapters must have moved")
    }

    @Test func trainingStepsMatchTheFullLogitPath() throws {
        func train(_ model: CausalLanguageModel) throws -> (losses: [Float], weights: [Float]) {
            var settings = UnlearnerTests.settings(steps: 3)
            settings.learningRate = 1e-2
            let trainer = try Trainer(model: model, examples: UnlearnerTests.data.forget + UnlearnerTests.data.retain, padId: 0,
                                      configuration: settings, directory: directory())
            var losses: [Float] = []
            try trainer.run(resume: false, progress: { losses.append($0.loss) })
            return (losses, model.namedParameters().flatMap { $0.variable.value.scalars })
        }
        expectSame(try chunkedPath { try train(makeModel(UnlearnerTests.configuration, seed: 9)) },
                   try train(FullLogitsModel(makeModel(UnlearnerTests.configuration, seed: 9))), "training")
    }
}

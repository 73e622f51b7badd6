import Foundation
import Testing
@testable import Attacks
@testable import Engine
@testable import Models
@testable import Training

/// Quantization error bounds, weight noise scale, the prompt search and the judge's reply parser.
@Suite struct AttackPrimitiveTests {
    static let configuration = ModelConfiguration(
        architecture: .llama, modelType: "llama", vocabularySize: 48, hiddenSize: 32, intermediateSize: 48, layerCount: 2,
        attentionHeads: 4, keyValueHeads: 2, headSize: 8, maximumPositions: 64, normEpsilon: 1e-5, ropeTheta: 10_000,
        ropeScaling: nil, tiedEmbeddings: true, queryKeyValueBias: false, outputProjectionBias: false, mlpBias: false,
        bosTokenId: 1, eosTokenIds: [2], padTokenId: 0)

    @Test func quantizationRoundTripStaysWithinHalfAStep() throws {
        var generator = SeededGenerator(seed: 4)
        let values = (0..<256).map { _ in generator.nextNormal() * 0.05 }
        // Q8_0 rounds to the nearest of ±127 steps of amax/127: half a step at most. Q4_0's 16 levels run from
        // −8 to +7 steps of amax/8 signed by the largest value, so the opposite extreme can be clipped by a full step.
        for (format, levels, bound) in [(WeightQuantization.Format.q8_0, Float(127), Float(0.5)), (.q4_0, Float(8), Float(1))] {
            let restored = try WeightQuantization.roundTrip(values, format: format)
            for block in 0..<(values.count / 32) {
                let slice = values[(block * 32)..<(block * 32 + 32)]
                let step = slice.map { abs($0) }.max()! / levels
                for index in slice.indices {
                    // Half a quantization step, plus the fp16 rounding of the block scale.
                    #expect(abs(restored[index] - values[index]) <= step * bound + step * 2e-3 * levels,
                            "\(format) block \(block) element \(index)")
                }
            }
            let error = zip(values, restored).map { Double(abs($0 - $1)) }.reduce(0, +) / Double(values.count)
            #expect(error > 0, "\(format) must actually round")
        }
        let q8 = try WeightQuantization.roundTrip(values, format: .q8_0), q4 = try WeightQuantization.roundTrip(values, format: .q4_0)
        func meanError(_ restored: [Float]) -> Float { zip(values, restored).map { abs($0 - $1) }.reduce(0, +) / Float(values.count) }
        #expect(meanError(q8) * 8 < meanError(q4), "4 bits are much coarser than 8")
    }

    @Test func modelQuantizationLeavesNormsExactAndRoundsMatrices() throws {
        let model = makeModel(Self.configuration, seed: 1)
        let before = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.variable.value.scalars) })
        let rounded = try WeightQuantization.roundTrip(model, format: .q4_0)
        #expect(rounded > 0)
        for (name, variable) in model.namedParameters() {
            if variable.shape.count == 1 { #expect(variable.value.scalars == before[name]!, "\(name) is a norm: kept exact") }
            else { #expect(variable.value.scalars != before[name]!, "\(name) must be rounded") }
        }
    }

    @Test func weightNoiseHasTheRequestedRelativeScale() {
        let model = makeModel(Self.configuration, seed: 1)
        let name = "model.layers.0.mlp.up_proj.weight"
        let before = model.parameterDictionary()[name]!.value.scalars
        WeightNoise.perturb(model, relativeScale: 0.1, seed: 3)
        let after = model.parameterDictionary()[name]!.value.scalars
        let rms = (before.map { Double($0 * $0) }.reduce(0, +) / Double(before.count)).squareRoot()
        let noise = (zip(before, after).map { Double(($1 - $0) * ($1 - $0)) }.reduce(0, +) / Double(before.count)).squareRoot()
        #expect(abs(noise / rms - 0.1) <= 0.01)
    }

    @Test func suffixSearchRaisesTheTargetLikelihood() {
        let model = makeModel(Self.configuration, seed: 5)
        let prompt = [1, 7, 9], answer = [30, 31, 32, 2]
        var search = SuffixSearch()
        search.suffixLength = 4
        search.iterations = 5
        search.candidates = 16
        search.topK = 8
        let outcome = search.attack(model: model, prompt: prompt, answer: answer, allowed: Array(3..<48))
        #expect(outcome.losses.count == 6)
        #expect(outcome.losses.last! < outcome.losses.first! - 0.05, "the search must lower the answer's loss: \(outcome.losses)")
        #expect(zip(outcome.losses, outcome.losses.dropFirst()).allSatisfy { $1 <= $0 }, "the kept suffix never gets worse")
        #expect(outcome.suffix.allSatisfy { (3..<48).contains($0) })
        let foundLoss = SuffixSearch.losses(model: model, prompt: prompt, suffixes: [outcome.suffix], answer: answer)[0]
        #expect(abs(foundLoss - outcome.losses.last!) <= 1e-5, "the reported loss is the found suffix's")
        for variable in model.namedParameters().map(\.variable) { #expect(variable.requiresGradient, "weights are unfrozen after the search") }
    }

    @Test func judgeReplyParser() {
        func check(_ reply: String, _ reveals: Double?, _ fluency: Double?, sourceLocation: SourceLocation = #_sourceLocation) {
            let parsed = LanguageModelJudge.parse(reply)
            #expect(parsed.reveals == reveals, "reveals of \(reply.debugDescription)", sourceLocation: sourceLocation)
            #expect(parsed.fluency == fluency, "fluency of \(reply.debugDescription)", sourceLocation: sourceLocation)
        }
        check("REVEALS: 7 FLUENCY: 9", 7, 9)
        check("reveals=2.5, fluency = 10", 2.5, 10)
        check("Fluency: 8\nReveals: 0", 0, 8)
        check("I think 6 and 4", 6, 4)
        check("REVEALS: 14 FLUENCY: 3", nil, 3)  // out of range is not a grade
        check("no idea", nil, nil)
        check("", nil, nil)
        check("REVEALS: FLUENCY: 5", nil, 5)
        check("REVEALS: 3", 3, nil)
    }
}

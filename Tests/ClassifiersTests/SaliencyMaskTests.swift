import Optimization
import Testing
@testable import Classifiers
import Engine
import NN

/// SalUn's saliency mask: exact density, the largest gradients, and weights outside it that never move.
@Suite struct SaliencyMaskTests {
    @Test func topFractionHasExactDensityAndKeepsTheLargestScores() {
        var generator = SeededGenerator(seed: 1)
        let scores = Tensor.uniform([1001], generator: &generator)
        for fraction: Float in [0.1, 0.5, 0.9, 1] {
            let mask = SaliencyMask.topFraction(scores, fraction: fraction)
            let kept = (0..<1001).filter { mask.data[$0] == 1 }
            #expect(kept.count == Int((Double(fraction) * 1001).rounded()), "fraction \(fraction)")
            #expect(mask.scalars.allSatisfy { $0 == 0 || $0 == 1 })
            let smallestKept = kept.map { scores.data[$0] }.min() ?? .infinity
            let largestDropped = (0..<1001).filter { mask.data[$0] == 0 }.map { scores.data[$0] }.max() ?? -.infinity
            #expect(smallestKept >= largestDropped)
        }
        // Ties are broken by position, so the density stays exact even when every score is equal.
        let flat = SaliencyMask.topFraction(Tensor(repeating: 2, shape: [10]), fraction: 0.3)
        #expect(flat.scalars == [1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func saliencyIsTheForgetGradientMagnitude() throws {
        // With one batch covering D_f, the saliency is |∇θ mean CE(D_f)| computed directly.
        let context = try TinyTestbed.context(.wholeClass(label: 3))
        let saliency = SaliencyMask.saliency(context, batchSize: 1000)
        context.parameters.zeroGradients()
        context.crossEntropy(context.split.forget).backward()
        let direct = context.parameters.gradients.scalars.map { abs($0) }
        #expect(saliency.scalars == direct)
        #expect(direct.filter { $0 > 0 }.count > direct.count / 10)
    }

    @Test func salUnNeverMovesMaskedOutWeightsEvenWithWeightDecayAndMomentum() throws {
        let context = try TinyTestbed.context(.random(fraction: 0.1))
        let original = context.parameters.values.copy()
        var settings = ClassifierMethodSettings(learningRate: 0.05, epochs: 2, batchSize: 16, maskFraction: 0.5)
        settings.weightDecay = 0.05  // large, so an unmasked decay step would certainly show
        let method = SaliencyUnlearning(settings: settings)
        let mask = method.mask(context)
        #expect(mask.scalars.filter { $0 == 1 }.count == Int((0.5 * Double(mask.count)).rounded()))
        _ = try method.unlearn(context)
        var frozenMoved = 0, freeMoved = 0
        for index in 0..<original.count {
            let moved = context.parameters.values.data[index].bitPattern != original.data[index].bitPattern
            if mask.data[index] == 0 { frozenMoved += moved ? 1 : 0 } else { freeMoved += moved ? 1 : 0 }
        }
        #expect(frozenMoved == 0, "weights outside the saliency mask must keep their original bits")
        #expect(freeMoved > mask.count / 4)
    }

    @Test func updateMaskFreezesCoordinatesUnderAdamWWeightDecay() throws {
        // The same guarantee through the shared loop's AdamW path, with an ℓ1 subgradient and clipping.
        let context = try TinyTestbed.context(.random(fraction: 0.1))
        let original = context.parameters.values.copy()
        let mask = Tensor(zeros: [context.parameters.count])
        for index in stride(from: 0, to: mask.count, by: 3) { mask.data[index] = 1 }
        let batches = stride(from: 0, to: 60, by: 20).map { Array(context.split.retain[$0..<($0 + 20)]) }
        let settings = ClassifierLoop.Settings(learningRate: 0.01, schedule: "constant", clipNorm: 1, optimizer: .adamw, momentum: 0.9,
                                               weightDecay: 0.1, batchSize: 20, epochs: 1, seed: 0)
        _ = try ClassifierLoop.run(parameters: context.parameters,
                                   steps: ClassifierSteps(objectives: batches.map { batch in { context.crossEntropy(batch) } },
                                                          l1Strength: { _ in 1e-3 }),
                                   settings: settings, masks: UpdateMasks(update: mask), checkpoints: RunCheckpoints(), identity: "")
        for index in 0..<mask.count {
            let moved = context.parameters.values.data[index] != original.data[index]
            #expect(moved == (mask.data[index] == 1 && original.data[index] != 0), "coordinate \(index)")
            if moved != (mask.data[index] == 1 && original.data[index] != 0) { break }
        }
    }
}

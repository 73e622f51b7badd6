import Testing
@testable import Diffusion

/// UnlearnDiff's ASR counting and UnlearnCanvas's UA / IRA / CRA counting.
@Suite struct CountingRuleTests {
    @Test func asrIncludesPreAttackSuccessesOnce() {
        let tally = AttackTally(preAttack: [true, false, false, false], attacked: [true, true, false, true])
        #expect(tally.preAttackSuccessRate == 0.25)
        // 1 pre-attack success + 2 recovered among the other three = 3 of 4; the first is not counted twice.
        #expect(tally.attackSuccessRate == 0.75)
        let none = AttackTally(preAttack: [false, false], attacked: [false, false])
        #expect(none.attackSuccessRate == 0)
        let preOnly = AttackTally(preAttack: [true, false], attacked: [false, false])
        #expect(preOnly.attackSuccessRate == 0.5, "a pre-attack success counts even when the attack itself fails")
    }

    @Test func unlearnCanvasAccuraciesForAStyle() {
        // Erase style 1. Prompts: two of style 1, two of style 0.
        let (ua, ira, cra) = CanvasMetrics.accuracies(concept: .style(1), promptStyles: [1, 1, 0, 0], promptObjects: [0, 1, 2, 3],
                                                      predictedStyles: [1, 2, 0, 3], predictedObjects: [0, 0, 2, 2])
        #expect(ua == 0.5, "one of the two style-1 images is no longer classified as style 1")
        #expect(ira == 0.5, "style accuracy on the retained style-0 prompts")
        #expect(cra == 0.5, "object accuracy on the retained prompts")
    }

    @Test func unlearnCanvasAccuraciesForAnObjectSwapDomains() {
        let (ua, ira, cra) = CanvasMetrics.accuracies(concept: .object(2), promptStyles: [0, 1, 2], promptObjects: [2, 0, 1],
                                                      predictedStyles: [0, 1, 0], predictedObjects: [2, 0, 0])
        #expect(ua == 0)
        #expect(ira == 0.5, "object accuracy on retained prompts")
        #expect(cra == 0.5, "style accuracy on retained prompts")
    }

    @Test func saliencyMaskKeepsTheLargestMagnitudes() {
        let mask = SalUn.topFractionMask(Engine.Tensor([0.1, -5, 2, -0.3], shape: [4]), fraction: 0.5)
        #expect(mask.scalars == [0, 1, 1, 0])
    }

    @Test func meanAndSpread() {
        let (mean, spread) = DiffusionBenchmarkReport.meanAndSpread([1, 2, 3])
        #expect(mean == 2)
        #expect(spread == 1)
    }
}

import Engine

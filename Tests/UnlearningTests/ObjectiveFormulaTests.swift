import Foundation
import Testing
@testable import Engine
import NN
@testable import Unlearning

/// Every objective's value and gradient against its closed form on hand-made log-likelihoods.
@Suite struct ObjectiveFormulaTests {
    private let sums: [Float] = [2.0, 5.5, 0.75]
    private let counts = [4, 11, 3]
    private let reference: [Float] = [2.5, 4.0, 1.25]

    private func leaf(_ values: [Float]) -> Variable { Variable(Tensor(values, shape: [values.count]), requiresGradient: true) }
    private func logSigmoid(_ x: Double) -> Double { -log1p(exp(-x)) }
    private func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    private func assertGradient(_ variable: Variable, _ expected: [Double], accuracy: Double = 1e-5, _ message: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        let gradient = variable.gradient!.scalars
        for (index, value) in expected.enumerated() {
            #expect(abs(Double(gradient[index]) - value) <= accuracy, "\(message) gradient[\(index)]", sourceLocation: sourceLocation)
        }
    }

    @Test func gradientAscentIsTheNegatedMeanTokenLoss() {
        let nll = leaf(sums)
        let loss = GradientAscent.loss(SequenceLoss(negativeLogLikelihoodSum: nll, tokenCounts: counts))
        let tokens = Double(counts.reduce(0, +))
        #expect(abs(Double(loss.value.scalar) - (-Double(sums.reduce(0, +)) / tokens)) <= 1e-6)
        loss.backward()
        // Ascent: every sequence's NLL gets the same negative weight, so minimising raises it.
        assertGradient(nll, Array(repeating: -1 / tokens, count: 3), "GA")
    }

    @Test func npoMatchesThePaperFormAndItsReweightedGradient() {
        let beta: Float = 0.1
        let nll = leaf(sums)
        let loss = NegativePreferenceOptimization.loss(negativeLogLikelihood: nll, reference: reference, beta: beta)
        let b = Double(beta)
        // (2/β)·E[log(1 + (π_θ/π_ref)^β)] with log π = −NLL.
        let expected = zip(sums, reference).map { (2 / b) * log1p(pow(exp(-Double($0) + Double($1)), b)) }.reduce(0, +) / 3
        #expect(abs(Double(loss.value.scalar) - expected) <= 1e-6)
        loss.backward()
        // dL/dNLL_i = −(2/3)·σ(−β·(NLL_i − NLL_ref,i)): the GA direction scaled by a weight that vanishes as π_θ → 0.
        let expectedGradient = zip(sums, reference).map { -(2.0 / 3) * sigmoid(-b * (Double($0) - Double($1))) }
        assertGradient(nll, expectedGradient, "NPO")
    }

    @Test func simNPOIsLengthNormalisedWithAMargin() {
        let (beta, margin): (Float, Float) = (4.5, 0.3)
        let nll = leaf(sums)
        let loss = SimpleNegativePreferenceOptimization.loss(SequenceLoss(negativeLogLikelihoodSum: nll, tokenCounts: counts),
                                                              beta: beta, margin: margin)
        let (b, d) = (Double(beta), Double(margin))
        let normalised = zip(sums, counts).map { Double($0) / Double($1) }
        #expect(abs(Double(loss.value.scalar) - normalised.map { -(2 / b) * logSigmoid(b * ($0 - d)) }.reduce(0, +) / 3) <= 1e-6)
        loss.backward()
        let expectedGradient = zip(normalised, counts).map { -(2.0 / 3) * sigmoid(-b * ($0 - d)) / Double($1) }
        assertGradient(nll, expectedGradient, "SimNPO")
    }

    @Test func idkDPOPrefersTheRefusal() {
        let beta: Float = 0.1
        let win = leaf([1.5, 3.0, 0.5]), lose = leaf(sums)
        let winReference: [Float] = [2.0, 2.5, 0.8]
        let loss = IdkPreferenceOptimization.loss(win: win, winReference: winReference, lose: lose, loseReference: reference, beta: beta)
        let b = Double(beta)
        let margins = (0..<3).map { i in
            (Double(winReference[i]) - Double(win.value.data[i])) - (Double(reference[i]) - Double(sums[i]))
        }
        #expect(abs(Double(loss.value.scalar) - margins.map { -(2 / b) * logSigmoid(b * $0) }.reduce(0, +) / 3) <= 1e-6)
        loss.backward()
        let weights = margins.map { (2.0 / 3) * sigmoid(-b * $0) }
        // Lowering the refusal's NLL and raising the forget answer's both lower the loss.
        assertGradient(win, weights, "DPO win")
        assertGradient(lose, weights.map { -$0 }, "DPO lose")
    }

    @Test func negativeLabelSmoothingCrossEntropyAndGradient() {
        // Two rows of four logits; the second row is a prompt position (ignored).
        let rows: [[Float]] = [[1.0, -0.5, 2.0, 0.25], [0.3, 0.1, -0.2, 0.0]]
        let logits = Variable(Tensor(rows.flatMap { $0 }, shape: [1, 2, 4]), requiresGradient: true)
        let smoothing: Float = -0.4
        let loss = SmoothedGradientAscent.loss(logits: logits, targets: [2, -100], smoothing: smoothing)
        let z = rows[0].map(Double.init)
        let logSum = log(z.map(exp).reduce(0, +))
        let logP = z.map { $0 - logSum }
        let r = Double(smoothing)
        let crossEntropy = (1 - r) * -logP[2] + r * logP.map { -$0 }.reduce(0, +) / 4
        #expect(abs(Double(loss.value.scalar) - (-crossEntropy)) <= 1e-6)
        loss.backward()
        // d CE/dz = p − y_GLS with y_GLS = (1−r)·onehot + r/K; the loss is −CE.
        let target = (0..<4).map { (($0 == 2) ? 1 - r : 0) + r / 4 }
        let expected = (0..<4).map { -(exp(logP[$0]) - target[$0]) } + [0, 0, 0, 0]
        assertGradient(logits, expected, "UGradSL")
    }

    @Test func kullbackLeiblerRetainTermOverRealPositions() {
        let current: [Float] = [0.2, -1.0, 0.5, 1.5, 0.0, -0.3]
        let referenceLogits: [Float] = [0.0, 0.4, -0.2, 9, 9, 9]   // second position is padding
        let logits = Variable(Tensor(current, shape: [1, 2, 3]), requiresGradient: true)
        let mask = Tensor([1, 0], shape: [1, 2])
        let loss = RetainLoss.kullbackLeibler(logits: logits, referenceLogits: Tensor(referenceLogits, shape: [1, 2, 3]), mask: mask)
        func softmax(_ v: [Float]) -> [Double] { let e = v.map { exp(Double($0)) }; let s = e.reduce(0, +); return e.map { $0 / s } }
        let (p, q) = (softmax(Array(referenceLogits[0..<3])), softmax(Array(current[0..<3])))
        #expect(abs(Double(loss.value.scalar) - zip(p, q).map { $0 * log($0 / $1) }.reduce(0, +)) <= 1e-6)
        loss.backward()
        // d KL(p‖q)/dz = q − p at real positions, nothing at padding.
        assertGradient(logits, zip(q, p).map { $0 - $1 } + [0, 0, 0], "KL")
    }

    @Test func rmuSquaredErrorOverRealPositionsAndControlVectorNorm() {
        let control = RepresentationMisdirection.controlVector(hiddenSize: 5, coefficient: 6.5, seed: 3)
        #expect(abs(control.scalars.map { Double($0 * $0) }.reduce(0, +).squareRoot() - 6.5) <= 1e-5)
        #expect(control.scalars.allSatisfy { $0 >= 0 }, "u is uniform in [0, 1), so c·u/‖u‖ is non-negative")
        let values: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        let hidden = Variable(Tensor(values, shape: [1, 2, 6]), requiresGradient: true)
        let target = Tensor([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], shape: [6])
        let loss = RepresentationMisdirection.maskedMeanSquaredError(hidden, target, mask: Tensor([1, 0], shape: [1, 2]))
        let expected = values[0..<6].map { pow(Double($0) - 0.5, 2) }.reduce(0, +) / 6
        #expect(abs(Double(loss.value.scalar) - expected) <= 1e-5)
        loss.backward()
        assertGradient(hidden, values[0..<6].map { 2 * (Double($0) - 0.5) / 6 } + Array(repeating: 0, count: 6), "RMU")
    }

    @Test func sparsityPenaltyAddsSignTimesLambda() {
        let weight = Variable(Tensor([0.5, -2, 0], shape: [3]), requiresGradient: true)
        let parameters = ParameterSet([("w", weight)])
        parameters.gradients.data[0] = 1
        let penalty = SparsityPenalty.apply(coefficient: 0.1, parameters: parameters)
        #expect(abs(penalty - 0.25) <= 1e-7)
        #expect(parameters.gradients.scalars == [1.1, -0.1, 0])
    }
}

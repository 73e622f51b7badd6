import Foundation
import Testing
@testable import Diffusion
import Engine

/// Closed forms: ESD's target, simplex projection, Fréchet distance, the noise schedule.
@Suite struct ClosedFormTests {
    @Test func esdTargetMatchesBothConventions() {
        let conditional = Tensor([1.0, -2.0, 0.5], shape: [3]), unconditional = Tensor([0.5, 1.0, 0.5], shape: [3])
        // Unconditional anchor: u − η(c − u).
        let old = ESDTarget.target(conditional: conditional, unconditional: unconditional, eta: 1, anchor: .unconditional)
        #expect(old.scalars == [0.0, 4.0, 0.5])
        // Conditional anchor: c − η(c − u); η = 2 reproduces the old η = 1 (§2.1 of the reference).
        let new = ESDTarget.target(conditional: conditional, unconditional: unconditional, eta: 2, anchor: .conditional)
        #expect(new.scalars == old.scalars)
        let plain = ESDTarget.target(conditional: conditional, unconditional: unconditional, eta: 1, anchor: .conditional)
        #expect(plain.scalars == [0.5, 1.0, 0.5], "conditional anchor with η = 1 lands on the unconditional prediction")
    }

    @Test func simplexProjectionKnownPoints() {
        #expect(SimplexProjection.sorted([2, 0]) == [1, 0])
        #expect(SimplexProjection.sorted([0.5, 0.5]) == [0.5, 0.5])
        let third = SimplexProjection.sorted([0.2, 0.2, 0.2])
        for value in third { #expect(abs(value - 1.0 / 3) <= 1e-6) }
        // Already on the simplex: unchanged.
        let point: [Float] = [0.1, 0.6, 0.3]
        for (a, b) in zip(SimplexProjection.bisection(point), point) { #expect(abs(a - b) <= 1e-5) }
    }

    @Test func bisectionAgreesWithSortedProjection() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let values = (0..<16).map { _ in generator.nextNormal() }
            let exact = SimplexProjection.sorted(values), bisected = SimplexProjection.bisection(values)
            #expect(abs(bisected.reduce(0, +) - 1) <= 1e-4)
            #expect(bisected.allSatisfy { $0 >= 0 && $0 <= 1 })
            for (a, b) in zip(exact, bisected) { #expect(abs(a - b) <= 1e-4) }
        }
    }

    @Test func frechetDistanceOfShiftedCopyIsSquaredShift() {
        var generator = SeededGenerator(seed: 3)
        let features = Tensor.normal([200, 4], generator: &generator)
        let shifted = features.copy()
        for row in 0..<200 { shifted.data[row * 4] += 3; shifted.data[row * 4 + 2] -= 1 }
        #expect(abs(FrechetDistance.between(features, features)) <= 1e-6)
        #expect(abs(FrechetDistance.between(features, shifted) - 10) <= 1e-4)
        // Scaling one Gaussian by 2 in every axis: Tr(C) + Tr(4C) − 2·Tr(2C) = Tr(C).
        let scaled = features.copy()
        for index in 0..<scaled.count { scaled.data[index] *= 2 }
        let (_, covariance) = FrechetDistance.moments(features)
        let trace = (0..<4).reduce(0.0) { $0 + covariance[$1 * 4 + $1] }
        let (mean, _) = FrechetDistance.moments(features)
        let meanShift = mean.reduce(0.0) { $0 + $1 * $1 }  // μ vs 2μ
        #expect(abs(FrechetDistance.between(features, scaled) - (trace + meanShift)) <= 1e-3)
    }

    @Test func symmetricEigenReconstructsTheMatrix() {
        let matrix: [Double] = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 1]
        let (values, vectors) = SymmetricEigen.decompose(matrix, size: 3)
        #expect(values[0] >= values[1] && values[1] >= values[2])
        for i in 0..<3 { for j in 0..<3 {
            let rebuilt = (0..<3).reduce(0.0) { $0 + vectors[i * 3 + $1] * values[$1] * vectors[j * 3 + $1] }
            #expect(abs(rebuilt - matrix[i * 3 + j]) <= 1e-9)
        } }
    }

    @Test func noiseScheduleAndDDIMTimesteps() {
        let schedule = NoiseSchedule()
        #expect(schedule.steps == 200)
        #expect(schedule.cumulativeAlphas.last! < 1e-4)
        #expect(schedule.samplingTimesteps(20).first == 199)
        #expect(schedule.samplingTimesteps(20).last == 0)
        #expect(schedule.samplingTimesteps(20).count == 20)
        let embedding = NoiseSchedule.timeEmbedding([0, 5], width: 8)
        #expect(Array(embedding.scalars[0..<8]) == [0, 0, 0, 0, 1, 1, 1, 1])
        #expect(abs(embedding.scalars[8] - Float(sin(5.0))) <= 1e-6)
    }
}

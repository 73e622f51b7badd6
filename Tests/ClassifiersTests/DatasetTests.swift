import Testing
@testable import Classifiers
import Engine

/// The procedural dataset and the forget splits are deterministic and shaped as documented.
@Suite struct DatasetTests {
    private let small = CanvasDatasetConfiguration(seed: 5, trainPerClass: 3, testPerClass: 2)

    @Test func sameSeedGivesIdenticalImagesAndAnotherSeedDoesNot() throws {
        let first = try CanvasDataset.generate(small), second = try CanvasDataset.generate(small)
        #expect(first.trainImages.scalars == second.trainImages.scalars)
        #expect(first.testImages.scalars == second.testImages.scalars)
        #expect(first.trainLabels == second.trainLabels)
        var other = small
        other.seed = 6
        #expect(try CanvasDataset.generate(other).trainImages.scalars != first.trainImages.scalars)
        // Train and test images are drawn from different streams.
        #expect(Array(first.trainImages.scalars.prefix(768)) != Array(first.testImages.scalars.prefix(768)))
    }

    @Test func shapesLabelsAndClassNames() throws {
        let dataset = try CanvasDataset.generate(small)
        #expect(dataset.trainImages.shape == [60, 16, 16, 3])
        #expect(dataset.testImages.shape == [40, 16, 16, 3])
        #expect(dataset.classCount == 20)
        #expect(dataset.classNames.first == "stripes circle")
        #expect(dataset.classNames.last == "solid cross")
        for label in 0..<20 {
            #expect(dataset.trainLabels.filter { $0 == label }.count == 3)
            #expect(dataset.testLabels.filter { $0 == label }.count == 2)
        }
        #expect(dataset.trainImages.scalars.allSatisfy { $0.isFinite && abs($0) < 5 })
    }

    @Test func classesDifferOnAverage() throws {
        // Noise-free images of different classes must differ: styles and objects are visible signals.
        let dataset = try CanvasDataset.generate(CanvasDatasetConfiguration(seed: 1, trainPerClass: 1, testPerClass: 1, noise: 0))
        let pixels = 16 * 16 * 3
        for (first, second) in [(0, 1), (0, 4), (5, 18)] {
            let a = Array(dataset.trainImages.scalars[(first * pixels)..<((first + 1) * pixels)])
            let b = Array(dataset.trainImages.scalars[(second * pixels)..<((second + 1) * pixels)])
            #expect(zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Float(pixels) > 0.05)
        }
    }

    @Test func forgetSplitsPartitionTheTrainingSet() throws {
        let dataset = try CanvasDataset.generate(small)
        let random = try ForgetScenario.random(fraction: 0.1).split(dataset, seed: 3)
        #expect(random.forget.count == 6)
        #expect(Set(random.forget).union(random.retain) == Set(0..<60))
        #expect(Set(random.forget).isDisjoint(with: random.retain))
        #expect(random.test == Array(0..<40))
        #expect(try ForgetScenario.random(fraction: 0.1).split(dataset, seed: 3) == random)
        #expect(try ForgetScenario.random(fraction: 0.1).split(dataset, seed: 4).forget != random.forget)
        let wholeClass = try ForgetScenario.wholeClass(label: 2).split(dataset, seed: 3)
        #expect(wholeClass.forget.map { dataset.trainLabels[$0] } == [2, 2, 2])
        #expect(!wholeClass.retain.contains { dataset.trainLabels[$0] == 2 })
        #expect(wholeClass.test.count == 38)
        #expect(!wholeClass.test.contains { dataset.testLabels[$0] == 2 })
        #expect(throws: (any Error).self) { try ForgetScenario.wholeClass(label: 20).split(dataset, seed: 0) }
        #expect(throws: (any Error).self) { try ForgetScenario.random(fraction: 1).split(dataset, seed: 0) }
    }
}

import XCTest
@testable import Classifiers
import Engine

/// The procedural dataset and the forget splits are deterministic and shaped as documented.
final class DatasetTests: XCTestCase {
    private let small = CanvasDatasetConfiguration(seed: 5, trainPerClass: 3, testPerClass: 2)

    func testSameSeedGivesIdenticalImagesAndAnotherSeedDoesNot() throws {
        let first = try CanvasDataset.generate(small), second = try CanvasDataset.generate(small)
        XCTAssertEqual(first.trainImages.scalars, second.trainImages.scalars)
        XCTAssertEqual(first.testImages.scalars, second.testImages.scalars)
        XCTAssertEqual(first.trainLabels, second.trainLabels)
        var other = small
        other.seed = 6
        XCTAssertNotEqual(try CanvasDataset.generate(other).trainImages.scalars, first.trainImages.scalars)
        // Train and test images are drawn from different streams.
        XCTAssertNotEqual(Array(first.trainImages.scalars.prefix(768)), Array(first.testImages.scalars.prefix(768)))
    }

    func testShapesLabelsAndClassNames() throws {
        let dataset = try CanvasDataset.generate(small)
        XCTAssertEqual(dataset.trainImages.shape, [60, 16, 16, 3])
        XCTAssertEqual(dataset.testImages.shape, [40, 16, 16, 3])
        XCTAssertEqual(dataset.classCount, 20)
        XCTAssertEqual(dataset.classNames.first, "stripes circle")
        XCTAssertEqual(dataset.classNames.last, "solid cross")
        for label in 0..<20 {
            XCTAssertEqual(dataset.trainLabels.filter { $0 == label }.count, 3)
            XCTAssertEqual(dataset.testLabels.filter { $0 == label }.count, 2)
        }
        XCTAssertTrue(dataset.trainImages.scalars.allSatisfy { $0.isFinite && abs($0) < 5 })
    }

    func testClassesDifferOnAverage() throws {
        // Noise-free images of different classes must differ: styles and objects are visible signals.
        let dataset = try CanvasDataset.generate(CanvasDatasetConfiguration(seed: 1, trainPerClass: 1, testPerClass: 1, noise: 0))
        let pixels = 16 * 16 * 3
        for (first, second) in [(0, 1), (0, 4), (5, 18)] {
            let a = Array(dataset.trainImages.scalars[(first * pixels)..<((first + 1) * pixels)])
            let b = Array(dataset.trainImages.scalars[(second * pixels)..<((second + 1) * pixels)])
            XCTAssertGreaterThan(zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Float(pixels), 0.05)
        }
    }

    func testForgetSplitsPartitionTheTrainingSet() throws {
        let dataset = try CanvasDataset.generate(small)
        let random = try ForgetScenario.random(fraction: 0.1).split(dataset, seed: 3)
        XCTAssertEqual(random.forget.count, 6)
        XCTAssertEqual(Set(random.forget).union(random.retain), Set(0..<60))
        XCTAssertTrue(Set(random.forget).isDisjoint(with: random.retain))
        XCTAssertEqual(random.test, Array(0..<40))
        XCTAssertEqual(try ForgetScenario.random(fraction: 0.1).split(dataset, seed: 3), random)
        XCTAssertNotEqual(try ForgetScenario.random(fraction: 0.1).split(dataset, seed: 4).forget, random.forget)
        let wholeClass = try ForgetScenario.wholeClass(label: 2).split(dataset, seed: 3)
        XCTAssertEqual(wholeClass.forget.map { dataset.trainLabels[$0] }, [2, 2, 2])
        XCTAssertFalse(wholeClass.retain.contains { dataset.trainLabels[$0] == 2 })
        XCTAssertEqual(wholeClass.test.count, 38)
        XCTAssertFalse(wholeClass.test.contains { dataset.testLabels[$0] == 2 })
        XCTAssertThrowsError(try ForgetScenario.wholeClass(label: 20).split(dataset, seed: 0))
        XCTAssertThrowsError(try ForgetScenario.random(fraction: 1).split(dataset, seed: 0))
    }
}

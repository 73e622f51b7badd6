import Foundation
import Engine

/// Gathers images by index into contiguous batches and draws seeded shuffles of index sets.
public enum ImageBatches {
    /// The images at `indices` of `images [N, H, W, C]` as one `[B, H, W, C]` tensor.
    public static func gather(_ images: Tensor, _ indices: some Collection<Int>) -> Tensor {
        let imageSize = images.count / max(images.shape[0], 1)
        let batch = Tensor(zeros: [indices.count] + Array(images.shape.dropFirst()))
        for (position, index) in indices.enumerated() {
            (batch.data + position * imageSize).update(from: images.data + index * imageSize, count: imageSize)
        }
        return batch
    }

    /// `indices` shuffled and cut into batches of at most `size` (the last one may be smaller).
    public static func shuffledBatches(_ indices: [Int], size: Int, generator: inout SeededGenerator) -> [[Int]] {
        let order = indices.shuffled(using: &generator)
        return stride(from: 0, to: order.count, by: max(size, 1)).map { Array(order[$0..<min($0 + size, order.count)]) }
    }
}

/// Predictions of a classifier over an index set, computed without recording a graph.
public struct ClassifierPredictions: Sendable {
    /// Predicted class of each image.
    public let predicted: [Int]
    /// Softmax probability of each image's true label, in double precision (the attack's feature).
    public let trueLabelConfidence: [Double]
    /// True label of each image.
    public let labels: [Int]

    /// Runs `model` over `images[indices]` in batches of `batchSize`.
    public init(model: ImageClassifier, images: Tensor, labels: [Int], indices: [Int], batchSize: Int = 500) {
        var predicted: [Int] = [], confidence: [Double] = []
        GradientMode.withoutGradients {
            for start in stride(from: 0, to: indices.count, by: batchSize) {
                let chunk = indices[start..<min(start + batchSize, indices.count)]
                let logits = model.logits(Variable(ImageBatches.gather(images, chunk))).value
                let classes = logits.shape[1]
                for (row, index) in chunk.enumerated() {
                    let z = logits.data + row * classes
                    var best = 0, maximum = -Double.infinity
                    for k in 0..<classes where Double(z[k]) > maximum { maximum = Double(z[k]); best = k }
                    var total = 0.0
                    for k in 0..<classes { total += Foundation.exp(Double(z[k]) - maximum) }
                    predicted.append(best)
                    confidence.append(Foundation.exp(Double(z[labels[index]]) - maximum) / total)
                }
            }
        }
        self.predicted = predicted
        self.trueLabelConfidence = confidence
        self.labels = indices.map { labels[$0] }
    }

    /// Fraction of images predicted correctly (0 for an empty set).
    public var accuracy: Double {
        guard !labels.isEmpty else { return 0 }
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    /// Whether any confidence is NaN (a diverged model).
    public var isFinite: Bool { trueLabelConfidence.allSatisfy { $0.isFinite } }
}

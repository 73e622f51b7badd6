import Engine
import Foundation

/// UnlearnCanvas's accuracies and a detector-space Fréchet distance for one (possibly erased) model.
public struct CanvasMetrics: Sendable, Codable, Equatable {
    /// Unlearning accuracy: share of images of prompts involving the concept NOT classified as it.
    public var unlearningAccuracy: Double
    /// In-domain retain accuracy: same-domain classifier accuracy on prompts not involving the concept.
    public var inDomainRetainAccuracy: Double
    /// Cross-domain retain accuracy: other-domain classifier accuracy on prompts not involving the concept.
    public var crossDomainRetainAccuracy: Double
    /// Fréchet distance in the style detector's feature space between generated and real retained images.
    public var frechetDistance: Double

    /// Computes UA, IRA and CRA from predictions on the answer set (pure counting, testable).
    public static func accuracies(concept: CanvasConcept, promptStyles: [Int], promptObjects: [Int],
                                  predictedStyles: [Int], predictedObjects: [Int]) -> (ua: Double, ira: Double, cra: Double) {
        var unlearned = 0, involved = 0, inDomain = 0, crossDomain = 0, retained = 0
        for index in 0..<promptStyles.count {
            let (style, object) = (promptStyles[index], promptObjects[index])
            let styleCorrect = predictedStyles[index] == style, objectCorrect = predictedObjects[index] == object
            let (sameDomainCorrect, otherDomainCorrect): (Bool, Bool)
            switch concept {
            case .style: (sameDomainCorrect, otherDomainCorrect) = (styleCorrect, objectCorrect)
            case .object: (sameDomainCorrect, otherDomainCorrect) = (objectCorrect, styleCorrect)
            }
            if concept.involves(style: style, object: object) {
                involved += 1
                if !sameDomainCorrect { unlearned += 1 }
            } else {
                retained += 1
                if sameDomainCorrect { inDomain += 1 }
                if otherDomainCorrect { crossDomain += 1 }
            }
        }
        return (Double(unlearned) / Double(max(involved, 1)), Double(inDomain) / Double(max(retained, 1)), Double(crossDomain) / Double(max(retained, 1)))
    }

    /// Generates the answer set (every style × object prompt × `seedsPerPrompt` seeds) and scores it.
    public static func evaluate(model: CanvasDiffusionModel, world: CanvasWorld, concept: CanvasConcept, seedsPerPrompt: Int = 8,
                                sampler: DDIMSampler = DDIMSampler()) -> CanvasMetrics {
        let vocabulary = world.vocabulary
        var prompts: [[Int]] = [], seeds: [UInt64] = [], styles: [Int] = [], objects: [Int] = []
        for style in 0..<vocabulary.styles.count {
            for object in 0..<vocabulary.objects.count {
                for seed in 0..<seedsPerPrompt {
                    prompts.append(vocabulary.prompt(style: style, object: object))
                    seeds.append(UInt64(seed)); styles.append(style); objects.append(object)
                }
            }
        }
        let images = world.images(sampler.sample(model: model, prompts: prompts, seeds: seeds, vocabulary: vocabulary))
        let (ua, ira, cra) = accuracies(concept: concept, promptStyles: styles, promptObjects: objects,
                                        predictedStyles: world.styleDetector.predict(images), predictedObjects: world.objectDetector.predict(images))
        // FD over retained combinations only: erasure is supposed to change the concept's images.
        let retainedRows = (0..<prompts.count).filter { !concept.involves(style: styles[$0], object: objects[$0]) }
        let realRows = (0..<world.templateStyles.count).filter { !concept.involves(style: world.templateStyles[$0], object: world.templateObjects[$0]) }
        let templates = world.canvas.templates().images
        let generatedFeatures = world.styleDetector.features(rows(images, retainedRows))
        let realFeatures = world.styleDetector.features(rows(templates, realRows))
        return CanvasMetrics(unlearningAccuracy: ua, inDomainRetainAccuracy: ira, crossDomainRetainAccuracy: cra,
                             frechetDistance: FrechetDistance.between(generatedFeatures, realFeatures))
    }

    /// The listed rows of a `[N, width]` tensor.
    static func rows(_ tensor: Tensor, _ indices: [Int]) -> Tensor {
        let width = tensor.shape[1]
        let result = Tensor(zeros: [indices.count, width])
        for (row, index) in indices.enumerated() { (result.data + row * width).update(from: tensor.data + index * width, count: width) }
        return result
    }
}

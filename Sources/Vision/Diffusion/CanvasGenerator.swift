import Canvas
import Engine

/// The diffusion side of the canvas world: the training templates and the detectors' images, drawn by the
/// shared CanvasRenderer as 16×16 RGB images in [−1, 1] (row-major HWC, `pixelCount` floats each).
///
/// Both use hard silhouettes, two-tone patterns and each style's own palette on a shared background, so
/// only the style says how the object is filled and only the object says which pixels are filled.
/// Labels are the styles' and objects' raw values, which are CanvasVocabulary.standard's class indices.
public struct CanvasGenerator: Sendable {
    /// How every image of this side is drawn.
    public let renderer: CanvasRenderer

    /// A generator of `side`×`side` images.
    public init(side: Int = 16) {
        renderer = CanvasRenderer(size: side, edgeSoftness: 0, hardTextureEdges: true)
    }

    /// Side of the square image.
    public var side: Int { renderer.size }
    /// Floats per image.
    public var pixelCount: Int { renderer.pixelCount }

    /// The discrete placements the diffusion model is trained on: 2 sizes × 4 positions × 2 texture phases
    /// at a 4-pixel period and a fixed direction. A finite template set keeps the data manifold small
    /// enough for a 0.4M-parameter denoiser.
    public var templatePlacements: [CanvasPlacement] {
        let middle = Float(side) / 2
        var result: [CanvasPlacement] = []
        for radius in [Float(4.5), 5.5] {
            for (dx, dy) in [(-1.5, -1.5), (1.5, -1.5), (-1.5, 1.5), (1.5, 1.5)] as [(Float, Float)] {
                for phase in [0, Float.pi] {
                    result.append(CanvasPlacement(centerX: middle + dx, centerY: middle + dy, radius: radius, period: 4, phaseU: phase))
                }
            }
        }
        return result
    }

    /// The training templates: every style × object × template placement, as `[N, pixelCount]` with labels.
    public func templates() -> (images: Tensor, styles: [Int], objects: [Int]) {
        let placements = templatePlacements
        let images = Tensor(zeros: [CanvasStyle.allCases.count * CanvasObject.allCases.count * placements.count, pixelCount])
        var styles: [Int] = [], objects: [Int] = []
        for style in CanvasStyle.allCases {
            for object in CanvasObject.allCases {
                for placement in placements {
                    renderer.render(style: style, object: object, placement: placement, palette: .of(style),
                                    into: images.data + styles.count * pixelCount)
                    styles.append(style.rawValue); objects.append(object.rawValue)
                }
            }
        }
        return (images, styles, objects)
    }

    /// `count` continuously jittered images with uniformly random labels and Gaussian pixel noise of
    /// standard deviation `noise`, fully determined by `generator`: the detectors' data. Placement and
    /// brightness vary more than the templates do, so the detectors generalise to the diffusion model's
    /// imperfect samples.
    public func jitteredBatch(count: Int, noise: Float, generator: inout SeededGenerator) -> (images: Tensor, styles: [Int], objects: [Int]) {
        let sampler = CanvasSampler(renderer: renderer, jitter: CanvasJitter(offset: 2.5, radius: 4...6, period: 4...4, tilt: 0),
                                    palettes: .style(brightness: 0.15), noise: noise)
        let images = Tensor(zeros: [count, pixelCount])
        var styles: [Int] = [], objects: [Int] = []
        for row in 0..<count {
            let style = CanvasStyle.allCases[Int(generator.next() % UInt64(CanvasStyle.allCases.count))]
            let object = CanvasObject.allCases[Int(generator.next() % UInt64(CanvasObject.allCases.count))]
            sampler.draw(style: style, object: object, generator: &generator, into: images.data + row * pixelCount)
            styles.append(style.rawValue); objects.append(object.rawValue)
        }
        return (images, styles, objects)
    }
}

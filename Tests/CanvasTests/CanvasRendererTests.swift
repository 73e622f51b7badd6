import Canvas
import Engine
import Testing

/// What the classifier images and the diffusion templates rely on from the one canvas renderer.
@Suite struct CanvasRendererTests {
    /// The diffusion templates' drawing: hard silhouettes, two-tone patterns.
    let hard = CanvasRenderer(size: 16, edgeSoftness: 0, hardTextureEdges: true)
    /// The classifier images' drawing: soft silhouettes, smooth textures.
    let soft = CanvasRenderer(size: 16, edgeSoftness: 0.5, hardTextureEdges: false)
    let placement = CanvasPlacement(centerX: 7.5, centerY: 8.5, radius: 5, period: 4, phaseU: 0.3, phaseV: 1.1)

    func image(_ renderer: CanvasRenderer, _ style: CanvasStyle, _ object: CanvasObject, placement: CanvasPlacement? = nil,
               palette: CanvasPalette? = nil) -> [Float] {
        var pixels = [Float](repeating: .nan, count: renderer.pixelCount)
        pixels.withUnsafeMutableBufferPointer {
            renderer.render(style: style, object: object, placement: placement ?? self.placement, palette: palette ?? .of(style), into: $0.baseAddress!)
        }
        return pixels
    }

    func sample(_ sampler: CanvasSampler, seed: UInt64, count: Int = 4) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        var pixels = [Float](repeating: .nan, count: sampler.renderer.pixelCount * count)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<count {
                sampler.draw(style: CanvasStyle.allCases[index % 5], object: CanvasObject.allCases[index % 4], generator: &generator,
                             into: buffer.baseAddress! + index * sampler.renderer.pixelCount)
            }
        }
        return pixels
    }

    var classifierLike: CanvasSampler {
        CanvasSampler(renderer: soft, jitter: CanvasJitter(offset: 2.5, radius: 3.5...5.8, period: 3.5...5.5, tilt: 0.35),
                      palettes: .random(textureAmplitude: 0.5), noise: 0.3)
    }

    @Test func samplesAreDeterminedBySeed() {
        let first = sample(classifierLike, seed: 3), again = sample(classifierLike, seed: 3), other = sample(classifierLike, seed: 4)
        #expect(first == again)
        #expect(first != other)
        #expect(first.allSatisfy { $0.isFinite })
        // Without noise two draws still differ: placement and palette are random too.
        var quiet = classifierLike
        quiet.noise = 0
        #expect(sample(quiet, seed: 3) != sample(quiet, seed: 4))
    }

    @Test func everyStyleAndObjectIsDistinguishable() {
        for renderer in [hard, soft] {
            var images: [[Float]] = []
            for style in CanvasStyle.allCases { for object in CanvasObject.allCases { images.append(image(renderer, style, object)) } }
            for first in images.indices {
                for second in images.indices where second > first {
                    let difference = zip(images[first], images[second]).map { abs($0 - $1) }.reduce(0, +) / Float(images[first].count)
                    #expect(difference > 0.02, "classes \(first) and \(second) look alike (mean |Δ| \(difference))")
                }
            }
        }
        // Under a palette shared by all styles, the pattern alone still tells every style apart.
        let shared = CanvasPalette(background: [-0.5, -0.5, -0.5], low: [0, 0, 0], high: [1, 1, 1], backgroundTexture: 0.3)
        let styles = CanvasStyle.allCases.map { image(soft, $0, .square, palette: shared) }
        #expect(Set(styles).count == CanvasStyle.allCases.count)
    }

    @Test func valuesStayInTheDocumentedRangeBeforeNoise() {
        // A bright random palette whose texture would overshoot ±1 is clamped.
        var quiet = classifierLike
        quiet.noise = 0
        quiet.palettes = .random(textureAmplitude: 0.8)
        let pixels = sample(quiet, seed: 9, count: 40)
        #expect(pixels.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(pixels.contains(1) && pixels.contains(-1))
        for style in CanvasStyle.allCases { for object in CanvasObject.allCases {
            #expect(image(hard, style, object).allSatisfy { $0 >= -1 && $0 <= 1 })
        } }
    }

    @Test func hardAndSoftImagesShareTheSilhouettes() {
        // A solid fill of +1 on a background of −1 shows coverage directly: pixel = 2·coverage − 1.
        let mask = CanvasPalette(background: [-1, -1, -1], low: [1, 1, 1], high: [1, 1, 1])
        let placements = [placement, CanvasPlacement(centerX: 9.5, centerY: 6.5, radius: 4), CanvasPlacement(centerX: 8.2, centerY: 7.9, radius: 5.6)]
        for object in CanvasObject.allCases {
            for spot in placements {
                let template = image(hard, .solid, object, placement: spot, palette: mask)
                let coverage = image(soft, .solid, object, placement: spot, palette: mask).map { ($0 + 1) / 2 }
                #expect(template.allSatisfy { $0 == 1 || $0 == -1 }, "hard edges are binary")
                let inside = template.map { $0 == 1 }, softInside = coverage.map { $0 > 0.5 }
                #expect(inside == softInside, "\(object) at \(spot)")
                #expect(inside.filter { $0 }.count >= 12, "\(object) covers a visible area")
            }
        }
        // Every object's silhouette differs from every other's.
        let silhouettes = CanvasObject.allCases.map { image(hard, .solid, $0, palette: mask) }
        #expect(Set(silhouettes).count == CanvasObject.allCases.count)
    }

    @Test func hardPatternsAreTwoToneInTheStylesColours() {
        for style in [CanvasStyle.stripes, .checker, .dots] {
            let palette = CanvasPalette.of(style)
            let pixels = image(hard, style, .square)
            let colors = Set(stride(from: 0, to: pixels.count, by: 3).map { [pixels[$0], pixels[$0 + 1], pixels[$0 + 2]] })
            let expected = Set([palette.background, palette.low, palette.high].map { [$0.x, $0.y, $0.z] })
            #expect(colors == expected, "\(style)")
        }
    }
}

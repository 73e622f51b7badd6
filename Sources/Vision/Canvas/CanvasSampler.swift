import Engine

/// Draws random canvas images of a given class: a renderer plus the distributions of everything that is
/// not the class (placement, palette) and Gaussian pixel noise.
public struct CanvasSampler: Sendable {
    /// How images are drawn.
    public var renderer: CanvasRenderer
    /// Placement distribution.
    public var jitter: CanvasJitter
    /// Palette choice.
    public var palettes: CanvasPaletteChoice
    /// Standard deviation of the Gaussian noise added to every pixel channel (images then leave [−1, 1]).
    public var noise: Float

    /// A sampler.
    public init(renderer: CanvasRenderer, jitter: CanvasJitter, palettes: CanvasPaletteChoice, noise: Float) {
        self.renderer = renderer; self.jitter = jitter; self.palettes = palettes; self.noise = noise
    }

    /// Writes one random image of (style, object), fully determined by `generator`, to `pixels`.
    public func draw(style: CanvasStyle, object: CanvasObject, generator: inout SeededGenerator,
                     into pixels: UnsafeMutablePointer<Float>) {
        let placement = jitter.draw(style: style, size: renderer.size, generator: &generator)
        let palette = palettes.draw(style: style, generator: &generator)
        renderer.render(style: style, object: object, placement: placement, palette: palette, into: pixels)
        if noise > 0 {
            for index in 0..<renderer.pixelCount { pixels[index] += noise * generator.nextNormal() }
        }
    }
}

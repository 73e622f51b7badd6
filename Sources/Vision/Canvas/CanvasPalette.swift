import Engine

/// The colours of one image (RGB in [−1, 1]): a background and the two fill colours a texture mixes.
public struct CanvasPalette: Sendable, Equatable {
    /// Colour outside the object.
    public var background: SIMD3<Float>
    /// Fill colours at texture values −1 and +1; the object's pixels mix them.
    public var low: SIMD3<Float>, high: SIMD3<Float>
    /// How much the texture also shades the background (±, added to every channel); 0 leaves it plain.
    public var backgroundTexture: Float

    /// A palette.
    public init(background: SIMD3<Float>, low: SIMD3<Float>, high: SIMD3<Float>, backgroundTexture: Float = 0) {
        self.background = background; self.low = low; self.high = high; self.backgroundTexture = backgroundTexture
    }

    /// The style's own colours on a shared plain background, so that a style is told by its colours as
    /// well as its pattern and the background says nothing about the class.
    public static func of(_ style: CanvasStyle) -> CanvasPalette {
        let background = SIMD3<Float>(-0.6, -0.6, -0.55)
        switch style {
        case .stripes: return CanvasPalette(background: background, low: [0.9, -0.5, -0.5], high: [0.9, 0.8, -0.6])  // red and yellow
        case .checker: return CanvasPalette(background: background, low: [-0.6, -0.4, 0.9], high: [0.9, 0.9, 0.9])  // blue and white
        case .dots: return CanvasPalette(background: background, low: [-0.5, 0.6, -0.5], high: [0.9, -0.6, 0.8])  // magenta on green
        case .gradient: return CanvasPalette(background: background, low: [0.9, 0.3, -0.8], high: [0.3, -0.8, 0.8])  // orange to purple
        case .solid: return CanvasPalette(background: background, low: [-0.7, 0.7, 0.8], high: [-0.7, 0.7, 0.8])  // cyan
        }
    }

    /// Random colours: a dark background, a light fill, and the texture as a brightness change of
    /// ±`textureAmplitude` over the whole image, so that only the pattern tells the style.
    public static func random(textureAmplitude: Float, generator: inout SeededGenerator) -> CanvasPalette {
        let background = SIMD3<Float>(generator.uniform(-0.8, 0), generator.uniform(-0.8, 0), generator.uniform(-0.8, 0))
        let fill = SIMD3<Float>(generator.uniform(0.2, 0.9), generator.uniform(0.2, 0.9), generator.uniform(0.2, 0.9))
        return CanvasPalette(background: background, low: fill - textureAmplitude, high: fill + textureAmplitude,
                             backgroundTexture: textureAmplitude)
    }

    /// The palette with `shift` added to both fill colours.
    public func brightened(by shift: Float) -> CanvasPalette {
        CanvasPalette(background: background, low: low + shift, high: high + shift, backgroundTexture: backgroundTexture)
    }
}

/// How a sampler chooses each image's palette.
public enum CanvasPaletteChoice: Sendable {
    /// The style's own colours, the fill brightened by a uniform shift within ±`brightness`.
    case style(brightness: Float)
    /// Random colours with the texture as a brightness change of ±`textureAmplitude`.
    case random(textureAmplitude: Float)

    /// One palette for an image of `style`.
    public func draw(style: CanvasStyle, generator: inout SeededGenerator) -> CanvasPalette {
        switch self {
        case .style(let brightness):
            return brightness > 0 ? CanvasPalette.of(style).brightened(by: generator.uniform(-brightness, brightness)) : .of(style)
        case .random(let textureAmplitude):
            return .random(textureAmplitude: textureAmplitude, generator: &generator)
        }
    }
}

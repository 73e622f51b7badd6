import Canvas
import Engine
import Foundation

/// Renders one noisy styles × objects image (UnlearnCanvas's idea at 16×16, reference §5 and §11.2).
///
/// Everything that is not the class is jittered continuously (position, size, colours, texture period,
/// phase and orientation) and Gaussian pixel noise is added, so no two images are alike and a small
/// training set can be memorised without being learnable perfectly: the train/test gap that random
/// forgetting metrics need.
public struct CanvasRenderer: Sendable {
    /// Side of the square image in pixels.
    public var size: Int
    /// Standard deviation of the Gaussian noise added to every pixel channel.
    public var noise: Float
    /// Peak amplitude of the style texture.
    public var textureAmplitude: Float

    /// A renderer for `size × size × 3` images.
    public init(size: Int = 16, noise: Float = 0.3, textureAmplitude: Float = 0.5) {
        self.size = size
        self.noise = noise
        self.textureAmplitude = textureAmplitude
    }

    /// Writes one channels-last image (`size·size·3` floats, roughly in [−1, 1] before noise) to `pixels`.
    public func render(style: CanvasStyle, object: CanvasObject, generator: inout SeededGenerator,
                       into pixels: UnsafeMutablePointer<Float>) {
        let half = Float(size) / 2
        let center = (half + generator.uniform(-2.5, 2.5), half + generator.uniform(-2.5, 2.5))
        let radius = Float(size) * generator.uniform(0.22, 0.36)
        let background = (0..<3).map { _ in generator.uniform(-0.8, 0.0) }
        let foreground = (0..<3).map { _ in generator.uniform(0.2, 0.9) }
        let texture = TextureParameters(style: style, generator: &generator, size: size)
        for row in 0..<size {
            for column in 0..<size {
                let (x, y) = (Float(column) + 0.5, Float(row) + 0.5)
                let inside = Self.inside(object, x - center.0, y - center.1, radius)
                // A soft edge (half a pixel) keeps the jittered shapes from aliasing into a few templates.
                let coverage = 1 / (1 + Foundation.exp(-inside / 0.5))
                let shade = textureAmplitude * texture.value(x, y)
                for channel in 0..<3 {
                    let base = (1 - coverage) * background[channel] + coverage * foreground[channel]
                    pixels[(row * size + column) * 3 + channel] = base + shade + noise * generator.nextNormal()
                }
            }
        }
    }

    /// Signed depth of (dx, dy) inside the object (positive inside, in pixels).
    static func inside(_ object: CanvasObject, _ dx: Float, _ dy: Float, _ radius: Float) -> Float {
        switch object {
        case .circle:
            return radius - (dx * dx + dy * dy).squareRoot()
        case .square:
            return 0.8 * radius - max(Swift.abs(dx), Swift.abs(dy))
        case .triangle:
            // Equilateral, pointing up: inside all three edges, each at radius/2 from the centre.
            let normals: [(Float, Float)] = [(0, 1), (-0.866, -0.5), (0.866, -0.5)]
            return normals.map { radius / 2 - (dx * $0.0 + dy * $0.1) }.min() ?? 0
        case .cross:
            let bar = 0.35 * radius
            let horizontal = min(radius - Swift.abs(dx), bar - Swift.abs(dy))
            let vertical = min(radius - Swift.abs(dy), bar - Swift.abs(dx))
            return max(horizontal, vertical)
        }
    }
}

/// One image's draw of a style's texture: period, phases and orientation.
struct TextureParameters {
    let style: CanvasStyle
    let period: Float
    let angle: Float
    let phases: (Float, Float)
    let size: Int

    init(style: CanvasStyle, generator: inout SeededGenerator, size: Int) {
        self.style = style
        self.size = size
        period = generator.uniform(3.5, 5.5)
        angle = style == .gradient ? generator.uniform(0, 2 * Float.pi) : generator.uniform(-0.35, 0.35)
        phases = (generator.uniform(0, 2 * Float.pi), generator.uniform(0, 2 * Float.pi))
    }

    /// Texture intensity in [−1, 1] at (x, y).
    func value(_ x: Float, _ y: Float) -> Float {
        let (c, s) = (Foundation.cos(angle), Foundation.sin(angle))
        let (u, v) = (x * c + y * s, -x * s + y * c)
        let wave = 2 * Float.pi / period
        switch style {
        case .stripes:
            return Foundation.sin(wave * u + phases.0)
        case .checker:
            return Foundation.tanh(4 * Foundation.sin(wave * u + phases.0) * Foundation.sin(wave * v + phases.1))
        case .dots:
            let product = Foundation.cos(wave * u + phases.0) * Foundation.cos(wave * v + phases.1)
            return 2 * max(0, product) - 0.5
        case .gradient:
            return max(-1, min(1, (u - Float(size) / 2 * (c + s)) / (Float(size) / 2)))
        case .solid:
            return 0
        }
    }
}

extension SeededGenerator {
    /// A uniform float in [low, high).
    mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * nextUniform() }
}

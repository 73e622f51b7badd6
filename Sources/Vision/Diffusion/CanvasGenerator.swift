import Engine

/// Procedural UnlearnCanvas stand-in: every style paints every object as a 16×16 RGB image in [−1, 1].
///
/// A style is a texture plus a palette applied inside the object's silhouette; the background is shared,
/// so only the style says how the object is filled and only the object says which pixels are filled.
/// Images are row-major HWC, flattened to `pixelCount` floats.
public struct CanvasGenerator: Sendable {
    /// The world's words.
    public let vocabulary: CanvasVocabulary
    /// Side of the square image.
    public let side: Int

    /// Placement and texture jitter of one image.
    public struct Jitter: Sendable, Equatable {
        /// Centre of the object in pixels.
        public var centerX: Float, centerY: Float
        /// Half-extent of the object in pixels.
        public var radius: Float
        /// Texture offset in pixels.
        public var phase: Int
        /// Additive brightness shift of the palette.
        public var brightness: Float

        /// A jitter setting.
        public init(centerX: Float, centerY: Float, radius: Float, phase: Int, brightness: Float = 0) {
            self.centerX = centerX; self.centerY = centerY; self.radius = radius; self.phase = phase; self.brightness = brightness
        }
    }

    /// A generator for `vocabulary` drawing `side`×`side` images.
    public init(vocabulary: CanvasVocabulary = .standard, side: Int = 16) {
        self.vocabulary = vocabulary
        self.side = side
    }

    /// Floats per image.
    public var pixelCount: Int { side * side * 3 }

    /// The discrete jitter set the diffusion model is trained on: 2 sizes × 4 positions × 2 phases.
    /// A finite template set keeps the data manifold small enough for a 0.4M-parameter denoiser.
    public var discreteJitters: [Jitter] {
        let middle = Float(side) / 2
        var result: [Jitter] = []
        for radius in [Float(4), 5] {
            for (dx, dy) in [(-1.5, -1.5), (1.5, -1.5), (-1.5, 1.5), (1.5, 1.5)] as [(Float, Float)] {
                for phase in 0..<2 {
                    result.append(Jitter(centerX: middle + dx - 0.5, centerY: middle + dy - 0.5, radius: radius, phase: phase * 2))
                }
            }
        }
        return result
    }

    /// A continuously jittered placement for the detectors (wider than the templates so detectors
    /// generalise to the diffusion model's imperfect samples).
    public func continuousJitter(_ generator: inout SeededGenerator) -> Jitter {
        let middle = Float(side) / 2 - 0.5
        return Jitter(centerX: middle + (generator.nextUniform() * 2 - 1) * 2.5,
                      centerY: middle + (generator.nextUniform() * 2 - 1) * 2.5,
                      radius: 3.5 + generator.nextUniform() * 2.0,
                      phase: Int(generator.next() % 4),
                      brightness: (generator.nextUniform() * 2 - 1) * 0.15)
    }

    /// Renders one image into `destination` (`pixelCount` floats).
    public func render(style: Int, object: Int, jitter: Jitter, into destination: UnsafeMutablePointer<Float>) {
        let background: (Float, Float, Float) = (-0.6, -0.6, -0.55)
        for y in 0..<side {
            for x in 0..<side {
                let inside = Self.contains(object: object, x: Float(x), y: Float(y), jitter: jitter)
                var color = background
                if inside { color = texture(style: style, x: x, y: y, jitter: jitter) }
                let base = (y * side + x) * 3
                destination[base] = clamp(color.0 + (inside ? jitter.brightness : 0))
                destination[base + 1] = clamp(color.1 + (inside ? jitter.brightness : 0))
                destination[base + 2] = clamp(color.2 + (inside ? jitter.brightness : 0))
            }
        }
    }

    /// One rendered image as an array.
    public func image(style: Int, object: Int, jitter: Jitter) -> [Float] {
        var pixels = [Float](repeating: 0, count: pixelCount)
        pixels.withUnsafeMutableBufferPointer { render(style: style, object: object, jitter: jitter, into: $0.baseAddress!) }
        return pixels
    }

    /// The training templates: every style × object × discrete jitter, as `[N, pixelCount]` with labels.
    public func templates() -> (images: Tensor, styles: [Int], objects: [Int]) {
        let jitters = discreteJitters
        let total = vocabulary.styles.count * vocabulary.objects.count * jitters.count
        let images = Tensor(zeros: [total, pixelCount])
        var styles: [Int] = [], objects: [Int] = []
        var row = 0
        for style in 0..<vocabulary.styles.count {
            for object in 0..<vocabulary.objects.count {
                for jitter in jitters {
                    render(style: style, object: object, jitter: jitter, into: images.data + row * pixelCount)
                    styles.append(style); objects.append(object)
                    row += 1
                }
            }
        }
        return (images, styles, objects)
    }

    /// `count` continuously jittered images with uniformly random labels and Gaussian pixel noise of
    /// standard deviation `noise`, fully determined by `generator`.
    public func jitteredBatch(count: Int, noise: Float, generator: inout SeededGenerator) -> (images: Tensor, styles: [Int], objects: [Int]) {
        let images = Tensor(zeros: [count, pixelCount])
        var styles: [Int] = [], objects: [Int] = []
        for row in 0..<count {
            let style = Int(generator.next() % UInt64(vocabulary.styles.count))
            let object = Int(generator.next() % UInt64(vocabulary.objects.count))
            let jitter = continuousJitter(&generator)
            let destination = images.data + row * pixelCount
            render(style: style, object: object, jitter: jitter, into: destination)
            if noise > 0 {
                for index in 0..<pixelCount { destination[index] += noise * generator.nextNormal() }
            }
            styles.append(style); objects.append(object)
        }
        return (images, styles, objects)
    }

    /// Whether pixel (x, y) lies inside the object's silhouette.
    static func contains(object: Int, x: Float, y: Float, jitter: Jitter) -> Bool {
        let dx = x - jitter.centerX, dy = y - jitter.centerY, r = jitter.radius
        switch object % 4 {
        case 0:  // circle
            return dx * dx + dy * dy <= r * r
        case 1:  // square
            return abs(dx) <= r * 0.85 && abs(dy) <= r * 0.85
        case 2:  // triangle, apex up
            guard dy >= -r && dy <= r else { return false }
            let halfWidth = (dy + r) / 2
            return abs(dx) <= halfWidth
        default:  // cross
            let bar = max(1, r * 0.4)
            return (abs(dx) <= bar && abs(dy) <= r) || (abs(dy) <= bar && abs(dx) <= r)
        }
    }

    /// The style's colour at a pixel inside the object.
    func texture(style: Int, x: Int, y: Int, jitter: Jitter) -> (Float, Float, Float) {
        let p = jitter.phase
        switch style % 5 {
        case 0:  // stripes: horizontal bands of red and yellow, 2 px each
            return ((y + p) / 2) % 2 == 0 ? (0.9, -0.5, -0.5) : (0.9, 0.8, -0.6)
        case 1:  // checker: 2 px blue/white squares
            return (((x + p) / 2) + (y / 2)) % 2 == 0 ? (-0.6, -0.4, 0.9) : (0.9, 0.9, 0.9)
        case 2:  // dots: magenta 2 px dots on green
            return ((x + p) % 4 < 2 && (y + p) % 4 < 2) ? (0.9, -0.6, 0.8) : (-0.5, 0.6, -0.5)
        case 3:  // gradient: orange to purple across the object
            let t = max(0, min(1, (Float(x) - jitter.centerX + jitter.radius) / (2 * jitter.radius)))
            let u = p % 2 == 0 ? t : 1 - t
            return (0.9 - 0.6 * u, 0.3 - 1.1 * u, -0.8 + 1.6 * u)
        default:  // solid cyan
            return (-0.7, 0.7, 0.8)
        }
    }

    private func clamp(_ value: Float) -> Float { max(-1, min(1, value)) }
}

import Engine

/// A continuous distribution of placements, so that no two drawn images of a class are alike.
public struct CanvasJitter: Sendable {
    /// The object's centre lies within ±offset pixels of the image's middle on each axis.
    public var offset: Float
    /// Range of the object's half-extent in pixels.
    public var radius: ClosedRange<Float>
    /// Range of the texture's wavelength in pixels.
    public var period: ClosedRange<Float>
    /// Stripes, checks and dots turn by at most ±tilt radians; a gradient may point any way, since its
    /// direction is not what makes it a gradient.
    public var tilt: Float

    /// A distribution.
    public init(offset: Float, radius: ClosedRange<Float>, period: ClosedRange<Float>, tilt: Float) {
        self.offset = offset; self.radius = radius; self.period = period; self.tilt = tilt
    }

    /// One placement for a `size × size` image of `style`.
    public func draw(style: CanvasStyle, size: Int, generator: inout SeededGenerator) -> CanvasPlacement {
        let middle = Float(size) / 2
        return CanvasPlacement(
            centerX: middle + generator.uniform(-offset, offset), centerY: middle + generator.uniform(-offset, offset),
            radius: generator.uniform(radius.lowerBound, radius.upperBound),
            period: generator.uniform(period.lowerBound, period.upperBound),
            angle: style == .gradient ? generator.uniform(0, 2 * Float.pi) : generator.uniform(-tilt, tilt),
            phaseU: generator.uniform(0, 2 * Float.pi), phaseV: generator.uniform(0, 2 * Float.pi))
    }
}

extension SeededGenerator {
    /// A uniform float in [low, high) (`low` itself when the range is empty).
    mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * nextUniform() }
}

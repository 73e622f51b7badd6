/// Where one image's object sits and how its texture is laid: the part of an image that is not its class.
public struct CanvasPlacement: Sendable, Equatable {
    /// Centre of the object in pixels (pixel (column, row) has its centre at (column + 0.5, row + 0.5)).
    public var centerX: Float, centerY: Float
    /// Half-extent of the object in pixels.
    public var radius: Float
    /// Wavelength of the stripes, checks and dots in pixels.
    public var period: Float
    /// Direction of the texture in radians: the stripes' normal, the checks' axes, the gradient's ramp.
    public var angle: Float
    /// Phases of the texture along its two axes, in radians.
    public var phaseU: Float, phaseV: Float

    /// A placement.
    public init(centerX: Float, centerY: Float, radius: Float, period: Float = 4, angle: Float = 0,
                phaseU: Float = 0, phaseV: Float = 0) {
        self.centerX = centerX; self.centerY = centerY; self.radius = radius
        self.period = period; self.angle = angle; self.phaseU = phaseU; self.phaseV = phaseV
    }
}

import Foundation

// One texture per style, as a signed value in [−1, 1] that a palette turns into colour. Stripes, checks
// and dots are laid in image coordinates, so the object shows a window onto the pattern (the phases move
// the pattern, not the object); the gradient ramps across the object itself.

extension CanvasStyle {
    /// Whether the texture has edges that a renderer may draw two-tone; the gradient is a ramp and solid is flat.
    var hasEdges: Bool { self == .stripes || self == .checker || self == .dots }

    /// The texture at the point (x, y) of an image, in [−1, 1]; `frame` holds what the image's placement
    /// fixes, computed once per image rather than per pixel.
    func texture(x: Float, y: Float, frame: TextureFrame) -> Float {
        let u = x * frame.cosine + y * frame.sine, v = y * frame.cosine - x * frame.sine
        let (phaseU, phaseV) = (frame.placement.phaseU, frame.placement.phaseV)
        switch self {
        case .stripes:
            return sin(frame.wave * u + phaseU)
        case .checker:
            // tanh sharpens the product of two waves into squares while keeping its sign.
            return tanh(4 * sin(frame.wave * u + phaseU) * sin(frame.wave * v + phaseV))
        case .dots:
            // Positive only where both waves are: one dot per period cell.
            return min(cos(frame.wave * u + phaseU), cos(frame.wave * v + phaseV))
        case .gradient:
            return max(-1, min(1, (u - frame.centerU) / frame.placement.radius))
        case .solid:
            return 0
        }
    }
}

/// A placement's texture direction and wave number, computed once per image.
struct TextureFrame {
    let placement: CanvasPlacement
    let cosine: Float, sine: Float, wave: Float
    /// The object's centre projected on the texture's direction (where the gradient is at its middle).
    let centerU: Float

    init(_ placement: CanvasPlacement) {
        self.placement = placement
        cosine = cos(placement.angle)
        sine = sin(placement.angle)
        wave = 2 * Float.pi / placement.period
        centerU = placement.centerX * cosine + placement.centerY * sine
    }
}

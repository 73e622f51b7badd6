import Foundation

/// Draws a canvas image, the one drawing code of the world: the object's silhouette filled with its
/// style's texture in a palette's colours, over the palette's background.
///
/// The classifier images and the diffusion templates differ only in the parameters: soft or hard
/// silhouette edges, smooth or two-tone textures (here), and placement, palette and noise (CanvasSampler).
public struct CanvasRenderer: Sendable {
    /// Side of the square image in pixels.
    public var size: Int
    /// Width in pixels of the silhouette's sigmoid edge; 0 draws hard edges (a pixel is in or out).
    public var edgeSoftness: Float
    /// Whether stripes, checks and dots are drawn in two tones rather than shaded smoothly.
    public var hardTextureEdges: Bool

    /// A renderer of `size × size × 3` images.
    public init(size: Int = 16, edgeSoftness: Float, hardTextureEdges: Bool) {
        self.size = size
        self.edgeSoftness = edgeSoftness
        self.hardTextureEdges = hardTextureEdges
    }

    /// Floats per image.
    public var pixelCount: Int { size * size * 3 }

    /// Writes one channels-last image (`size·size·3` floats in [−1, 1]) to `pixels`.
    public func render(style: CanvasStyle, object: CanvasObject, placement: CanvasPlacement, palette: CanvasPalette,
                       into pixels: UnsafeMutablePointer<Float>) {
        let frame = TextureFrame(placement)
        let twoTone = hardTextureEdges && style.hasEdges
        for row in 0..<size {
            for column in 0..<size {
                let (x, y) = (Float(column) + 0.5, Float(row) + 0.5)
                let coverage = coverage(object.depth(dx: x - placement.centerX, dy: y - placement.centerY, radius: placement.radius))
                let signal = style.texture(x: x, y: y, frame: frame)
                let mix = twoTone ? (signal > 0 ? 1 : 0) : (1 + signal) / 2
                // Weighted sums rather than a + t·(b − a), so that weights 0 and 1 give the colours exactly.
                let fill = (1 - mix) * palette.low + mix * palette.high
                let ground = palette.background + palette.backgroundTexture * signal
                let color = ((1 - coverage) * ground + coverage * fill).clamped(lowerBound: SIMD3(repeating: -1), upperBound: SIMD3(repeating: 1))
                let base = (row * size + column) * 3
                pixels[base] = color.x
                pixels[base + 1] = color.y
                pixels[base + 2] = color.z
            }
        }
    }

    /// How much of a pixel at signed `depth` the object covers: a sigmoid of width `edgeSoftness`, or,
    /// at width 0, its limit (strictly inside is covered), so hard and soft edges share the silhouette.
    func coverage(_ depth: Float) -> Float {
        edgeSoftness > 0 ? 1 / (1 + exp(-depth / edgeSoftness)) : (depth > 0 ? 1 : 0)
    }
}

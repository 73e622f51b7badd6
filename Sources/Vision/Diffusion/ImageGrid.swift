import Engine
import Foundation

/// Lays canvas images out as a grid (rows × columns), upscaled by nearest neighbour, with gaps.
public struct ImageGrid {
    /// Pixel magnification.
    public var scale = 4
    /// Gap between cells in output pixels.
    public var gap = 2
    /// Image side in pixels (before scaling).
    public var side = 16

    /// A grid for `side`×`side` images.
    public init(side: Int = 16, scale: Int = 4, gap: Int = 2) { self.side = side; self.scale = scale; self.gap = gap }

    /// PNG bytes of the images `[rows·columns, side·side·3]` in [−1, 1], row-major over cells.
    public func png(_ images: Tensor, rows: Int, columns: Int) throws -> Data {
        precondition(images.shape[0] == rows * columns, "ImageGrid: \(images.shape[0]) images for \(rows)×\(columns)")
        let cell = side * scale
        let width = columns * cell + (columns + 1) * gap, height = rows * cell + (rows + 1) * gap
        var rgb = [UInt8](repeating: 255, count: width * height * 3)
        let pixels = side * side * 3
        for row in 0..<rows {
            for column in 0..<columns {
                let image = images.data + (row * columns + column) * pixels
                let left = gap + column * (cell + gap), top = gap + row * (cell + gap)
                for y in 0..<cell {
                    for x in 0..<cell {
                        let source = ((y / scale) * side + (x / scale)) * 3
                        let target = ((top + y) * width + (left + x)) * 3
                        for channel in 0..<3 {
                            let value = (image[source + channel] + 1) * 127.5
                            rgb[target + channel] = UInt8(max(0, min(255, value.rounded())))
                        }
                    }
                }
            }
        }
        return try PNGWriter.encode(width: width, height: height, rgb: rgb)
    }
}

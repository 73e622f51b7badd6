// One silhouette per object, as a signed depth rather than an inside test, so that the same geometry
// gives the diffusion templates' hard edges (depth > 0) and the classifier images' soft ones (a sigmoid
// of the depth).

extension CanvasObject {
    /// Signed depth in pixels of the offset (dx, dy) from the object's centre: positive inside, negative
    /// outside. `radius` is the object's half-extent; image y points down.
    public func depth(dx: Float, dy: Float, radius: Float) -> Float {
        switch self {
        case .circle:
            return radius - (dx * dx + dy * dy).squareRoot()
        case .square:
            return 0.7 * radius - max(abs(dx), abs(dy))
        case .triangle:
            // Equilateral, apex up, inside all three edges at 0.6·radius from its centroid; the centroid
            // sits 0.3·radius below the centre so the triangle spans ±0.9·radius vertically, about as much
            // of the image as the other objects.
            let (inradius, y) = (0.6 * radius, dy - 0.3 * radius)
            let halfRoot3: Float = 0.866_025_4
            return min(inradius - y, inradius + halfRoot3 * dx + y / 2, inradius - halfRoot3 * dx + y / 2)
        case .cross:
            let bar = 0.35 * radius
            let horizontal = min(radius - abs(dx), bar - abs(dy))
            let vertical = min(radius - abs(dy), bar - abs(dx))
            return max(horizontal, vertical)
        }
    }
}

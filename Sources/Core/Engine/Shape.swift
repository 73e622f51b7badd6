/// Shape arithmetic shared by every op: element counts, strides, broadcasting and axis normalisation.
public enum Shape {
    /// Number of elements of a shape (1 for a scalar).
    @inlinable public static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major strides, in elements.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// Replaces a single -1 in `shape` so that it holds `count` elements.
    public static func resolve(_ shape: [Int], count: Int) -> [Int] {
        let unknown = shape.indices.filter { shape[$0] == -1 }
        precondition(unknown.count <= 1, "reshape: more than one -1 in \(shape)")
        var resolved = shape
        if let axis = unknown.first {
            let known = shape.enumerated().filter { $0.offset != axis }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "reshape: cannot infer axis of \(shape) for \(count) elements")
            resolved[axis] = count / known
        }
        precondition(Self.count(resolved) == count, "reshape: \(shape) does not hold \(count) elements")
        return resolved
    }

    /// The shape two operands broadcast to under NumPy rules (trailing axes aligned; 1 stretches).
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for index in 0..<rank {
            let left = index < rank - a.count ? 1 : a[index - (rank - a.count)]
            let right = index < rank - b.count ? 1 : b[index - (rank - b.count)]
            precondition(left == right || left == 1 || right == 1, "broadcast: shapes \(a) and \(b) are incompatible")
            result[index] = left == 1 ? right : left
        }
        return result
    }

    /// Strides that read `shape` as if it had `target`'s shape: 0 along broadcast axes.
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let lead = target.count - shape.count
        return (0..<target.count).map { axis in
            axis < lead ? 0 : (shape[axis - lead] == 1 && target[axis] != 1 ? 0 : own[axis - lead])
        }
    }

    /// Maps a possibly negative axis into `0..<rank`.
    public static func axis(_ axis: Int, rank: Int) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        precondition(resolved >= 0 && resolved < rank, "axis \(axis) out of range for rank \(rank)")
        return resolved
    }
}

/// NumPy-style broadcasting for binary ops and the matching reduction for their gradients.
public enum Broadcasting {
    /// `a op b` where the shapes broadcast to a common shape.
    public static func apply(_ operation: BinaryOperation, _ a: Tensor, _ b: Tensor) -> Tensor {
        if a.shape == b.shape {
            let result = Tensor(uninitialized: a.shape)  // every element written
            Elementwise.binary(operation, a.data, b.data, result.data, count: a.count)
            return result
        }
        let shape = Shape.broadcast(a.shape, b.shape)
        let result = Tensor(zeros: shape)
        if result.count == 0 { return result }
        let aStrides = Shape.broadcastStrides(a.shape, to: shape)
        let bStrides = Shape.broadcastStrides(b.shape, to: shape)
        let inner = shape.last ?? 1
        let aStep = aStrides.last ?? 0, bStep = bStrides.last ?? 0
        let aData = a.data, bData = b.data, output = result.data
        forEachRow(shape) { row, coordinates in
            var aOffset = 0, bOffset = 0
            for axis in 0..<(shape.count - 1) {
                aOffset += coordinates[axis] * aStrides[axis]
                bOffset += coordinates[axis] * bStrides[axis]
            }
            let out = output + row * inner
            switch operation {
            case .add: for index in 0..<inner { out[index] = aData[aOffset + index * aStep] + bData[bOffset + index * bStep] }
            case .subtract: for index in 0..<inner { out[index] = aData[aOffset + index * aStep] - bData[bOffset + index * bStep] }
            case .multiply: for index in 0..<inner { out[index] = aData[aOffset + index * aStep] * bData[bOffset + index * bStep] }
            case .divide: for index in 0..<inner { out[index] = aData[aOffset + index * aStep] / bData[bOffset + index * bStep] }
            }
        }
        return result
    }

    /// Sums `tensor` over the axes along which `shape` was broadcast to reach `tensor.shape`.
    public static func reduce(_ tensor: Tensor, to shape: [Int]) -> Tensor {
        if tensor.shape == shape { return tensor }
        let result = Tensor(zeros: shape)
        if tensor.count == 0 { return result }
        let targetStrides = Shape.broadcastStrides(shape, to: tensor.shape)
        let inner = tensor.shape.last ?? 1
        let step = targetStrides.last ?? 0
        let source = tensor.data, destination = result.data
        forEachRow(tensor.shape) { row, coordinates in
            var offset = 0
            for axis in 0..<(tensor.shape.count - 1) { offset += coordinates[axis] * targetStrides[axis] }
            let input = source + row * inner
            if step == 0 {
                destination[offset] += Elementwise.sum(input, count: inner)
            } else {
                Elementwise.addInPlace(destination + offset, input, count: inner)
            }
        }
        return result
    }

    /// Calls `body(rowIndex, coordinates)` for every row (all axes but the last) in row-major order.
    static func forEachRow(_ shape: [Int], _ body: (Int, [Int]) -> Void) {
        let rows = shape.count <= 1 ? 1 : Shape.count(Array(shape.dropLast()))
        var coordinates = [Int](repeating: 0, count: max(shape.count - 1, 0))
        for row in 0..<rows {
            body(row, coordinates)
            var axis = coordinates.count - 1
            while axis >= 0 {
                coordinates[axis] += 1
                if coordinates[axis] < shape[axis] { break }
                coordinates[axis] = 0
                axis -= 1
            }
        }
    }
}

/// Differentiable reshaping, axis permutation, slicing and concatenation (results are contiguous).
extension Variable {
    /// The same elements under a new shape (no copy); one axis may be -1.
    public func reshaped(_ newShape: [Int]) -> Variable {
        let original = shape
        return Variable.record(value.reshaped(newShape), inputs: [self]) { gradient in [gradient.reshaped(original)] }
    }

    /// Swaps two axes.
    public func transposed(_ first: Int, _ second: Int) -> Variable {
        var order = Array(0..<shape.count)
        order.swapAt(Shape.axis(first, rank: shape.count), Shape.axis(second, rank: shape.count))
        return permuted(order)
    }

    /// Reorders axes: output axis i is input axis `order[i]`.
    public func permuted(_ order: [Int]) -> Variable {
        precondition(order.sorted() == Array(0..<shape.count), "permuted: \(order) is not a permutation of \(shape.count) axes")
        var inverse = [Int](repeating: 0, count: order.count)
        for (position, axis) in order.enumerated() { inverse[axis] = position }
        return Variable.record(ShapeKernels.permute(value, order), inputs: [self]) { gradient in
            [ShapeKernels.permute(gradient, inverse)]
        }
    }

    /// Elements `range` along `axis`.
    public func sliced(axis: Int, _ range: Range<Int>) -> Variable {
        let axis = Shape.axis(axis, rank: shape.count)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "sliced: \(range) outside axis of size \(shape[axis])")
        let inputShape = shape
        let outer = Shape.count(Array(inputShape[..<axis])), inner = Shape.count(Array(inputShape[(axis + 1)...]))
        var outputShape = inputShape
        outputShape[axis] = range.count
        let result = Tensor(zeros: outputShape)
        for block in 0..<outer {
            (result.data + block * range.count * inner).update(
                from: value.data + (block * inputShape[axis] + range.lowerBound) * inner, count: range.count * inner)
        }
        return Variable.record(result, inputs: [self]) { gradient in
            let expanded = Tensor(zeros: inputShape)
            for block in 0..<outer {
                (expanded.data + (block * inputShape[axis] + range.lowerBound) * inner).update(
                    from: gradient.data + block * range.count * inner, count: range.count * inner)
            }
            return [expanded]
        }
    }
}

/// Joins variables along `axis`; all other axes must agree.
public func concatenate(_ parts: [Variable], axis: Int) -> Variable {
    precondition(!parts.isEmpty, "concatenate: no inputs")
    let rank = parts[0].shape.count
    let axis = Shape.axis(axis, rank: rank)
    for part in parts {
        var expected = parts[0].shape, actual = part.shape
        precondition(actual.count == rank, "concatenate: rank mismatch \(part.shape) vs \(parts[0].shape)")
        expected[axis] = 0; actual[axis] = 0
        precondition(expected == actual, "concatenate: \(part.shape) does not match \(parts[0].shape) off axis \(axis)")
    }
    let lengths = parts.map { $0.shape[axis] }
    let total = lengths.reduce(0, +)
    var outputShape = parts[0].shape
    outputShape[axis] = total
    let outer = Shape.count(Array(outputShape[..<axis])), inner = Shape.count(Array(outputShape[(axis + 1)...]))
    let result = Tensor(zeros: outputShape)
    var start = 0
    for (part, length) in zip(parts, lengths) {
        for block in 0..<outer {
            (result.data + (block * total + start) * inner).update(from: part.value.data + block * length * inner, count: length * inner)
        }
        start += length
    }
    let shapes = parts.map(\.shape)
    return Variable.record(result, inputs: parts) { gradient in
        var start = 0
        return zip(shapes, lengths).map { shape, length in
            let piece = Tensor(zeros: shape)
            for block in 0..<outer {
                (piece.data + block * length * inner).update(from: gradient.data + (block * total + start) * inner, count: length * inner)
            }
            start += length
            return piece
        }
    }
}

/// Materialising axis permutation.
enum ShapeKernels {
    static func permute(_ tensor: Tensor, _ order: [Int]) -> Tensor {
        let inputShape = tensor.shape
        let outputShape = order.map { inputShape[$0] }
        let result = Tensor(zeros: outputShape)
        if result.count == 0 { return result }
        let inputStrides = Shape.strides(inputShape)
        let readStrides = order.map { inputStrides[$0] }
        let inner = outputShape.last ?? 1, innerStride = readStrides.last ?? 1
        let source = tensor.data, destination = result.data
        Broadcasting.forEachRow(outputShape) { row, coordinates in
            var offset = 0
            for axis in 0..<(outputShape.count - 1) { offset += coordinates[axis] * readStrides[axis] }
            let out = destination + row * inner
            for index in 0..<inner { out[index] = source[offset + index * innerStride] }
        }
        return result
    }
}

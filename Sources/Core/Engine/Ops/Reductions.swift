/// Differentiable sums and means, over everything or along one axis.
extension Variable {
    /// Sum of all elements (a scalar of shape `[]`).
    public func sum() -> Variable {
        let shape = self.shape
        return Variable.record(Tensor(scalar: Elementwise.sum(value.data, count: value.count)), inputs: [self]) { gradient in
            [Tensor(repeating: gradient.scalar, shape: shape)]
        }
    }

    /// Mean of all elements.
    public func mean() -> Variable { sum().scaled(by: 1 / Float(max(value.count, 1))) }

    /// Sum along `axis`, removing it (or keeping it as size 1).
    public func sum(axis: Int, keepingDimension: Bool = false) -> Variable {
        let axis = Shape.axis(axis, rank: shape.count)
        let inputShape = shape
        let outer = Shape.count(Array(inputShape[..<axis])), length = inputShape[axis]
        let inner = Shape.count(Array(inputShape[(axis + 1)...]))
        var reducedShape = inputShape
        reducedShape[axis] = 1
        let result = Tensor(zeros: reducedShape)
        let source = value.data
        for block in 0..<outer {
            let destination = result.data + block * inner
            for position in 0..<length {
                Elementwise.addInPlace(destination, source + (block * length + position) * inner, count: inner)
            }
        }
        var outputShape = reducedShape
        if !keepingDimension { outputShape.remove(at: axis) }
        return Variable.record(result.reshaped(outputShape), inputs: [self]) { gradient in
            let expanded = Tensor(zeros: inputShape)
            for block in 0..<outer {
                for position in 0..<length {
                    (expanded.data + (block * length + position) * inner).update(from: gradient.data + block * inner, count: inner)
                }
            }
            return [expanded]
        }
    }

    /// Mean along `axis`.
    public func mean(axis: Int, keepingDimension: Bool = false) -> Variable {
        let length = shape[Shape.axis(axis, rank: shape.count)]
        return sum(axis: axis, keepingDimension: keepingDimension).scaled(by: 1 / Float(max(length, 1)))
    }
}

/// Mean squared error between two same-shaped variables: mean((a − b)²).
public func meanSquaredError(_ prediction: Variable, _ target: Variable) -> Variable {
    precondition(prediction.shape == target.shape, "meanSquaredError: \(prediction.shape) vs \(target.shape)")
    return (prediction - target).squared().mean()
}

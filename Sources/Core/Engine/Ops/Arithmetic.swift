/// Differentiable arithmetic on variables, with NumPy broadcasting.
extension Variable {
    /// Elementwise sum (broadcasting).
    public static func + (lhs: Variable, rhs: Variable) -> Variable {
        let (aShape, bShape) = (lhs.shape, rhs.shape)
        return record(Broadcasting.apply(.add, lhs.value, rhs.value), inputs: [lhs, rhs]) { gradient in
            [Broadcasting.reduce(gradient, to: aShape), Broadcasting.reduce(gradient, to: bShape)]
        }
    }

    /// Elementwise difference (broadcasting).
    public static func - (lhs: Variable, rhs: Variable) -> Variable {
        let (aShape, bShape) = (lhs.shape, rhs.shape)
        return record(Broadcasting.apply(.subtract, lhs.value, rhs.value), inputs: [lhs, rhs]) { gradient in
            let negated = Tensor(zeros: gradient.shape)
            Elementwise.scale(gradient.data, by: -1, into: negated.data, count: gradient.count)
            return [Broadcasting.reduce(gradient, to: aShape), Broadcasting.reduce(negated, to: bShape)]
        }
    }

    /// Elementwise product (broadcasting).
    public static func * (lhs: Variable, rhs: Variable) -> Variable {
        let (a, b) = (lhs.value, rhs.value)
        let (needA, needB) = (lhs.requiresGradient, rhs.requiresGradient)
        return record(Broadcasting.apply(.multiply, a, b), inputs: [lhs, rhs]) { gradient in
            [needA ? Broadcasting.reduce(Broadcasting.apply(.multiply, gradient, b), to: a.shape) : nil,
             needB ? Broadcasting.reduce(Broadcasting.apply(.multiply, gradient, a), to: b.shape) : nil]
        }
    }

    /// Elementwise quotient (broadcasting).
    public static func / (lhs: Variable, rhs: Variable) -> Variable {
        let (a, b) = (lhs.value, rhs.value)
        let quotient = Broadcasting.apply(.divide, a, b)
        let (needA, needB) = (lhs.requiresGradient, rhs.requiresGradient)
        return record(quotient, inputs: [lhs, rhs]) { gradient in
            let scaled = Broadcasting.apply(.divide, gradient, b)  // g / b
            var gradientB: Tensor? = nil
            if needB {
                // d(a/b)/db = -(a/b)/b, so the contribution is -(g/b)·(a/b).
                let product = Broadcasting.apply(.multiply, scaled, quotient)
                Elementwise.scale(product.data, by: -1, into: product.data, count: product.count)
                gradientB = Broadcasting.reduce(product, to: b.shape)
            }
            return [needA ? Broadcasting.reduce(scaled, to: a.shape) : nil, gradientB]
        }
    }

    /// Negation.
    public static prefix func - (operand: Variable) -> Variable { operand.scaled(by: -1) }

    /// `self · factor` for a constant factor.
    public func scaled(by factor: Float) -> Variable {
        let result = Tensor(zeros: shape)
        Elementwise.scale(value.data, by: factor, into: result.data, count: result.count)
        return Variable.record(result, inputs: [self]) { gradient in
            let scaled = Tensor(zeros: gradient.shape)
            Elementwise.scale(gradient.data, by: factor, into: scaled.data, count: gradient.count)
            return [scaled]
        }
    }

    /// `self + constant`.
    public func shifted(by constant: Float) -> Variable {
        let result = value.copy()
        for index in 0..<result.count { result.data[index] += constant }
        return Variable.record(result, inputs: [self]) { gradient in [gradient] }
    }

    /// `self · factor`.
    public static func * (lhs: Variable, rhs: Float) -> Variable { lhs.scaled(by: rhs) }
    /// `factor · self`.
    public static func * (lhs: Float, rhs: Variable) -> Variable { rhs.scaled(by: lhs) }
    /// `self + constant`.
    public static func + (lhs: Variable, rhs: Float) -> Variable { lhs.shifted(by: rhs) }
    /// `self - constant`.
    public static func - (lhs: Variable, rhs: Float) -> Variable { lhs.shifted(by: -rhs) }
    /// `constant - self`.
    public static func - (lhs: Float, rhs: Variable) -> Variable { rhs.scaled(by: -1).shifted(by: lhs) }
    /// `self / constant`.
    public static func / (lhs: Variable, rhs: Float) -> Variable { lhs.scaled(by: 1 / rhs) }
}

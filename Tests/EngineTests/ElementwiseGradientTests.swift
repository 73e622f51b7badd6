import Testing
@testable import Engine

/// Finite-difference checks of the arithmetic, unary, reduction and shape ops.
@Suite struct ElementwiseGradientTests {
    @Test func broadcastingArithmetic() {
        let a = GradientCheck.leaf([2, 3, 4], seed: 1)
        let row = GradientCheck.leaf([4], seed: 2)
        let column = GradientCheck.leaf([2, 1, 4], seed: 3)
        let divisor = GradientCheck.uniformLeaf([3, 1], seed: 4, low: 0.5, high: 2)
        GradientCheck.check([a, row]) { a + row }
        GradientCheck.check([a, column]) { a - column }
        GradientCheck.check([a, row, column]) { a * row * column }
        GradientCheck.check([a, divisor]) { a / divisor }
        GradientCheck.check([row, divisor]) { row / divisor }  // both sides broadcast: [4] and [3, 1] → [3, 4]
    }

    @Test func scalarArithmetic() {
        let x = GradientCheck.leaf([5], seed: 5)
        GradientCheck.check([x]) { (x * 3 + 2) - (1 - x) / 4 }
        GradientCheck.check([x]) { -x }
    }

    @Test func unaryFunctions() {
        let x = GradientCheck.leaf([3, 5], seed: 6)
        let positive = GradientCheck.uniformLeaf([3, 5], seed: 7, low: 0.5, high: 3)
        let awayFromZero = Variable(Tensor(x.value.scalars.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }, shape: [3, 5]), requiresGradient: true)
        GradientCheck.check([x]) { x.exp() }
        GradientCheck.check([positive]) { positive.log() }
        GradientCheck.check([x]) { x.sigmoid() }
        GradientCheck.check([x]) { x.logSigmoid() }
        GradientCheck.check([x]) { x.softplus() }
        GradientCheck.check([x]) { x.tanh() }
        GradientCheck.check([awayFromZero]) { awayFromZero.relu() }
        GradientCheck.check([awayFromZero]) { awayFromZero.abs() }
        GradientCheck.check([x]) { x.squared() }
        GradientCheck.check([positive]) { positive.squareRoot() }
        GradientCheck.check([positive]) { positive.power(1.7) }
        GradientCheck.check([awayFromZero]) { awayFromZero.clamped(-0.05, 0.05) + awayFromZero.clamped(-10, 10) }
    }

    @Test func activations() {
        let x = GradientCheck.leaf([4, 6], seed: 8, scale: 2)
        let y = GradientCheck.leaf([4, 6], seed: 9)
        GradientCheck.check([x]) { x.silu() }
        GradientCheck.check([x]) { x.gelu() }
        GradientCheck.check([x, y]) { swiglu(gate: x, up: y) }
    }

    @Test func reductions() {
        let x = GradientCheck.leaf([2, 3, 4], seed: 10)
        GradientCheck.check([x]) { x.sum() }
        GradientCheck.check([x]) { x.mean() }
        for axis in 0..<3 {
            GradientCheck.check([x]) { x.sum(axis: axis) }
            GradientCheck.check([x]) { x.mean(axis: axis, keepingDimension: true) }
        }
        let target = GradientCheck.leaf([2, 3, 4], seed: 12)
        GradientCheck.check([x, target]) { meanSquaredError(x, target) }
    }

    @Test func shapeOps() {
        let x = GradientCheck.leaf([2, 3, 4], seed: 13)
        let y = GradientCheck.leaf([2, 2, 4], seed: 14)
        GradientCheck.check([x]) { x.reshaped([6, -1]) }
        GradientCheck.check([x]) { x.transposed(0, 2) }
        GradientCheck.check([x]) { x.permuted([1, 2, 0]) }
        GradientCheck.check([x]) { x.sliced(axis: 1, 1..<3) }
        GradientCheck.check([x, y]) { concatenate([x, y, x], axis: 1) }
    }

    @Test func shapeOpValues() {
        let x = Variable(Tensor((0..<6).map(Float.init), shape: [2, 3]))
        #expect(x.transposed(0, 1).value.scalars == [0, 3, 1, 4, 2, 5])
        #expect(x.sliced(axis: 1, 1..<3).value.scalars == [1, 2, 4, 5])
        #expect(concatenate([x, x.sliced(axis: 1, 0..<1)], axis: 1).value.scalars == [0, 1, 2, 0, 3, 4, 5, 3])
        #expect(x.sum(axis: 0).value.scalars == [3, 5, 7])
        #expect((x + Variable(Tensor([10, 20], shape: [2, 1]))).value.scalars == [10, 11, 12, 23, 24, 25])
    }
}

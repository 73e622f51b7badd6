import Foundation
import Testing
@testable import Engine

extension VectorKernelSwitching {
    /// The AVX-512 exponential, maximum, SwiGLU and cross-entropy paths against the portable Swift loops
    /// they replace, on lengths around the 16-lane step and on special values.
    @Suite(.enabled(if: VectorKernels.available, "this CPU has no AVX-512: the portable loops always run"))
    final class VectorMathKernelTests {
        // Whatever a test did, the kernels are back on for the next one.
        deinit { VectorKernels.allowed = true }

        /// `body` through the portable loops and through the kernels.
        private func both<T>(_ body: () -> T) -> (portable: T, vectorised: T) {
            VectorKernels.allowed = false
            let portable = body()
            VectorKernels.allowed = true
            return (portable, body())
        }

        @Test func exponentialsAndMaximaMatchPortableLoops() {
            var generator = SeededGenerator(seed: 90)
            for count in [1, 15, 16, 17, 33, 1000, 49152] {
                let values = Tensor.normal([count], standardDeviation: 8, generator: &generator)
                let shift: Float = 3.5
                let maxima = both { VectorExponential.maximum(values.data, count: count) }
                #expect(maxima.vectorised == maxima.portable, "maximum of \(count)")
                let sums = both { VectorExponential.sumOfExponentials(values.data, minus: shift, count: count) }
                #expect(abs(sums.vectorised - sums.portable) <= 2e-6 * sums.portable, "Σ e^x of \(count)")
                let written = both { () -> ([Float], Float) in
                    let output = Tensor(zeros: [count])
                    let total = VectorExponential.exponentiate(values.data, minus: shift, times: 0.5, into: output.data, count: count)
                    return (output.scalars, total)
                }
                assertClose(written.vectorised.0, written.portable.0, tolerance: 2e-6)
                #expect(abs(written.vectorised.1 - written.portable.1) <= 2e-6 * written.portable.1)
            }
        }

        @Test func specialValues() {
            let values: [Float] = [0, -.infinity, .infinity, -200, 200, 88.7, -87.4, .nan, 1e-30, -1e-30, 1, -1, 10, -10, 50, -50, 3]
            let source = Tensor(values, shape: [values.count])
            let output = Tensor(zeros: [values.count])
            VectorExponential.exponentiate(source.data, minus: 0, into: output.data, count: values.count)
            let result = output.scalars
            #expect(result[0] == 1)
            #expect(result[1] == 0, "e^−∞")
            #expect(result[2] == .infinity, "e^∞")
            #expect(result[3] == 0, "underflow")
            #expect(result[4] == .infinity, "overflow")
            let largest = Foundation.exp(Double(values[5]))  // of the float nearest 88.7
            #expect(abs(Double(result[5]) - largest) <= 3e-7 * largest)
            #expect(result[7].isNaN, "NaN stays NaN")
            for index in 8..<values.count {
                let expected = Foundation.exp(Double(values[index]))
                #expect(abs(Double(result[index]) - expected) <= 2.5e-7 * expected, "e^\(values[index])")
            }
            #expect(VectorExponential.maximum(source.data, count: values.count) == .infinity)
        }

        @Test func swiGLUAndCrossEntropyMatchPortableLoops() {
            var generator = SeededGenerator(seed: 91)
            let gate = Tensor.normal([3, 7, 37], standardDeviation: 4, generator: &generator)
            let up = Tensor.normal([3, 7, 37], generator: &generator)
            let upstream = Tensor.normal([3, 7, 37], generator: &generator)
            let swiglus = both { () -> [[Float]] in
                let (g, u) = (Variable(gate, requiresGradient: true), Variable(up, requiresGradient: true))
                let output = swiglu(gate: g, up: u)
                (output * Variable(upstream)).sum().backward()
                return [output.value.scalars, g.gradient!.scalars, u.gradient!.scalars]
            }
            for index in 0..<3 { assertClose(swiglus.vectorised[index], swiglus.portable[index], tolerance: 2e-6) }

            let logits = Tensor.normal([2, 5, 1003], standardDeviation: 3, generator: &generator)
            let targets = [4, -100, 1002, 0, 17, 500, -100, 3, 999, 1]
            let losses = both { () -> [[Float]] in
                let input = Variable(logits, requiresGradient: true)
                let loss = tokenNegativeLogLikelihood(logits: input, targets: targets)
                loss.sum().backward()
                return [loss.value.scalars, input.gradient!.scalars]
            }
            assertClose(losses.vectorised[0], losses.portable[0], tolerance: 2e-6)
            assertClose(losses.vectorised[1], losses.portable[1], tolerance: 2e-6)
            // Ignored rows get exactly zero gradient although the gradient buffer starts unset.
            #expect(losses.vectorised[1][1003..<2006].allSatisfy { $0 == 0 })
        }
    }
}

import Foundation

/// Vectorised elementwise loops over raw buffers (`SIMD16<Float>` with plain `*`/`+`, which compiles to
/// packed instructions on baseline x86-64; `addProduct` would become libm calls).
public enum Elementwise {
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>, _ index: Int) -> SIMD16<Float> {
        UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inline(__always) static func store(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>, _ index: Int) {
        UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: SIMD16<Float>.self)
    }

    /// `destination[i] += source[i]`.
    public static func addInPlace(_ destination: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, count: Int) {
        var index = 0
        while index &+ 16 <= count {
            store(load(destination, index) + load(source, index), destination, index)
            index &+= 16
        }
        while index < count { destination[index] += source[index]; index &+= 1 }
    }

    /// `destination[i] += scale * source[i]`.
    public static func addScaledInPlace(_ destination: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>,
                                        scale: Float, count: Int) {
        let factor = SIMD16<Float>(repeating: scale)
        var index = 0
        while index &+ 16 <= count {
            store(load(destination, index) + factor * load(source, index), destination, index)
            index &+= 16
        }
        while index < count { destination[index] += scale * source[index]; index &+= 1 }
    }

    /// `destination[i] = a[i] op b[i]` for the four arithmetic operators, same shapes.
    public static func binary(_ operation: BinaryOperation, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                              _ destination: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        switch operation {
        case .add:
            while index &+ 16 <= count { store(load(a, index) + load(b, index), destination, index); index &+= 16 }
            while index < count { destination[index] = a[index] + b[index]; index &+= 1 }
        case .subtract:
            while index &+ 16 <= count { store(load(a, index) - load(b, index), destination, index); index &+= 16 }
            while index < count { destination[index] = a[index] - b[index]; index &+= 1 }
        case .multiply:
            while index &+ 16 <= count { store(load(a, index) * load(b, index), destination, index); index &+= 16 }
            while index < count { destination[index] = a[index] * b[index]; index &+= 1 }
        case .divide:
            while index &+ 16 <= count { store(load(a, index) / load(b, index), destination, index); index &+= 16 }
            while index < count { destination[index] = a[index] / b[index]; index &+= 1 }
        }
    }

    /// `destination[i] = scale * source[i]`.
    public static func scale(_ source: UnsafePointer<Float>, by scale: Float, into destination: UnsafeMutablePointer<Float>, count: Int) {
        let factor = SIMD16<Float>(repeating: scale)
        var index = 0
        while index &+ 16 <= count { store(factor * load(source, index), destination, index); index &+= 16 }
        while index < count { destination[index] = scale * source[index]; index &+= 1 }
    }

    /// Sum of `count` floats, accumulated in 16 lanes then in double (stable and order-fixed).
    public static func sum(_ source: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD16<Float>(repeating: 0)
        var index = 0
        var total = 0.0
        // Flush the lanes into double every 4096 elements so long sums do not lose low-order bits.
        while index &+ 16 <= count {
            lanes += load(source, index)
            index &+= 16
            if index & 4095 == 0 { total += Double(lanes.sum()); lanes = .zero }
        }
        total += Double(lanes.sum())
        while index < count { total += Double(source[index]); index &+= 1 }
        return Float(total)
    }

    /// Dot product of two float buffers, accumulated in 16 lanes.
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD16<Float>(repeating: 0)
        var index = 0
        while index &+ 16 <= count { lanes += load(a, index) * load(b, index); index &+= 16 }
        var total = lanes.sum()
        while index < count { total += a[index] * b[index]; index &+= 1 }
        return total
    }
}

/// The four arithmetic operators of binary elementwise ops.
public enum BinaryOperation: Sendable {
    case add, subtract, multiply, divide
}

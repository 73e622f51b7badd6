/// A dense, row-major (C order) block of `Float`s with a shape: a view onto a `TensorStorage`.
///
/// Tensors have reference semantics for their data, as in PyTorch: two copies of a `Tensor` value share
/// storage, and kernels write through `data`. Use `copy()` for an independent tensor. Every tensor is
/// contiguous; ops that would make strided views (transpose, slice) materialise their result instead,
/// which keeps every kernel a plain loop over raw memory.
public struct Tensor: @unchecked Sendable {
    /// The buffer this tensor views.
    public let storage: TensorStorage
    /// Index of the first element inside `storage`.
    public let offset: Int
    /// Extent of each axis, outermost first. An empty shape is a scalar.
    public let shape: [Int]

    /// A zero-filled tensor of the given shape.
    public init(zeros shape: [Int]) {
        let count = Shape.count(shape)
        self.storage = TensorStorage(count: count)
        self.offset = 0
        self.shape = shape
    }

    /// A tensor whose elements are left unset, for outputs a kernel overwrites completely (a GEMM with
    /// β = 0): skips zeroing, which costs as much as a small GEMM's arithmetic.
    public init(uninitialized shape: [Int]) {
        self.storage = TensorStorage(count: Shape.count(shape), zeroed: false)
        self.offset = 0
        self.shape = shape
    }

    /// A tensor holding a copy of `values`, which must have `Shape.count(shape)` elements.
    public init(_ values: [Float], shape: [Int]) {
        precondition(values.count == Shape.count(shape), "Tensor: \(values.count) values do not fill shape \(shape)")
        self.init(zeros: shape)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { data.update(from: base, count: values.count) }
        }
    }

    /// A tensor with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(zeros: shape)
        if value != 0 { data.update(repeating: value, count: count) }
    }

    /// A scalar (shape `[]`) tensor.
    public init(scalar value: Float) { self.init([value], shape: []) }

    /// A view of `count(shape)` elements of `storage` starting at `offset`.
    public init(storage: TensorStorage, offset: Int, shape: [Int]) {
        precondition(offset >= 0 && offset + Shape.count(shape) <= storage.count, "Tensor: view \(shape) at \(offset) exceeds storage of \(storage.count)")
        self.storage = storage
        self.offset = offset
        self.shape = shape
    }

    /// Number of elements.
    @inlinable public var count: Int { Shape.count(shape) }
    /// Number of axes.
    @inlinable public var rank: Int { shape.count }
    /// Pointer to the first element.
    @inlinable public var data: UnsafeMutablePointer<Float> { storage.pointer + offset }

    /// The elements in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// The single element of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "Tensor.scalar: tensor of shape \(shape) has \(count) elements")
        return data[0]
    }

    /// An independent copy with its own storage.
    public func copy() -> Tensor {
        let result = Tensor(zeros: shape)
        result.data.update(from: data, count: count)
        return result
    }

    /// The same elements under a new shape with the same element count (no copy). One axis may be -1.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(storage: storage, offset: offset, shape: Shape.resolve(newShape, count: count))
    }

    /// Sets every element to zero.
    public func zero() { data.update(repeating: 0, count: count) }

    /// Copies the elements of `other` (same element count) into this tensor.
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "Tensor.assign: \(other.shape) into \(shape)")
        data.update(from: other.data, count: count)
    }
}

extension Tensor: CustomStringConvertible {
    /// Shape and the first few values, for debugging.
    public var description: String {
        let shown = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
    }
}

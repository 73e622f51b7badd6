/// Converts ggml tensor storage (plain or block-quantized) to Float.
///
/// Kernels walk whole blocks with raw pointers and a shared fp16 lookup table: no per-element
/// allocation, closures or bounds-checked collection access in the hot loops.
public enum GGMLDequantizer {
    /// Types `dequantize` implements.
    public static let supportedTypes: Set<GGMLType> = [
        .f32, .f16, .bf16, .f64, .i8, .i16, .i32, .i64,
        .q4_0, .q4_1, .q5_0, .q5_1, .q8_0,
        .q2_K, .q3_K, .q4_K, .q5_K, .q6_K,
    ]

    public static func supports(_ type: GGMLType) -> Bool { supportedTypes.contains(type) }

    /// Dequantizes `source` (exactly `type.byteCount(elementCount: destination.count)` bytes).
    public static func dequantize(
        _ type: GGMLType, from source: UnsafeRawBufferPointer, into destination: UnsafeMutableBufferPointer<Float>
    ) throws {
        guard supports(type) else {
            throw CheckpointError.unsupported("dequantizer", "cannot dequantize ggml type \(type.name) (id \(type.rawValue))")
        }
        guard let expected = type.byteCount(elementCount: destination.count), expected == source.count else {
            throw CheckpointError.invalidArgument("dequantizer", "\(source.count) bytes of \(type.name) cannot hold \(destination.count) elements")
        }
        guard destination.count > 0, let input = source.baseAddress, let output = destination.baseAddress else { return }
        let blocks = destination.count / (type.blockSize ?? 1)
        FloatConversions.halfTable.withUnsafeBufferPointer { table in
            // `table` is never empty, so the base address exists.
            guard let half = table.baseAddress else { return }
            switch type {
            case .f32: PlainKernels.float32(input, output, destination.count)
            case .f16: PlainKernels.float16(input, output, destination.count, half)
            case .bf16: PlainKernels.bfloat16(input, output, destination.count)
            case .f64: PlainKernels.float64(input, output, destination.count)
            case .i8: PlainKernels.integers(input, output, destination.count, Int8.self)
            case .i16: PlainKernels.integers(input, output, destination.count, Int16.self)
            case .i32: PlainKernels.integers(input, output, destination.count, Int32.self)
            case .i64: PlainKernels.integers(input, output, destination.count, Int64.self)
            case .q4_0: LegacyQuantKernels.q4_0(input, output, blocks, half)
            case .q4_1: LegacyQuantKernels.q4_1(input, output, blocks, half)
            case .q5_0: LegacyQuantKernels.q5_0(input, output, blocks, half)
            case .q5_1: LegacyQuantKernels.q5_1(input, output, blocks, half)
            case .q8_0: LegacyQuantKernels.q8_0(input, output, blocks, half)
            case .q2_K: KQuantKernels.q2_K(input, output, blocks, half)
            case .q3_K: KQuantKernels.q3_K(input, output, blocks, half)
            case .q4_K: KQuantKernels.q4_K(input, output, blocks, half)
            case .q5_K: KQuantKernels.q5_K(input, output, blocks, half)
            case .q6_K: KQuantKernels.q6_K(input, output, blocks, half)
            default: break  // unreachable: filtered by `supports` above
            }
        }
    }

    /// Convenience wrapper returning a new array of `elementCount` values.
    public static func dequantize(_ type: GGMLType, from source: UnsafeRawBufferPointer, elementCount: Int) throws -> [Float] {
        guard elementCount >= 0 else {
            throw CheckpointError.invalidArgument("dequantizer", "negative element count \(elementCount)")
        }
        // Validate before allocating so a bogus count cannot trigger a huge allocation.
        guard let expected = type.byteCount(elementCount: elementCount), expected == source.count else {
            throw CheckpointError.invalidArgument("dequantizer", "\(source.count) bytes of \(type.name) cannot hold \(elementCount) elements")
        }
        var failure: Error?
        let values = [Float](unsafeUninitializedCapacity: elementCount) { buffer, initialized in
            do {
                try dequantize(type, from: source, into: buffer)
            } catch {
                failure = error
                buffer.initialize(repeating: 0)
            }
            initialized = elementCount
        }
        if let failure { throw failure }
        return values
    }
}

/// Reads a little-endian fp16 at `offset` through the decode table.
@inline(__always)
func loadHalf(_ pointer: UnsafeRawPointer, _ offset: Int, _ table: UnsafePointer<Float>) -> Float {
    table[Int(UInt16(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))]
}

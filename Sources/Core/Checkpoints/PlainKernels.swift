/// Element-wise conversions for the non-block ggml types (F32, F16, BF16, F64, I8…I64).
enum PlainKernels {
    static func float32(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
        for index in 0..<count {
            output[index] = Float(bitPattern: UInt32(littleEndian: input.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self)))
        }
    }

    static func float16(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int, _ half: UnsafePointer<Float>) {
        for index in 0..<count { output[index] = loadHalf(input, index &* 2, half) }
    }

    static func bfloat16(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
        for index in 0..<count {
            let bits = UInt16(littleEndian: input.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self))
            output[index] = Float(bitPattern: UInt32(bits) << 16)
        }
    }

    static func float64(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
        for index in 0..<count {
            output[index] = Float(Double(bitPattern: UInt64(littleEndian: input.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self))))
        }
    }

    static func integers<T: FixedWidthInteger>(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int, _ type: T.Type) {
        let stride = MemoryLayout<T>.size
        for index in 0..<count {
            output[index] = Float(T(littleEndian: input.loadUnaligned(fromByteOffset: index &* stride, as: T.self)))
        }
    }
}

import Checkpoints
import Engine
import Models

/// The quantization attack: round every weight matrix to 8 or 4 bits as GGUF's Q8_0 / Q4_0 store them
/// (blocks of 32 with one fp16 scale, round to nearest) and back. Small unlearning updates can fall
/// below the quantization step, so the quantized unlearned model may sit back on the original's grid.
public enum WeightQuantization {
    /// The supported formats.
    public enum Format: String, CaseIterable, Sendable, Codable {
        case q8_0 = "Q8_0", q4_0 = "Q4_0"
        var ggmlType: GGMLType { self == .q8_0 ? .q8_0 : .q4_0 }
    }

    /// Quantizes and dequantizes every 2-D weight of `model` in place (norms and biases stay exact, as in
    /// llama.cpp); returns how many weights were rounded.
    @discardableResult
    public static func roundTrip(_ model: CausalLanguageModel, format: Format) throws -> Int {
        var rounded = 0
        for (_, variable) in model.namedParameters() where variable.shape.count == 2 && variable.value.count % 32 == 0 {
            let values = variable.value.scalars
            let restored = try roundTrip(values, format: format)
            restored.withUnsafeBufferPointer { variable.value.data.update(from: $0.baseAddress!, count: restored.count) }
            rounded += values.count
        }
        return rounded
    }

    /// One buffer through the quantizer and back (the count must be a multiple of 32).
    public static func roundTrip(_ values: [Float], format: Format) throws -> [Float] {
        let bytes = try GGMLQuantizer.quantize(values, as: format.ggmlType)
        return try bytes.withUnsafeBytes { try GGMLDequantizer.dequantize(format.ggmlType, from: $0, elementCount: values.count) }
    }
}

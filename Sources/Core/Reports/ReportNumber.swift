import Foundation

/// Locale-independent number formatting so reports are identical on every machine.
public enum ReportNumber {
    /// Formats with `significantDigits`, switching to scientific notation (`1.83e-21`) below 1e-3 and from 1e6; integer digits are never dropped.
    public static func format(_ value: Double, significantDigits: Int = 3) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let digits = min(max(significantDigits, 1), 17)
        // printf rounds correctly and, unlike log10, reports the exponent after rounding (9.996 -> 1.00e+01).
        let scientific = String(format: "%.\(digits - 1)e", value)
        let parts = scientific.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]) else { return scientific }
        if exponent < -3 || exponent >= 6 {
            return trimmingZeros(String(parts[0])) + "e\(exponent)"
        }
        return trimmingZeros(String(format: "%.\(max(0, digits - 1 - exponent))f", value))
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}

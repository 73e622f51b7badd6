import Yams

/// One YAML scalar of a configuration file as the command-line text it stands for, resolved the way
/// YAML 1.1 (Yams's default) reads it: `1.0e-3` → "0.001", `0x10` → "16", quoted text unchanged.
///
/// Done here rather than by `Yams.load`, whose constructor traps on some inputs: a sexagesimal integer
/// such as `1:00:00:00:00:00:00:00:00:00:00:00` overflows `Int`, and a list or mapping used as a key is
/// force-unwrapped as a string.
enum ConfigurationValue {
    static func text(_ scalar: Node.Scalar, key: String, source: String) throws -> String {
        switch Node.scalar(scalar).tagName {
        case .bool:
            return Bool.construct(from: scalar).map { $0 ? "true" : "false" } ?? scalar.string
        case .int:
            return integer(scalar).map { String($0) } ?? scalar.string
        case .float:
            return Double.construct(from: scalar).map { String($0) } ?? scalar.string
        case .null:
            throw ConfigurationFileError("\(source): '\(key)' has no value")
        case .timestamp, .binary:
            throw ConfigurationFileError("\(source): '\(key)' must be a string, a number or a list of them (quote dates and other text)")
        default:
            return scalar.string
        }
    }

    /// Yams's integer reading, with base-60 values (`1:30` = 90) computed without overflow traps;
    /// nil when the text is not an integer that fits.
    static func integer(_ scalar: Node.Scalar) -> Int? {
        let text = scalar.string.replacingOccurrences(of: "_", with: "")
        guard text.contains(":") else { return Int.construct(from: scalar) }
        let negative = text.hasPrefix("-")
        let digits = text.drop { $0 == "-" || $0 == "+" }.split(separator: ":", omittingEmptySubsequences: false)
        var value = 0
        for digit in digits {
            guard let component = Int(digit, radix: 10), component >= 0 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 60)
            let (sum, overflow2) = shifted.addingReportingOverflow(component)
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        return negative ? -value : value
    }
}

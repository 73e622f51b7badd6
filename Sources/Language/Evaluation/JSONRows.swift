import Foundation

/// One record of an evaluation data file, with typed accessors whose errors name the file, row and field.
public struct JSONRow {
    /// The parsed JSON value (an object for most formats, a bare string for MUSE's text lists).
    public let value: Any
    public let file: String
    /// 1-based line (JSON Lines) or element (top-level array).
    public let row: Int

    func error(_ problem: EvaluationDataError.Problem) -> EvaluationDataError {
        EvaluationDataError(file: file, row: row, problem: problem)
    }

    /// The row as an object.
    public func object() throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw error(.wrongType(field: "(row)", expected: "a JSON object")) }
        return object
    }

    /// A required string field. Empty text is allowed: some MUSE answers and ground truths are short or blank.
    public func text(_ field: String) throws -> String {
        guard let raw = try object()[field], !(raw is NSNull) else { throw error(.missingField(field)) }
        guard let text = raw as? String else { throw error(.wrongType(field: field, expected: "a string")) }
        return text
    }

    /// A required list of strings.
    public func texts(_ field: String) throws -> [String] {
        guard let raw = try object()[field], !(raw is NSNull) else { throw error(.missingField(field)) }
        guard let list = raw as? [Any], let texts = list as? [String] else {
            throw error(.wrongType(field: field, expected: "a list of strings"))
        }
        return texts
    }

    /// A required field that may hold an integer or a string (MCQ answers come as either).
    public func integerOrText(_ field: String) throws -> Either {
        guard let raw = try object()[field], !(raw is NSNull) else { throw error(.missingField(field)) }
        if let text = raw as? String { return .text(text) }
        // JSON numbers and booleans both arrive as NSNumber, and `is Bool` is true for 0 and 1; a boolean's
        // Objective-C type is "c" (char), a parsed integer's never is.
        if let number = raw as? NSNumber, String(cString: number.objCType) != "c" {
            let value = number.doubleValue
            if value == value.rounded(), abs(value) < 1e15 { return .integer(Int(value)) }
        }
        throw error(.wrongType(field: field, expected: "an integer or a string"))
    }

    /// An optional string field (absent or null gives nil).
    public func optionalText(_ field: String) throws -> String? {
        guard let raw = try object()[field], !(raw is NSNull) else { return nil }
        guard let text = raw as? String else { throw error(.wrongType(field: field, expected: "a string")) }
        return text
    }

    /// An integer or a string field's value.
    public enum Either: Equatable {
        case integer(Int)
        case text(String)
    }
}

/// Reads the two on-disk shapes exported datasets come in: one top-level JSON array (what muse_bench's
/// `load_data.py` writes) or JSON Lines (what `datasets.Dataset.to_json` writes).
public enum JSONRows {
    public static func read(url: URL) throws -> [JSONRow] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw EvaluationDataError(file: url.path, problem: .unreadable(error.localizedDescription))
        }
        let rows = try parse(data, file: url.path)
        guard !rows.isEmpty else { throw EvaluationDataError(file: url.path, problem: .empty) }
        return rows
    }

    public static func parse(_ data: Data, file: String) throws -> [JSONRow] {
        var bytes = [UInt8](data)
        // A UTF-8 byte-order mark is invisible to users and legal in text files.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let first = bytes.first(where: { !isWhitespace($0) }) else { return [] }
        if first == UInt8(ascii: "[") {
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            } catch {
                throw EvaluationDataError(file: file, problem: .invalidJSON("the top-level array does not parse (\(error.localizedDescription))"))
            }
            guard let elements = parsed as? [Any] else {
                throw EvaluationDataError(file: file, problem: .invalidJSON("expected a top-level array"))
            }
            return elements.enumerated().map { JSONRow(value: $0.element, file: file, row: $0.offset + 1) }
        }
        var rows: [JSONRow] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            // Blank lines (often a trailing one) carry no row; skipping them keeps line numbers honest.
            guard line.contains(where: { !isWhitespace($0) }) else { continue }
            do {
                let value = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
                rows.append(JSONRow(value: value, file: file, row: index + 1))
            } catch {
                throw EvaluationDataError(file: file, row: index + 1, problem: .invalidJSON("the line does not parse as JSON"))
            }
        }
        return rows
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

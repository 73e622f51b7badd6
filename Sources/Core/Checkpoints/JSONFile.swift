import Foundation

/// The one way Unlearn writes and reads `Codable` JSON files: keys sorted (the same value gives the same
/// bytes in every process), pretty for files and one line for `--json`, written atomically (temporary
/// file, then rename) so a crash never leaves a torn file; errors name the file.
public enum JSONFile {
    /// Key-sorted JSON: pretty (files) or one line (`--json` on the terminal).
    public static func encode<Value: Encodable>(_ value: Value, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        return try encoder.encode(value)
    }

    /// Encodes `value` and atomically replaces `url` with it.
    public static func write<Value: Encodable>(_ value: Value, to url: URL) throws {
        let data: Data
        do { data = try encode(value) } catch {
            throw JSONFileError("\(url.path): cannot encode JSON: \(error)")
        }
        try AtomicFileWriter.write(to: url) { try $0.write(data) }
    }

    /// Decodes `url` as `Value`.
    public static func read<Value: Decodable>(_ type: Value.Type, from url: URL) throws -> Value {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw JSONFileError("\(url.path): cannot read: \(error.localizedDescription)")
        }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw JSONFileError("\(url.path): not a valid \(type) file: \(error)")
        }
    }

    /// Atomically writes UTF-8 text (the reports written next to the JSON).
    public static func writeText(_ text: String, to url: URL) throws {
        try AtomicFileWriter.write(to: url) { try $0.write(Data(text.utf8)) }
    }
}

/// A JSON file that cannot be read, decoded or encoded; the description starts with the file.
public struct JSONFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

import Checkpoints
import Foundation

/// Codable values as pretty, key-sorted JSON files, written atomically and read with errors naming the file.
public enum JSONFile {
    /// Encodes `value` and atomically replaces `url` with it.
    public static func write<Value: Encodable>(_ value: Value, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw ClassifierError(url.path, "cannot encode JSON: \(error)")
        }
        try AtomicFileWriter.write(to: url) { try $0.write(data) }
    }

    /// Decodes `url` as `Value`.
    public static func read<Value: Decodable>(_ type: Value.Type, from url: URL) throws -> Value {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ClassifierError(url.path, "cannot read: \(error.localizedDescription)")
        }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw ClassifierError(url.path, "not a valid \(type) file: \(error)")
        }
    }

    /// Atomically writes UTF-8 text.
    public static func writeText(_ text: String, to url: URL) throws {
        try AtomicFileWriter.write(to: url) { try $0.write(Data(text.utf8)) }
    }
}

import Foundation
import Optimization

/// Plain-text training data: a `.txt` file (one example per paragraph, split at blank lines) or JSON
/// Lines whose objects carry a `text` field; errors name the file and line.
public enum TextDataset {
    /// Reads `url`: paragraphs when its extension is `.txt`, JSON Lines otherwise.
    public static func read(url: URL) throws -> [String] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TrainingError("\(url.path): cannot read (\(error.localizedDescription))")
        }
        return try parse(data, source: url.path, paragraphs: url.pathExtension.lowercased() == "txt")
    }

    /// Parses bytes already in memory; `source` names them in errors.
    public static func parse(_ data: Data, source: String, paragraphs: Bool) throws -> [String] {
        guard let content = String(data: data, encoding: .utf8) else { throw TrainingError("\(source): not UTF-8 text") }
        // Lines are cut at the "\n" scalar, not the Character: Swift treats "\r\n" as one Character, so
        // files with Windows line ends would otherwise be a single line.
        let lines = content.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
        }
        let texts = paragraphs ? Self.paragraphs(lines) : try jsonTexts(lines, source: source)
        if texts.isEmpty { throw TrainingError("\(source): no texts") }
        return texts
    }

    /// Runs of non-blank lines, each joined with "\n" and trimmed at both ends (indentation inside is kept).
    private static func paragraphs(_ lines: [String]) -> [String] {
        lines.split(whereSeparator: isBlank).map { $0.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// True for a line of only white space (paragraph separators in text files).
    public static func isBlank(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// The `text` field of each non-blank line, a JSON object.
    private static func jsonTexts(_ lines: [String], source: String) throws -> [String] {
        var texts: [String] = []
        for (index, line) in lines.enumerated() where !isBlank(line) {
            let location = "\(source):\(index + 1)"
            let value: Any
            do { value = try JSONSerialization.jsonObject(with: Data(line.utf8)) } catch {
                throw TrainingError("\(location): invalid JSON (\(describe(error)))")
            }
            guard let object = value as? [String: Any] else { throw TrainingError("\(location): not a JSON object") }
            guard let text = object["text"] as? String else { throw TrainingError("\(location): missing string field 'text'") }
            guard !text.isEmpty else { throw TrainingError("\(location): empty 'text'") }
            texts.append(text)
        }
        return texts
    }

    /// Foundation's explanation of a JSON syntax error (its localized description only says the data
    /// is "not in the correct format").
    private static func describe(_ error: any Error) -> String {
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
    }
}

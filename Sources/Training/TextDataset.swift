import Foundation

/// Plain-text training data: a `.txt` file (one example per paragraph, split at blank lines) or JSON
/// Lines whose objects carry a `text` field; errors name the file and line.
public enum TextDataset {
    public static func read(url: URL) throws -> [String] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TrainingError("\(url.path): cannot read (\(error.localizedDescription))")
        }
        guard let content = String(data: data, encoding: .utf8) else { throw TrainingError("\(url.path): not UTF-8 text") }
        if url.pathExtension.lowercased() == "txt" {
            return content.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        var texts: [String] = []
        for (index, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                throw TrainingError("\(url.path):\(index + 1): not a JSON object")
            }
            guard let text = object["text"] as? String else { throw TrainingError("\(url.path):\(index + 1): missing string field 'text'") }
            guard !text.isEmpty else { throw TrainingError("\(url.path):\(index + 1): empty 'text'") }
            texts.append(text)
        }
        if texts.isEmpty { throw TrainingError("\(url.path): no texts") }
        return texts
    }
}

import Foundation

/// Reads and writes QA datasets in TOFU's on-disk format (JSON Lines; a top-level JSON array is also read).
public enum QADataset {
    /// Reads every row of `url`, failing on the first malformed row with its file and line.
    ///
    /// `question` and `answer` are always required; `fields` adds more (e.g. `QAField.perturbedEvaluation`).
    /// Unknown keys (TOFU's `option1`…`option4`) are ignored.
    public static func read(url: URL, requiring fields: Set<QAField> = QAField.questionAnswer) throws -> [QAExample] {
        try readRecords(url: url, requiring: fields).map(\.example)
    }

    /// Parses rows already in memory; `source` names them in error messages.
    public static func parse(_ data: Data, source: String, requiring fields: Set<QAField> = QAField.questionAnswer) throws -> [QAExample] {
        try parseRecords(data, source: source, requiring: fields).map(\.example)
    }

    /// Rows with the line each starts on, for validators that report per-row findings.
    static func readRecords(url: URL, requiring fields: Set<QAField>) throws -> [LocatedExample] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw QADatasetError(file: url.path, line: nil, problem: .unreadable(error.localizedDescription))
        }
        return try parseRecords(data, source: url.path, requiring: fields)
    }

    static func parseRecords(_ data: Data, source: String, requiring fields: Set<QAField>) throws -> [LocatedExample] {
        let records: [JSONRecord]
        do {
            records = try JSONRecordSplitter.split([UInt8](data))
        } catch {
            throw QADatasetError(file: source, line: error.line, problem: error.problem)
        }
        let decoder = JSONDecoder()
        return try records.map { record in
            do {
                let example = try decoder.decode(QAExample.self, from: Data(record.bytes))
                if let missing = QAField.allCases.first(where: { fields.contains($0) && !example.presentFields.contains($0) }) {
                    throw QAProblem.missingField(missing.rawValue)
                }
                return LocatedExample(line: record.line, example: example)
            } catch let problem as QAProblem {
                throw QADatasetError(file: source, line: record.line, problem: problem)
            } catch let error as DecodingError {
                throw QADatasetError(file: source, line: record.line, problem: DecodingErrorTranslation.problem(for: error))
            }
        }
    }
}

/// A decoded row and the 1-based line where it starts in its file.
struct LocatedExample {
    let line: Int
    let example: QAExample
}

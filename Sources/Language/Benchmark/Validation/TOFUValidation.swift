import Foundation

/// Checks a directory of TOFU-format files — TOFU's own download or a generated benchmark — before use.
///
/// Per file: field names (via `QADataset`, so problems carry file and line), perturbed-answer counts and,
/// optionally, exact row counts. Across files: the relations TOFU's construction guarantees.
public enum TOFUValidation {
    /// Row counts of TOFU's published files (locuslab/TOFU); pass as `expectedCounts` to insist on real TOFU.
    public static let publishedTOFUCounts: [String: Int] = [
        "full.json": 4000,
        "forget01.json": 40, "forget05.json": 200, "forget10.json": 400,
        "retain99.json": 3960, "retain95.json": 3800, "retain90.json": 3600,
        "forget01_perturbed.json": 40, "forget05_perturbed.json": 200, "forget10_perturbed.json": 400,
        "retain_perturbed.json": 400,
        "real_authors_perturbed.json": 100, "world_facts_perturbed.json": 117,
        "real_authors.json": 100, "world_facts.json": 117,
    ]

    /// Findings listed per file before the rest are summarised, so one systematic fault stays readable.
    static let findingsPerFileLimit = 10

    public static func validate(directory: URL, expectedCounts: [String: Int] = [:]) -> TOFUValidationReport {
        var report = TOFUValidationReport(directory: directory.path)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            report.directoryErrors.append("cannot list directory: \(error.localizedDescription)")
            return report
        }
        var loaded: [String: [LocatedExample]] = [:]
        for name in names {
            guard let spec = TOFUFileSpec.named(name) else {
                report.unrecognisedFiles.append(name)
                continue
            }
            let (fileReport, rows) = validateFile(directory.appendingPathComponent(name), spec: spec, expectedCount: expectedCounts[name])
            report.files.append(fileReport)
            if let rows { loaded[name] = rows }
        }
        for spec in TOFUFileSpec.known where spec.isCore {
            let present = ([spec.fileName] + spec.alternativeNames).contains { names.contains($0) }
            if !present {
                let alternatives = spec.alternativeNames.isEmpty ? "" : " (or \(spec.alternativeNames.joined(separator: ", ")))"
                report.directoryErrors.append("missing \(spec.fileName)\(alternatives)")
            }
        }
        for (name, count) in expectedCounts.sorted(by: { $0.key < $1.key }) where !names.contains(name) {
            report.directoryErrors.append("missing \(name) (expected \(count) rows)")
        }
        SplitConsistency.check(loaded.mapValues { $0.map(\.example) }, into: &report)
        return report
    }

    /// Reads one file against its spec; returns the rows when they parsed.
    static func validateFile(_ url: URL, spec: TOFUFileSpec, expectedCount: Int?) -> (TOFUValidationReport.FileReport, [LocatedExample]?) {
        var fileReport = TOFUValidationReport.FileReport(fileName: spec.fileName)
        let rows: [LocatedExample]
        do {
            rows = try QADataset.readRecords(url: url, requiring: spec.requiredFields)
        } catch {
            fileReport.errors.append("\(error)")
            return (fileReport, nil)
        }
        fileReport.rowCount = rows.count
        if rows.isEmpty { fileReport.errors.append("\(url.path): file has no rows") }
        if let expectedCount, rows.count != expectedCount {
            fileReport.errors.append("\(url.path): \(rows.count) rows, expected \(expectedCount)")
        }
        var errors: [String] = []
        var warnings: [String] = []
        for row in rows {
            let location = "\(url.path):\(row.line)"
            let example = row.example
            if let expected = spec.perturbedAnswerCount, !example.perturbedAnswers.isEmpty, example.perturbedAnswers.count != expected {
                errors.append("\(location): perturbed_answer has \(example.perturbedAnswers.count) entries, expected \(expected)")
            }
            if example.perturbedAnswers.contains(example.answer) || example.paraphrasedAnswer.map(example.perturbedAnswers.contains) == true {
                warnings.append("\(location): a perturbed answer equals the true answer")
            }
            if example.paraphrasedQuestion == example.question {
                warnings.append("\(location): paraphrased_question repeats the question")
            }
        }
        fileReport.errors += summarised(errors)
        fileReport.warnings += summarised(warnings)
        return (fileReport, rows)
    }

    private static func summarised(_ findings: [String]) -> [String] {
        guard findings.count > findingsPerFileLimit else { return findings }
        return Array(findings.prefix(findingsPerFileLimit)) + ["… and \(findings.count - findingsPerFileLimit) more like these"]
    }
}

import Attacks
import Checkpoints
import Foundation
import Models
import Optimization
import Reports
import Training

/// `unlearn audit` / `unlearn attack`: the same attacks on every given model and on the retrain oracle
/// (the honest floor: what an attack "recovers" from a model that never learned the forget set), then a
/// table, `audit.json` and an HTML/Markdown report.
public struct AuditWorkflow {
    public var audit: AttackAudit
    public var models: [String]
    public var oracle: String?
    public var judgePath: String?

    public init(audit: AttackAudit, models: [String], oracle: String?, judgePath: String?) {
        self.audit = audit
        self.models = models
        self.oracle = oracle
        self.judgePath = judgePath
    }

    /// Audits every model (the oracle last); `scratch` holds temporary relearning checkpoints.
    public func run(scratch: URL, log: (String) -> Void) throws -> [(name: String, result: AuditResult)] {
        let judge = try judgePath.map { path -> LanguageModelJudge in
            let source = try CheckpointSource.load(path: path)
            return LanguageModelJudge(model: source.model, tokenizer: source.tokenizer)
        }
        let named = models.map { (Self.displayName($0), $0) } + (oracle.map { [("oracle", $0)] } ?? [])
        return try named.map { name, path in
            (name, try audit.run(modelPath: path, judge: judge, scratch: scratch.appendingPathComponent("relearn-\(name)"), log: log))
        }
    }

    /// A model's name in tables: its run folder for `…/run/model`, else the last path component.
    public static func displayName(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.lastPathComponent == "model" ? url.deletingLastPathComponent().lastPathComponent : url.lastPathComponent
    }

    /// Writes `audit.json`, `report.html` and `report.md` into `folder`.
    public static func write(_ results: [(name: String, result: AuditResult)], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONFile.write(Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.result) }),
                                       to: folder.appendingPathComponent("audit.json"))
        let report = Report(title: "Attacks on unlearned models", subtitle: results.map(\.name).joined(separator: ", "),
                            sections: [AuditReport.section(results)])
        try ComparisonReport.write(report, to: folder)
    }

    /// The table as aligned text.
    public static func terminalTable(_ results: [(name: String, result: AuditResult)]) -> String {
        let (headers, rows) = AuditReport.rows(results)
        return ReportTable(headers: headers, rows: rows).plainText
    }
}

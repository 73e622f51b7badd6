/// Renders reports.
public enum ReportRenderer {
    /// Markdown for READMEs and pull requests; charts become captions plus summary tables.
    public static func markdown(_ report: Report) -> String {
        MarkdownWriter.document(report)
    }

    /// One self-contained HTML page with inline SVG charts, viewable offline.
    public static func html(_ report: Report) -> String {
        HTMLWriter.document(report)
    }
}

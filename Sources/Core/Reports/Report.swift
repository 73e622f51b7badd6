/// A report: a title, an optional subtitle line, and sections in order.
public struct Report: Sendable {
    /// Heading of the document and the HTML page title.
    public var title: String
    /// One context line under the title (model, date, seed); omitted when nil.
    public var subtitle: String?
    /// Rendered in the given order so runs can be compared side by side.
    public var sections: [ReportSection]

    /// Creates a report.
    public init(title: String, subtitle: String? = nil, sections: [ReportSection] = []) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }
}

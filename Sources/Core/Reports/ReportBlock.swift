/// One piece of content.
public enum ReportBlock: Sendable {
    /// Plain text; escaped in HTML, passed through in Markdown.
    case paragraph(String)
    /// A table of pre-formatted cells.
    case table(ReportTable)
    /// A line chart (loss curves, ROC curves, recovery curves).
    case lineChart(LineChart)
    /// Overlaid histograms (truth-ratio distributions).
    case histogram(HistogramChart)
    /// Labelled values such as run configuration, kept in the given order.
    case keyValues([(String, String)])
    /// A PNG image (sample grids).
    case image(ReportImage)
}

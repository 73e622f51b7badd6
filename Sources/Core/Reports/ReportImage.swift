import Foundation

/// A raster image (PNG) embedded in the HTML report as a data URI and linked from Markdown by file name.
public struct ReportImage: Sendable {
    /// Caption under the image; also the alt text.
    public var caption: String
    /// PNG bytes.
    public var png: Data
    /// Where the same PNG was written, relative to the Markdown file; Markdown shows only the caption when nil.
    public var relativePath: String?

    /// Creates an image block.
    public init(caption: String, png: Data, relativePath: String? = nil) {
        self.caption = caption
        self.png = png
        self.relativePath = relativePath
    }
}

import Testing
@testable import Reports

@Suite struct OutputIntegrityTests {
    @Test func renderingIsDeterministic() {
        #expect(ReportRenderer.html(sampleReport()) == ReportRenderer.html(sampleReport()))
        #expect(ReportRenderer.markdown(sampleReport()) == ReportRenderer.markdown(sampleReport()))
    }

    @Test func svgFragmentsAreWellFormedXML() {
        let page = ReportRenderer.html(sampleReport())
        let charts = svgs(in: page)
        #expect(charts.count == 3)
        for svg in charts {
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="))
            #expect(xmlErrors(svg) == [])
        }
        for figure in figures(in: page) { #expect(xmlErrors(figure) == []) }
        assertNoNonFiniteCoordinates(page)
    }

    @Test func wholePageIsWellFormed() {
        #expect(xmlErrors(ReportRenderer.html(sampleReport())) == [])
    }

    @Test func parserDetectsMalformedMarkup() {
        #expect(xmlErrors("<svg><g></svg>") != [], "the well-formedness check must be able to fail")
    }

    @Test func noExternalResources() {
        let page = ReportRenderer.html(sampleReport())
        #expect(!page.contains("<script"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("src="))
        #expect(!page.contains("https://"))
    }
}

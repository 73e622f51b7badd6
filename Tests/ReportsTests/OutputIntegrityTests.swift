import XCTest
@testable import Reports

final class OutputIntegrityTests: XCTestCase {
    func testRenderingIsDeterministic() {
        XCTAssertEqual(ReportRenderer.html(sampleReport()), ReportRenderer.html(sampleReport()))
        XCTAssertEqual(ReportRenderer.markdown(sampleReport()), ReportRenderer.markdown(sampleReport()))
    }

    func testSVGFragmentsAreWellFormedXML() {
        let page = ReportRenderer.html(sampleReport())
        let charts = svgs(in: page)
        XCTAssertEqual(charts.count, 3)
        for svg in charts {
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="))
            XCTAssertEqual(xmlErrors(svg), [])
        }
        for figure in figures(in: page) { XCTAssertEqual(xmlErrors(figure), []) }
        assertNoNonFiniteCoordinates(page)
    }

    func testWholePageIsWellFormed() {
        XCTAssertEqual(xmlErrors(ReportRenderer.html(sampleReport())), [])
    }

    func testParserDetectsMalformedMarkup() {
        XCTAssertNotEqual(xmlErrors("<svg><g></svg>"), [], "the well-formedness check must be able to fail")
    }

    func testNoExternalResources() {
        let page = ReportRenderer.html(sampleReport())
        XCTAssertFalse(page.contains("<script"))
        XCTAssertFalse(page.contains("<link"))
        XCTAssertFalse(page.contains("src="))
        XCTAssertFalse(page.contains("https://"))
    }
}

import XCTest
@testable import Reports

final class NumberFormatTests: XCTestCase {
    func testSignificantDigits() {
        XCTAssertEqual(ReportNumber.format(0.6227, significantDigits: 3), "0.623")
        XCTAssertEqual(ReportNumber.format(0.5, significantDigits: 3), "0.5")
        XCTAssertEqual(ReportNumber.format(9.9996, significantDigits: 3), "10")
        XCTAssertEqual(ReportNumber.format(0.001234, significantDigits: 2), "0.0012")
    }

    func testScientificForExtremeMagnitudes() {
        XCTAssertEqual(ReportNumber.format(1.83e-21), "1.83e-21")
        XCTAssertEqual(ReportNumber.format(1.8349e-21, significantDigits: 3), "1.83e-21")
        XCTAssertEqual(ReportNumber.format(0.0001), "1e-4")
        XCTAssertEqual(ReportNumber.format(1.5e9), "1.5e9")
        XCTAssertEqual(ReportNumber.format(-2.5e-7), "-2.5e-7")
    }

    func testZeroNegativeLargeAndNonFinite() {
        XCTAssertEqual(ReportNumber.format(0), "0")
        XCTAssertEqual(ReportNumber.format(-0.0), "0")
        XCTAssertEqual(ReportNumber.format(-0.6227), "-0.623")
        XCTAssertEqual(ReportNumber.format(-42), "-42")
        XCTAssertEqual(ReportNumber.format(12345.6), "12346")
        XCTAssertEqual(ReportNumber.format(12345.6, significantDigits: 7), "12345.6")
        XCTAssertEqual(ReportNumber.format(.nan), "NaN")
        XCTAssertEqual(ReportNumber.format(-.infinity), "-inf")
    }
}

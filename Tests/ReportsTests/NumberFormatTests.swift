import Testing
@testable import Reports

@Suite struct NumberFormatTests {
    @Test func significantDigits() {
        #expect(ReportNumber.format(0.6227, significantDigits: 3) == "0.623")
        #expect(ReportNumber.format(0.5, significantDigits: 3) == "0.5")
        #expect(ReportNumber.format(9.9996, significantDigits: 3) == "10")
        #expect(ReportNumber.format(0.001234, significantDigits: 2) == "0.0012")
    }

    @Test func scientificForExtremeMagnitudes() {
        #expect(ReportNumber.format(1.83e-21) == "1.83e-21")
        #expect(ReportNumber.format(1.8349e-21, significantDigits: 3) == "1.83e-21")
        #expect(ReportNumber.format(0.0001) == "1e-4")
        #expect(ReportNumber.format(1.5e9) == "1.5e9")
        #expect(ReportNumber.format(-2.5e-7) == "-2.5e-7")
    }

    @Test func zeroNegativeLargeAndNonFinite() {
        #expect(ReportNumber.format(0) == "0")
        #expect(ReportNumber.format(-0.0) == "0")
        #expect(ReportNumber.format(-0.6227) == "-0.623")
        #expect(ReportNumber.format(-42) == "-42")
        #expect(ReportNumber.format(12345.6) == "12346")
        #expect(ReportNumber.format(12345.6, significantDigits: 7) == "12345.6")
        #expect(ReportNumber.format(.nan) == "NaN")
        #expect(ReportNumber.format(-.infinity) == "-inf")
    }
}

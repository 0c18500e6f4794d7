import Testing
import XLSX

@testable import SalesCore

@Suite("Value parsing: text and booleans")
struct ValueTextTests {
    @Test(
        "text is trimmed of spaces of every width",
        arguments: [
            ("  华东贸易  ", "华东贸易"), ("\u{3000}华东\u{3000}贸易\u{3000}", "华东\u{3000}贸易"), ("\u{FEFF}SO-1\u{00A0}", "SO-1"),
            ("\tA B\n", "A B"), ("plain", "plain"),
        ])
    func trimmed(input: String, text: String) {
        #expect(parsed(input, .text) == .text(text))
        var bytes = input
        #expect(bytes.withUTF8 { try? ValueParser().parse(utf8: $0, kind: .text).get() } == .text(text))
    }

    @Test func cellsAsText() {
        #expect(parsed(numberCell("1001"), .text) == .text("1001"))
        #expect(parsed(.number(raw: "1001", value: 1001, isDate: false, dateValue: nil), .text) == .text("1001"))
        #expect(parsed(CellInput(CellValue.number(1001)), .text) == .text("1001"))
        #expect(parsed(numberCell("12.5"), .text) == .text("12.5"))
        #expect(parsed(numberCell("0.30000000000000004"), .text) == .text("0.3"))
        #expect(parsed(numberCell("1234567890123456789"), .text) == .text("1234567890123456789"))
        #expect(parsed(numberCell("1E+3"), .text) == .text("1000"))
        #expect(parsed(dateCell(serial: 46_086), .text) == .text("2026-03-05"))
        #expect(parsed(dateCell(serial: 46_086.5), .text) == .text("2026-03-05T12:00:00"))
        #expect(parsed(.date(ExcelDateTime(year: 2026, month: 3, day: 5)), .text) == .text("2026-03-05"))
        #expect(parsed(.boolean(true), .text) == .text("TRUE"))
        #expect(parsed(.time(.init(hour: 9, minute: 5, second: 0)), .text) == .text("09:05:00"))
        #expect(parsed(.duration(seconds: 91_800), .text) == .text("25:30:00"))
        #expect(
            failure(.error("#N/A"), .text)?.description
                == "expected text, found \"#N/A\": the cell holds the spreadsheet error #N/A")
    }

    @Test func blank() {
        #expect(ValueParser.isBlank(""))
        #expect(ValueParser.isBlank(" \u{3000}\t\u{FEFF}"))
        #expect(!ValueParser.isBlank(" a "))
        var text = "\u{3000} "
        #expect(text.withUTF8 { ValueParser.isBlank($0) })
    }

    @Test(
        "yes and no",
        arguments: [
            ("是", true), ("否", false), ("在职", true), ("离职", false), ("在職", true), ("離職", false),
            ("Y", true), ("n", false), ("Yes", true), ("NO", false), ("true", true), ("FALSE", false), ("1", true),
            ("0", false), ("✓", true), ("✗", false), ("√", true), ("×", false), ("Ｙ", true), (" 是 ", true),
        ])
    func booleans(input: String, value: Bool) {
        #expect(parsed(input, .boolean) == .boolean(value))
    }

    @Test func booleanCells() {
        #expect(parsed(.boolean(true), .boolean) == .boolean(true))
        #expect(parsed(.boolean(false), .boolean) == .boolean(false))
        #expect(parsed(numberCell("1"), .boolean) == .boolean(true))
        #expect(parsed(numberCell("0"), .boolean) == .boolean(false))
        #expect(failure(numberCell("2"), .boolean)?.reason == "only 1 and 0 are numbers for yes and no")
        #expect(
            failure("maybe", .boolean)?.description
                == "expected yes or no (是/否, Y/N, TRUE/FALSE, 1/0), found \"maybe\": it is not a yes or no")
    }

    @Test func foundIsShortened() throws {
        let long = String(repeating: "很长的文字", count: 10)
        let error = try #require(failure(long, .date))
        #expect(error.found == String(long.prefix(40)) + "…")
        #expect(error.reason == "it is not a date")
        let longer = String(repeating: "x", count: 500)
        #expect(failure(longer, .money)?.reason == "it is too long")
    }
}

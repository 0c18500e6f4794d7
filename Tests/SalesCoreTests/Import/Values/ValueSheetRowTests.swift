import Foundation
import SalesTestSupport
import Testing
import XLSX

@testable import SalesCore

/// The parser over rows the XLSX reader hands over: the string-free row entry point agrees with `CellInput`.
@Suite("Value parsing: sheet rows")
struct ValueSheetRowTests {
    /// Writes one row of `cells` to a new workbook and calls `body` with it, read back.
    private func withRow(
        _ cells: [Cell], system: DateSystem = .excel1900, sharedStrings: Bool = true,
        _ body: (SheetRow) throws -> Void
    ) throws {
        let path = try temporaryDirectory(prefix: "value-tests").appendingPathComponent("values.xlsx").path
        let writer = try XLSXWriter(path: path, options: .init(sharedStrings: sharedStrings, dateSystem: system))
        try writer.beginSheet(name: "Values")
        try writer.writeRow(cells)
        try writer.endSheet()
        try writer.close()
        let workbook = try Workbook(path: path)
        #expect(workbook.dateSystem == system)
        var rows = 0
        try workbook.readSheet(workbook.sheets[0]) { row in
            rows += 1
            try body(row)
        }
        #expect(rows == 1)
    }

    static let cells: [Cell] = [
        .text("  SO-1001　"),  // 0
        .number(1001),  // 1
        .decimal("2469.1300000000001"),  // 2
        .date(ExcelDateTime(year: 2026, month: 3, day: 5)),  // 3
        .boolean(true),  // 4
        .error("#N/A"),  // 5
        .number(60, .date),  // 6
        .number(0.5, .custom("hh:mm")),  // 7
        .number(1.5, .custom("[h]:mm:ss")),  // 8
        .text("¥1,234.50"),  // 9
        .text("2026年3月5日"),  // 10
        .number(46_086),  // 11
        .decimal("0.30000000000000004"),  // 12
        .text("已完成"),  // 13
        .date(ExcelDateTime(year: 2026, month: 7, day: 1), .custom("yyyy-mm")),  // 14
    ]

    static let kinds: [ValueKind] = [
        .text, .date, .money, .decimal, .integer, .enumeration(Codes.orderStatus), .boolean, .period, .score1to5,
    ]

    @Test(arguments: [true, false])
    func rowEntryPointAgreesWithCellInput(sharedStrings: Bool) throws {
        for system in [DateSystem.excel1900, .excel1904] {
            let parser = ValueParser(dateSystem: system)
            try withRow(Self.cells, system: system, sharedStrings: sharedStrings) { row in
                #expect(row.count == Self.cells.count)
                for i in 0..<row.count {
                    for kind in Self.kinds {
                        let direct = parser.parse(row, at: i, kind: kind, moneyScale: 1)
                        let viaInput = parser.parse(CellInput(row, at: i), kind: kind, moneyScale: 1)
                        #expect(direct == viaInput, "cell \(i) as \(kind.summary)")
                    }
                }
            }
        }
    }

    @Test func valuesReadFromAWorkbook() throws {
        let parser = ValueParser()
        try withRow(Self.cells) { row in
            func value(_ i: Int, _ kind: ValueKind, scale: Int = 1) -> ImportValue? {
                try? parser.parse(row, at: i, kind: kind, moneyScale: scale).get()
            }
            func error(_ i: Int, _ kind: ValueKind) -> ValueError? {
                if case .failure(let e) = parser.parse(row, at: i, kind: kind) { return e }
                return nil
            }
            #expect(value(0, .text) == .text("SO-1001"))
            #expect(value(1, .text) == .text("1001"))
            #expect(value(1, .money) == .money(cents: 100_100))
            #expect(value(2, .money) == .money(cents: 246_913))
            #expect(value(2, .money, scale: 10_000) == .money(cents: 2_469_130_000))
            #expect(value(3, .date) == .date(day(2026, 3, 5)))
            #expect(value(3, .text) == .text("2026-03-05"))
            #expect(value(4, .boolean) == .boolean(true))
            #expect(error(5, .text)?.found == "#N/A")
            #expect(error(6, .date)?.reason.contains("1900-02-29") == true)
            #expect(error(7, .date)?.reason == "the cell holds a time of day without a date")
            #expect(value(7, .text) == .text("12:00:00"))
            #expect(value(8, .text) == .text("36:00:00"))
            #expect(value(9, .money) == .money(cents: 123_450))
            #expect(value(10, .date) == .date(day(2026, 3, 5)))
            #expect(value(11, .date) == .date(day(2026, 3, 5)))
            #expect(value(12, .decimal) == .decimal("0.3"))
            #expect(value(13, .enumeration(Codes.orderStatus)) == .code("completed"))
            #expect(value(14, .period) == .period("2026-07"))
            #expect(error(3, .money)?.reason.contains("holds a date") == true)
        }
    }
}

import Foundation
import Testing
import XLSX

/// Workbooks written by ``XLSXWriter`` and read back by ``Workbook``.
@Suite("Writer round trip")
struct WriterRoundTripTests {
    /// Writes a workbook with `body`, reads it back and hands it to `check`.
    private func roundTrip(
        options: XLSXWriter.Options = .init(), _ body: (XLSXWriter) throws -> Void,
        check: (Workbook) throws -> Void
    ) throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let path = dir.file("book.xlsx")
        let writer = try XLSXWriter(path: path, options: options)
        try body(writer)
        try writer.close()
        try check(try Workbook(path: path))
    }

    /// Every non-empty cell of a sheet as (row, column, value), in order.
    private func cells(_ workbook: Workbook, _ name: String) throws -> [(row: Int, column: Int, value: CellValue)] {
        let sheet = try #require(workbook.sheet(named: name))
        var result: [(row: Int, column: Int, value: CellValue)] = []
        try workbook.readSheet(sheet) { row in
            for (column, value) in row.values { result.append((row.number, column, value)) }
        }
        return result
    }

    static let texts = [
        "plain", "  leading and trailing  ", "tab\there", "line\nbreak", "cr\r\nlf", "ctl\u{1}\u{7}\u{1F}",
        "_x0041_ stays literal", "_x005F_", "a & b < c > d \"q\" 'a'", "销售额 ¥1,234", "😀", "e\u{301} vs \u{E9}",
        "=1+1", "+SUM(A1)", "-2", "@cmd", "x\u{FFFF}y",
    ]

    @Test("every kind of value reads back as written", arguments: [true, false], [DateSystem.excel1900, .excel1904])
    func values(sharedStrings: Bool, dateSystem: DateSystem) throws {
        let date = ExcelDateTime(year: 2026, month: 3, day: 5)
        let dateTime = ExcelDateTime(year: 2026, month: 3, day: 5, time: TimeOfDay(hour: 13, minute: 45, second: 30))
        try roundTrip(options: .init(sharedStrings: sharedStrings, dateSystem: dateSystem)) { writer in
            try writer.beginSheet(name: "Values")
            try writer.writeRow(Self.texts.map(Cell.text) + [.text("")], bold: true)
            try writer.writeRow([
                .number(12), .number(-0.1, .percent1), .decimal("1234.50", .currencyCNY), .number(1e20),
                .boolean(true), .boolean(false), .date(date), .date(dateTime, .dateTime), .error("#N/A"),
                .number(0.25, .custom("0.000")), .decimal("-7", .integer),
            ])
        } check: { workbook in
            #expect(workbook.date1904 == (dateSystem == .excel1904))
            let cells = try cells(workbook, "Values")
            let texts = cells.filter { $0.row == 1 }.map(\.value)
            #expect(texts.count == Self.texts.count)
            for (value, expected) in zip(texts, Self.texts) {
                guard case .text(let text) = value else {
                    Issue.record("\(value) is not text")
                    continue
                }
                #expect(Array(text.utf8) == Array(expected.utf8), "\(expected.debugDescription)")
            }
            let values = cells.filter { $0.row == 2 }.map(\.value)
            #expect(
                values == [
                    .number(12), .number(-0.1), .number(1234.5), .number(1e20), .boolean(true), .boolean(false),
                    .date(date), .date(dateTime), .error("#N/A"), .number(0.25), .number(-7),
                ])
        }
    }

    @Test("sheet names, order and states read back")
    func sheets() throws {
        try roundTrip { writer in
            try writer.beginSheet(name: "Summary & Totals", freezeHeaderRow: true)
            try writer.beginSheet(name: "Lookup", state: .hidden)
            try writer.beginSheet(name: "Secret", state: .veryHidden)
            try writer.beginSheet(name: "销售'数据", columnWidths: [10, 20])
        } check: { workbook in
            #expect(workbook.sheets.map(\.name) == ["Summary & Totals", "Lookup", "Secret", "销售'数据"])
            #expect(workbook.sheets.map(\.state) == [.visible, .hidden, .veryHidden, .visible])
            #expect(workbook.sheets.allSatisfy { $0.kind == .worksheet })
        }
    }

    @Test("sparse rows and gaps keep their positions")
    func sparse() throws {
        try roundTrip { writer in
            try writer.beginSheet(name: "S")
            try writer.writeRow([.empty, .text("B1")])
            try writer.writeRow([.empty])
            try writer.writeRow([.number(3), .empty, .empty, .number(4)])
            try writer.writeRow([.text("Z100")], at: 100)
        } check: { workbook in
            let cells = try cells(workbook, "S").map { "\($0.row):\($0.column)" }
            #expect(cells == ["1:2", "3:1", "3:4", "100:1"])
        }
    }

    @Test("a 50,000-row sheet reads back row for row")
    func largeSheet() throws {
        try roundTrip { writer in
            try writer.beginSheet(name: "Big", freezeHeaderRow: true)
            try writer.writeRow([.text("n"), .text("label"), .text("amount")], bold: true)
            for i in 1...50_000 {
                try writer.writeRow([.number(Double(i)), .text("item \(i % 1000)"), .decimal("\(i).05", .decimal2)])
            }
        } check: { workbook in
            var rows = 0
            var sum = 0.0
            try workbook.readSheet(try #require(workbook.sheet(named: "Big"))) { row in
                rows += 1
                if row.number > 1, case .number(let n) = row.values[0].value { sum += n }
            }
            #expect(rows == 50_001)
            #expect(sum == 50_000 * 50_001 / 2)
        }
    }
}

import Testing

@testable import XLSX

/// `readSheetPipelined` parses on a second thread: it must hand over exactly what `readSheet` does.
@Suite("Pipelined sheet reading")
struct PipelinedReadingTests {
    /// Every row as (number, [(column, value, bytes)]).
    private struct Seen: Equatable {
        var number: Int
        var cells: [String]
    }

    private static func describe(_ row: SheetRow) -> Seen {
        Seen(
            number: row.number,
            cells: (0..<row.count).map { i in
                "\(row.column(at: i))|\(row.type(at: i))|\(row.value(at: i))|\(Array(row.bytes(at: i)))|\(row.number(at: i))"
            })
    }

    /// A sheet of `n` rows mixing shared strings, inline strings, numbers, booleans and empty cells.
    private static func sheet(rows n: Int) -> ZipBuilder {
        let rows = (1...n).map { r -> String in
            var cells = "<c r=\"A\(r)\" t=\"s\"><v>\(r % 3)</v></c>"
            if r % 5 != 0 { cells += "<c r=\"B\(r)\"><v>\(Double(r) / 8)</v></c>" }
            cells += "<c r=\"D\(r)\" t=\"inlineStr\"><is><t>行 \(r) &amp; more</t></is></c>"
            if r % 7 == 0 { cells += "<c r=\"E\(r)\" t=\"b\"><v>1</v></c>" }
            return "<row r=\"\(r)\">\(cells)</row>"
        }.joined()
        let strings = """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">\
            <si><t>零</t></si><si><t>one</t></si><si><t>二 two</t></si></sst>
            """
        return ZipBuilder.workbook(sheetData: rows, sharedStrings: strings)
    }

    @Test("hands over the same rows as the sequential reader", arguments: [1, 511, 512, 513, 5_000])
    func sameRows(count: Int) throws {
        let path = try Self.sheet(rows: count).write()
        let wb = try Workbook(path: path)
        var sequential: [Seen] = []
        let s1 = try wb.readSheet(wb.sheets[0]) { sequential.append(Self.describe($0)) }
        var pipelined: [Seen] = []
        let s2 = try wb.readSheetPipelined(wb.sheets[0]) { pipelined.append(Self.describe($0)) }
        #expect(sequential.count == count)
        #expect(pipelined == sequential)
        #expect(s1 == s2)
    }

    @Test("a malformed cell is thrown after every row before it")
    func errorAfterRows() throws {
        var rows = (1...1_500).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }
        rows[1_200] = "<row r=\"1201\"><c r=\"A1201\"><v>nan</v></c></row>"
        let path = try ZipBuilder.workbook(sheetData: rows.joined()).write()
        let wb = try Workbook(path: path)
        func run(_ read: ((SheetRow) throws -> Void) throws -> Void) -> (Int, XLSXError?) {
            var count = 0
            do {
                try read { _ in count += 1 }
                return (count, nil)
            } catch {
                return (count, error as? XLSXError)
            }
        }
        let sequential = run { try wb.readSheet(wb.sheets[0], maxRow: nil, $0) }
        let pipelined = run { try wb.readSheetPipelined(wb.sheets[0], $0) }
        #expect(sequential.0 == 1_200)
        #expect(pipelined.0 == sequential.0)
        #expect(pipelined.1 != nil)
        #expect(pipelined.1 == sequential.1)
    }

    @Test("an error thrown by the caller stops the parse and is rethrown")
    func callerError() throws {
        struct Enough: Error {}
        let path = try Self.sheet(rows: 5_000).write()
        let wb = try Workbook(path: path)
        var count = 0
        #expect(throws: Enough.self) {
            try wb.readSheetPipelined(wb.sheets[0]) { _ in
                count += 1
                if count == 700 { throw Enough() }
            }
        }
        #expect(count == 700)
        // The workbook is still usable afterwards.
        var again = 0
        try wb.readSheetPipelined(wb.sheets[0]) { _ in again += 1 }
        #expect(again == 5_000)
    }
}

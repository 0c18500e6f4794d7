import Foundation
import Testing

@testable import XLSX

@Suite("Reading workbooks")
struct WorkbookReadingTests {
    private func cells(_ z: ZipBuilder) throws -> [CellReference: CellValue] {
        try readEverything(try z.write())[0]
    }

    private func ref(_ s: String) -> CellReference { CellReference(s)! }

    @Test("shared strings: rich runs joined, phonetic runs left out, escapes decoded, white space kept")
    func sharedStrings() throws {
        let z = ZipBuilder.workbook(
            sheetData:
                #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>"#,
            sharedStrings:
                #"<si><t>plain</t></si><si><r><t>Hello </t></r><r><rPr><b/></rPr><t>BIG</t></r><r><t xml:space="preserve"> World</t></r></si>"#
                + #"<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t xml:space="preserve">  a_x000D_b &amp; c  </t></si>"#
        )
        let c = try cells(z)
        #expect(c[ref("A1")] == .text("plain"))
        #expect(c[ref("B1")] == .text("Hello BIG World"))
        #expect(c[ref("C1")] == .text("東京"))
        #expect(c[ref("D1")] == .text("  a\rb & c  "))
    }

    @Test("every cell type, with formulas read through their cached values")
    func cellTypes() throws {
        let z = ZipBuilder.workbook(
            sheetData: """
                <row r="2"><c r="A2" t="inlineStr"><is><t>inline</t></is></c><c r="B2" t="b"><v>1</v></c>\
                <c r="C2" t="e"><v>#N/A</v></c><c r="D2"><f>1+1</f><v>2</v></c><c r="E2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>\
                <c r="F2" t="n"><v>-1.25</v></c><c r="G2" s="0"/><c r="H2" t="d"><v>2026-03-05T08:30:00</v></c></row>
                """)
        let c = try cells(z)
        #expect(c[ref("A2")] == .text("inline"))
        #expect(c[ref("B2")] == .boolean(true))
        #expect(c[ref("C2")] == .error("#N/A"))
        #expect(c[ref("D2")] == .number(2))
        #expect(c[ref("E2")] == .text("xy"))
        #expect(c[ref("F2")] == .number(-1.25))
        #expect(c[ref("G2")] == nil)
        #expect(
            c[ref("H2")]
                == .date(ExcelDateTime(year: 2026, month: 3, day: 5, time: TimeOfDay(hour: 8, minute: 30, second: 0))))
    }

    @Test("dates, times and durations come from the number format; 1904 is honoured")
    func dates() throws {
        let styles = """
            <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
            <numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts>\
            <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="21"/></cellXfs>
            """
        let sheet =
            #"<row r="1"><c r="A1" s="1"><v>46086</v></c><c r="B1" s="2"><v>46086.75</v></c><c r="C1" s="3"><v>1.5</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1"><v>46086</v></c></row>"#
        let c = try cells(ZipBuilder.workbook(sheetData: sheet, styles: styles))
        #expect(c[ref("A1")] == .date(ExcelDateTime(year: 2026, month: 3, day: 5)))
        #expect(
            c[ref("B1")]
                == .date(ExcelDateTime(year: 2026, month: 3, day: 5, time: TimeOfDay(hour: 18, minute: 0, second: 0))))
        #expect(c[ref("C1")] == .duration(seconds: 129_600))
        #expect(c[ref("D1")] == .time(TimeOfDay(hour: 12, minute: 0, second: 0)))
        #expect(c[ref("E1")] == .number(46086))

        let wb1904 = """
            <?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>\
            <sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let path = try ZipBuilder.workbook(sheetData: sheet, styles: styles, workbookXML: wb1904).write()
        let wb = try Workbook(path: path)
        #expect(wb.date1904)
        #expect(try wb.cells(of: wb.sheets[0])[ref("A1")] == .date(ExcelDateTime(year: 2030, month: 3, day: 6)))
    }

    @Test("rows and cells without r follow their predecessors; sparse rows keep their numbers")
    func sparse() throws {
        let z = ZipBuilder.workbook(
            sheetData: """
                <row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>
                """)
        let path = try z.write()
        let wb = try Workbook(path: path)
        var seen: [(Int, [Int])] = []
        let summary = try wb.readSheet(wb.sheets[0]) { row in
            seen.append((row.number, (0..<row.count).map { row.column(at: $0) }))
        }
        #expect(seen.map(\.0) == [1, 5, 6])
        #expect(seen.map(\.1) == [[1, 2], [3, 4], [1]])
        #expect(summary.rowsRead == 3)
        #expect(summary.firstCell == CellReference(column: 1, row: 1))
        #expect(summary.lastCell == CellReference(column: 4, row: 6))
    }

    @Test("stops at maxRow without reading the rest")
    func maxRow() throws {
        let rows = (1...100).map { "<row r=\"\($0)\"><c><v>\($0)</v></c></row>" }.joined()
        let path = try ZipBuilder.workbook(sheetData: rows).write()
        let wb = try Workbook(path: path)
        var count = 0
        let summary = try wb.readSheet(wb.sheets[0], maxRow: 10) { _ in count += 1 }
        #expect(count == 10)
        #expect(!summary.complete)
    }

    @Test("sheet order, states, chart sheets, strict namespaces and odd-case absolute targets")
    func workbookStructure() throws {
        var z = ZipBuilder.workbook(sheetData: #"<row r="1"><c r="A1"><v>7</v></c></row>"#)
        z.entries.removeAll { $0.name == "xl/workbook.xml" || $0.name == "xl/_rels/workbook.xml.rels" }
        z.add(
            "xl/workbook.xml",
            """
            <?xml version="1.0"?><x:workbook xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main" \
            xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><x:sheets>\
            <x:sheet name="Data &amp; more" sheetId="3" r:id="rId9"/><x:sheet name="Hidden" sheetId="1" state="hidden" r:id="rId9"/>\
            <x:sheet name="Chart" sheetId="2" state="veryHidden" r:id="rId2"/></x:sheets></x:workbook>
            """)
        z.add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId9" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/XL/Worksheets/Sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>\
            </Relationships>
            """)
        let wb = try Workbook(path: try z.write())
        #expect(wb.sheets.map(\.name) == ["Data & more", "Hidden", "Chart"])
        #expect(wb.sheets.map(\.state) == [.visible, .hidden, .veryHidden])
        #expect(wb.sheets.map(\.kind) == [.worksheet, .worksheet, .other])
        #expect(try wb.cells(of: wb.sheets[0])[ref("A1")] == .number(7))
        #expect(try wb.cells(of: wb.sheets[2]).isEmpty)
    }

    @Test("bytes of text cells reach the caller without a String")
    func bytesAccess() throws {
        let z = ZipBuilder.workbook(
            sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.50</v></c></row>"#,
            sharedStrings: "<si><t>订单</t></si>")
        let wb = try Workbook(path: try z.write())
        try wb.readSheet(wb.sheets[0]) { row in
            #expect(Array(row.bytes(at: 0)) == Array("订单".utf8))
            #expect(row.type(at: 0) == .sharedString)
            #expect(Array(row.bytes(at: 1)) == Array("12.50".utf8))
            #expect(row.number(at: 1) == 12.5)
        }
    }
}

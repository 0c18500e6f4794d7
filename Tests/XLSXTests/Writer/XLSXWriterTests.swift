import Foundation
import Testing

@testable import XLSX

@Suite("XLSXWriter")
struct XLSXWriterTests {
    // MARK: - Helpers

    /// Writes a workbook with `body` and returns its parts by name.
    private func parts(
        options: XLSXWriter.Options = .init(),
        _ body: (XLSXWriter) throws -> Void
    ) throws -> [String: WriterZipEntry] {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let path = dir.file("book.xlsx")
        let writer = try XLSXWriter(path: path, options: options)
        try body(writer)
        try writer.close()
        return try WriterTestZip.parts(path)
    }

    /// The `<sheetData>` content of a sheet part.
    private func sheetData(_ parts: [String: WriterZipEntry], _ number: Int = 1) -> String {
        let xml = parts["xl/worksheets/sheet\(number).xml"]?.text ?? ""
        guard let start = xml.range(of: "<sheetData>"), let end = xml.range(of: "</sheetData>") else { return "" }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    private func escapedText(_ text: String) -> String {
        var buffer = XLSXWriter.XMLBuffer()
        buffer.appendText(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    // MARK: - Escaping

    @Test(
        "markup characters are escaped; quotes only in attributes",
        arguments: [
            ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
            ("say \"hi\" 'there'", "say \"hi\" 'there'"),
            ("销售额 ¥1,234 😀", "销售额 ¥1,234 😀"),
            ("", ""),
        ])
    func markup(input: String, expected: String) {
        #expect(escapedText(input) == expected)
    }

    @Test(
        "characters XML 1.0 cannot hold become _xHHHH_",
        arguments: [
            ("a\u{0}b", "a_x0000_b"),
            ("\u{1}\u{1F}", "_x0001__x001F_"),
            ("tab\tand\nnewline", "tab\tand\nnewline"),
            ("cr\r\nlf", "cr_x000D_\nlf"),
            ("x\u{FFFE}y\u{FFFF}", "x_xFFFE_y_xFFFF_"),
            ("\u{FFFD}\u{FEFF}", "\u{FFFD}\u{FEFF}"),
        ])
    func controlCharacters(input: String, expected: String) {
        #expect(escapedText(input) == expected)
    }

    @Test(
        "a literal _xHHHH_ is protected as _x005F_xHHHH_",
        arguments: [
            ("_x0041_", "_x005F_x0041_"),
            ("a_x00e9_b_X00FF_", "a_x005F_x00e9_b_x005F_X00FF_"),
            ("_x004_", "_x004_"),
            ("_x00G1_", "_x00G1_"),
            ("snake_case_x", "snake_case_x"),
            ("_x0041", "_x0041"),
        ])
    func literalEscapes(input: String, expected: String) {
        #expect(escapedText(input) == expected)
    }

    @Test("attribute values escape quotes")
    func attributes() {
        var buffer = XLSXWriter.XMLBuffer()
        buffer.appendAttribute("a\"b&c<d>e'f")
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "a&quot;b&amp;c&lt;d&gt;e'f")
    }

    @Test("leading or trailing whitespace asks for xml:space=preserve")
    func preserve() {
        #expect(XLSXWriter.XMLBuffer.needsPreserve(" a"))
        #expect(XLSXWriter.XMLBuffer.needsPreserve("a\n"))
        #expect(XLSXWriter.XMLBuffer.needsPreserve("\ta"))
        #expect(!XLSXWriter.XMLBuffer.needsPreserve("a b"))
        #expect(!XLSXWriter.XMLBuffer.needsPreserve(""))
    }

    @Test(
        "numbers use the shortest round-trip form, integers without .0",
        arguments: [
            (12.0, "12"), (-3.0, "-3"), (-0.0, "0"), (0.1, "0.1"), (1234.5, "1234.5"),
            (1e20, "1e+20"), (123_456_789_012_345.0, "123456789012345"), (1.0 / 3.0, "0.3333333333333333"),
            (Double.leastNonzeroMagnitude, "5e-324"),
        ])
    func numbers(value: Double, expected: String) {
        var buffer = XLSXWriter.XMLBuffer()
        buffer.appendNumber(value)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
        #expect(Double(expected) == value)
    }

    @Test("decimal text grammar")
    func decimalGrammar() {
        for good in ["0", "1234.50", "-0.125", "007", "-5"] {
            #expect(XLSXWriter.RowEncoder.isDecimal(good), "\(good)")
        }
        for bad in ["", "-", "1.", ".5", "1e5", "+1", "1,234", " 1", "1.2.3", "NaN", "１２"] {
            #expect(!XLSXWriter.RowEncoder.isDecimal(bad), "\(bad)")
        }
    }

    // MARK: - Sheet names

    @Test(
        "sheet names Excel refuses throw",
        arguments: [
            "", String(repeating: "x", count: 32), "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b",
            "'quoted", "quoted'", "History", "HISTORY", "tab\there",
        ])
    func invalidSheetName(name: String) throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let writer = try XLSXWriter(path: dir.file("b.xlsx"))
        #expect {
            try writer.beginSheet(name: name)
        } throws: { error in
            let error = error as? XLSXError
            return error?.kind == .invalidArgument && error?.detail.contains("invalid sheet name") == true
        }
    }

    @Test("valid names, including 31 characters and CJK; duplicates ignore case")
    func sheetNames() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let writer = try XLSXWriter(path: dir.file("b.xlsx"))
        for name in [String(repeating: "x", count: 31), "销售 2026", "it's", "Q&A <1>", "Historic"] {
            try writer.beginSheet(name: name)
        }
        #expect(throws: XLSXError.self) { try writer.beginSheet(name: "销售 2026") }
        #expect(throws: XLSXError.self) { try writer.beginSheet(name: "q&a <1>") }
        try writer.close()
    }

    // MARK: - Package

    @Test("a workbook has the parts Excel expects, _rels/.rels first")
    func packageParts() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "Orders & Returns")
            try writer.writeRow([.text("x")])
            try writer.beginSheet(name: "Hidden", state: .hidden)
            try writer.beginSheet(name: "Secret", state: .veryHidden)
        }
        #expect(
            Set(parts.keys) == [
                "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "[Content_Types].xml",
            ])
        let workbook = try #require(parts["xl/workbook.xml"]).text
        #expect(workbook.contains("<sheet name=\"Orders &amp; Returns\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(workbook.contains("<sheet name=\"Hidden\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"))
        #expect(workbook.contains("state=\"veryHidden\""))
        #expect(workbook.contains("<workbookPr/>"))
        let types = try #require(parts["[Content_Types].xml"]).text
        #expect(types.contains("/xl/worksheets/sheet3.xml"))
        #expect(types.contains("/xl/sharedStrings.xml"))
        let rels = try #require(parts["xl/_rels/workbook.xml.rels"]).text
        #expect(
            rels.contains(
                "Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\""))
        #expect(!parts.values.contains { $0.text.contains("dcterms:created") || $0.text.contains("dcterms:modified") })
    }

    @Test("the first visible sheet is the active tab")
    func activeTab() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "Lookup", state: .hidden)
            try writer.beginSheet(name: "Report")
            try writer.beginSheet(name: "More")
        }
        #expect(try #require(parts["xl/workbook.xml"]).text.contains("firstSheet=\"1\" activeTab=\"1\""))
        #expect(try #require(parts["xl/worksheets/sheet2.xml"]).text.contains("tabSelected=\"1\""))
        #expect(try #require(parts["xl/worksheets/sheet3.xml"]).text.contains("tabSelected") == false)
    }

    @Test("a workbook needs a visible sheet")
    func noVisibleSheet() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let empty = try XLSXWriter(path: dir.file("a.xlsx"))
        #expect(throws: XLSXError.self) { try empty.close() }
        let hidden = try XLSXWriter(path: dir.file("b.xlsx"))
        try hidden.beginSheet(name: "H", state: .hidden)
        #expect(throws: XLSXError.self) { try hidden.close() }
    }

    @Test("the 1904 date system is declared and used")
    func dateSystem1904() throws {
        let parts = try parts(options: .init(dateSystem: .excel1904)) { writer in
            try writer.beginSheet(name: "S")
            try writer.writeRow([.date(ExcelDateTime(year: 1904, month: 1, day: 2))])
        }
        #expect(try #require(parts["xl/workbook.xml"]).text.contains("<workbookPr date1904=\"1\"/>"))
        #expect(sheetData(parts).contains("<v>1</v>"))
    }

    // MARK: - Sheets and cells

    @Test("frozen header, column widths and element order")
    func sheetLayout() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "S", columnWidths: [18, 0, 9.5], freezeHeaderRow: true)
            try writer.writeRow([.text("Region"), .text("Revenue")], bold: true)
        }
        let xml = try #require(parts["xl/worksheets/sheet1.xml"]).text
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        let cols = [
            "<cols><col min=\"1\" max=\"1\" width=\"18\" customWidth=\"1\"/>",
            "<col min=\"3\" max=\"3\" width=\"9.5\" customWidth=\"1\"/></cols>",
        ].joined()
        #expect(xml.contains(cols))
        let order = ["<sheetViews>", "<sheetFormatPr", "<cols>", "<sheetData>", "<pageMargins"]
        let positions = order.map { xml.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(
            sheetData(parts)
                == "<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\" t=\"s\"><v>1</v></c></row>"
        )
        #expect(
            try #require(parts["xl/styles.xml"]).text.contains(
                "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"))
    }

    @Test("print setup: fit to width, orientation, A4, repeated rows as a print-titles name per sheet")
    func pageSetup() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "Plain")
            try writer.writeRow([.text("a")])
            try writer.beginSheet(
                name: "Bob's 汇总", columnWidths: [20], freezeHeaderRow: true,
                pageSetup: XLSXWriter.PageSetup(orientation: .landscape, fitToWidth: true, repeatedRows: 1...2))
            try writer.writeRow([.text("b")])
            try writer.beginSheet(name: "Portrait", pageSetup: XLSXWriter.PageSetup())
        }
        let plain = try #require(parts["xl/worksheets/sheet1.xml"]).text
        #expect(!plain.contains("<sheetPr") && !plain.contains("<pageSetup"))
        let wide = try #require(parts["xl/worksheets/sheet2.xml"]).text
        // Schema order: sheetPr first, pageSetup right after pageMargins.
        let order = [
            "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>", "<sheetViews>", "<sheetData>", "<pageMargins",
        ]
        let positions = order.map { wide.range(of: $0)?.lowerBound }
        #expect(
            positions.allSatisfy { $0 != nil } && positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(
            wide.contains(
                "footer=\"0.3\"/><pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>"
            ))
        let portrait = try #require(parts["xl/worksheets/sheet3.xml"]).text
        #expect(portrait.contains("<pageSetup paperSize=\"9\" orientation=\"portrait\"/></worksheet>"))
        #expect(!portrait.contains("<sheetPr"))
        let workbook = try #require(parts["xl/workbook.xml"]).text
        #expect(
            workbook.contains(
                "</sheets><definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'Bob''s 汇总'!$1:$2</definedName></definedNames></workbook>"
            ))
    }

    @Test("repeated rows outside the sheet are refused")
    func pageSetupRows() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let writer = try XLSXWriter(path: dir.file("book.xlsx"))
        #expect(throws: XLSXError.self) {
            try writer.beginSheet(name: "S", pageSetup: XLSXWriter.PageSetup(repeatedRows: 0...1))
        }
    }

    @Test("every kind of cell, with styles and references")
    func cells() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "S")
            try writer.writeRow([
                .number(12), .number(0.5, .percent), .decimal("1234.50", .currencyCNY), .boolean(true),
                .date(ExcelDateTime(year: 2026, month: 3, day: 5)), .error("#N/A"), .empty, .text("end"),
                .date(
                    ExcelDateTime(year: 2026, month: 3, day: 5, time: TimeOfDay(hour: 12, minute: 0, second: 0)),
                    .dateTime),
                .number(7, .custom("0.000")), .number(8, .percent1),
            ])
        }
        let expected = [
            "<row r=\"1\">",
            "<c r=\"A1\"><v>12</v></c>",
            "<c r=\"B1\" s=\"1\"><v>0.5</v></c>",
            "<c r=\"C1\" s=\"2\"><v>1234.50</v></c>",
            "<c r=\"D1\" t=\"b\"><v>1</v></c>",
            "<c r=\"E1\" s=\"3\"><v>46086</v></c>",
            "<c r=\"F1\" t=\"e\"><v>#N/A</v></c>",
            "<c r=\"H1\" t=\"s\"><v>0</v></c>",
            "<c r=\"I1\" s=\"4\"><v>46086.5</v></c>",
            "<c r=\"J1\" s=\"5\"><v>7</v></c>",
            "<c r=\"K1\" s=\"6\"><v>8</v></c>",
            "</row>",
        ].joined()
        #expect(sheetData(parts) == expected)
        let styles = try #require(parts["xl/styles.xml"]).text
        let numFmts = [
            "<numFmts count=\"5\">",
            "<numFmt numFmtId=\"164\" formatCode=\"&quot;¥&quot;#,##0.00\"/>",
            "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/>",
            "<numFmt numFmtId=\"166\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>",
            "<numFmt numFmtId=\"167\" formatCode=\"0.000\"/>",
            "<numFmt numFmtId=\"168\" formatCode=\"0.0%\"/></numFmts>",
        ].joined()
        #expect(styles.contains(numFmts))
        #expect(styles.contains("<cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\""))
        #expect(
            styles.contains(
                "<xf numFmtId=\"9\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"))
    }

    @Test("rows number from 1, sparse rows keep their numbers, empty rows are omitted")
    func rowNumbers() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "S")
            try writer.writeRow([.number(1)])
            try writer.writeRow([.empty, .empty])
            try writer.writeRow([.number(3)])
            try writer.writeRow([.number(10)], at: 10)
            try writer.writeRow([.number(11)])
            #expect(throws: XLSXError.self) { try writer.writeRow([.number(5)], at: 5) }
            #expect(throws: XLSXError.self) { try writer.writeRow([.number(0)], at: 1_048_577) }
        }
        let expected = [
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\"><v>3</v></c></row>",
            "<row r=\"10\"><c r=\"A10\"><v>10</v></c></row><row r=\"11\"><c r=\"A11\"><v>11</v></c></row>",
        ].joined()
        #expect(sheetData(parts) == expected)
    }

    @Test("cell references run from A to XFD; a 16,385th column throws")
    func columnReferences() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "S")
            try writer.writeRow([Cell](repeating: .boolean(true), count: 16_384), at: 1_048_576)
            #expect {
                try writer.writeRow([Cell](repeating: .empty, count: 16_385))
            } throws: { ($0 as? XLSXError)?.kind == .limitExceeded }
        }
        let data = sheetData(parts)
        for reference in ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"] {
            #expect(data.contains("<c r=\"\(reference)1048576\" t=\"b\">"), "\(reference)")
        }
        #expect(data.components(separatedBy: "<c ").count == 16_385)
        #expect(data.hasSuffix("<c r=\"XFD1048576\" t=\"b\"><v>1</v></c></row>"))
    }

    @Test("shared strings are deduplicated byte for byte, in first-use order")
    func sharedStrings() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "S")
            try writer.writeRow([.text("b"), .text("a"), .text("b"), .text("")])
            try writer.writeRow([.text("\u{E9}"), .text("e\u{301}"), .text(" padded "), .text("x&y")])
        }
        let sst = try #require(parts["xl/sharedStrings.xml"]).text
        let expected = [
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"7\" uniqueCount=\"6\">",
            "<si><t>b</t></si><si><t>a</t></si><si><t>\u{E9}</t></si><si><t>e\u{301}</t></si>",
            "<si><t xml:space=\"preserve\"> padded </t></si><si><t>x&amp;y</t></si></sst>",
        ].joined()
        // Compare bytes: Swift's String == would equate é and e + U+0301.
        #expect(Array(sst.utf8).suffix(expected.utf8.count) == ArraySlice(expected.utf8))
    }

    @Test("inline strings when shared strings are off")
    func inlineStrings() throws {
        let parts = try parts(options: .init(sharedStrings: false)) { writer in
            try writer.beginSheet(name: "S")
            try writer.writeRow([.text(" a<b "), .text("c")], bold: true)
        }
        #expect(parts["xl/sharedStrings.xml"] == nil)
        #expect(!(try #require(parts["[Content_Types].xml"]).text.contains("sharedStrings")))
        #expect(!(try #require(parts["xl/_rels/workbook.xml.rels"]).text.contains("sharedStrings")))
        let expected = [
            "<row r=\"1\">",
            "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> a&lt;b </t></is></c>",
            "<c r=\"B1\" s=\"1\" t=\"inlineStr\"><is><t>c</t></is></c></row>",
        ].joined()
        #expect(sheetData(parts) == expected)
    }

    @Test("text that looks like a formula is written as text, never <f>")
    func formulaInjection() throws {
        let risky = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1)", "=cmd|' /C calc'!A0"]
        for sharedStrings in [true, false] {
            let parts = try parts(options: .init(sharedStrings: sharedStrings)) { writer in
                try writer.beginSheet(name: "S")
                try writer.writeRow(risky.map(Cell.text))
            }
            for part in parts.values { #expect(!part.text.contains("<f>") && !part.text.contains("<f ")) }
            let data = sheetData(parts)
            #expect(
                data.components(separatedBy: sharedStrings ? "t=\"s\"" : "t=\"inlineStr\"").count == risky.count + 1)
        }
    }

    // MARK: - Errors

    @Test("text over 32,767 characters throws naming sheet and cell; the row is not written")
    func longText() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "Notes")
            try writer.writeRow([.text(String(repeating: "x", count: 32_767))])
            #expect {
                try writer.writeRow([.text("ok"), .text("new"), .text(String(repeating: "é", count: 32_768))])
            } throws: { error in
                let error = error as? XLSXError
                return error?.kind == .invalidCell && error?.sheet == "Notes" && error?.cell == "C2"
                    && error?.errorDescription?.contains("sheet 'Notes', cell C2") == true
            }
            try writer.writeRow([.text("after")])
        }
        // Row 2 was rolled back: its new string is gone and "after" took row 2.
        let sst = try #require(parts["xl/sharedStrings.xml"]).text
        #expect(
            !sst.contains("<t>new</t>") && !sst.contains("<t>ok</t>") && sst.contains("count=\"2\" uniqueCount=\"2\""))
        #expect(sheetData(parts).hasSuffix("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"))
    }

    @Test(
        "values Excel cannot hold throw invalidCell with the cell reference",
        arguments: [
            Cell.number(.nan), .number(.infinity), .number(-.infinity, .thousands),
            .decimal("1,5", .general), .decimal("", .decimal2), .error("#WHAT?"),
            .date(ExcelDateTime(year: 2026, month: 2, day: 29)), .date(ExcelDateTime(year: 1899, month: 12, day: 31)),
            .date(ExcelDateTime(year: 2026, month: 1, day: 1, time: TimeOfDay(millisecondOfDay: 86_400_000))),
            .number(1, .custom("")), .number(1, .custom("0\u{1}")),
        ])
    func invalidCells(cell: Cell) throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let writer = try XLSXWriter(path: dir.file("b.xlsx"))
        try writer.beginSheet(name: "S")
        #expect {
            try writer.writeRow([.empty, cell])
        } throws: { error in
            let error = error as? XLSXError
            return error?.kind == .invalidCell && error?.cell == "B1" && error?.sheet == "S"
        }
    }

    // MARK: - Files

    @Test("nothing appears at the path until close; an abandoned writer leaves nothing")
    func atomicity() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let path = dir.file("book.xlsx")
        do {
            let writer = try XLSXWriter(path: path)
            try writer.beginSheet(name: "S")
            try writer.writeRow([.text("a")])
            #expect(!FileManager.default.fileExists(atPath: path))
            try writer.endSheet()
            #expect(!FileManager.default.fileExists(atPath: path))
            try writer.close()
            #expect(try dir.listing() == ["book.xlsx"])
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let writer = try XLSXWriter(path: path)
            try writer.beginSheet(name: "S")
            try writer.writeRow([.text("unfinished")])
        }
        #expect(try dir.listing() == ["book.xlsx"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "an abandoned rewrite keeps the old file")
    }

    @Test("the same calls give byte-identical files")
    func deterministic() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        func write(_ name: String) throws -> Data {
            let path = dir.file(name)
            let writer = try XLSXWriter(path: path)
            try writer.beginSheet(name: "Data", columnWidths: [10, 12], freezeHeaderRow: true)
            try writer.writeRow([.text("id"), .text("amount"), .text("day")], bold: true)
            for i in 1...2000 {
                try writer.writeRow([
                    .number(Double(i)), .decimal("\(i).25", .decimal2),
                    .date(ExcelDateTime(year: 2026, month: 1 + i % 12, day: 1 + i % 28)),
                    .text("customer \(i % 37)"),
                ])
            }
            try writer.beginSheet(name: "Notes", state: .hidden)
            try writer.writeRow([.text("_x0041_ \u{1}")])
            try writer.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        #expect(try write("a.xlsx") == write("b.xlsx"))
    }

    @Test("a large sheet crosses chunk and buffer boundaries and stays a valid zip")
    func largeSheet() throws {
        let parts = try parts { writer in
            try writer.beginSheet(name: "Big")
            for i in 1...20_000 {
                try writer.writeRow([.number(Double(i)), .text("row \(i)"), .number(Double(i) / 7, .decimal2)])
            }
        }
        let data = sheetData(parts)
        #expect(data.hasPrefix("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>0</v></c>"))
        let lastRow = [
            "<row r=\"20000\"><c r=\"A20000\"><v>20000</v></c><c r=\"B20000\" t=\"s\"><v>19999</v></c>",
            "<c r=\"C20000\" s=\"1\"><v>2857.1428571428573</v></c></row>",
        ].joined()
        #expect(data.hasSuffix(lastRow))
    }
}

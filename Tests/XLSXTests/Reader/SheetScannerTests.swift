import Foundation
import SalesTestSupport
import Testing

@testable import XLSX

/// What reading one sheet with one parser gave: every row handed over, the summary, the error.
struct SheetOutcome: Equatable, CustomStringConvertible {
    var rows: [String] = []
    var summary: SheetSummary?
    var error: String?

    var description: String {
        "\(rows.count) rows\(rows.last.map { ", last \($0)" } ?? ""), summary \(String(describing: summary)), "
            + "error \(error ?? "none")"
    }

    static func read(
        _ workbook: Workbook, _ sheet: SheetInfo, _ parser: SheetParserEngine, maxRow: Int? = nil
    )
        -> SheetOutcome
    {
        var outcome = SheetOutcome()
        do {
            outcome.summary = try workbook.readSheet(sheet, maxRow: maxRow, parser: parser) { row in
                outcome.rows.append(describe(row))
            }
        } catch let error as XLSXError {
            outcome.error = "\(error.kind): \(error)"
        } catch {
            outcome.error = "\(error)"
        }
        return outcome
    }

    /// Equal; or, when the zip entry itself is damaged, the same error after rows one of which is a
    /// prefix of the other: the parsers read ahead by different amounts, so the stream's error may come a
    /// few rows earlier or later.
    func agrees(with other: SheetOutcome) -> Bool {
        if self == other { return true }
        guard let error, error == other.error, error.hasPrefix("corruptZip") else { return false }
        let (short, long) = rows.count <= other.rows.count ? (rows, other.rows) : (other.rows, rows)
        return Array(long.prefix(short.count)) == short
    }

    static func describe(_ row: SheetRow) -> String {
        let cells = (0..<row.count).map { i in
            "\(row.column(at: i))|\(row.type(at: i))|\(row.formatClass(at: i))|\(row.value(at: i))|"
                + "\(Array(row.bytes(at: i)))|\(row.number(at: i))"
        }
        return "\(row.number): " + cells.joined(separator: " ")
    }
}

/// ``SheetScanner`` against libxml2: each construct writers emit, read by the scanner alone; what is
/// outside its grammar handed to libxml2, with the same rows and errors.
@Suite("Sheet scanner")
struct SheetScannerTests {
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// A one-sheet workbook whose worksheet part is exactly `xml`.
    private static func workbook(part xml: String, sharedStrings: String? = nil) throws -> Workbook {
        var z = ZipBuilder.workbook(sheetData: "", sharedStrings: sharedStrings)
        let i = z.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
        z.entries[i].data = Array(xml.utf8)
        return try Workbook(path: try z.write())
    }

    private static func sheet(_ sheetData: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#
    }

    /// Reads with the scanner alone (it must not fall back) and with libxml2; both must agree.
    private static func scanned(_ xml: String, sharedStrings: String? = nil) throws -> [CellReference: CellValue] {
        let wb = try workbook(part: xml, sharedStrings: sharedStrings)
        let scanner = SheetOutcome.read(wb, wb.sheets[0], .scannerOnly)
        let libxml2 = SheetOutcome.read(wb, wb.sheets[0], .libxml2)
        #expect(scanner == libxml2)
        #expect(scanner.error == nil)
        var cells: [CellReference: CellValue] = [:]
        try wb.readSheet(wb.sheets[0], maxRow: nil, parser: .scannerOnly) { row in
            for i in 0..<row.count {
                cells[CellReference(column: row.column(at: i), row: row.number)] = row.value(at: i)
            }
        }
        return cells
    }

    /// The scanner hands the part to libxml2 (it throws ``ScannerFallback`` alone), and the default
    /// reader then gives libxml2's rows and error.
    private static func handedToLibXML2(_ xml: String) throws -> SheetOutcome {
        let wb = try workbook(part: xml)
        let alone = SheetOutcome.read(wb, wb.sheets[0], .scannerOnly)
        #expect(alone.error?.hasPrefix("scanner fallback") == true, "\(alone)")
        let scanner = SheetOutcome.read(wb, wb.sheets[0], .scanner)
        let libxml2 = SheetOutcome.read(wb, wb.sheets[0], .libxml2)
        #expect(scanner == libxml2)
        return libxml2
    }

    private static func ref(_ s: String) -> CellReference { CellReference(s)! }

    @Test("namespace prefixes, attributes in any order and quote, whitespace inside tags")
    func prefixesAndAttributes() throws {
        let xml = """
            <?xml version='1.0' encoding='utf-8'?>
            <x:worksheet xmlns:x="\(Self.main)" xmlns:r="urn:r">
              <x:dimension ref="A1:C2"/>
              <x:sheetData>
                <x:row r="1" spans="1:3"><x:c t='s' r='A1'><x:v>1</x:v></x:c><x:c s="0" r="C1" ><x:v>2.5</x:v></x:c></x:row>
                <x:row
                  r="2"><x:c
                  r = "B2"	t="inlineStr"><x:is><x:t>two</x:t></x:is></x:c></x:row>
              </x:sheetData>
            </x:worksheet>
            """
        let cells = try Self.scanned(xml, sharedStrings: "<si><t>zero</t></si><si><t>one</t></si>")
        #expect(cells == [Self.ref("A1"): .text("one"), Self.ref("C1"): .number(2.5), Self.ref("B2"): .text("two")])
    }

    @Test("entity and character references, CRLF, CDATA in values and inline strings")
    func references() throws {
        let cells = try Self.scanned(
            Self.sheet(
                """
                <row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</t></is></c>\
                <c r="B1" t="inlineStr"><is><t>&#x4E2D;&#25991; &#x1F600;</t></is></c>\
                <c r="C1" t="inlineStr"><is><t>line1\r\nline2\rline3</t></is></c>\
                <c r="D1" t="inlineStr"><is><t><![CDATA[<b>&amp;</b> ]] ]>]]></t></is></c>\
                <c r="E1"><v>&#49;&#x32;</v></c><c r="F1" t="str"><v>x&#13;y</v></c></row>
                """))
        #expect(cells[Self.ref("A1")] == .text("a & b <c> \"d\" 'e'"))
        #expect(cells[Self.ref("B1")] == .text("中文 😀"))
        #expect(cells[Self.ref("C1")] == .text("line1\nline2\nline3"))
        #expect(cells[Self.ref("D1")] == .text("<b>&amp;</b> ]] ]>"))
        #expect(cells[Self.ref("E1")] == .number(12))
        #expect(cells[Self.ref("F1")] == .text("x\ry"))
    }

    @Test("rich runs, phonetic runs, xml:space, empty values, self-closing rows and cells, skipped elements")
    func structure() throws {
        let cells = try Self.scanned(
            Self.sheet(
                """
                <row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve"> bold </t></r>\
                <r><t>plain</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh></is></c>\
                <c r="B1"><f>1+1</f><v>2</v></c><c r="C1"><v/></c><c r="D1"/><c r="E1" t="str"><f>"x"</f><v></v></c></row>\
                <row r="2"/><row r="3" ht="20" customHeight="1"><c r="A3" t="b"><v>1</v></c>\
                <extLst><ext uri="{x}"><y:z xmlns:y="urn:y"/></ext></extLst></row>\
                <row><c><v>7</v></c><c t="e"><v>#N/A</v></c></row>
                """))
        #expect(
            cells == [
                Self.ref("A1"): .text(" bold plain"), Self.ref("B1"): .number(2), Self.ref("A3"): .boolean(true),
                Self.ref("A4"): .number(7), Self.ref("B4"): .error("#N/A"),
            ])
    }

    @Test("non-ASCII text and names of every UTF-8 length, across the scanner's buffer boundary")
    func longText() throws {
        // Longer than the scanner's 128 KiB buffer, so text, tags and UTF-8 sequences are cut by refills.
        let text = String(repeating: "a中é😀", count: 9_000)
        var rows = ""
        for r in 1...40 {
            rows += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\"><is><t>\(text.prefix(r * 331))</t></is></c>"
            rows += "<c r=\"B\(r)\"><v>\(r)</v></c></row>"
        }
        let cells = try Self.scanned(Self.sheet(rows))
        #expect(cells.count == 80)
        #expect(cells[Self.ref("A40")] == .text(String(text.prefix(40 * 331))))
    }

    @Test(
        "outside the grammar: libxml2 reads the part, with its errors",
        arguments: [
            // A DOCTYPE: libxml2's guard refuses it.
            #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]><worksheet><sheetData/></worksheet>"#,
            // An entity it does not know.
            sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>"#),
            // Malformed markup.
            sheet(#"<row r="1"><c r="A1"><v>1</c></v></row>"#),
            sheet(#"<row r="1"><c r="A1" r="B1"><v>1</v></c></row>"#),
            sheet(#"<row r="1"><c r="A1"<v>1</v></c></row>"#),
            sheet("<row r=\"1\"><c r=\"A1\"><v>1\u{1}</v></c></row>"),
            // Another encoding.
            #"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet><sheetData/></worksheet>"#,
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet><sheetData/></worksheet>",
            // Valid XML the scanner leaves to libxml2: a comment, a processing instruction.
            sheet(#"<row r="1"><c r="A1"><v>1</v></c></row><!-- note --><row r="2"><c r="A2"><v>2</v></c></row>"#),
            sheet(#"<row r="1"><?pi x?><c r="A1"><v>1</v></c></row>"#),
        ])
    func fallback(_ xml: String) throws {
        _ = try Self.handedToLibXML2(xml)
    }

    @Test("rows handed over before a fallback are not handed over again")
    func fallbackAfterRows() throws {
        var rows = (1...3_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }
        rows[2_500] = "<!-- a comment -->" + rows[2_500]
        let valid = try Self.handedToLibXML2(Self.sheet(rows.joined()))
        #expect(valid.rows.count == 3_000 && valid.error == nil)

        rows[2_500] = "<row r=\"2501\"><c r=\"A2501\"><v>1</c></row>"
        let broken = try Self.handedToLibXML2(Self.sheet(rows.joined()))
        #expect(broken.rows.count == 2_500)
        #expect(broken.error?.hasPrefix("malformedXML") == true, "\(broken)")

        // Each row reaches the caller once, in order.
        let wb = try Self.workbook(part: Self.sheet(rows.joined()))
        var numbers: [Int] = []
        _ = try? wb.readSheet(wb.sheets[0]) { numbers.append($0.number) }
        #expect(numbers == Array(1...2_500))
    }

    @Test("the handler's own errors come from the scanner with libxml2's messages")
    func handlerErrors() throws {
        for body in [
            #"<row r="1"><c r="A1"><v>abc</v></c></row>"#,
            #"<row r="2"><c r="A2"><v>1</v></c></row><row r="1"/>"#,
            #"<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>"#,
            #"<row r="1"><c r="A1" t="s"><v>9</v></c></row>"#,
        ] {
            let wb = try Self.workbook(part: Self.sheet(body))
            let scanner = SheetOutcome.read(wb, wb.sheets[0], .scannerOnly)
            #expect(scanner.error != nil && scanner.error?.hasPrefix("scanner fallback") == false)
            #expect(scanner == SheetOutcome.read(wb, wb.sheets[0], .libxml2))
        }
    }

    @Test("a maximum row stops both parsers alike")
    func maxRow() throws {
        let rows = (1...50).map { "<row r=\"\($0 * 2)\"><c r=\"A\($0 * 2)\"><v>\($0)</v></c></row>" }.joined()
        let wb = try Self.workbook(part: Self.sheet(rows))
        let scanner = SheetOutcome.read(wb, wb.sheets[0], .scannerOnly, maxRow: 31)
        #expect(scanner.rows.count == 15 && scanner.summary?.complete == false)
        #expect(scanner == SheetOutcome.read(wb, wb.sheets[0], .libxml2, maxRow: 31))
    }
}

/// Both parsers over every workbook of the conformance corpus and every hostile workbook
/// `fixture-gen hostile` writes: the same rows, summaries and errors.
@Suite("Sheet scanner, differential")
struct SheetScannerDifferentialTests {
    /// Compares the parsers on every sheet of every workbook under `folder`; returns how many sheets
    /// the scanner read alone and the reasons it handed the others to libxml2.
    private static func compare(_ folder: URL) throws -> (sheets: Int, alone: Int, fallbacks: [String]) {
        var sheets = 0
        var alone = 0
        var fallbacks: [String] = []
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { ["xlsx", "xlsm"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
        for file in files {
            guard let wb = try? Workbook(path: file.path) else { continue }
            for sheet in wb.sheets where sheet.kind == .worksheet {
                sheets += 1
                let libxml2 = SheetOutcome.read(wb, sheet, .libxml2)
                let scanner = SheetOutcome.read(wb, sheet, .scanner)
                #expect(scanner.agrees(with: libxml2), "\(file.lastPathComponent) '\(sheet.name)'")
                let only = SheetOutcome.read(wb, sheet, .scannerOnly)
                if let error = only.error, error.hasPrefix("scanner fallback") {
                    fallbacks.append("\(file.lastPathComponent): \(error)")
                } else {
                    alone += 1
                    #expect(only.agrees(with: libxml2), "\(file.lastPathComponent) '\(sheet.name)'")
                }
            }
        }
        return (sheets, alone, fallbacks)
    }

    @Test("the conformance corpus")
    func corpus() throws {
        guard let root = CorpusChecker.locate() else {
            Issue.record("the corpus (../shared/xlsx-corpus) is not there")
            return
        }
        let (sheets, alone, fallbacks) = try Self.compare(root)
        print(
            "corpus: \(sheets) sheets, \(alone) read by the scanner alone; fallbacks:\n"
                + fallbacks.joined(separator: "\n"))
        #expect(sheets > 150)
        // Every sheet of the corpus is in the scanner's grammar (a byte-order mark, prefixes, rich text,
        // phonetics, rows and cells without references included).
        #expect(fallbacks.isEmpty)
        #expect(alone == sheets)
    }

    @Test("the hostile workbooks")
    func hostile() throws {
        let dir = try temporaryDirectory(prefix: "scanner-hostile")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runTool("fixture-gen", ["hostile", "--out-dir", dir.path, "--quiet"])
        try #require(run.status == 0, "fixture-gen hostile: \(run.stderr)")
        let (sheets, _, fallbacks) = try Self.compare(dir)
        print("hostile: \(sheets) sheets; fallbacks:\n" + fallbacks.joined(separator: "\n"))
        #expect(sheets > 20)
        // The DTD and entity cases are left to libxml2's guards, the deep nesting to its depth limit,
        // the malformed part to its error.
        for name in [
            "h02-xxe-sheet", "h04-parameter-entity", "h05-external-dtd", "h07-quadratic-blowup",
            "h41-deep-nesting", "h42-malformed-after-1000-rows",
        ] {
            #expect(fallbacks.contains { $0.hasPrefix(name + ".xlsx") }, "\(name)")
        }
    }
}

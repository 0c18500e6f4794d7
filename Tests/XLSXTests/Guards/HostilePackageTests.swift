import Foundation
import Testing

@testable import XLSX

/// Hostile and broken packages: each is refused with the right kind of error, quickly, without crashing.
@Suite("Hostile packages")
struct HostilePackageTests {
    private func kind(_ z: ZipBuilder, limits: XLSXLimits = .default) throws -> XLSXError.Kind? {
        let path = try z.write()
        return errorKind { _ = try readEverything(path, limits: limits) }
    }

    private func kind(ofFile bytes: [UInt8], name: String = "x.xlsx") throws -> XLSXError.Kind? {
        var z = ZipBuilder()
        z.entries = []
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return errorKind { _ = try readEverything(path) }
    }

    // MARK: - Sniffing

    @Test("files that are not packages get their own errors")
    func sniffing() throws {
        #expect(try kind(ofFile: []) == .emptyFile)
        #expect(try kind(ofFile: Array("订单号,金额\nA1,100\n".utf8)) == .textFile)
        var ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        #expect(try kind(ofFile: ole) == .legacyXLS)
        ole += Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(try kind(ofFile: ole) == .encrypted)
        #expect(try kind(ofFile: [0x00, 0x01, 0x02, 0xFF]) == .notAPackage)
    }

    @Test("a zip without the workbook parts is not a package")
    func missingParts() throws {
        var z = ZipBuilder()
        z.add("hello.txt", "hi")
        #expect(try kind(z) == .notAPackage)
        var noTypes = ZipBuilder.workbook(sheetData: "")
        noTypes.entries.removeAll { $0.name == "[Content_Types].xml" }
        #expect(try kind(noTypes) == .notAPackage)
    }

    // MARK: - Zip structure

    @Test("truncated, CRC-broken and lying zips are corrupt")
    func corruptZips() throws {
        let good = ZipBuilder.workbook(sheetData: #"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        #expect(try kind(good) == nil)
        let bytes = good.bytes()
        #expect(try kind(ofFile: Array(bytes.prefix(bytes.count - 30))) == .corruptZip)
        #expect(try kind(ofFile: Array(bytes.prefix(bytes.count / 2))) == .corruptZip)

        var crc = good
        crc.entries[4].declaredCRC = 0xDEAD_BEEF
        #expect(try kind(crc) == .corruptZip)

        var lies = good
        lies.entries[4].declaredSize = 10  // inflates past what it declares
        #expect(try kind(lies) == .corruptZip)

        var short = good
        short.entries[4].declaredSize = 100_000  // holds less than it declares
        #expect(try kind(short) == .corruptZip)

        var names = good
        names.entries[2].localName = "xl/workbook.xmL"
        #expect(try kind(names) == .corruptZip)

        var overlap = good
        overlap.overlapSecondOntoFirst = true
        #expect(try kind(overlap) == .corruptZip)
    }

    @Test("unsafe names, duplicates and escaping targets are refused")
    func unsafePaths() throws {
        for name in ["../evil.xml", "/etc/passwd", "xl/../../x.xml", "xl\\..\\x.xml"] {
            var z = ZipBuilder.workbook(sheetData: "")
            z.add(name, "<x/>")
            #expect(try kind(z) == .unsafePath, "\(name)")
        }
        var dup = ZipBuilder.workbook(sheetData: "")
        dup.add("XL/Workbook.xml", "<x/>")
        #expect(try kind(dup) == .unsafePath)

        #expect(try kind(ZipBuilder.workbook(sheetData: "", sheetRels: "../../../etc/passwd")) == .unsafePath)
        #expect(
            try kind(ZipBuilder.workbook(sheetData: "", sheetRels: "http://example.invalid/sheet.xml")) == .unsafePath)
    }

    @Test("encrypted zip entries are refused")
    func encryptedEntry() throws {
        var z = ZipBuilder.workbook(sheetData: "")
        z.entries[4].encryptedFlag = true
        #expect(try kind(z) == .encrypted)
    }

    @Test("a zip64 entry declaring a terabyte is refused before inflating")
    func zip64Terabyte() throws {
        var z = ZipBuilder()
        z.zip64DeclaredSize = 1 << 40
        z.add("[Content_Types].xml", "<Types/>")
        #expect(try kind(z) != nil)
        let bomb = ZipBuilder.workbook(sheetData: "")
        var big = bomb
        big.entries[4].declaredSize = 1 << 40
        let started = Date()
        #expect(try kind(big) != nil)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a sheet that inflates far beyond its compressed size is refused as a bomb")
    func zipBomb() throws {
        let rows = String(repeating: "<row><c><v>0</v></c></row>", count: 40_000)
        var z = ZipBuilder.workbook(sheetData: rows)
        _ = z
        var limits = XLSXLimits()
        limits.ratioFloorBytes = 64 << 10
        limits.maxCompressionRatio = 50
        #expect(try kind(z, limits: limits) == .limitExceeded)
        limits = XLSXLimits()
        limits.maxTotalBytes = 100_000
        #expect(try kind(z, limits: limits) == .limitExceeded)
        z = ZipBuilder.workbook(sheetData: rows)
        #expect(try kind(z) == nil)
    }

    // MARK: - XML

    @Test("a DTD is refused and entities are never expanded")
    func doctype() throws {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>
            """
        var z = ZipBuilder.workbook(sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, sharedStrings: "")
        z.entries.removeAll { $0.name == "xl/sharedStrings.xml" }
        z.add("xl/sharedStrings.xml", laughs)
        #expect(try kind(z) == .entityExpansion)

        let xxe = """
            <?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
            """
        var s = ZipBuilder.workbook(sheetData: "")
        s.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
        s.add("xl/worksheets/sheet1.xml", xxe)
        #expect(try kind(s) == .entityExpansion)

        var param = ZipBuilder.workbook(sheetData: "")
        param.entries.removeAll { $0.name == "xl/workbook.xml" }
        param.add(
            "xl/workbook.xml",
            #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]><workbook/>"#)
        #expect(try kind(param) == .entityExpansion)
    }

    @Test("malformed XML, undefined entities and deep nesting are malformed")
    func malformed() throws {
        let good = (1...1000).map { "<row r=\"\($0)\"><c><v>\($0)</v></c></row>" }.joined()
        #expect(try kind(ZipBuilder.workbook(sheetData: good + "<row><c><v>1</c></row>")) == .malformedXML)
        #expect(
            try kind(ZipBuilder.workbook(sheetData: #"<row><c t="inlineStr"><is><t>&undefined;</t></is></c></row>"#))
                == .malformedXML)
        let deep = String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000)
        #expect(try kind(ZipBuilder.workbook(sheetData: deep)) == .malformedXML)
    }

    @Test(
        "cell grammar: references, indexes, numbers and text length",
        arguments: [
            #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#,
            #"<row r="1"><c r="A1048577"><v>1</v></c></row>"#,
            #"<row r="1"><c r="garbage"><v>1</v></c></row>"#,
            #"<row r="0"><c><v>1</v></c></row>"#,
            #"<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#,
            #"<row r="2"><c><v>1</v></c></row><row r="1"><c><v>1</v></c></row>"#,
            #"<row r="1"><c r="A1" t="s"><v>5</v></c></row>"#,
            #"<row r="1"><c r="A1"><v>nan</v></c></row>"#,
            #"<row r="1"><c r="A1"><v>inf</v></c></row>"#,
            #"<row r="1"><c r="A1"><v>0x10</v></c></row>"#,
            #"<row r="1"><c r="A1"><v>1e999</v></c></row>"#,
            #"<row r="1"><c r="A1" t="b"><v>2</v></c></row>"#,
            #"<row r="1"><c r="A1" t="zz"><v>1</v></c></row>"#,
        ])
    func invalidCells(sheetData: String) throws {
        #expect(try kind(ZipBuilder.workbook(sheetData: sheetData, sharedStrings: "<si><t>a</t></si>")) == .invalidCell)
    }

    @Test("a row of 20,000 cells runs past column XFD")
    func wideRow() throws {
        let row = "<row>" + String(repeating: "<c><v>1</v></c>", count: 20_000) + "</row>"
        #expect(try kind(ZipBuilder.workbook(sheetData: row)) == .invalidCell)
    }

    @Test("text over 32,767 characters is refused, in cells and shared strings")
    func longText() throws {
        let long = String(repeating: "字", count: 32_768)
        let ok = String(repeating: "字", count: 32_767)
        #expect(
            try kind(ZipBuilder.workbook(sheetData: "<row><c t=\"inlineStr\"><is><t>\(long)</t></is></c></row>"))
                == .invalidCell)
        #expect(
            try kind(ZipBuilder.workbook(sheetData: "<row><c t=\"inlineStr\"><is><t>\(ok)</t></is></c></row>")) == nil)
        #expect(
            try kind(
                ZipBuilder.workbook(
                    sheetData: #"<row><c t="s"><v>0</v></c></row>"#,
                    sharedStrings: "<si><t>\(long)</t></si>")) == .invalidCell)
        let huge = String(repeating: "x", count: 10 << 20)
        #expect(
            try kind(ZipBuilder.workbook(sheetData: "<row><c t=\"inlineStr\"><is><t>\(huge)</t></is></c></row>"))
                == .invalidCell)
    }

    @Test("formula-injection text is read verbatim as text")
    func injection() throws {
        let path = try ZipBuilder.workbook(
            sheetData: #"<row r="1"><c r="A1" t="inlineStr"><is><t>=HYPERLINK("http://x","y")</t></is></c></row>"#
        ).write()
        #expect(try readEverything(path)[0][CellReference("A1")!] == .text(#"=HYPERLINK("http://x","y")"#))
    }

    @Test("a flood of elements between cells is refused; markup after sheetData is not parsed or counted")
    func markupFlood() throws {
        var limits = XLSXLimits.default
        limits.maxElementsBetweenCells = 10
        let row = #"<row r="1"><c r="A1"><v>1</v></c></row>"#
        let flood = String(repeating: "<x/>", count: 20)
        // Inside sheetData: refused, naming the last row read.
        #expect(try kind(ZipBuilder.workbook(sheetData: row + flood), limits: limits) == .limitExceeded)
        let error = try #require(throws: XLSXError.self) {
            _ = try readEverything(try ZipBuilder.workbook(sheetData: row + flood).write(), limits: limits)
        }
        #expect(error.detail.contains("after row 1"))
        // Up to the limit, and cells resetting the count: read.
        let few = String(repeating: "<x/>", count: 9)
        #expect(
            try kind(
                ZipBuilder.workbook(sheetData: row + few + #"<row r="2"><c r="A2"><v>2</v></c></row>"# + few),
                limits: limits) == nil)
        // After sheetData (merged ranges, formatting rules…): not parsed, so not counted.
        let after = ZipBuilder.workbook(
            sheetData: row + "</sheetData><mergeCells>" + flood + "</mergeCells><sheetData>")
        #expect(try kind(after, limits: limits) == nil)
        #expect(try readEverything(try after.write(), limits: limits)[0][CellReference("A1")!] == .number(1))
        // The part is still inflated to its end and checked: a damaged CRC is still found.
        var damaged = after
        damaged.entries[4].declaredCRC = 0xDEAD_BEEF
        #expect(try kind(damaged, limits: limits) == .corruptZip)
    }
}

/// The hostile and broken workbooks `fixture-gen hostile` writes, with what `sales-import` must do
/// with each: exit with `exitCode` and one line of error containing `expect`, or, for the
/// formula-injection workbook, import it and store its text verbatim (`expect == "stored"`).
///
/// Every file is built from scratch by the raw zip writer (RawZip.swift), so nothing depends on
/// the XLSX writer behaving; the same arguments always give byte-identical files.
struct HostileCase {
    var file: String
    /// What the file is, in a few words.
    var what: String
    var exitCode: Int32
    /// A distinctive part of the one-line error, or `stored`.
    var expect: String
    var build: (HostileContext) -> [UInt8]
}

/// What the generated files point at, so a test can watch those targets.
struct HostileContext {
    /// An absolute path outside the package that external entities and relationships name.
    var externalFile: String
    /// A URL (ending in `/`) that network entities and relationships name.
    var externalURL: String

    var fileURL: String { "file://" + externalFile }
}

enum HostileCatalog {
    typealias P = HostileParts

    static let dataError: Int32 = 65

    /// The formula-injection texts of `h45-formula-injection.xlsx` (tests look for them in the store and exports).
    static let injectionTexts = [
        #"=HYPERLINK("http://127.0.0.1/","click")"#,  // customer name
        "=cmd|' /C calc'!A0",  // customer name
        "@SUM(1+1)",  // region
        "+SUM(1,1)",  // rep's full name
        "-2+3+cmd|' /C calc'!A0",  // product name
        "=1+2",  // product line
    ]

    static func all() -> [HostileCase] {
        var cases: [HostileCase] = []
        func add(
            _ file: String, _ what: String, _ expect: String, exit: Int32 = dataError,
            _ build: @escaping (HostileContext) -> [UInt8]
        ) {
            cases.append(HostileCase(file: file, what: what, exitCode: exit, expect: expect, build: build))
        }
        func zip(_ z: RawZip) -> [UInt8] { z.bytes() }
        let dtd = "declares a DTD"

        // MARK: XML entities

        add("h01-xxe-shared-strings.xlsx", "external entity (file) in the shared strings", dtd) { c in
            let ss = P.sharedStrings(
                ["&xxe;"], doctype: #"<!DOCTYPE sst [<!ENTITY xxe SYSTEM "\#(c.fileURL)">]>"#,
                rawItems: true)
            let sheet = P.sheet(rows: P.headerRow + P.orderRow(2, customer: #"<c r="C2" t="s"><v>0</v></c>"#))
            return zip(P.package(sheet: sheet, sharedStrings: ss))
        }
        add("h02-xxe-sheet.xlsx", "external entity (file) in a sheet", dtd) { c in
            let sheet = P.sheet(
                rows: P.headerRow + P.orderRow(2, customer: #"<c r="C2" t="inlineStr"><is><t>&xxe;</t></is></c>"#),
                doctype: #"<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "\#(c.fileURL)">]>"#)
            return zip(P.package(sheet: sheet))
        }
        add("h03-xxe-sheet-network.xlsx", "external entity (http) in a sheet", dtd) { c in
            let sheet = P.sheet(
                rows: P.headerRow + P.orderRow(2, customer: #"<c r="C2" t="inlineStr"><is><t>&xxe;</t></is></c>"#),
                doctype: #"<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "\#(c.externalURL)xxe">]>"#)
            return zip(P.package(sheet: sheet))
        }
        add("h04-parameter-entity.xlsx", "parameter entity loading a remote DTD, in a sheet", dtd) { c in
            let doctype =
                #"<!DOCTYPE worksheet [<!ENTITY % remote SYSTEM "\#(c.externalURL)evil.dtd"> %remote; "#
                + #"<!ENTITY % local SYSTEM "\#(c.fileURL)"> %local;]>"#
            return zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2), doctype: doctype)))
        }
        add("h05-external-dtd.xlsx", "external DTD subset (file) on a sheet", dtd) { c in
            let doctype = #"<!DOCTYPE worksheet SYSTEM "\#(c.fileURL)">"#
            return zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2), doctype: doctype)))
        }
        add("h06-billion-laughs.xlsx", "billion laughs in the shared strings", dtd) { _ in
            var doctype = #"<!DOCTYPE sst [<!ENTITY lol0 "lol">"#
            for i in 1...9 {
                doctype += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">"
            }
            doctype += "]>"
            let ss = P.sharedStrings(["&lol9;"], doctype: doctype, rawItems: true)
            let sheet = P.sheet(rows: P.headerRow + P.orderRow(2, customer: #"<c r="C2" t="s"><v>0</v></c>"#))
            return zip(P.package(sheet: sheet, sharedStrings: ss))
        }
        add("h07-quadratic-blowup.xlsx", "quadratic blow-up: a 100 KB entity referenced 50,000 times", dtd) { _ in
            let sheet: [DeflateSegment] = [
                .text(P.declaration + #"<!DOCTYPE worksheet [<!ENTITY a ""#),
                .run(pattern: Array("a".utf8), length: 100_000),
                .text(
                    #"">]><worksheet xmlns="\#(P.mainNS)"><sheetData>"# + P.headerRow
                        + #"<row r="2"><c r="A2" t="inlineStr"><is><t>"#),
                .run(pattern: Array("&a;".utf8), length: 3 * 50_000),
                .text("</t></is></c></row></sheetData></worksheet>"),
            ]
            return zip(P.package(sheet: sheet))
        }

        // MARK: Bombs and lying sizes

        /// A sheet of ~3 GiB: the header row, then 3 GiB of spaces (2 bits per 258 bytes once deflated).
        func bombSheet() -> [DeflateSegment] {
            P.sheet([.text(P.headerRow), .run(pattern: [0x20], length: 3 << 30)])
        }
        add(
            "h08-zip-bomb-sheet.xlsx", "a sheet of ~3 MB that inflates to 3 GiB (sizes declared honestly)",
            "likely zip bomb"
        ) { _ in
            zip(P.package(sheet: bombSheet()))
        }
        add(
            "h09-zip-bomb-size-lies.xlsx", "the 3 GiB sheet declaring 1 MiB uncompressed",
            "inflates past its declared size"
        ) { _ in
            var z = P.package(sheet: bombSheet())
            z.modify(P.sheetPart) { $0.declaredSize = 1 << 20 }
            return zip(z)
        }
        add("h10-zip-bomb-shared-strings.xlsx", "shared strings that inflate to 3 GiB", "likely zip bomb") { _ in
            let ss: [DeflateSegment] = [
                .text(P.declaration + #"<sst xmlns="\#(P.mainNS)"><si><t>"#),
                .run(pattern: Array("x".utf8), length: 3 << 30),
                .text("</t></si></sst>"),
            ]
            var z = P.package(
                sheet: P.sheet(rows: P.headerRow + P.orderRow(2, customer: #"<c r="C2" t="s"><v>0</v></c>"#)),
                sharedStrings: "")
            z.modify(P.sharedStringsPart) { $0.content = ss }
            return zip(z)
        }
        add("h11-size-lies-short.xlsx", "a sheet declaring 100,000 bytes more than it holds", "bytes, not the") { _ in
            var z = P.validPackage()
            z.modify(P.sheetPart) { $0.declaredSize = UInt64($0.content.totalLength + 100_000) }
            return zip(z)
        }
        add(
            "h12-stored-sizes-differ.xlsx", "a stored (uncompressed) sheet whose two sizes differ",
            "declares different sizes"
        ) { _ in
            var z = P.validPackage()
            z.modify(P.sheetPart) {
                $0.method = 0
                $0.declaredSize = UInt64($0.content.totalLength + 4096)
            }
            return zip(z)
        }
        add(
            "h13-zip64-terabyte.xlsx", "a zip64 extra field declaring the sheet is 1 TiB",
            "part declares 1099511627776 bytes"
        ) { _ in
            var z = P.validPackage()
            z.modify(P.sheetPart) { $0.zip64Size = 1 << 40 }
            return zip(z)
        }
        add(
            "h14-zip64-entry-count.xlsx", "a zip64 end record declaring 2^40 entries",
            "lists 1099511627776 entries"
        ) { _ in
            var z = P.validPackage()
            z.zip64EntryCount = 1 << 40
            return zip(z)
        }

        // MARK: Zip structure

        add("h15-overlapping-entries.xlsx", "an entry whose data runs over the next entry's header", "overlap") { _ in
            var z = P.validPackage()
            z.entries[0].declaredCompressedSize = UInt64(RawDeflate.compress(z.entries[0].content).count + 64)
            return zip(z)
        }
        add(
            "h16-local-central-names-differ.xlsx", "local header names xl/workbook.xmL, central xl/workbook.xml",
            "local and central names differ"
        ) { _ in
            var z = P.validPackage()
            z.modify(P.workbookPart) { $0.localName = "xl/workbook.xmL" }
            return zip(z)
        }
        add("h17-duplicate-part-names.xlsx", "the sheet part twice, with different rows", "duplicate part name") { _ in
            var z = P.validPackage()
            z.entries.append(
                .init(P.sheetPart, P.sheet(rows: P.headerRow + P.orderRow(2, customer: P.text("C2", "Other")))))
            return zip(z)
        }
        add("h18-duplicate-names-case.xlsx", "XL/WORKBOOK.XML beside xl/workbook.xml", "duplicate part name") { _ in
            var z = P.validPackage()
            z.entries.append(.init("XL/WORKBOOK.XML", P.workbook(sheetNames: ["Orders"])))
            return zip(z)
        }
        add("h19-dotdot-entry.xlsx", "an entry named ../../…/evil.xml", "contains '..'") { _ in
            var z = P.validPackage()
            z.entries.append(.init(String(repeating: "../", count: 12) + "tmp/evil.xml", "<x/>"))
            return zip(z)
        }
        add("h20-absolute-entry.xlsx", "an entry named with an absolute path", "is absolute") { c in
            var z = P.validPackage()
            z.entries.append(.init(c.externalFile, "<x/>"))
            return zip(z)
        }
        add("h21-backslash-entry.xlsx", #"an entry named xl\..\..\evil.xml"#, "contains a backslash") { _ in
            var z = P.validPackage()
            z.entries.append(.init(#"xl\..\..\evil.xml"#, "<x/>"))
            return zip(z)
        }
        add("h22-truncated.xlsx", "the first half of a workbook", "no end-of-central-directory record") { _ in
            let bytes = zip(P.package(sheet: P.sheet(rows: P.headerRow + (2...200).map { P.orderRow($0) }.joined())))
            return Array(bytes.prefix(bytes.count / 2))
        }
        add(
            "h23-truncated-entry.xlsx", "a sheet whose deflate stream stops halfway (sizes consistent)",
            "compressed data ends early"
        ) { _ in
            var z = P.package(sheet: P.sheet(rows: P.headerRow + (2...200).map { P.orderRow($0) }.joined()))
            z.modify(P.sheetPart) { $0.payloadOverride = { Array($0.prefix($0.count / 2)) } }
            return zip(z)
        }
        add("h24-crc-broken.xlsx", "a sheet whose CRC-32 is wrong", "CRC mismatch") { _ in
            var z = P.validPackage()
            z.modify(P.sheetPart) { $0.declaredCRC = 0xDEAD_BEEF }
            return zip(z)
        }
        add("h25-encrypted-entry.xlsx", "a zip entry with the encryption flag", "is encrypted") { _ in
            var z = P.validPackage()
            z.modify(P.sheetPart) { $0.flags = 1 }
            return zip(z)
        }
        add(
            "h26-unknown-compression.xlsx", "a sheet declaring compression method 99",
            "compression method 99 is not supported"
        ) { _ in
            var z = P.validPackage()
            z.modify(P.sheetPart) { $0.method = 99 }
            return zip(z)
        }

        // MARK: Package structure and relationships

        add("h27-missing-content-types.xlsx", "no [Content_Types].xml", "no [Content_Types].xml") { _ in
            var z = P.validPackage()
            z.entries.removeAll { $0.name == P.contentTypesPart }
            return zip(z)
        }
        add("h28-no-workbook-part.xlsx", "a zip with content types and a text file only", "no workbook part") { _ in
            var z = RawZip()
            z.entries = [.init(P.contentTypesPart, P.contentTypes(sharedStrings: false)), .init("hello.txt", "hello")]
            return zip(z)
        }
        add(
            "h29-rels-climb-out.xlsx", "the sheet's relationship target climbs out to a file",
            "climbs out of the package"
        ) { c in
            let target = String(repeating: "../", count: 16) + c.externalFile.drop { $0 == "/" }
            return zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2)), sheetTarget: target))
        }
        add(
            "h30-rels-file-url.xlsx", "the sheet's relationship target is a file:// URL",
            "points outside the package"
        ) { c in
            zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2)), sheetTarget: c.fileURL))
        }
        add(
            "h31-rels-external-sheet.xlsx", "the sheet's relationship is TargetMode=External (http)",
            "points outside the package"
        ) { c in
            zip(
                P.package(
                    sheet: P.sheet(rows: P.headerRow + P.orderRow(2)), sheetTarget: c.externalURL + "sheet1.xml",
                    sheetExternal: true))
        }
        add(
            "h32-rels-absolute-path.xlsx", "the sheet's relationship target is an absolute path to a file",
            "is not in the package"
        ) { c in
            zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2)), sheetTarget: c.externalFile))
        }
        add(
            "h55-missing-sheet-part.xlsx", "the sheet's relationship points at a part the package lacks",
            "xl/worksheets/sheet1.xml is not in the package"
        ) { _ in
            var z = P.validPackage()
            z.entries.removeAll { $0.name == P.sheetPart }
            return zip(z)
        }
        add(
            "h33-package-rels-url.xlsx", "the package relationship to the workbook is an http URL",
            "points outside the package"
        ) { c in
            var z = P.validPackage()
            z.modify(P.rootRelsPart) { $0.content = [.text(P.rootRels(target: c.externalURL + "workbook.xml"))] }
            return zip(z)
        }
        add(
            "h34-rels-external-shared-strings.xlsx", "the shared strings are TargetMode=External; a cell uses them",
            "is out of range"
        ) { _ in
            let sheet = P.sheet(rows: P.headerRow + P.orderRow(2, customer: #"<c r="C2" t="s"><v>0</v></c>"#))
            return zip(
                P.package(
                    sheet: sheet, sharedStrings: P.sharedStrings(["Hostile Trading Co"]),
                    sharedStringsExternal: true))
        }

        // MARK: Cells

        add(
            "h35-shared-string-out-of-range.xlsx", "a cell using shared string 7 of 1",
            "shared-string index 7 is out of range"
        ) { _ in
            let sheet = P.sheet(rows: P.headerRow + P.orderRow(2, customer: #"<c r="C2" t="s"><v>7</v></c>"#))
            return zip(P.package(sheet: sheet, sharedStrings: P.sharedStrings(["Hostile Trading Co"])))
        }
        add("h36-ref-beyond-xfd.xlsx", "a cell at XFE2, past the last column", "cell reference 'XFE2' is not valid") {
            _ in
            zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2, customer: P.number("XFE2", "1")))))
        }
        add(
            "h37-ref-beyond-last-row.xlsx", "a cell at A1048577, past the last row",
            "cell reference 'A1048577' is not valid"
        ) { _ in
            zip(P.package(sheet: P.sheet(rows: P.headerRow + #"<row r="2"><c r="A1048577"><v>1</v></c></row>"#)))
        }
        add("h38-row-beyond-last-row.xlsx", "a row numbered 1048577", "row number 1048577 is outside") { _ in
            zip(P.package(sheet: P.sheet(rows: P.headerRow + #"<row r="1048577"><c><v>1</v></c></row>"#)))
        }
        add("h39-garbage-ref.xlsx", "a cell whose reference is garbage", "cell reference 'garbage' is not valid") { _ in
            zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2, customer: P.number("garbage", "1")))))
        }
        add("h40-wide-row.xlsx", "a row of 20,000 cells", "more than 16384 columns") { _ in
            let sheet = P.sheet([
                .text(P.headerRow + #"<row r="2">"#),
                .run(pattern: Array("<c><v>1</v></c>".utf8), length: 15 * 20_000),
                .text("</row>"),
            ])
            return zip(P.package(sheet: sheet))
        }
        add("h41-deep-nesting.xlsx", "100,000 nested elements inside a row", "not well-formed XML") { _ in
            let sheet = P.sheet([
                .text(P.headerRow + #"<row r="2">"#),
                .run(pattern: Array("<x>".utf8), length: 3 * 100_000),
                .run(pattern: Array("</x>".utf8), length: 4 * 100_000),
                .text("</row>"),
            ])
            return zip(P.package(sheet: sheet))
        }
        add(
            "h42-malformed-after-1000-rows.xlsx", "1,000 good order lines, then a <v> closed by </c>",
            "not well-formed XML"
        ) { _ in
            let rows =
                P.headerRow + (2...1001).map { P.orderRow($0) }.joined()
                + #"<row r="1002"><c r="A1002"><v>1</c></row>"#
            return zip(P.package(sheet: P.sheet(rows: rows)))
        }
        add("h43-10mib-cell.xlsx", "a customer name of 10 MiB", "text longer than 32767 characters") { _ in
            let sheet = P.sheet([
                .text(
                    P.headerRow + #"<row r="2">"# + P.text("A2", "H-0002") + P.text("B2", "2025-03-05")
                        + #"<c r="C2" t="inlineStr"><is><t>"#),
                .run(pattern: Array("x".utf8), length: 10 << 20),
                .text("</t></is></c>" + P.number("D2", "100.5") + "</row>"),
            ])
            return zip(P.package(sheet: sheet))
        }
        for (n, raw) in [(44, "nan"), (45, "inf"), (46, "0x1F"), (47, "1e999")] {
            add(
                "h\(n)-number-\(raw == "0x1F" ? "hex" : raw).xlsx", "an amount written <v>\(raw)</v>",
                "'\(raw)' is not a number"
            ) { _ in
                zip(P.package(sheet: P.sheet(rows: P.headerRow + P.orderRow(2, amount: raw))))
            }
        }

        // MARK: Not workbooks

        add(
            "h48-encrypted.xlsx", "a password-protected workbook (OLE container with EncryptedPackage)",
            "password-protected"
        ) { _ in
            P.compoundFile(streams: ["EncryptionInfo", "EncryptedPackage"])
        }
        add(
            "h49-legacy-xls.xlsx", "a legacy .xls (OLE container with a Workbook stream) renamed .xlsx",
            "legacy .xls"
        ) { _ in
            P.compoundFile(streams: ["Workbook", "\u{05}SummaryInformation"])
        }
        add("h50-empty.xlsx", "an empty file", "the file is empty") { _ in [] }
        add("h51-csv-renamed.xlsx", "a CSV file renamed .xlsx", "text file (CSV?)") { _ in
            Array("Order No,Order Date,Customer Name,Amount\nH-0001,2025-03-05,Hostile Trading Co,100.50\n".utf8)
        }
        add("h52-not-a-zip.xlsx", "4 KiB of binary noise", "not a zip archive") { _ in
            (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 167 &+ 13) ^ ($0 >> 3)) }
        }

        // MARK: Formula injection: imported, stored verbatim

        add(
            "h53-formula-injection.xlsx", "formula-injection text in names, a region and a product line",
            "stored", exit: 0
        ) { _ in injectionWorkbook() }

        // MARK: At the edge of the guards

        // The ratio guard refuses parts over 16 MiB that inflate more than 200:1; this one stays under it
        // (fixed-Huffman matches, about 159:1) while holding nothing a reader can stop at: no rows, no
        // cells, just millions of empty elements.
        add(
            "h54-markup-flood.xlsx", "2 MB inflating 159:1 (under the 200:1 guard) to 300 MiB of empty elements",
            "limit"
        ) { _ in
            zip(
                P.package(
                    sheet: P.sheet([.text(P.headerRow), .fixedRun(pattern: Array("<x/>".utf8), length: 300 << 20)])))
        }
        return cases
    }

    /// A valid four-sheet workbook whose names begin with `= + - @` (see ``injectionTexts``).
    static func injectionWorkbook() -> [UInt8] {
        let t = injectionTexts
        func header(_ names: [String]) -> String {
            P.row(1, names.enumerated().map { P.text("\(P.columnName($0.offset + 1))1", $0.element) })
        }
        func line(_ n: Int, _ values: [(text: String, number: Bool)]) -> String {
            P.row(
                n,
                values.enumerated().map { k, v in
                    let ref = "\(P.columnName(k + 1))\(n)"
                    return v.number ? P.number(ref, v.text) : P.text(ref, v.text)
                })
        }
        let people =
            header(["Username", "Full Name", "Region"])
            + line(2, [("inj.rep", false), (t[3], false), (t[2], false)])
        let customers =
            header(["Customer ID", "Customer Name", "Region"])
            + line(2, [("INJ-C1", false), (t[0], false), (t[2], false)])
            + line(3, [("INJ-C2", false), (t[1], false), (t[2], false)])
        let products =
            header(["SKU", "Product Name", "Product Line"])
            + line(2, [("INJ-P1", false), (t[4], false), (t[5], false)])
        let orders =
            header([
                "Order No", "Order Date", "Customer Name", "Sales Rep", "Product Name", "Quantity",
                "Unit Price", "Amount", "Order Status",
            ])
            + line(
                2,
                [
                    ("INJ-0001", false), ("2025-06-15", false), (t[0], false), (t[3], false), (t[4], false),
                    ("2", true), ("500", true), ("1000", true), ("completed", false),
                ])
            + line(
                3,
                [
                    ("INJ-0002", false), ("2025-07-01", false), (t[1], false), (t[3], false), (t[4], false),
                    ("1", true), ("750.25", true), ("750.25", true), ("completed", false),
                ])
        let names = ["Sales Team", "Customers", "Products", "Orders"]
        let sheets = [people, customers, products, orders]
        var z = RawZip()
        z.entries = [
            .init(P.contentTypesPart, P.contentTypes(sheets: 4, sharedStrings: false)),
            .init(P.rootRelsPart, P.rootRels()),
            .init(P.workbookPart, P.workbook(sheetNames: names)),
            .init(
                P.workbookRelsPart,
                P.workbookRels(
                    (1...4).map {
                        P.Rel(id: "rId\($0)", kind: "worksheet", target: "worksheets/sheet\($0).xml")
                    })),
        ]
        for (i, rows) in sheets.enumerated() {
            z.entries.append(.init("xl/worksheets/sheet\(i + 1).xml", P.sheet(rows: rows)))
        }
        return z.bytes()
    }
}

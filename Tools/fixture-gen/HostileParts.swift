/// The parts of a small, valid orders workbook that the hostile packages start from, and the
/// non-zip files (OLE containers, text) some of them are.
enum HostileParts {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static let sheetPart = "xl/worksheets/sheet1.xml"
    static let sharedStringsPart = "xl/sharedStrings.xml"
    static let workbookPart = "xl/workbook.xml"
    static let workbookRelsPart = "xl/_rels/workbook.xml.rels"
    static let contentTypesPart = "[Content_Types].xml"
    static let rootRelsPart = "_rels/.rels"

    // MARK: - Cells and rows

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func columnName(_ column: Int) -> String {
        var n = column
        var letters = ""
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// An inline-string cell.
    static func text(_ ref: String, _ value: String) -> String {
        #"<c r="\#(ref)" t="inlineStr"><is><t>\#(escape(value))</t></is></c>"#
    }

    /// A number cell; `raw` goes into `<v>` as it is.
    static func number(_ ref: String, _ raw: String) -> String {
        #"<c r="\#(ref)"><v>\#(raw)</v></c>"#
    }

    static func row(_ number: Int, _ cells: [String]) -> String {
        #"<row r="\#(number)">"# + cells.joined() + "</row>"
    }

    static let orderHeaders = ["Order No", "Order Date", "Customer Name", "Amount"]

    /// The header row of the orders sheet (row 1).
    static var headerRow: String {
        row(1, orderHeaders.enumerated().map { text("\(columnName($0.offset + 1))1", $0.element) })
    }

    /// One valid order line: `H-000n`, 2025-03-05, a customer, ¥100.50 (the amount's raw `<v>` replaceable).
    static func orderRow(_ n: Int, customer: String? = nil, amount: String = "100.5") -> String {
        row(
            n,
            [
                text("A\(n)", "H-\(String(repeating: "0", count: max(0, 4 - String(n).count)))\(n)"),
                text("B\(n)", "2025-03-05"),
                customer ?? text("C\(n)", "Hostile Trading Co"),
                number("D\(n)", amount),
            ])
    }

    /// A worksheet part: declaration, an optional DOCTYPE, then `<worksheet><sheetData>` around the body.
    static func sheet(_ body: [DeflateSegment], doctype: String = "") -> [DeflateSegment] {
        [.text(declaration + doctype + #"<worksheet xmlns="\#(mainNS)"><sheetData>"#)] + body
            + [.text("</sheetData></worksheet>")]
    }

    static func sheet(rows: String, doctype: String = "") -> [DeflateSegment] {
        sheet([.text(rows)], doctype: doctype)
    }

    static func sharedStrings(_ items: [String], doctype: String = "", rawItems: Bool = false) -> String {
        let body = items.map { rawItems ? "<si><t>\($0)</t></si>" : "<si><t>\(escape($0))</t></si>" }.joined()
        return declaration + doctype
            + #"<sst xmlns="\#(mainNS)" count="\#(items.count)" uniqueCount="\#(items.count)">"#
            + body + "</sst>"
    }

    // MARK: - Package parts

    static func contentTypes(sheets: Int = 1, sharedStrings: Bool) -> String {
        var s = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s +=
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in 1...max(sheets, 1) {
            s +=
                #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        if sharedStrings {
            s +=
                #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        }
        return s + "</Types>"
    }

    static func rootRels(target: String = "xl/workbook.xml", external: Bool = false) -> String {
        declaration + #"<Relationships xmlns="\#(pkgRelNS)">"#
            + #"<Relationship Id="rId1" Type="\#(relNS)/officeDocument" Target="\#(escape(target))"\#(external ? #" TargetMode="External""# : "")/>"#
            + "</Relationships>"
    }

    static func workbook(sheetNames: [String]) -> String {
        declaration + #"<workbook xmlns="\#(mainNS)" xmlns:r="\#(relNS)"><sheets>"#
            + sheetNames.enumerated().map {
                #"<sheet name="\#(escape($0.element))" sheetId="\#($0.offset + 1)" r:id="rId\#($0.offset + 1)"/>"#
            }.joined()
            + "</sheets></workbook>"
    }

    /// A relationship of the workbook part.
    struct Rel {
        var id: String
        var kind: String
        var target: String
        var external = false
    }

    static func workbookRels(_ rels: [Rel]) -> String {
        declaration + #"<Relationships xmlns="\#(pkgRelNS)">"#
            + rels.map {
                #"<Relationship Id="\#($0.id)" Type="\#(relNS)/\#($0.kind)" Target="\#(escape($0.target))"\#($0.external ? #" TargetMode="External""# : "")/>"#
            }.joined()
            + "</Relationships>"
    }

    /// A one-sheet workbook ("Orders") whose sheet part holds `sheet`; with `sharedStrings`, that part too.
    static func package(
        sheet: [DeflateSegment], sharedStrings: String? = nil,
        sheetTarget: String = "worksheets/sheet1.xml", sheetExternal: Bool = false,
        sharedStringsExternal: Bool = false
    ) -> RawZip {
        var rels = [Rel(id: "rId1", kind: "worksheet", target: sheetTarget, external: sheetExternal)]
        if sharedStrings != nil {
            rels.append(
                Rel(
                    id: "rId2", kind: "sharedStrings",
                    target: sharedStringsExternal ? "http://127.0.0.1/sharedStrings.xml" : "sharedStrings.xml",
                    external: sharedStringsExternal))
        }
        var zip = RawZip()
        zip.entries = [
            .init(contentTypesPart, contentTypes(sharedStrings: sharedStrings != nil)),
            .init(rootRelsPart, rootRels()),
            .init(workbookPart, workbook(sheetNames: ["Orders"])),
            .init(workbookRelsPart, workbookRels(rels)),
            .init(sheetPart, sheet),
        ]
        if let sharedStrings { zip.entries.append(.init(sharedStringsPart, sharedStrings)) }
        return zip
    }

    /// The valid baseline: a header and three order lines.
    static func validPackage() -> RawZip {
        package(sheet: sheet(rows: headerRow + (2...4).map { orderRow($0) }.joined()))
    }

    // MARK: - Not zips

    /// A minimal OLE compound file (the container of legacy `.xls` and of encrypted `.xlsx`) whose
    /// directory names the given streams.
    static func compoundFile(streams: [String]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        header.replaceSubrange(0..<8, with: signature)
        func put(_ bytes: [UInt8], at offset: Int) {
            header.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        }
        put(le16(0x003E), at: 0x18)  // minor version
        put(le16(0x0003), at: 0x1A)  // major version 3 (512-byte sectors)
        put(le16(0xFFFE), at: 0x1C)  // byte order
        put(le16(9), at: 0x1E)  // sector shift
        put(le16(6), at: 0x20)  // mini sector shift
        put(le32(1), at: 0x2C)  // FAT sectors
        put(le32(1), at: 0x30)  // first directory sector
        put(le32(0x1000), at: 0x38)  // mini stream cutoff
        put(le32(0xFFFF_FFFE), at: 0x3C)  // no mini FAT
        put(le32(0xFFFF_FFFE), at: 0x44)  // no DIFAT sectors
        put(le32(0), at: 0x4C)  // DIFAT[0]: the FAT is sector 0
        for i in 1..<109 { put(le32(0xFFFF_FFFF), at: 0x4C + 4 * i) }
        // Sector 0: the FAT (sector 0 is FAT, sector 1 the directory's only sector).
        var fat = [UInt8]()
        fat += le32(0xFFFF_FFFD) + le32(0xFFFF_FFFE)
        while fat.count < 512 { fat += le32(0xFFFF_FFFF) }
        // Sector 1: four 128-byte directory entries: the root storage, whose child is entry 1, then the
        // streams as a chain of right siblings.
        let names = Array((["Root Entry"] + streams).prefix(4))
        var directory = [UInt8]()
        for (i, name) in names.enumerated() {
            var entry = [UInt8](repeating: 0, count: 128)
            let utf16: [UInt8] = Array(name.utf16.prefix(31)).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0]
            entry.replaceSubrange(0..<utf16.count, with: utf16)
            let none: UInt32 = 0xFFFF_FFFF
            let right: UInt32 = i > 0 && i + 1 < names.count ? UInt32(i + 1) : none
            let child: UInt32 = i == 0 && names.count > 1 ? 1 : none
            entry.replaceSubrange(0x40..<0x42, with: le16(UInt16(utf16.count)))
            entry[0x42] = i == 0 ? 5 : 2  // root storage, then streams
            entry[0x43] = 1  // black
            entry.replaceSubrange(0x44..<0x48, with: le32(none))
            entry.replaceSubrange(0x48..<0x4C, with: le32(right))
            entry.replaceSubrange(0x4C..<0x50, with: le32(child))
            entry.replaceSubrange(0x74..<0x78, with: le32(0xFFFF_FFFE))
            directory += entry
        }
        directory += [UInt8](repeating: 0, count: 512 - directory.count)
        return header + fat + directory
    }
}

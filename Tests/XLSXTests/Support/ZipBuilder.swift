import CZlib
import Foundation
import XLSX

/// Builds zip archives byte by byte, so tests can make packages that lie, overlap or escape.
struct ZipBuilder {
    struct Entry {
        var name: String
        var data: [UInt8]
        var deflate = true
        /// Overrides for what the headers claim.
        var declaredSize: UInt64?
        var declaredCRC: UInt32?
        var localName: String?
        var encryptedFlag = false
    }

    var entries: [Entry] = []
    /// Makes the second entry's central record point at the first entry's local header.
    var overlapSecondOntoFirst = false
    /// Declares zip64 sizes of this many bytes for the first entry.
    var zip64DeclaredSize: UInt64?

    mutating func add(_ name: String, _ text: String, deflate: Bool = true) {
        entries.append(Entry(name: name, data: Array(text.utf8), deflate: deflate))
    }

    mutating func add(_ entry: Entry) { entries.append(entry) }

    /// A minimal valid workbook: content types, relationships, one sheet with the given sheet XML body.
    static func workbook(
        sheetData: String, sharedStrings: String? = nil, styles: String? = nil,
        workbookXML: String? = nil, sheetRels: String? = nil
    ) -> ZipBuilder {
        var z = ZipBuilder()
        z.add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        z.add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        z.add(
            "xl/workbook.xml",
            workbookXML ?? """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
                <sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """)
        var rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="\(sheetRels ?? "worksheets/sheet1.xml")"/>
            """
        if sharedStrings != nil {
            rels +=
                #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        }
        if styles != nil {
            rels +=
                #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        }
        z.add("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
        z.add(
            "xl/worksheets/sheet1.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(sheetData)</sheetData></worksheet>
            """)
        if let sharedStrings {
            z.add(
                "xl/sharedStrings.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\(sharedStrings)</sst>
                """)
        }
        if let styles {
            z.add(
                "xl/styles.xml",
                """
                <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\(styles)</styleSheet>
                """)
        }
        return z
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var offsets: [UInt64] = []
        for (i, e) in entries.enumerated() {
            let payload = e.deflate ? Self.deflate(e.data) : e.data
            let crc = e.declaredCRC ?? Self.crc(e.data)
            let usize = e.declaredSize ?? UInt64(e.data.count)
            let localName = Array((e.localName ?? e.name).utf8)
            let name = Array(e.name.utf8)
            let offset = UInt64(out.count)
            offsets.append(offset)
            let flags: UInt16 = e.encryptedFlag ? 1 : 0
            let method: UInt16 = e.deflate ? 8 : 0
            let zip64 = i == 0 && zip64DeclaredSize != nil
            out += u32(0x0403_4B50) + u16(20) + u16(flags) + u16(method) + u16(0) + u16(0x21)
            out += u32(crc) + u32(UInt32(payload.count)) + u32(UInt32(truncatingIfNeeded: usize))
            out += u16(UInt16(localName.count)) + u16(0) + localName + payload
            var centralOffset = offset
            if i == 1 && overlapSecondOntoFirst { centralOffset = offsets[0] }
            var extra: [UInt8] = []
            var declared32 = UInt32(truncatingIfNeeded: usize)
            if zip64, let big = zip64DeclaredSize {
                extra = u16(1) + u16(8) + u64(big)
                declared32 = 0xFFFF_FFFF
            }
            central += u32(0x0201_4B50) + u16(45) + u16(20) + u16(flags) + u16(method) + u16(0) + u16(0x21)
            central += u32(crc) + u32(UInt32(payload.count)) + u32(declared32)
            central += u16(UInt16(name.count)) + u16(UInt16(extra.count)) + u16(0) + u16(0) + u16(0) + u32(0)
            central += u32(UInt32(centralOffset)) + name + extra
        }
        let cdOffset = out.count
        out += central
        out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(UInt16(entries.count)) + u16(UInt16(entries.count))
        out += u32(UInt32(central.count)) + u32(UInt32(cdOffset)) + u16(0)
        return out
    }

    /// Writes the archive to a new temporary file and returns its path.
    func write(name: String = "test.xlsx") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes()).write(to: url)
        return url.path
    }

    static func crc(_ data: [UInt8]) -> UInt32 {
        UInt32(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = czlib_deflate_init_raw(&stream, 6)
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))) + 64)
        var input = data
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = UInt32(outp.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                return outp.count - Int(stream.avail_out)
            }
        }
        deflateEnd(&stream)
        return Array(out[..<produced])
    }

    private func u16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func u32(_ v: UInt32) -> [UInt8] { u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) }
    private func u64(_ v: UInt64) -> [UInt8] { u32(UInt32(v & 0xFFFF_FFFF)) + u32(UInt32(v >> 32)) }
}

/// Opens a workbook and reads every sheet, so lazy parts are exercised too.
func readEverything(_ path: String, limits: XLSXLimits = .default) throws -> [[CellReference: CellValue]] {
    let wb = try Workbook(path: path, limits: limits)
    return try wb.sheets.map { try wb.cells(of: $0) }
}

/// The kind of XLSXError a closure throws, or nil when it does not throw one.
func errorKind(_ body: () throws -> Void) -> XLSXError.Kind? {
    do {
        try body()
        return nil
    } catch let e as XLSXError {
        return e.kind
    } catch {
        return nil
    }
}

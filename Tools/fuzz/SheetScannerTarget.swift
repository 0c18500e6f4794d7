// libFuzzer target: any bytes as a worksheet part, read by SheetScanner and by libxml2; any difference in
// the rows, the summary or the error traps. Built by Tools/fuzz/fuzz.sh together with the XLSX module's
// sources (one module, so internals are visible).
import Foundation

private let scratch = NSTemporaryDirectory() + "fuzz-sheet-\(getpid()).xlsx"

private let fixedParts: [(String, String)] = [
    (
        "[Content_Types].xml",
        #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#
    ),
    (
        "_rels/.rels",
        #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    ),
    (
        "xl/workbook.xml",
        #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    ),
    (
        "xl/_rels/workbook.xml.rels",
        #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    ),
    (
        "xl/sharedStrings.xml",
        #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>zero</t></si><si><t>one</t></si><si><t>二</t></si></sst>"#
    ),
    (
        "xl/styles.xml",
        #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="46"/></cellXfs></styleSheet>"#
    ),
]

private func outcome(_ workbook: Workbook, _ parser: SheetParserEngine) -> String {
    var out = ""
    do {
        let summary = try workbook.readSheet(workbook.sheets[0], maxRow: nil, parser: parser) { row in
            out += "\(row.number):"
            for i in 0..<row.count {
                out += " \(row.column(at: i))|\(row.type(at: i))|\(row.value(at: i))|\(Array(row.bytes(at: i)))"
            }
            out += "\n"
        }
        out += "summary \(summary)"
    } catch {
        out += "error \(error)"
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheetScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let zip = try ZipWriter(path: scratch, compressionLevel: 1)
        for (name, text) in fixedParts { try zip.addEntry(name: name, bytes: Array(text.utf8)) }
        try zip.addEntry(name: "xl/worksheets/sheet1.xml", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
        try zip.finish()
    } catch {
        return 0
    }
    guard let workbook = try? Workbook(path: scratch) else { return 0 }
    let libxml2 = outcome(workbook, .libxml2)
    let scanner = outcome(workbook, .scanner)
    if libxml2 != scanner {
        FileHandle.standardError.write(Data("libxml2:\n\(libxml2)\nscanner:\n\(scanner)\n".utf8))
        fatalError("SheetScanner and libxml2 differ")
    }
    return 0
}

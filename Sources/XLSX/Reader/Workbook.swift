import Foundation

/// Whether a sheet shows in the spreadsheet program's tab bar.
public enum SheetState: String, Sendable, Codable {
    case visible
    case hidden
    /// Hidden so that only a macro or the file's XML can show it again.
    case veryHidden
}

/// What a sheet holds: cells, or something else (a chart sheet, a dialog or macro sheet).
public enum SheetKind: String, Sendable, Codable {
    case worksheet
    case other
}

/// A sheet as listed in the workbook, in workbook order.
public struct SheetInfo: Sendable, Equatable {
    public var name: String
    public var state: SheetState
    public var kind: SheetKind
    /// Position in the workbook, from 0.
    public var index: Int
    /// The zip part holding a worksheet (always in the package); nil for other kinds of sheet.
    var partName: String?
}

/// An open `.xlsx`/`.xlsm` workbook, read as a stream.
///
/// Opening sniffs the file, validates the zip directory and reads the workbook, relationship and
/// style parts. Shared strings are read once, on the first sheet read. Sheets are read with
/// ``readSheet(_:maxRow:_:)``, one row at a time, in constant memory.
public final class Workbook {
    /// The name used in error messages: the path as the user gave it.
    public let displayName: String
    public let sheets: [SheetInfo]
    public let dateSystem: DateSystem
    public var date1904: Bool { dateSystem == .excel1904 }

    private let archive: ZipArchive
    private let styles: StyleTable
    private let sharedStringsPart: String?
    private var sharedStringTable: SharedStrings?

    /// Opens a workbook.
    /// - Throws: ``XLSXError`` naming the file and what is wrong with it.
    public init(path: String, displayName: String? = nil, limits: XLSXLimits = .default) throws {
        let name = displayName ?? path
        self.displayName = name
        switch try FileSniffer.sniff(path: path, displayName: name) {
        case .zip:
            break
        case .empty:
            throw XLSXError(.emptyFile, "the file is empty", file: name)
        case .encryptedOOXML:
            throw XLSXError(
                .encrypted, "the workbook is password-protected (encrypted); save an unprotected copy", file: name)
        case .legacyXLS:
            throw XLSXError(.legacyXLS, "this is a legacy .xls workbook; save it as .xlsx", file: name)
        case .text:
            throw XLSXError(.textFile, "this is a text file (CSV?), not an .xlsx workbook", file: name)
        case .unknown:
            throw XLSXError(.notAPackage, "not an .xlsx workbook (not a zip archive)", file: name)
        }
        let archive = try ZipArchive(path: path, displayName: name, limits: limits)
        self.archive = archive
        guard archive.entry(named: "[Content_Types].xml") != nil else {
            throw XLSXError(.notAPackage, "not an .xlsx workbook: the package has no [Content_Types].xml", file: name)
        }

        // The workbook part: from the package relationships, else where every writer puts it.
        var workbookPart: String?
        if archive.entry(named: "_rels/.rels") != nil,
            let rels = try? Workbook.relationships(archive, of: "", limits: limits),
            let office = rels.first(where: { $0.kind == "officeDocument" && !$0.external })
        {
            workbookPart = try Workbook.resolve(office.target, from: "", file: name)
        }
        if workbookPart.map({ archive.entry(named: $0) == nil }) ?? true {
            workbookPart = archive.entry(named: "xl/workbook.xml") != nil ? "xl/workbook.xml" : nil
        }
        guard let workbookPart else {
            throw XLSXError(.notAPackage, "not an .xlsx workbook: no workbook part", file: name)
        }

        let workbook = WorkbookHandler(maxSheets: limits.maxSheets)
        try Workbook.parse(archive, part: workbookPart, handler: workbook, limit: limits.maxMetadataPartBytes)
        dateSystem = workbook.date1904 ? .excel1904 : .excel1900

        let rels =
            archive.entry(named: Workbook.relationshipsPart(of: workbookPart)) != nil
            ? try Workbook.relationships(archive, of: workbookPart, limits: limits) : []
        var byID: [String: Relationship] = [:]
        for rel in rels where byID[rel.id] == nil { byID[rel.id] = rel }

        var sheets: [SheetInfo] = []
        for (i, entry) in workbook.sheets.enumerated() {
            var kind = SheetKind.other
            var part: String?
            if let rel = byID[entry.relationshipID] {
                if rel.external {
                    throw XLSXError(
                        .unsafePath, "sheet '\(entry.name)' points outside the package (\(rel.target))",
                        file: name)
                }
                let resolved = try Workbook.resolve(rel.target, from: workbookPart, file: name)
                if rel.kind == "worksheet" {
                    // A worksheet whose part is not in the package is damage, not an empty sheet: reading
                    // it as empty would silently drop what may be the workbook's largest sheet.
                    guard archive.entry(named: resolved) != nil else {
                        throw XLSXError(
                            .notAPackage,
                            "the sheet's part \(resolved) is not in the package "
                                + "(the workbook is damaged)", file: name, part: resolved, sheet: entry.name)
                    }
                    kind = .worksheet
                    part = resolved
                }
            }
            sheets.append(SheetInfo(name: entry.name, state: entry.state, kind: kind, index: i, partName: part))
        }
        self.sheets = sheets

        if let rel = rels.first(where: { $0.kind == "styles" && !$0.external }) {
            let part = try Workbook.resolve(rel.target, from: workbookPart, file: name)
            if archive.entry(named: part) != nil {
                let handler = StylesHandler()
                try Workbook.parse(archive, part: part, handler: handler, limit: limits.maxMetadataPartBytes)
                styles = StyleTable(customFormats: handler.customFormats, cellFormatIDs: handler.cellFormatIDs)
            } else {
                styles = .empty
            }
        } else {
            styles = .empty
        }
        if let rel = rels.first(where: { $0.kind == "sharedStrings" && !$0.external }) {
            let part = try Workbook.resolve(rel.target, from: workbookPart, file: name)
            sharedStringsPart = archive.entry(named: part) != nil ? part : nil
        } else {
            sharedStringsPart = nil
        }
    }

    /// The sheet with this name (exact match first, then case-insensitive).
    public func sheet(named name: String) -> SheetInfo? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Reads a sheet row by row.
    ///
    /// - Parameters:
    ///   - maxRow: stop before the first row numbered above this (nil reads the whole sheet).
    ///   - body: called for each row with at least one non-empty cell; the row is valid only during the call.
    ///     Throwing from it ends the read and rethrows.
    /// - Returns: the declared dimension, the rows read and their used range.
    @discardableResult
    public func readSheet(
        _ sheet: SheetInfo, maxRow: Int? = nil,
        _ body: (SheetRow) throws -> Void
    ) throws -> SheetSummary {
        try readSheet(sheet, maxRow: maxRow, parser: .configured, body)
    }

    /// ``readSheet(_:maxRow:_:)`` with the worksheet parser chosen: ``SheetScanner`` (the default), which
    /// hands the part to libxml2 from its start on anything outside its grammar, muting the rows it had
    /// already handed over; or libxml2 alone.
    @discardableResult
    func readSheet(
        _ sheet: SheetInfo, maxRow: Int?, parser: SheetParserEngine,
        _ body: (SheetRow) throws -> Void
    ) throws -> SheetSummary {
        guard sheet.kind == .worksheet, let part = sheet.partName else {
            return SheetSummary(declaredDimension: nil, rowsRead: 0, firstCell: nil, lastCell: nil, complete: true)
        }
        let strings = try loadSharedStrings()
        guard let entry = archive.entry(named: part) else {
            throw XLSXError(
                .notAPackage, "the sheet's part \(part) is not in the package", file: displayName,
                part: part, sheet: sheet.name)
        }
        return try withoutActuallyEscaping(body) { body in
            func handler(_ body: @escaping (SheetRow) throws -> Void) -> SheetHandler {
                SheetHandler(
                    sheetName: sheet.name, sharedStrings: strings, styles: styles,
                    dateSystem: dateSystem, limits: archive.limits,
                    maxRow: maxRow ?? Int.max, body: body)
            }
            // The last row handed to `body` by the scanner: libxml2 re-reads the part from its start and
            // hands over only the rows after it.
            var handedOver = 0
            if parser != .libxml2 {
                let scanned = handler { row in
                    handedOver = row.number
                    try body(row)
                }
                let stream = try ZipEntryStream(archive: archive, entry: entry)
                scanned.source = stream
                do {
                    try SheetScanner.scan(stream, handler: scanned, file: displayName)
                    return scanned.summary
                } catch let fallback as ScannerFallback {
                    if parser == .scannerOnly { throw fallback }
                    // The part is inflated again: count its bytes once against the package's limit.
                    archive.totalInflated -= stream.produced
                } catch var error as XLSXError {
                    if error.sheet == nil { error.sheet = sheet.name }
                    throw error
                }
            }
            let skip = handedOver
            let parsed =
                skip == 0
                ? handler(body)
                : handler { row in
                    if row.number > skip { try body(row) }
                }
            let stream = try ZipEntryStream(archive: archive, entry: entry)
            parsed.source = stream
            do {
                try SAXParser.parse(stream, handler: parsed, file: displayName)
            } catch var error as XLSXError {
                if error.sheet == nil { error.sheet = sheet.name }
                throw error
            }
            return parsed.summary
        }
    }

    /// Every non-empty cell of a sheet, keyed by reference. Convenient for small sheets and tests.
    public func cells(of sheet: SheetInfo) throws -> [CellReference: CellValue] {
        var result: [CellReference: CellValue] = [:]
        try readSheet(sheet) { row in
            for i in 0..<row.count {
                result[CellReference(column: row.column(at: i), row: row.number)] = row.value(at: i)
            }
        }
        return result
    }

    // MARK: - Parts

    private func loadSharedStrings() throws -> SharedStrings {
        if let sharedStringTable { return sharedStringTable }
        let table: SharedStrings
        if let part = sharedStringsPart, let entry = archive.entry(named: part) {
            let handler = SharedStringsHandler(limits: archive.limits, sizeHint: entry.uncompressedSize)
            try Workbook.parse(archive, part: part, handler: handler, limit: archive.limits.maxPartBytes)
            table = handler.table
        } else {
            table = SharedStrings(capacity: 0)
        }
        sharedStringTable = table
        return table
    }

    private static func parse(_ archive: ZipArchive, part: String, handler: any XMLEventHandler, limit: UInt64) throws {
        guard let entry = archive.entry(named: part) else {
            throw XLSXError(.notAPackage, "missing part", file: archive.displayName, part: part)
        }
        guard entry.uncompressedSize <= limit else {
            throw XLSXError(
                .limitExceeded, "part is \(entry.uncompressedSize) bytes (limit \(limit))",
                file: archive.displayName, part: part)
        }
        let stream = try ZipEntryStream(archive: archive, entry: entry)
        try SAXParser.parse(stream, handler: handler, file: archive.displayName)
    }

    private static func relationships(
        _ archive: ZipArchive, of part: String, limits: XLSXLimits
    ) throws -> [Relationship] {
        let handler = RelationshipsHandler()
        try parse(archive, part: relationshipsPart(of: part), handler: handler, limit: limits.maxMetadataPartBytes)
        return handler.relationships
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package itself (`""`) → `_rels/.rels`.
    static func relationshipsPart(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// Resolves a relationship target against the part that holds the relationship.
    ///
    /// Absolute targets (`/xl/…`) start at the package root; relative ones at the source part's folder.
    /// Percent-escapes are decoded. A target that climbs out of the package is refused.
    static func resolve(_ target: String, from source: String, file: String) throws -> String {
        let decoded = target.removingPercentEncoding ?? target
        if decoded.contains("://") || decoded.hasPrefix("\\\\") {
            throw XLSXError(.unsafePath, "relationship target '\(target)' points outside the package", file: file)
        }
        var segments: [Substring]
        if decoded.hasPrefix("/") {
            segments = []
        } else {
            segments = source.split(separator: "/", omittingEmptySubsequences: false)
            segments.removeLast()  // the source part's own name (or "" for the package)
        }
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else {
                    throw XLSXError(
                        .unsafePath, "relationship target '\(target)' climbs out of the package", file: file)
                }
                segments.removeLast()
            default:
                segments.append(segment)
            }
        }
        return segments.filter { !$0.isEmpty }.joined(separator: "/")
    }
}

/// Writes an `.xlsx` workbook sheet by sheet and row by row, streaming each sheet through deflate.
///
/// Memory stays flat as rows grow, apart from the shared-string table. Nothing appears at `path`
/// until ``close()`` succeeds; a writer released before that leaves no file behind. The same calls
/// always produce byte-identical files (fixed zip timestamps, no dates in the document properties).
/// Cells are never written as formulas: text that begins with `=` stays text.
///
/// ```swift
/// let writer = try XLSXWriter(path: "report.xlsx")
/// try writer.beginSheet(name: "Regions", columnWidths: [18, 14], freezeHeaderRow: true)
/// try writer.writeRow([.text("Region"), .text("Revenue")], bold: true)
/// try writer.writeRow([.text("East"), .decimal("1234.50", .currencyCNY)])
/// try writer.endSheet()
/// try writer.close()
/// ```
///
/// A writer is not thread-safe; use it from one task at a time.
public final class XLSXWriter {
    /// Choices that apply to the whole workbook.
    public struct Options: Sendable, Hashable {
        /// Write text once in `sharedStrings.xml` (what Excel does) rather than inline in each cell.
        public var sharedStrings: Bool
        /// The date system serial numbers are computed in.
        public var dateSystem: DateSystem
        /// zlib compression level for every part, 0 (store) to 9 (smallest).
        public var compressionLevel: Int

        public init(sharedStrings: Bool = true, dateSystem: DateSystem = .excel1900, compressionLevel: Int = 6) {
            self.sharedStrings = sharedStrings
            self.dateSystem = dateSystem
            self.compressionLevel = compressionLevel
        }
    }

    /// The workbook file the writer produces.
    public let path: String
    /// The options the writer was created with.
    public let options: Options

    private let zip: ZipWriter
    private(set) var sheets: [SheetRecord] = []
    private var sheetKeys: Set<String> = []
    private var sheet: OpenSheet?
    private var isClosed = false

    /// Turns rows into XML, and holds the style and shared-string tables they fill.
    private var encoder: RowEncoder

    private static let chunkSize = 64 * 1024
    /// Excel's limits.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxTextLength = 32_767

    /// A finished or open sheet, as the workbook part lists it.
    struct SheetRecord {
        var name: String
        var state: SheetState
        /// Rows printed at the top of every page (the workbook's `_xlnm.Print_Titles` for the sheet).
        var printTitleRows: ClosedRange<Int>? = nil
    }

    /// How a sheet prints: paper, orientation, scaling and the rows repeated on every page.
    public struct PageSetup: Sendable, Hashable {
        /// Paper orientation.
        public enum Orientation: String, Sendable, Hashable {
            case portrait
            case landscape
        }

        public var orientation: Orientation
        /// Scale the sheet so its columns fit the width of one page (as many pages tall as it needs).
        public var fitToWidth: Bool
        /// Rows (1-based, inclusive) printed at the top of every page; `nil` for none.
        public var repeatedRows: ClosedRange<Int>?
        /// Excel's paper size code: 9 is A4.
        public var paperSize: Int

        public init(
            orientation: Orientation = .portrait, fitToWidth: Bool = false, repeatedRows: ClosedRange<Int>? = nil,
            paperSize: Int = 9
        ) {
            self.orientation = orientation
            self.fitToWidth = fitToWidth
            self.repeatedRows = repeatedRows
            self.paperSize = paperSize
        }
    }

    /// The sheet rows are being written to.
    private struct OpenSheet {
        var name: String
        /// The next row number `writeRow(_:)` uses.
        var nextRow = 1
        /// How it prints, when set.
        var pageSetup: PageSetup?
    }

    // MARK: - Creating

    /// Creates the writer and its temporary file (`path.tmp-<pid>`).
    ///
    /// - Throws: ``XLSXError/Kind/io`` when the temporary file cannot be created.
    public init(path: String, options: Options = .init()) throws {
        precondition((0...9).contains(options.compressionLevel), "compressionLevel runs from 0 to 9")
        self.path = path
        self.options = options
        encoder = RowEncoder(
            sharedStrings: options.sharedStrings, dateSystem: options.dateSystem,
            capacity: Self.chunkSize + 4096)
        zip = try ZipWriter(path: path, compressionLevel: options.compressionLevel)
        // Fixed parts first: `_rels/.rels` as the first entry lets file-type sniffers recognise OOXML.
        try zip.addEntry(name: "_rels/.rels", bytes: Self.rootRelationships())
        try zip.addEntry(name: "docProps/app.xml", bytes: Self.appProperties())
        try zip.addEntry(name: "docProps/core.xml", bytes: Self.coreProperties())
    }

    // MARK: - Sheets

    /// Starts a sheet; rows written next go to it. Ends the open sheet, if any.
    ///
    /// - Parameters:
    ///   - name: 1–31 characters, none of `[ ] : * ? / \`, not beginning or ending with `'`,
    ///     not `History`, unique within the workbook ignoring case.
    ///   - columnWidths: Widths of columns A, B, … in characters (0–255); 0 leaves a column at the default.
    ///   - freezeHeaderRow: Keep row 1 in view while scrolling.
    ///   - state: Whether the tab is shown. A workbook needs at least one visible sheet.
    ///   - pageSetup: How the sheet prints (paper, orientation, fit to width, repeated rows); `nil` leaves the
    ///     spreadsheet's defaults.
    /// - Throws: ``XLSXError/Kind/unsupported`` for a name or width Excel would refuse.
    public func beginSheet(
        name: String, columnWidths: [Double] = [], freezeHeaderRow: Bool = false,
        state: SheetState = .visible, pageSetup: PageSetup? = nil
    ) throws {
        precondition(!isClosed, "XLSXWriter used after close()")
        try validateSheetName(name)
        for (index, width) in columnWidths.enumerated() where !(width.isFinite && (0...255).contains(width)) {
            throw XLSXError(
                .invalidArgument, "column \(Self.columnName(index)) width \(width) is outside 0–255",
                file: path, sheet: name)
        }
        if let rows = pageSetup?.repeatedRows, rows.lowerBound < 1 || rows.upperBound > Self.maxRows {
            throw XLSXError(
                .invalidArgument, "repeated rows \(rows.lowerBound)–\(rows.upperBound) are outside 1–\(Self.maxRows)",
                file: path, sheet: name)
        }
        if sheet != nil { try endSheet() }
        let isFirstVisible = state == .visible && !sheets.contains { $0.state == .visible }
        sheets.append(SheetRecord(name: name, state: state, printTitleRows: pageSetup?.repeatedRows))
        sheetKeys.insert(Self.sheetKey(name))
        sheet = OpenSheet(name: name, pageSetup: pageSetup)

        try zip.beginEntry(name: "xl/worksheets/sheet\(sheets.count).xml")
        var head = XMLBuffer(capacity: 1024)
        head.append(Self.xmlDeclaration)
        head.append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        head.append(" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if pageSetup?.fitToWidth == true { head.append("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>") }
        head.append("<sheetViews><sheetView")
        if isFirstVisible { head.append(" tabSelected=\"1\"") }
        head.append(" workbookViewId=\"0\">")
        if freezeHeaderRow {
            head.append("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            head.append("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>")
        }
        head.append("</sheetView></sheetViews>")
        head.append("<sheetFormatPr defaultRowHeight=\"15\"/>")
        if columnWidths.contains(where: { $0 > 0 }) {
            head.append("<cols>")
            for (index, width) in columnWidths.enumerated() where width > 0 {
                head.append("<col min=\"")
                head.appendInt(index + 1)
                head.append("\" max=\"")
                head.appendInt(index + 1)
                head.append("\" width=\"")
                head.appendNumber(width)
                head.append("\" customWidth=\"1\"/>")
            }
            head.append("</cols>")
        }
        head.append("<sheetData>")
        try zip.write(head.bytes)
    }

    /// Ends the open sheet.
    public func endSheet() throws {
        precondition(sheet != nil, "XLSXWriter.endSheet called with no open sheet")
        encoder.pending.append("</sheetData>")
        encoder.pending.append(
            "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        if let setup = sheet?.pageSetup {
            encoder.pending.append("<pageSetup paperSize=\"")
            encoder.pending.appendInt(setup.paperSize)
            encoder.pending.append("\" orientation=\"")
            encoder.pending.append(setup.orientation == .landscape ? "landscape" : "portrait")
            encoder.pending.append(setup.fitToWidth ? "\" fitToWidth=\"1\" fitToHeight=\"0\"/>" : "\"/>")
        }
        encoder.pending.append("</worksheet>")
        try flushPending()
        try zip.endEntry()
        sheet = nil
    }

    // MARK: - Rows

    /// Writes the next row of the open sheet (rows are numbered from 1, after the last one written).
    ///
    /// A row whose cells are all ``Cell/empty`` still takes a row number. On a thrown error the
    /// row is not written and the writer can go on.
    /// - Parameters:
    ///   - cells: Columns A, B, … in order; ``Cell/empty`` leaves a gap.
    ///   - bold: Write the row's cells in bold, e.g. for a header or totals row.
    /// - Throws: ``XLSXError/Kind/invalidCell`` for a value Excel cannot hold (naming sheet and
    ///   cell), ``XLSXError/Kind/limitExceeded`` past 1,048,576 rows or 16,384 columns.
    public func writeRow(_ cells: [Cell], bold: Bool = false) throws {
        guard let open = sheet else { preconditionFailure("XLSXWriter.writeRow called with no open sheet") }
        try writeRow(cells, at: open.nextRow, bold: bold)
    }

    /// Writes a row at a given row number, leaving any rows in between empty.
    ///
    /// - Parameter rowNumber: 1-based; after the last row written and at most 1,048,576.
    public func writeRow(_ cells: [Cell], at rowNumber: Int, bold: Bool = false) throws {
        guard let open = sheet else { preconditionFailure("XLSXWriter.writeRow called with no open sheet") }
        guard rowNumber >= open.nextRow else {
            throw XLSXError(
                .invalidCell, "row \(rowNumber) comes after row \(open.nextRow - 1); rows go in order",
                file: path, sheet: open.name)
        }
        guard rowNumber <= Self.maxRows else {
            throw XLSXError(
                .limitExceeded, "row \(rowNumber) is past Excel's last row, \(Self.maxRows)",
                file: path, sheet: open.name)
        }
        guard cells.count <= Self.maxColumns else {
            throw XLSXError(
                .limitExceeded, "\(cells.count) cells in row \(rowNumber); Excel allows \(Self.maxColumns)",
                file: path, sheet: open.name)
        }
        do {
            try encoder.appendRow(cells, number: rowNumber, bold: bold)
        } catch var error as XLSXError {
            error.file = error.file ?? path
            error.sheet = error.sheet ?? open.name
            throw error
        }
        sheet!.nextRow = rowNumber + 1
        if encoder.pending.count >= Self.chunkSize { try flushPending() }
    }

    /// Hands buffered rows to the sheet's deflate stream.
    private func flushPending() throws {
        guard encoder.pending.count > 0 else { return }
        try zip.write(encoder.pending.bytes)
        encoder.pending.removeAll()
    }

    // MARK: - Closing

    /// Ends the open sheet, writes the workbook, styles and shared strings, and moves the file to ``path``.
    ///
    /// - Throws: ``XLSXError/Kind/unsupported`` when the workbook has no sheet or no visible
    ///   sheet; ``XLSXError/Kind/io`` when the file cannot be written.
    public func close() throws {
        precondition(!isClosed, "XLSXWriter.close called twice")
        if sheet != nil { try endSheet() }
        guard !sheets.isEmpty else {
            throw XLSXError(.invalidArgument, "a workbook needs at least one sheet", file: path)
        }
        guard sheets.contains(where: { $0.state == .visible }) else {
            throw XLSXError(.invalidArgument, "a workbook needs at least one visible sheet", file: path)
        }
        try zip.addEntry(name: "xl/workbook.xml", bytes: workbookPart())
        try zip.addEntry(name: "xl/_rels/workbook.xml.rels", bytes: workbookRelationships())
        try zip.addEntry(name: "xl/styles.xml", bytes: encoder.styles.xml())
        if options.sharedStrings {
            try zip.beginEntry(name: "xl/sharedStrings.xml")
            try encoder.strings.write { try zip.write($0) }
            try zip.endEntry()
        }
        try zip.addEntry(name: "[Content_Types].xml", bytes: contentTypes())
        try zip.finish()
        isClosed = true
    }

    // MARK: - Validation

    /// Checks a sheet name against Excel's rules and the names already used.
    private func validateSheetName(_ name: String) throws {
        func refuse(_ reason: String) -> XLSXError {
            XLSXError(.invalidArgument, "invalid sheet name '\(name)': \(reason)", file: path)
        }
        let length = name.utf16.count
        guard length >= 1 else { throw refuse("it is empty") }
        guard length <= 31 else { throw refuse("it has \(length) characters; Excel allows 31") }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            throw refuse("it contains '\(bad)'")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF }) {
            throw refuse("it contains a control character")
        }
        guard !name.hasPrefix("'"), !name.hasSuffix("'") else { throw refuse("it begins or ends with an apostrophe") }
        guard Self.sheetKey(name) != "history" else { throw refuse("Excel reserves 'History'") }
        guard !sheetKeys.contains(Self.sheetKey(name)) else {
            throw refuse("another sheet has this name (names ignore case)")
        }
    }

    /// A sheet name folded the way Excel compares names.
    private static func sheetKey(_ name: String) -> String {
        name.lowercased()
    }

    /// `A` for 0, `Z` for 25, `AA` for 26, … `XFD` for 16,383.
    static func columnName(_ index: Int) -> String {
        CellReference.columnName(index + 1)
    }
}

import Foundation
import XLSX

/// What `sales-import inspect` shows: each sheet, how it maps to an entity, and its first rows.
public struct InspectOptions: Sendable {
    /// How many sheet rows to list.
    public enum RowLimit: Sendable, Equatable {
        case first(Int)
        case all
    }

    /// Only this sheet (by name), or every sheet.
    public var sheet: String?
    public var rows: RowLimit
    /// One JSON object instead of text.
    public var json: Bool
    /// Columns available for the text table.
    public var width: Int
    /// Header decisions from a mapping file.
    public var overrides: MappingOverrides?

    public init(
        sheet: String? = nil, rows: RowLimit = .first(10), json: Bool = false, width: Int = 100,
        overrides: MappingOverrides? = nil
    ) {
        self.sheet = sheet
        self.rows = rows
        self.json = json
        self.width = width
        self.overrides = overrides
    }
}

/// Errors of `inspect` that are not about the file's format.
public struct InspectError: Error, LocalizedError, Equatable {
    public var message: String
    public var errorDescription: String? { message }
}

/// Reads a workbook and describes it, streaming rows to `output` as they are read.
public enum WorkbookInspector {
    /// Rows scanned for the header row (titles and notes often sit above it).
    static let headerScanRows = 10

    /// Describes the workbook at `path`.
    /// - Parameters:
    ///   - displayName: the name to print (the path as the user typed it).
    ///   - output: receives the text in pieces, in order.
    /// - Throws: ``XLSXError`` for an unreadable workbook, ``InspectError`` for an unknown sheet.
    public static func inspect(
        path: String, displayName: String? = nil, options: InspectOptions,
        output: @escaping (String) -> Void
    ) throws {
        let name = displayName ?? path
        let workbook = try Workbook(path: path, displayName: name)
        var sheets = workbook.sheets
        if let wanted = options.sheet {
            guard let sheet = workbook.sheet(named: wanted) else {
                let names = workbook.sheets.map { "“\($0.name)”" }.joined(separator: ", ")
                throw InspectError(message: "\(name): no sheet named “\(wanted)” (sheets: \(names))")
            }
            sheets = [sheet]
        }
        // Text streams as it is read; JSON is held back until the document is complete, so a script
        // reading standard output gets a whole document or, when a sheet cannot be read, nothing.
        let held = HeldOutput()
        let renderer: any InspectRenderer =
            options.json
            ? JSONInspectRenderer(output: held.append)
            : TextInspectRenderer(output: output, width: options.width)
        renderer.begin(file: name, workbook: workbook, sheetCount: sheets.count)
        for sheet in sheets {
            try inspect(sheet, of: workbook, options: options, renderer: renderer)
        }
        renderer.end()
        if options.json { output(held.text) }
    }

    /// Output pieces kept until they can be written together.
    private final class HeldOutput {
        private var pieces: [String] = []
        func append(_ piece: String) { pieces.append(piece) }
        var text: String { pieces.joined() }
    }

    private static func inspect(
        _ sheet: SheetInfo, of workbook: Workbook, options: InspectOptions,
        renderer: any InspectRenderer
    ) throws {
        let limit: Int
        switch options.rows {
        case .all: limit = Int.max
        case .first(let n): limit = max(0, n)
        }
        var buffered: [(Int, [CellValue?])] = []
        var described = false

        func describe() {
            described = true
            let candidates = (1...headerScanRows).map { number in
                buffered.first { $0.0 == number }.map { $0.1.map { $0.map(headerText) } } ?? []
            }
            let headerIndex = SheetMapper.findHeaderRow(rows: candidates, maxScan: headerScanRows)
            let headerRow = headerIndex.map { $0 + 1 }
            let headers = headerIndex.map { candidates[$0] } ?? []
            let mapping =
                sheet.kind == .worksheet
                ? SheetMapper.map(sheetName: sheet.name, headers: headers, overrides: options.overrides)
                : SheetMapping(entity: nil, columns: [], reason: "not a worksheet (a chart or other sheet)")
            renderer.beginSheet(sheet, headerRow: headerRow, mapping: mapping)
            for (number, cells) in buffered where number <= limit { renderer.row(number, cells) }
            buffered.removeAll()
        }

        let summary = try workbook.readSheet(sheet, maxRow: max(limit, headerScanRows)) { row in
            var cells = [CellValue?](repeating: nil, count: row.count == 0 ? 0 : row.column(at: row.count - 1))
            for i in 0..<row.count { cells[row.column(at: i) - 1] = row.value(at: i) }
            if described {
                if row.number <= limit { renderer.row(row.number, cells) }
            } else {
                buffered.append((row.number, cells))
                if row.number >= headerScanRows { describe() }
            }
        }
        if !described { describe() }
        renderer.endSheet(sheet, summary: summary, limit: limit)
    }

    /// A header cell as text.
    static func headerText(_ value: CellValue) -> String {
        switch value {
        case .text(let s): return s
        case .number(let x): return JSONWriter.format(x)
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.time.millisecondOfDay == 0 ? d.dateString : d.isoString
        case .time(let t): return t.isoString
        case .duration(let s): return JSONWriter.format(s) + "s"
        case .error(let e): return e
        }
    }
}

// MARK: - Rendering

protocol InspectRenderer: AnyObject {
    func begin(file: String, workbook: Workbook, sheetCount: Int)
    func beginSheet(_ sheet: SheetInfo, headerRow: Int?, mapping: SheetMapping)
    func row(_ number: Int, _ cells: [CellValue?])
    func endSheet(_ sheet: SheetInfo, summary: SheetSummary, limit: Int)
    func end()
}

/// The `--json` shape: `{"file", "date1904", "sheets": [{"name", "state", "kind", "dimension", "entity",
/// "reason", "header_row", "columns": [{"header", "field"}], "rows": [[cell…]…]}]}`.
final class JSONInspectRenderer: InspectRenderer {
    private let output: (String) -> Void
    private var sheetIndex = 0
    private var lastRow = 0

    init(output: @escaping (String) -> Void) { self.output = output }

    func begin(file: String, workbook: Workbook, sheetCount: Int) {
        var w = JSONWriter()
        w.key("file")
        w.string(file)
        w.key("date1904")
        w.bool(workbook.date1904)
        output("{" + w.text + ",\"sheets\":[")
    }

    func beginSheet(_ sheet: SheetInfo, headerRow: Int?, mapping: SheetMapping) {
        var w = JSONWriter()
        w.field("name", sheet.name)
        w.field("state", sheet.state.rawValue)
        w.field("kind", sheet.kind.rawValue)
        w.field("entity", mapping.entity?.rawValue)
        w.field("reason", mapping.reason)
        w.key("header_row")
        if let headerRow { w.number(headerRow) } else { w.null() }
        w.key("columns")
        w.array { a in
            for column in mapping.columns {
                a.object { o in
                    o.field("header", column.header)
                    o.field("field", column.field)
                }
            }
        }
        output((sheetIndex > 0 ? "," : "") + "{" + w.text + ",\"rows\":[")
        sheetIndex += 1
        lastRow = 0
    }

    func row(_ number: Int, _ cells: [CellValue?]) {
        var text = lastRow > 0 ? "," : ""
        if number > lastRow + 1 { text += String(repeating: "[],", count: number - lastRow - 1) }
        var w = JSONWriter()
        w.array { a in for cell in cells { a.cell(cell) } }
        output(text + w.text)
        lastRow = number
    }

    func endSheet(_ sheet: SheetInfo, summary: SheetSummary, limit: Int) {
        var w = JSONWriter()
        w.key("dimension")
        w.string(summary.declaredDimension ?? usedRange(summary))
        w.key("rows_read")
        w.number(summary.rowsRead)
        w.key("complete")
        w.bool(summary.complete)
        output("]," + w.text + "}")
    }

    func end() { output("]}\n") }
}

func usedRange(_ summary: SheetSummary) -> String? {
    guard let first = summary.firstCell, let last = summary.lastCell else { return nil }
    return first == last ? first.description : "\(first):\(last)"
}

/// Text for people: a heading per sheet, its mapping, and the rows as a table that fits the terminal.
final class TextInspectRenderer: InspectRenderer {
    private let output: (String) -> Void
    private let width: Int
    private var sheetNumber = 0
    private var sheetCount = 0
    private var columnWidths: [Int] = []
    private var shownColumns = 0
    private var totalColumns = 0
    private var rowsShown = 0
    private var mapping: SheetMapping?
    /// Rows kept to size the table's columns before printing.
    private var pending: [(Int, [CellValue?])] = []
    private static let sizingRows = 50

    init(output: @escaping (String) -> Void, width: Int) {
        self.output = output
        self.width = max(40, width)
    }

    func begin(file: String, workbook: Workbook, sheetCount: Int) {
        self.sheetCount = sheetCount
        let system = workbook.date1904 ? "1904" : "1900"
        output(
            "\(file): \(workbook.sheets.count) sheet\(workbook.sheets.count == 1 ? "" : "s"), \(system) date system\n")
    }

    func beginSheet(_ sheet: SheetInfo, headerRow: Int?, mapping: SheetMapping) {
        sheetNumber += 1
        self.mapping = mapping
        rowsShown = 0
        pending.removeAll()
        var text = "\nSheet “\(TerminalText.visible(sheet.name))”"
        if sheet.state != .visible { text += " (\(sheet.state.rawValue))" }
        if sheet.kind != .worksheet { text += " (not a worksheet)" }
        text += "\n"
        if let entity = mapping.entity {
            text += "  entity:  \(entity.rawValue) (\(entity.chineseName))\n"
        } else {
            text += "  entity:  none — this sheet would not be imported\n"
        }
        for (i, line) in DisplayWidth.wrap(mapping.reason, width: width - 11).enumerated() {
            text += (i == 0 ? "  why:     " : "           ") + line + "\n"
        }
        if let headerRow, !mapping.columns.isEmpty {
            text += "  header:  row \(headerRow)\n"
            let headerWidth = min(24, mapping.columns.map { DisplayWidth.of($0.header) }.max() ?? 0)
            for (i, column) in mapping.columns.enumerated() where !column.header.isEmpty || column.field != nil {
                let letter = DisplayWidth.pad(CellReference.columnName(i + 1), width: 3)
                let header = DisplayWidth.pad(TerminalText.visible(column.header), width: headerWidth)
                text +=
                    DisplayWidth.fit("    \(letter) \(header)  → \(column.field ?? "(not imported)")", width: width)
                    + "\n"
            }
        }
        output(text)
    }

    func row(_ number: Int, _ cells: [CellValue?]) {
        if pending.count < Self.sizingRows && columnWidths.isEmpty {
            pending.append((number, cells))
            return
        }
        if columnWidths.isEmpty { layout() }
        emitRow(number, cells)
    }

    private func layout() {
        totalColumns = pending.map(\.1.count).max() ?? 0
        let numberWidth = max(3, String(pending.last?.0 ?? 0).count)
        var available = width - numberWidth - 3
        columnWidths = []
        for c in 0..<totalColumns {
            let content =
                pending.map { row in c < row.1.count ? row.1[c].map(display).map(DisplayWidth.of) ?? 0 : 0 }.max() ?? 0
            let w = max(3, min(20, max(content, DisplayWidth.of(CellReference.columnName(c + 1)))))
            if available - (w + 3) < 0 { break }
            columnWidths.append(w)
            available -= w + 3
        }
        shownColumns = columnWidths.count
        var header = "  " + String(repeating: " ", count: numberWidth)
        for (c, w) in columnWidths.enumerated() {
            header += " │ " + DisplayWidth.pad(CellReference.columnName(c + 1), width: w)
        }
        output(header + "\n")
        let rows = pending
        pending.removeAll()
        for (number, cells) in rows { emitRow(number, cells) }
    }

    private func emitRow(_ number: Int, _ cells: [CellValue?]) {
        let numberWidth = max(3, String(number).count)
        var line = "  " + DisplayWidth.pad(String(number), width: numberWidth, alignRight: true)
        for (c, w) in columnWidths.enumerated() {
            let value = c < cells.count ? cells[c] : nil
            let numeric: Bool
            if case .number? = value { numeric = true } else { numeric = false }
            line += " │ " + DisplayWidth.pad(value.map(display) ?? "", width: w, alignRight: numeric)
        }
        output(line + "\n")
        rowsShown += 1
    }

    private func display(_ value: CellValue) -> String {
        switch value {
        case .text(let s): return TerminalText.visible(s)
        case .error(let e): return TerminalText.visible(e)
        default: return WorkbookInspector.headerText(value)
        }
    }

    func endSheet(_ sheet: SheetInfo, summary: SheetSummary, limit: Int) {
        if columnWidths.isEmpty && !pending.isEmpty { layout() }
        var text = ""
        if totalColumns > shownColumns {
            text +=
                "  (\(totalColumns - shownColumns) more column\(totalColumns - shownColumns == 1 ? "" : "s") "
                + "not shown; use --json to see every cell)\n"
        }
        let range = summary.declaredDimension ?? usedRange(summary) ?? "empty"
        if summary.complete {
            text += "  \(summary.rowsRead) non-empty row\(summary.rowsRead == 1 ? "" : "s"), range \(range)\n"
        } else {
            text += "  first \(limit) rows shown (range \(range)); --rows all lists every row\n"
        }
        columnWidths = []
        output(text)
    }

    func end() {}
}

/// How a cell's value is stored in the sheet XML (its `t` attribute).
public enum CellType: UInt8, Sendable {
    /// `t="n"` or absent: a number (dates are numbers with a date format).
    case number
    /// `t="s"`: an index into the shared strings.
    case sharedString
    /// `t="inlineStr"`: text in the cell's own `<is>`.
    case inlineString
    /// `t="str"`: a formula's text result.
    case formulaString
    /// `t="b"`.
    case boolean
    /// `t="e"`.
    case error
    /// `t="d"`: an ISO 8601 date written as text.
    case isoDate
}

/// One non-empty cell of the row being read; its bytes live in the reader's buffers.
struct RawCell {
    var column: Int32
    var type: CellType
    var formatClass: FormatClass
    /// For shared strings, the string index; otherwise the offset of the value's bytes in the row buffer.
    var start: Int
    var length: Int
    /// The parsed number for `.number` and `.boolean` cells.
    var number: Double
}

/// A row handed to the caller of ``Workbook/readSheet(_:maxRow:_:)``: valid only inside that callback.
///
/// Cells are in column order; empty cells are absent. Text is reachable as bytes (UTF-8, escapes decoded)
/// without creating a `String`, so a caller can pass it straight to a database.
public struct SheetRow {
    /// The 1-based row number.
    public let number: Int
    /// The row's cells, in column order.
    let cells: UnsafeBufferPointer<RawCell>
    /// The buffer that the offsets of non-shared cells point into.
    let bytes: UnsafePointer<UInt8>
    unowned(unsafe) let sharedStrings: SharedStrings
    let dateSystem: DateSystem
    /// How much of the sheet's XML has been read so far, from 0 to 1 (for progress displays).
    public let fractionRead: Double

    /// How many non-empty cells the row has.
    public var count: Int { cells.count }

    /// The 1-based column of the `i`-th non-empty cell.
    @inline(__always)
    public func column(at i: Int) -> Int { Int(cells[i].column) }

    @inline(__always)
    public func type(at i: Int) -> CellType { cells[i].type }

    /// Whether the cell's number format makes a number read as a date, time or duration.
    @inline(__always)
    public func formatClass(at i: Int) -> FormatClass { cells[i].formatClass }

    /// The cell's bytes: text for strings and errors, the number's digits for numbers.
    @inline(__always)
    public func bytes(at i: Int) -> UnsafeBufferPointer<UInt8> {
        let cell = cells[i]
        if cell.type == .sharedString { return sharedStrings.string(at: cell.start) }
        return UnsafeBufferPointer(start: bytes + cell.start, count: cell.length)
    }

    /// The parsed value of a number or boolean cell (1 or 0); 0 for other types.
    @inline(__always)
    public func number(at i: Int) -> Double { cells[i].number }

    /// The cell's value as a spreadsheet user sees it, dates recognised.
    public func value(at i: Int) -> CellValue {
        let cell = cells[i]
        switch cell.type {
        case .sharedString, .inlineString, .formulaString:
            return .text(String(decoding: bytes(at: i), as: UTF8.self))
        case .error:
            return .error(String(decoding: bytes(at: i), as: UTF8.self))
        case .boolean:
            return .boolean(cell.number != 0)
        case .isoDate:
            let text = String(decoding: bytes(at: i), as: UTF8.self)
            return ISODate.parse(text) ?? .text(text)
        case .number:
            return Self.interpret(cell.number, cell.formatClass, dateSystem)
        }
    }

    /// Every non-empty cell with its column.
    public var values: [(column: Int, value: CellValue)] {
        (0..<count).map { (column(at: $0), value(at: $0)) }
    }

    /// A number read through its format class: a date, a time, a duration or a plain number.
    static func interpret(_ serial: Double, _ formatClass: FormatClass, _ system: DateSystem) -> CellValue {
        switch formatClass {
        case .number:
            return .number(serial)
        case .duration:
            return .duration(seconds: (serial * 86_400_000).rounded() / 1000)
        case .date:
            if serial >= 0 && serial < 1 { return .time(ExcelDate.timeOfDay(serial: serial)) }
            if let date = ExcelDate.dateTime(serial: serial, system: system) { return .date(date) }
            return .number(serial)
        }
    }
}

/// What reading a sheet found, beside its rows.
public struct SheetSummary: Sendable, Equatable {
    /// The `<dimension>` the writer declared, e.g. `A1:K120` (not checked against the cells).
    public var declaredDimension: String?
    /// Rows with at least one non-empty cell handed to the caller.
    public var rowsRead: Int
    /// The used range of the rows read: first and last cell.
    public var firstCell: CellReference?
    public var lastCell: CellReference?
    /// Whether the whole sheet was read (false when stopped at `maxRow`).
    public var complete: Bool
}

/// Parses one worksheet part and hands it over a row at a time.
final class SheetHandler: XMLEventHandler {
    let sheetName: String
    let sharedStrings: SharedStrings
    let styles: StyleTable
    let dateSystem: DateSystem
    let limits: XLSXLimits
    let maxRow: Int
    private let body: (SheetRow) throws -> Void

    var cells: [RawCell] = []
    /// The current row's value bytes.
    private(set) var rowBytes: UnsafeMutableBufferPointer<UInt8>
    private var rowUsed = 0

    private var rowNumber = 0
    private var lastRowNumber = 0
    private var lastColumn = 0
    private var inSheetData = false
    /// Elements started inside `sheetData` since the last row or cell (see ``XLSXLimits/maxElementsBetweenCells``).
    private var elementsSinceCell = 0

    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var capturing = false
    private var captured = false
    private var valueStart = 0
    private var inInlineString = false
    private var phoneticDepth = 0

    /// The stream being parsed, for progress.
    unowned(unsafe) var source: ZipEntryStream?

    var fractionRead: Double {
        guard let source, source.entry.uncompressedSize > 0 else { return 0 }
        return min(1, Double(source.produced) / Double(source.entry.uncompressedSize))
    }

    var summary = SheetSummary(declaredDimension: nil, rowsRead: 0, firstCell: nil, lastCell: nil, complete: true)
    private var minColumn = Int.max, maxColumn = 0

    init(
        sheetName: String, sharedStrings: SharedStrings, styles: StyleTable, dateSystem: DateSystem,
        limits: XLSXLimits, maxRow: Int, body: @escaping (SheetRow) throws -> Void
    ) {
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
        self.limits = limits
        self.maxRow = maxRow
        self.body = body
        rowBytes = .allocate(capacity: 4096)
        cells.reserveCapacity(64)
    }

    deinit { rowBytes.deallocate() }

    private func cellError(_ detail: String, column: Int? = nil) -> XLSXError {
        let col = column ?? cellColumn
        let ref =
            col > 0 && col <= CellReference.maxColumn && rowNumber > 0
            ? CellReference(column: col, row: rowNumber).description : nil
        return XLSXError(.invalidCell, detail, sheet: sheetName, cell: ref)
    }

    // MARK: - Events

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) throws {
        let isCellOrRow = (name[0] == UInt8(ascii: "c") && name[1] == 0) || nameEquals(name, "row")
        if isCellOrRow {
            elementsSinceCell = 0
        } else if inSheetData {
            elementsSinceCell += 1
            if elementsSinceCell > limits.maxElementsBetweenCells {
                throw XLSXError(
                    .limitExceeded,
                    "over the limit of \(limits.maxElementsBetweenCells) XML elements "
                        + "with no cell between them (after row \(lastRowNumber))", sheet: sheetName)
            }
        }
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            try startCell(attributes)
        case UInt8(ascii: "v") where name[1] == 0:
            if inCell {
                capturing = true
                captured = true
                valueStart = rowUsed
            }
        case UInt8(ascii: "r") where nameEquals(name, "row"):
            try startRow(attributes)
        case UInt8(ascii: "i") where nameEquals(name, "is"):
            if inCell {
                inInlineString = true
                captured = true
                valueStart = rowUsed
            }
        case UInt8(ascii: "t") where name[1] == 0:
            if inInlineString && phoneticDepth == 0 { capturing = true }
        case UInt8(ascii: "r") where nameEquals(name, "rPh"):
            phoneticDepth += 1
        case UInt8(ascii: "s") where nameEquals(name, "sheetData"):
            inSheetData = true
        case UInt8(ascii: "d") where nameEquals(name, "dimension"):
            summary.declaredDimension = attributes.string("ref")
        default:
            break
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>) throws {
        switch name[0] {
        case UInt8(ascii: "v") where name[1] == 0:
            capturing = false
        case UInt8(ascii: "t") where name[1] == 0:
            if inInlineString { capturing = false }
        case UInt8(ascii: "c") where name[1] == 0:
            try endCell()
        case UInt8(ascii: "r") where nameEquals(name, "row"):
            try endRow()
        case UInt8(ascii: "i") where nameEquals(name, "is"):
            inInlineString = false
            capturing = false
        case UInt8(ascii: "r") where nameEquals(name, "rPh"):
            phoneticDepth -= 1
        case UInt8(ascii: "s") where nameEquals(name, "sheetData"):
            // Everything a reader of cells needs is read: what follows (merged ranges, formatting rules,
            // hyperlinks, page setup) is not parsed, however much of it there is, only inflated to check it.
            inSheetData = false
            throw StopParsing(checkingTheRest: true)
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard capturing else { return }
        let length = rowUsed - valueStart + bytes.count
        if length > limits.maxCellCharacters * 7 {
            throw cellError("text longer than \(limits.maxCellCharacters) characters")
        }
        if rowUsed + bytes.count > rowBytes.count {
            var capacity = rowBytes.count * 2
            while capacity < rowUsed + bytes.count { capacity *= 2 }
            let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
            _ = grown.initialize(from: rowBytes[..<rowUsed])
            rowBytes.deallocate()
            rowBytes = grown
        }
        _ = UnsafeMutableBufferPointer(rebasing: rowBytes[rowUsed...]).initialize(from: bytes)
        rowUsed += bytes.count
    }

    // MARK: - Rows

    private func startRow(_ attributes: XMLAttributes) throws {
        guard inSheetData else { return }
        if let r = attributes.bytes("r") {
            var value = 0
            for b in r {
                guard b &- 0x30 < 10, value <= CellReference.maxRow else {
                    throw XLSXError(
                        .invalidCell, "row number '\(String(decoding: r, as: UTF8.self))' is not valid",
                        sheet: sheetName)
                }
                value = value * 10 + Int(b - 0x30)
            }
            guard value >= 1, value <= CellReference.maxRow else {
                throw XLSXError(
                    .invalidCell, "row number \(value) is outside 1…\(CellReference.maxRow)", sheet: sheetName)
            }
            guard value > lastRowNumber else {
                throw XLSXError(.invalidCell, "row \(value) comes after row \(lastRowNumber)", sheet: sheetName)
            }
            rowNumber = value
        } else {
            rowNumber = lastRowNumber + 1
            guard rowNumber <= CellReference.maxRow else {
                throw XLSXError(.invalidCell, "more than \(CellReference.maxRow) rows", sheet: sheetName)
            }
        }
        if rowNumber > maxRow {
            summary.complete = false
            throw StopParsing()
        }
        lastRowNumber = rowNumber
        lastColumn = 0
        cells.removeAll(keepingCapacity: true)
        rowUsed = 0
    }

    private func endRow() throws {
        guard inSheetData, rowNumber > 0 else { return }
        guard !cells.isEmpty else { return }
        summary.rowsRead += 1
        if summary.firstCell == nil { summary.firstCell = CellReference(column: Int(cells[0].column), row: rowNumber) }
        minColumn = min(minColumn, Int(cells[0].column))
        maxColumn = max(maxColumn, Int(cells[cells.count - 1].column))
        summary.firstCell?.column = minColumn
        summary.lastCell = CellReference(column: maxColumn, row: rowNumber)
        let fraction = fractionRead
        try cells.withUnsafeBufferPointer {
            try body(
                SheetRow(
                    number: rowNumber, cells: $0, bytes: UnsafePointer(rowBytes.baseAddress!),
                    sharedStrings: sharedStrings, dateSystem: dateSystem, fractionRead: fraction))
        }
    }

    // MARK: - Cells

    private func startCell(_ attributes: XMLAttributes) throws {
        guard inSheetData, rowNumber > 0 else { return }
        inCell = true
        captured = false
        capturing = false
        if let r = attributes.bytes("r") {
            guard let parsed = CellReference.parse(r), let row = parsed.row else {
                throw XLSXError(
                    .invalidCell, "cell reference '\(String(decoding: r.prefix(40), as: UTF8.self))' is not valid",
                    sheet: sheetName)
            }
            guard row == rowNumber else {
                throw XLSXError(
                    .invalidCell,
                    "cell \(String(decoding: r, as: UTF8.self)) is inside row \(rowNumber)", sheet: sheetName)
            }
            cellColumn = parsed.column
        } else {
            cellColumn = lastColumn + 1
            guard cellColumn <= CellReference.maxColumn else {
                throw XLSXError(
                    .invalidCell, "row \(rowNumber) has more than \(CellReference.maxColumn) columns",
                    sheet: sheetName)
            }
        }
        guard cellColumn > lastColumn else {
            throw cellError("cell repeats or precedes column \(CellReference.columnName(lastColumn))")
        }
        lastColumn = cellColumn
        cellType = .number
        if let t = attributes.bytes("t"), t.count > 0 {
            switch (t.count, t[0]) {
            case (1, UInt8(ascii: "n")): cellType = .number
            case (1, UInt8(ascii: "s")): cellType = .sharedString
            case (1, UInt8(ascii: "b")): cellType = .boolean
            case (1, UInt8(ascii: "e")): cellType = .error
            case (1, UInt8(ascii: "d")): cellType = .isoDate
            case (3, UInt8(ascii: "s")) where t[1] == UInt8(ascii: "t") && t[2] == UInt8(ascii: "r"):
                cellType = .formulaString
            case (9, UInt8(ascii: "i")): cellType = .inlineString
            default:
                throw cellError("unknown cell type '\(String(decoding: t, as: UTF8.self))'")
            }
        }
        cellStyle = 0
        if let s = attributes.bytes("s") {
            var value = 0
            for b in s {
                guard b &- 0x30 < 10, value < 100_000_000 else { throw cellError("style index is not valid") }
                value = value * 10 + Int(b - 0x30)
            }
            cellStyle = value
        }
    }

    private func endCell() throws {
        guard inCell else { return }
        inCell = false
        capturing = false
        inInlineString = false
        guard captured else { return }
        var length = rowUsed - valueStart
        guard length > 0 else {
            rowUsed = valueStart
            return
        }
        let region = UnsafeMutableBufferPointer(rebasing: rowBytes[valueStart..<rowUsed])
        var cell = RawCell(
            column: Int32(cellColumn), type: cellType, formatClass: .number,
            start: valueStart, length: length, number: 0)
        switch cellType {
        case .number:
            guard let value = NumberParsing.parse(UnsafeBufferPointer(region)) else {
                throw cellError("'\(String(decoding: region.prefix(40), as: UTF8.self))' is not a number")
            }
            cell.number = value
            cell.formatClass = styles.formatClass(style: cellStyle)
        case .sharedString:
            var index = 0
            for b in region {
                guard b &- 0x30 < 10, index <= Int(Int32.max) else {
                    throw cellError(
                        "shared-string index '\(String(decoding: region.prefix(40), as: UTF8.self))' is not valid")
                }
                index = index * 10 + Int(b - 0x30)
            }
            guard index < sharedStrings.count else {
                throw cellError("shared-string index \(index) is out of range (the table holds \(sharedStrings.count))")
            }
            cell.start = index
            rowUsed = valueStart
        case .boolean:
            switch String(decoding: region, as: UTF8.self) {
            case "1", "true", "TRUE": cell.number = 1
            case "0", "false", "FALSE": cell.number = 0
            default: throw cellError("'\(String(decoding: region.prefix(40), as: UTF8.self))' is not a boolean")
            }
        case .inlineString, .formulaString:
            length = TextDecoding.decodeEscapes(region, count: length)
            cell.length = length
            rowUsed = valueStart + length
            if length > limits.maxCellCharacters,
                TextDecoding.utf16Length(UnsafeBufferPointer(rebasing: rowBytes[valueStart..<rowUsed]))
                    > limits.maxCellCharacters
            {
                throw cellError("text longer than \(limits.maxCellCharacters) characters")
            }
        case .error, .isoDate:
            break
        }
        cells.append(cell)
    }
}

/// ISO 8601 values as written in `t="d"` cells: `2026-03-05`, `2026-03-05T10:20:30(.fff)`, or a time `10:20:30`.
///
/// A value with a zone (`Z`, `+08:00`) names an instant, not a calendar date and time; it stays text,
/// as other readers keep it.
enum ISODate {
    static func parse(_ text: String) -> CellValue? {
        if !text.contains("-"), let time = parseTime(Substring(text)) { return .time(time) }
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let d = datePart.split(separator: "-")
        guard d.count == 3, let y = Int(d[0]), let m = Int(d[1]), let day = Int(d[2]),
            ExcelDate.isValid(year: y, month: m, day: day)
        else { return nil }
        var time = TimeOfDay(millisecondOfDay: 0)
        if parts.count == 2 {
            guard let t = parseTime(parts[1]) else { return nil }
            time = t
        }
        return .date(ExcelDateTime(year: y, month: m, day: day, time: time))
    }

    private static func parseTime(_ text: Substring) -> TimeOfDay? {
        let hms = text.split(separator: ":")
        guard hms.count >= 2, hms.count <= 3, let h = Int(hms[0]), let mi = Int(hms[1]), (0..<24).contains(h),
            (0..<60).contains(mi)
        else { return nil }
        var seconds = 0.0
        if hms.count == 3 {
            guard let s = Double(hms[2]), s >= 0, s < 60 else { return nil }
            seconds = s
        }
        return TimeOfDay(millisecondOfDay: (h * 3600 + mi * 60) * 1000 + Int((seconds * 1000).rounded()))
    }
}

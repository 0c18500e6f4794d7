import Foundation
import XLSX

/// A file to import, read the same way whether it is a workbook or a CSV file.
final class ImportSource {
    enum Backing {
        case workbook(Workbook)
        case csv(CSVReader)
    }

    struct Sheet {
        var name: String
        var state: SheetState
        var isWorksheet: Bool
        /// Position in the file (workbook order).
        var index: Int
    }

    let displayName: String
    let backing: Backing
    let sheets: [Sheet]
    /// How the file was read, for the report: `xlsx`, or the CSV's encoding.
    let formatDescription: String

    init(path: String, displayName: String) throws {
        self.displayName = displayName
        if CSVReader.looksLikeCSV(path: path) {
            let reader = try CSVReader(path: path, displayName: displayName)
            backing = .csv(reader)
            sheets = [Sheet(name: reader.sheetName, state: .visible, isWorksheet: true, index: 0)]
            formatDescription = "CSV, \(reader.encoding.displayName)"
        } else {
            let workbook = try Workbook(path: path, displayName: displayName)
            backing = .workbook(workbook)
            sheets = workbook.sheets.map {
                Sheet(name: $0.name, state: $0.state, isWorksheet: $0.kind == .worksheet, index: $0.index)
            }
            formatDescription = "xlsx"
        }
    }

    var dateSystem: DateSystem {
        if case .workbook(let wb) = backing { return wb.dateSystem }
        return .excel1900
    }

    /// Reads a sheet's rows, handing each to `body` as an ``ImportRow`` valid only during the call.
    func readRows(_ sheet: Sheet, maxRow: Int? = nil, _ body: (ImportRow) throws -> Void) throws {
        switch backing {
        case .workbook(let wb):
            let info = wb.sheets[sheet.index]
            var positions: [Int] = []
            func each(_ row: SheetRow) throws {
                let width = row.count == 0 ? 0 : row.column(at: row.count - 1)
                positions.removeAll(keepingCapacity: true)
                positions.append(contentsOf: repeatElement(-1, count: width))
                for i in 0..<row.count { positions[row.column(at: i) - 1] = i }
                try positions.withUnsafeBufferPointer { p in
                    try body(ImportRow(number: row.number, storage: .sheet(row, p)))
                }
            }
            if let maxRow {
                try wb.readSheet(info, maxRow: maxRow, each)
            } else {
                // Whole sheets: the XML is parsed on a second thread while this one checks and stages rows.
                try wb.readSheetPipelined(info, each)
            }
        case .csv(let reader):
            _ = try reader.readRows(maxRow: maxRow) { row in
                try body(ImportRow(number: row.number, storage: .csv(row)))
            }
        }
    }
}

/// One row of a sheet or CSV file, read on demand column by column.
struct ImportRow {
    enum Storage {
        /// A worksheet row and, per column (0 = A), the index of its cell or -1.
        case sheet(SheetRow, UnsafeBufferPointer<Int>)
        case csv(CSVRow)
    }

    let number: Int
    let storage: Storage

    /// How much of the sheet has been read (nil for CSV files, read in one stream).
    var fractionRead: Double? {
        if case .sheet(let row, _) = storage { return row.fractionRead }
        return nil
    }

    /// Columns up to the last non-empty one.
    var width: Int {
        switch storage {
        case .sheet(_, let positions): positions.count
        case .csv(let row): row.count
        }
    }

    /// Whether the column holds nothing (or only white space, in a CSV file).
    func isEmpty(_ column: Int) -> Bool {
        switch storage {
        case .sheet(_, let positions):
            return column >= positions.count || positions[column] < 0
        case .csv(let row):
            return column >= row.count
                || row.withFieldBytes(at: column) { bytes in
                    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
                }
        }
    }

    /// Whether every column is empty.
    var isBlank: Bool { (0..<width).allSatisfy(isEmpty) }

    /// The column parsed as `kind`, or nil when it is empty.
    func parse(
        _ column: Int, kind: ValueKind, moneyScale: Int, with parser: ValueParser
    ) -> Result<ImportValue, ValueError>? {
        guard !isEmpty(column) else { return nil }
        switch storage {
        case .sheet(let row, let positions):
            return parser.parse(row, at: positions[column], kind: kind, moneyScale: moneyScale)
        case .csv(let row):
            return row.withFieldBytes(at: column) { parser.parse(utf8: $0, kind: kind, moneyScale: moneyScale) }
        }
    }

    /// The cells as a spreadsheet shows them (for headers and the rejected-rows workbook).
    var cells: [CellValue?] {
        (0..<width).map { column -> CellValue? in
            guard !isEmpty(column) else { return nil }
            switch storage {
            case .sheet(let row, let positions): return row.value(at: positions[column])
            case .csv(let row): return .text(row.field(at: column))
            }
        }
    }
}

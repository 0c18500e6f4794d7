import Foundation
import XLSX

/// How one sheet will be read: its entity, header row, and the field, kind and unit of each column.
struct SheetPlan {
    struct Column {
        /// 0-based column index in the sheet.
        var index: Int
        var header: String
        var field: Field
        /// 10,000 for a header like `金额(万元)`; 1 otherwise.
        var moneyScale: Int
        /// `C (金额)`, for error messages.
        var label: String { "\(CellReference.columnName(index + 1)) (\(header))" }
    }

    var sheet: ImportSource.Sheet
    var entity: Entity?
    var headerRow: Int
    /// The header row's cells as text, from column A (empty when the sheet is skipped).
    var headers: [String?] = []
    var columns: [Column]
    /// The scope a targets or budgets sheet implies by its key column's header (销售代表 → rep).
    var impliedScope: String?
    /// Why the sheet is skipped, or notes on columns not imported.
    var note: String?

    /// Plans every sheet of a source, in load order (dimensions before facts, then file order).
    static func plan(_ source: ImportSource, overrides: MappingOverrides?) throws -> [SheetPlan] {
        var plans: [SheetPlan] = []
        for sheet in source.sheets {
            plans.append(try plan(sheet, of: source, overrides: overrides))
        }
        return plans.enumerated().sorted { a, b in
            let ka = a.element.entity?.loadOrder ?? Int.max
            let kb = b.element.entity?.loadOrder ?? Int.max
            return (ka, a.offset) < (kb, b.offset)
        }.map(\.element)
    }

    private static func plan(
        _ sheet: ImportSource.Sheet, of source: ImportSource,
        overrides: MappingOverrides?
    ) throws -> SheetPlan {
        guard sheet.isWorksheet else {
            return SheetPlan(
                sheet: sheet, entity: nil, headerRow: 0, columns: [],
                note: "not a worksheet (a chart or other sheet); skipped")
        }
        let scan = WorkbookInspector.headerScanRows
        var rows = [[String?]](repeating: [], count: scan)
        try source.readRows(sheet, maxRow: scan) { row in
            rows[row.number - 1] = row.cells.map { $0.map(WorkbookInspector.headerText) }
        }
        guard let headerIndex = SheetMapper.findHeaderRow(rows: rows, maxScan: scan) else {
            let empty = rows.allSatisfy { $0.allSatisfy { $0 == nil } }
            return SheetPlan(
                sheet: sheet, entity: nil, headerRow: 0, columns: [],
                note: empty ? "empty; skipped" : "no header row found in the first \(scan) rows; skipped")
        }
        let headers = rows[headerIndex]
        let mapping = SheetMapper.map(sheetName: sheet.name, headers: headers, overrides: overrides)
        guard let entity = mapping.entity else {
            return SheetPlan(
                sheet: sheet, entity: nil, headerRow: headerIndex + 1, columns: [],
                note: "not imported: " + mapping.reason)
        }
        var columns: [Column] = []
        var ignored: [String] = []
        var impliedScope: String?
        for (i, column) in mapping.columns.enumerated() {
            guard let name = column.field, let field = entity.field(named: name) else {
                if !column.header.isEmpty { ignored.append("\(CellReference.columnName(i + 1)) (\(column.header))") }
                continue
            }
            columns.append(
                Column(
                    index: i, header: column.header, field: field,
                    moneyScale: HeaderNormalizer.moneyScale(ofHeader: column.header)))
            if name == "scope_key", impliedScope == nil {
                impliedScope = Vocabulary.impliedScope(forHeader: column.header)
            }
        }
        var plan = SheetPlan(
            sheet: sheet, entity: entity, headerRow: headerIndex + 1, headers: headers,
            columns: columns, impliedScope: impliedScope)
        if !ignored.isEmpty { plan.note = "columns not imported: " + ignored.joined(separator: ", ") }
        if !mapping.unmetRequirements.isEmpty {
            let missing = mapping.unmetRequirements.map { $0.joined(separator: " or ") }.joined(separator: ", ")
            throw ImportError.mapping("\(source.displayName): sheet “\(sheet.name)” has no column for \(missing)")
        }
        return plan
    }
}

/// Errors that stop an import before any row is read.
public enum ImportError: Error, LocalizedError, Equatable {
    /// A sheet's columns cannot be mapped as the mapping file asks.
    case mapping(String)
    /// The mapping file is unreadable or names something unknown.
    case mappingFile(String)
    /// No sheet of the file maps to an entity.
    case nothingToImport(String)
    /// A batch id that does not exist, or cannot be undone.
    case batch(String)
    /// Undo refused because later batches changed rows of this one.
    case undoConflict(String)

    public var errorDescription: String? {
        switch self {
        case .mapping(let m), .mappingFile(let m), .nothingToImport(let m), .batch(let m), .undoConflict(let m): m
        }
    }
}

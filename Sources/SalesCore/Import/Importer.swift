import Foundation
import XLSX

/// How an import runs.
public struct ImportOptions: Sendable {
    /// Report what would change; write nothing.
    public var dryRun = false
    /// Write the valid rows and save the invalid ones to `FILE.rejected.xlsx`.
    public var skipInvalid = false
    /// Refuse references to customers, people, products or regions the store does not know.
    public var strict = false
    /// Decisions from a `--map` file.
    public var overrides: MappingOverrides?
    /// How to read an ambiguous day/month such as `05/03/2026`.
    public var dateOrder: ValueParser.DateOrder?
    /// Who runs the import, recorded with the batch.
    public var user: String
    /// Rows from which a sheet loading into a smaller table counts as a bulk load (its table's non-unique
    /// indexes are rebuilt once at the end instead of maintained row by row).
    var bulkLoadRows = 50_000
    /// Reads and checks every row into the staging file before writing, as `--skip-invalid` does (tests
    /// compare the two ways; see ``Importer``).
    var alwaysStage = false
    /// Called now and then while rows are read and written.
    public var progress: (@Sendable (ImportProgress) -> Void)?

    public init(user: String) { self.user = user }
}

/// Where a long import is.
public struct ImportProgress: Sendable {
    public enum Phase: String, Sendable { case reading, writing }
    public var phase: Phase
    public var sheet: String
    /// Rows done in this sheet.
    public var rows: Int
    /// Fraction of the sheet read (reading only).
    public var fraction: Double?
}

/// Loads one file into the store as one batch, in one write transaction: all of the batch or none of it.
///
/// Without `--skip-invalid`, rows are written while the file is read (``streamed(_:source:parser:store:options:file:sha256:report:)``):
/// the store's write lock is held from the first row to the commit. With it, or when two rows may share
/// a natural key, every row is first read and checked into a private staging database, outside any
/// write transaction, and written in one final transaction. Both give the same report and store.
public enum Importer {
    /// Imports (or, with `dryRun`, rehearses importing) the file at `path`.
    /// - Throws: ``XLSXError`` or ``CSVError`` for an unreadable file, ``ImportError`` for a file that
    ///   cannot be mapped, ``StoreError`` for store trouble. Invalid rows are not thrown: the report lists them.
    public static func run(
        path: String, displayName: String? = nil, store: Store,
        options: ImportOptions
    ) throws -> ImportReport {
        let name = displayName ?? path
        let source = try ImportSource(path: path, displayName: name)
        let sha = try PhaseTimer.measure("file hash") { try FileHash.sha256(path: path, displayName: name) }
        let plans = try PhaseTimer.measure("plan sheets") { try SheetPlan.plan(source, overrides: options.overrides) }
        guard plans.contains(where: { $0.entity != nil }) else {
            let notes = plans.map { "“\($0.sheet.name)”: \($0.note ?? "not placed")" }.joined(separator: "; ")
            throw ImportError.nothingToImport("\(name): no sheet can be imported (\(notes))")
        }
        var report = ImportReport(
            batch: nil, status: .committed, file: name, sha256: sha,
            format: source.formatDescription, sheets: [], created: [:], errors: [],
            errorCount: 0, rejectedFile: nil, user: options.user,
            skipInvalid: options.skipInvalid)
        let parser = ValueParser(dateOrder: options.dateOrder, dateSystem: source.dateSystem)
        if !options.skipInvalid && !options.alwaysStage {
            do {
                return try PhaseTimer.measure("read + write (one transaction)") {
                    try streamed(
                        plans, source: source, parser: parser, store: store, options: options, file: name,
                        sha256: sha, report: report)
                }
            } catch is RestageNeeded {
                // Two rows' keys may be equal: the staged import below finds exactly which rows repeat a key.
            }
        }

        let staging = try Staging()
        defer { staging.close() }
        for (index, plan) in plans.enumerated() {
            var counts = ImportReport.SheetCounts(name: plan.sheet.name, entity: plan.entity, note: plan.note)
            if plan.entity != nil {
                try PhaseTimer.measure("read+stage \(plan.sheet.name)") {
                    try stage(
                        plan, index: index, source: source, parser: parser, staging: staging,
                        counts: &counts, report: &report, options: options)
                }
            }
            report.sheets.append(counts)
        }

        if report.errorCount > 0 && !options.skipInvalid {
            report.status = options.dryRun ? .dryRun : .rejected
            return report
        }

        let writer = BatchWriter(
            plans: plans, staging: staging, options: options, file: name, sha256: sha,
            inputPath: path)
        if options.dryRun {
            report = try writer.rehearse(on: store, report: report)
            report.status = .dryRun
        } else {
            report = try PhaseTimer.measure("write batch (one transaction)") {
                try writer.commit(to: store, report: report)
            }
        }
        if report.errorCount > 0 && !options.skipInvalid {
            // Errors found while writing (unknown references under --strict, ambiguous names):
            // the transaction was rolled back.
            report.status = options.dryRun ? .dryRun : .rejected
            report.batch = nil
            for i in report.sheets.indices {
                report.sheets[i].inserted = 0
                report.sheets[i].updated = 0
                report.sheets[i].unchanged = 0
            }
            report.created = [:]
            return report
        }
        return report
    }

    // MARK: - Reading while writing

    /// Rows read before a sheet's size is estimated for the bulk-load decision.
    static let rowsToEstimate = 4096

    /// Thrown out of the streamed import (rolling its transaction back) when a row's natural key may equal an
    /// earlier row's: the staged import, which finds exactly which rows repeat a key, runs instead.
    private struct RestageNeeded: Error {}
    /// Thrown inside the streamed import's transaction to roll it back while keeping the report.
    private struct RollBack: Error { var report: ImportReport }

    /// Imports without `--skip-invalid`: rows are written as they are read, in the one write transaction that
    /// holds the whole batch, so the store's work overlaps the parse on the reader's thread. The report is the
    /// staged import's: reading errors (checked as they come) reject the batch and writing stops at the first
    /// one, while reading goes on to list them all; rows the store refuses are listed after every reading
    /// error, and only when there is none, as in the staged import, whose writer this shares. A dry run
    /// writes the same and rolls back. Throws ``RestageNeeded`` (rolled back) when two rows may share a key.
    private static func streamed(
        _ plans: [SheetPlan], source: ImportSource, parser: ValueParser, store: Store, options: ImportOptions,
        file: String, sha256: String, report initial: ImportReport
    ) throws -> ImportReport {
        do {
            return try store.write { connection in
                // A dry run keeps its changed pages in memory, so not even the write-ahead log is touched.
                if options.dryRun { try connection.execute("PRAGMA cache_spill = OFF") }
                defer { if options.dryRun { try? connection.execute("PRAGMA cache_spill = ON") } }
                let batch = try BatchWriter.open(connection, file: file, sha256: sha256, options: options)
                defer { try? connection.execute("PRAGMA cache_size = -2000") }
                var report = initial
                var writers: [(index: Int, writer: SheetWriter)] = []
                var writing = true
                for (index, plan) in plans.enumerated() {
                    var counts = ImportReport.SheetCounts(name: plan.sheet.name, entity: plan.entity, note: plan.note)
                    if plan.entity != nil {
                        let writer =
                            writing
                            ? try SheetWriter(
                                batch: batch, plan: plan, index: index, options: options, staging: nil,
                                reportsProgress: false) : nil
                        try PhaseTimer.measure("read+write \(plan.sheet.name)") {
                            try readAndWrite(
                                plan, source: source, parser: parser, writer: writer, writing: &writing,
                                counts: &counts, report: &report, options: options)
                        }
                        if let writer, writing { writers.append((index, writer)) }
                    }
                    report.sheets.append(counts)
                }
                if report.errorCount > 0 {
                    report.status = options.dryRun ? .dryRun : .rejected
                    throw RollBack(report: report)
                }
                for (index, writer) in writers { writer.merge(into: &report, sheet: index) }
                report.created = batch.resolver.created
                if report.errorCount > 0 {
                    // Rows the store refused (unknown references under --strict, ambiguous names).
                    report.status = options.dryRun ? .dryRun : .rejected
                    for i in report.sheets.indices {
                        report.sheets[i].inserted = 0
                        report.sheets[i].updated = 0
                        report.sheets[i].unchanged = 0
                    }
                    report.created = [:]
                    throw RollBack(report: report)
                }
                if options.dryRun {
                    report.status = .dryRun
                    throw RollBack(report: report)
                }
                try batch.close(report)
                report.batch = batch.id
                return report
            }
        } catch let rollBack as RollBack {
            return rollBack.report
        }
    }

    /// Reads one sheet, checking each row and handing the valid ones to `writer` while `writing`; the first
    /// invalid row ends writing (the batch will be rejected) but not reading.
    private static func readAndWrite(
        _ plan: SheetPlan, source: ImportSource, parser: ValueParser, writer: SheetWriter?, writing: inout Bool,
        counts: inout ImportReport.SheetCounts, report: inout ImportReport, options: ImportOptions
    ) throws {
        guard let entity = plan.entity else { return }
        var checker = RowChecker(plan: plan, parser: parser)
        var keys = DuplicateKeyFilter(entity: entity)
        let progress = options.progress
        let sheetName = plan.sheet.name
        // A bulk load is decided once enough rows have been read to tell (see SheetWriter.deferIndexes).
        let existing = try writer?.existingRows() ?? 0
        // The rows are written on a thread of their own: the store's work overlaps checking the next rows.
        let pipe = writer.map { writer in
            let pipe = RowPipe()
            var values = [SQLValue](repeating: .null, count: entity.fields.count)
            pipe.start(phase: "  write rows \(sheetName) (writing thread)") { batch in
                if let expected = batch.expectedRows {
                    try writer.deferIndexes(expectedRows: expected, existingRows: existing)
                }
                var start = 0
                for row in batch.rows {
                    for k in values.indices { values[k] = batch.values[start + k] }
                    start += values.count
                    try writer.add(values, row: row)
                }
            }
            return pipe
        }
        defer { pipe?.cancel() }
        progress?(ImportProgress(phase: .reading, sheet: sheetName, rows: 0, fraction: 0))
        try source.readRows(plan.sheet) { row in
            let number = row.number
            guard number > plan.headerRow, !row.isBlank else { return }
            counts.rows += 1
            let rowErrors = checker.check(row)
            if rowErrors.isEmpty {
                keys.add(checker.values)
                if keys.mayHaveDuplicates { throw RestageNeeded() }
                if writing, let pipe {
                    // The rows the sheet will hold, from the share of its XML read so far; a CSV file's are not
                    // known beforehand, so it counts as a bulk load once it has as many rows as one.
                    let fraction = row.fractionRead
                    if counts.rows
                        == (fraction == nil ? options.bulkLoadRows : min(rowsToEstimate, options.bulkLoadRows))
                    {
                        let fraction = fraction ?? 0
                        pipe.expect(rows: fraction > 0 ? Int(Double(counts.rows) / fraction) : counts.rows)
                    }
                    try pipe.send(row: number, values: checker.values)
                }
            } else {
                counts.rejected += 1
                report.list(rowErrors)
                writing = false
            }
            if counts.rows % 4096 == 0 {
                progress?(
                    ImportProgress(phase: .reading, sheet: sheetName, rows: counts.rows, fraction: row.fractionRead))
            }
        }
        guard writing, let writer else { return }
        try pipe?.finish()
        try writer.flush()
        progress?(ImportProgress(phase: .writing, sheet: sheetName, rows: counts.rows, fraction: nil))
        try writer.finish()
    }

    // MARK: - Reading and validating

    private static func stage(
        _ plan: SheetPlan, index: Int, source: ImportSource, parser: ValueParser,
        staging: Staging, counts: inout ImportReport.SheetCounts,
        report: inout ImportReport, options: ImportOptions
    ) throws {
        guard let entity = plan.entity else { return }
        try staging.createSheetTable(index, fieldCount: entity.fields.count)
        let insert = try staging.insertStatement(index, fieldCount: entity.fields.count)
        var checker = RowChecker(plan: plan, parser: parser)
        let progress = options.progress
        let sheetName = plan.sheet.name

        var keys = DuplicateKeyFilter(entity: entity)

        try staging.begin()
        progress?(ImportProgress(phase: .reading, sheet: sheetName, rows: 0, fraction: 0))
        try source.readRows(plan.sheet) { row in
            let number = row.number
            guard number > plan.headerRow, !row.isBlank else { return }
            counts.rows += 1
            let rowErrors = checker.check(row)
            if rowErrors.isEmpty {
                insert.reset()
                try insert.bind(Int64(number), at: 1)
                for (k, value) in checker.values.enumerated() { try insert.bind(value, at: k + 2) }
                while try insert.step() {}
                keys.add(checker.values)
            } else {
                counts.rejected += 1
                try staging.reject(
                    sheet: index, row: number, raw: row.cells,
                    reason: rowErrors.map { e in (e.column.map { $0 + ": " } ?? "") + e.reason }
                        .joined(separator: "; "))
                report.list(rowErrors)
            }
            if counts.rows % 4096 == 0 {
                progress?(
                    ImportProgress(phase: .reading, sheet: sheetName, rows: counts.rows, fraction: row.fractionRead))
            }
        }
        if keys.mayHaveDuplicates {
            try flagDuplicateKeys(plan, index: index, staging: staging, counts: &counts, report: &report)
        }
        try staging.commit()
    }

    /// Rows of one sheet that repeat an earlier row's natural key are errors ("same order_no + product as
    /// row 12"): found with SQL over the staged rows, so memory stays flat however large the sheet.
    private static func flagDuplicateKeys(
        _ plan: SheetPlan, index: Int, staging: Staging,
        counts: inout ImportReport.SheetCounts, report: inout ImportReport
    ) throws {
        guard let entity = plan.entity else { return }
        let position = Dictionary(uniqueKeysWithValues: entity.fields.enumerated().map { ($1.name, $0) })
        /// A field's staged column; a reference named by code or name counts as one value.
        func column(_ field: String) -> String? {
            let stand = entity.field(named: field)?.alternatives ?? []
            let names = ([field] + stand + (field == "product" ? ["sku"] : [])).compactMap { position[$0] }
            guard !names.isEmpty else { return nil }
            return names.count == 1
                ? "f\(names[0])" : "coalesce(" + names.map { "f\($0)" }.joined(separator: ", ") + ")"
        }
        var cases: [String] = []
        for (k, key) in entity.naturalKeys.enumerated() {
            let columns = key.compactMap(column)
            guard columns.count == key.count else { continue }
            let present = columns.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
            cases.append("WHEN \(present) THEN json_array(\(k), \(columns.joined(separator: ", ")))")
        }
        guard !cases.isEmpty else { return }
        let table = Staging.table(index)
        let duplicates = try staging.connection.query(
            """
            SELECT row, first FROM (
                SELECT row, first_value(row) OVER (PARTITION BY k ORDER BY row) AS first
                FROM (SELECT row, CASE \(cases.joined(separator: " ")) END AS k FROM \(table)) WHERE k IS NOT NULL)
            WHERE row <> first ORDER BY row
            """)
        guard !duplicates.isEmpty else { return }
        let keyNames = (entity.naturalKeys.first ?? []).joined(separator: " + ")
        let firstKeyField = entity.naturalKeys.first?.first
        let label = firstKeyField.flatMap { f in plan.columns.first { $0.field.name == f }?.label }
        for pair in duplicates {
            let row = Int(pair[0].int64 ?? 0)
            let first = Int(pair[1].int64 ?? 0)
            let values =
                try staging.connection.query("SELECT * FROM \(table) WHERE row = ?", [.integer(Int64(row))])
                .first.map { Array($0.dropFirst()) } ?? []
            let reason = "same \(keyNames) as row \(first)"
            try staging.rejectStaged(
                sheet: index, row: row, values: values, plan: plan,
                reason: (label.map { $0 + ": " } ?? "") + reason)
            try staging.connection.execute("DELETE FROM \(table) WHERE row = ?", [.integer(Int64(row))])
            counts.rejected += 1
            report.errorCount += 1
            if report.errors.count < ImportReport.maxListedErrors {
                report.errors.append(
                    ImportReport.RowError(
                        sheet: plan.sheet.name, row: row, column: label, value: nil,
                        reason: reason))
            }
        }
    }
}

/// Parses and checks the rows of one sheet: values by the sheet's column plan, implied scopes, row rules.
struct RowChecker {
    let plan: SheetPlan
    let entity: Entity
    let parser: ValueParser
    let fieldIndex: [String: Int]
    /// Per planned column, its field's position in ``values``.
    let slots: [Int]
    /// The last row checked, one value per field of the entity (valid when ``check(_:)`` found no error).
    private(set) var values: [SQLValue]

    init(plan: SheetPlan, parser: ValueParser) {
        guard let entity = plan.entity else { preconditionFailure("a sheet without an entity is not read") }
        self.plan = plan
        self.entity = entity
        self.parser = parser
        let fieldIndex = Dictionary(uniqueKeysWithValues: entity.fields.enumerated().map { ($1.name, $0) })
        self.fieldIndex = fieldIndex
        slots = plan.columns.map { fieldIndex[$0.field.name]! }
        values = [SQLValue](repeating: .null, count: entity.fields.count)
    }

    /// Parses and checks one row into ``values``; its errors, in column order (none for a valid row).
    mutating func check(_ row: ImportRow) -> [ImportReport.RowError] {
        let number = row.number
        let sheetName = plan.sheet.name
        for k in values.indices { values[k] = .null }
        var rowErrors: [ImportReport.RowError] = []
        var failed = Set<String>()
        for (c, column) in plan.columns.enumerated() {
            switch row.parse(column.index, kind: column.field.kind, moneyScale: column.moneyScale, with: parser) {
            case nil:
                continue
            case .success(let value):
                values[slots[c]] = value.sqlValue
            case .failure(let error):
                failed.insert(column.field.name)
                rowErrors.append(
                    ImportReport.RowError(
                        sheet: sheetName, row: number, column: column.label,
                        value: error.found, reason: error.reasonText))
            }
        }
        if entity == .targets || entity == .budgets, values[fieldIndex["scope"]!] == .null {
            if let implied = plan.impliedScope {
                values[fieldIndex["scope"]!] = .text(implied)
            } else if values[fieldIndex["scope_key"]!] == .null {
                values[fieldIndex["scope"]!] = .text("company")
            }
        }
        if entity == .targets || entity == .budgets, values[fieldIndex["scope"]!] == .text("company") {
            values[fieldIndex["scope_key"]!] = .text("")
        }
        rowErrors += RowRules.check(
            entity, values: values, fieldIndex: fieldIndex, plan: plan,
            sheet: sheetName, row: number, failed: failed)
        return rowErrors
    }
}

extension ImportReport {
    /// Counts a row's errors and lists them while there is room.
    mutating func list(_ rowErrors: [RowError]) {
        errorCount += rowErrors.count
        let room = ImportReport.maxListedErrors - errors.count
        if room > 0 { errors += rowErrors.prefix(room) }
    }
}

extension ImportValue {
    /// The value as stored in the store's columns (and the staging tables).
    var sqlValue: SQLValue {
        switch self {
        case .text(let s), .code(let s), .period(let s): return .text(s)
        case .date(let d): return .text(d.iso)
        case .money(let cents): return .integer(cents)
        case .decimal(let s): return Double(s).map(SQLValue.real) ?? .text(s)
        case .integer(let v): return .integer(v)
        case .boolean(let b): return .integer(b ? 1 : 0)
        case .score(let v): return .integer(Int64(v))
        }
    }
}

extension ValueError {
    /// What was expected and why the value is not it, without repeating the value.
    var reasonText: String { "expected \(expected): \(reason)" }
}

/// Decides, while rows are staged, whether ``Importer`` needs to look for repeated natural keys at all.
///
/// It computes each staged row's key exactly as the duplicate query's `CASE` does (the first natural key
/// whose columns, or their stand-ins, all have values) and remembers a hash of it: rows whose keys are
/// equal hash equally, so when no two hashes meet, no two keys are equal and the query (a sort of every
/// staged row) can be skipped. Any meeting, or a real number in a key, leaves the decision to the query.
struct DuplicateKeyFilter {
    /// Per natural key, per field, the staged positions whose first non-null value is the field's.
    private let keys: [[[Int]]]
    private var seen = Set<Int>()
    private(set) var mayHaveDuplicates = false

    init(entity: Entity) {
        let position = Dictionary(uniqueKeysWithValues: entity.fields.enumerated().map { ($1.name, $0) })
        var keys: [[[Int]]] = []
        for key in entity.naturalKeys {
            let columns = key.map { field -> [Int] in
                let stand = entity.field(named: field)?.alternatives ?? []
                return ([field] + stand + (field == "product" ? ["sku"] : [])).compactMap { position[$0] }
            }
            guard !columns.contains(where: \.isEmpty) else { continue }
            keys.append(columns)
        }
        self.keys = keys
    }

    mutating func add(_ values: [SQLValue]) {
        guard !mayHaveDuplicates else { return }
        for (k, key) in keys.enumerated() {
            var hasher = Hasher()
            hasher.combine(k)
            var complete = true
            for group in key {
                guard let value = group.lazy.map({ values[$0] }).first(where: { !$0.isNull }) else {
                    complete = false
                    break
                }
                switch value {
                case .integer(let v):
                    hasher.combine(1 as UInt8)
                    hasher.combine(v)
                case .text(var t):
                    hasher.combine(3 as UInt8)
                    t.withUTF8 { bytes in
                        hasher.combine(bytes.count)
                        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                    }
                case .null, .real, .blob:
                    mayHaveDuplicates = true
                    return
                }
            }
            guard complete else { continue }
            if !seen.insert(hasher.finalize()).inserted {
                mayHaveDuplicates = true
                seen = []
            }
            return
        }
    }
}

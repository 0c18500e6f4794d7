import Foundation

/// A row that cannot be written, with the field it is about (for the column in the message).
struct RowFailure: Error {
    var field: String?
    var reason: String
}

/// Writes the staged rows of one import into the store as one batch, in one transaction.
final class BatchWriter {
    let plans: [SheetPlan]
    let staging: Staging
    let options: ImportOptions
    let file: String
    let sha256: String
    /// The file being imported, beside which `--skip-invalid` saves the rejected rows.
    let inputPath: String

    init(
        plans: [SheetPlan], staging: Staging, options: ImportOptions, file: String, sha256: String,
        inputPath: String
    ) {
        self.plans = plans
        self.staging = staging
        self.options = options
        self.file = file
        self.sha256 = sha256
        self.inputPath = inputPath
    }

    /// Thrown inside the transaction to roll it back while keeping the report.
    private struct RollBack: Error { var report: ImportReport }

    /// Writes and commits; with row errors and no `--skip-invalid`, rolls back and returns the errors.
    func commit(to store: Store, report: ImportReport) throws -> ImportReport {
        do {
            return try store.write { connection in
                var result = report
                try write(connection, into: &result)
                if result.errorCount > report.errorCount && !options.skipInvalid { throw RollBack(report: result) }
                if options.skipInvalid && result.errorCount > 0 {
                    // Saved before the commit: if the rejected rows cannot be written, nothing is imported.
                    result.rejectedFile = try RejectedRowsWriter.write(for: inputPath, plans: plans, staging: staging)
                }
                return result
            }
        } catch let rollBack as RollBack {
            return rollBack.report
        }
    }

    /// Runs the whole write and rolls it back: the counts are exact, and the store is left as it was.
    func rehearse(on store: Store, report: ImportReport) throws -> ImportReport {
        do {
            _ = try store.write { connection -> Int in
                // Keep changed pages in memory so not even the write-ahead log is touched.
                try connection.execute("PRAGMA cache_spill = OFF")
                var result = report
                defer { try? connection.execute("PRAGMA cache_spill = ON") }
                try write(connection, into: &result)
                result.batch = nil
                throw RollBack(report: result)
            }
        } catch let rollBack as RollBack {
            return rollBack.report
        }
        return report
    }

    // MARK: - The batch

    private func write(_ connection: Connection, into report: inout ImportReport) throws {
        let batch = try BatchWriter.open(connection, file: file, sha256: sha256, options: options)
        defer { try? connection.execute("PRAGMA cache_size = -2000") }
        report.batch = batch.id
        for (index, plan) in plans.enumerated() {
            guard plan.entity != nil else { continue }
            let staged = try staging.connection.scalar("SELECT count(*) FROM \(Staging.table(index))")?.int64 ?? 0
            let sheet = try SheetWriter(
                batch: batch, plan: plan, index: index, options: options, staging: staging, reportsProgress: true)
            if staged >= options.bulkLoadRows {
                try sheet.deferIndexes(expectedRows: Int(staged), existingRows: try sheet.existingRows())
            }
            try PhaseTimer.measure("  upsert \(plan.sheet.name)") {
                try staging.forEachRow(index) { row, values in try sheet.add(values, row: row) }
                try sheet.flush()
            }
            try sheet.finish()
            sheet.merge(into: &report, sheet: index)
        }
        report.created = batch.resolver.created
        try batch.close(report)
    }
}

/// The open batch of one import: its `import_batch` row, journal and reference resolver.
final class OpenBatch {
    let connection: Connection
    let id: Int64
    let journal: InsertJournal
    let resolver: ReferenceResolver

    fileprivate init(connection: Connection, id: Int64, strict: Bool) {
        self.connection = connection
        self.id = id
        journal = InsertJournal(connection: connection, batch: id)
        resolver = ReferenceResolver(connection: connection, batch: id, strict: strict, journal: journal)
    }

    /// Flushes the journal and marks the batch committed with the report's counts (the transaction's
    /// commit, or rollback, is the caller's).
    func close(_ report: ImportReport) throws {
        try journal.flush()
        var counts = JSONWriter()
        counts.object { o in
            for s in report.sheets {
                o.key(s.name)
                o.object { s.writeCounts(&$0) }
            }
        }
        try connection.cachedStatement(
            """
            UPDATE import_batch SET status = 'committed', finished_at = ?, sheet_counts_json = ? WHERE id = ?
            """
        ).execute([.text(Clock.system.timestamp()), .text(counts.text), .integer(id)])
    }
}

extension BatchWriter {
    /// Opens a batch inside the caller's write transaction: its `import_batch` row (status `open`), and
    /// a larger page cache for the transaction (a large batch touches index pages all over the tables;
    /// the caller sets it back to `-2000` when the transaction ends).
    static func open(_ connection: Connection, file: String, sha256: String, options: ImportOptions) throws -> OpenBatch
    {
        try connection.execute("PRAGMA cache_size = -32768")
        let now = Clock.system.timestamp()
        try connection.cachedStatement(
            """
            INSERT INTO import_batch (file_name, file_sha256, started_at, user_name, status) VALUES (?, ?, ?, ?, 'open')
            """
        ).execute([.text(file), .text(sha256), .text(now), .text(options.user)])
        return OpenBatch(connection: connection, id: connection.lastInsertRowID, strict: options.strict)
    }
}

/// Writes the rows of one sheet into an open batch, one at a time as they come (from the staging file, or
/// straight from the workbook while it is read), counting what each did and listing the rows refused.
final class SheetWriter {
    private let batch: OpenBatch
    private let plan: SheetPlan
    private let index: Int
    private let options: ImportOptions
    /// Where `--skip-invalid` keeps rows refused while writing (the staged import only).
    private let staging: Staging?
    private let reportsProgress: Bool
    private let upserter: Upserter
    private let table: String
    /// The SQL that recreates the non-unique indexes dropped for a bulk load.
    private var deferred: [String] = []
    private var deferralDecided = false

    private(set) var inserted = 0, updated = 0, unchanged = 0, rejected = 0
    /// The rows refused, in row order (at most ``ImportReport/maxListedErrors``), and how many in all.
    private(set) var errors: [ImportReport.RowError] = []
    private(set) var errorCount = 0
    private var done = 0

    init(
        batch: OpenBatch, plan: SheetPlan, index: Int, options: ImportOptions, staging: Staging?,
        reportsProgress: Bool
    ) throws {
        guard let entity = plan.entity else { preconditionFailure("a sheet without an entity is not written") }
        self.batch = batch
        self.plan = plan
        self.index = index
        self.options = options
        self.staging = staging
        self.reportsProgress = reportsProgress
        table = TableBinding.binding(for: entity).table
        upserter = try Upserter(
            connection: batch.connection, batch: batch.id, entity: entity, resolver: batch.resolver,
            journal: batch.journal)
        if reportsProgress {
            options.progress?(ImportProgress(phase: .writing, sheet: plan.sheet.name, rows: 0, fraction: nil))
        }
        if !options.skipInvalid { upserter.enableBatching() }
    }

    /// Counts and lists a row the store refused; returns the label of the column at fault, if any.
    @discardableResult
    private func refuse(_ row: Int, _ failure: RowFailure) -> String? {
        rejected += 1
        let column = failure.field.flatMap { f in plan.columns.first { $0.field.name == f }?.label }
        errorCount += 1
        if errors.count < ImportReport.maxListedErrors {
            errors.append(
                ImportReport.RowError(
                    sheet: plan.sheet.name, row: row, column: column, value: nil, reason: failure.reason))
        }
        return column
    }

    /// Counts one more row handled, reporting progress every 4,096.
    private func rowDone() {
        done += 1
        if reportsProgress && done % 4096 == 0 {
            options.progress?(ImportProgress(phase: .writing, sheet: plan.sheet.name, rows: done, fraction: nil))
        }
    }

    /// Counts the rows a multi-row insert (or its row-by-row fallback) wrote.
    private func countWritten() {
        for (row, result) in upserter.takeReady() {
            switch result {
            case .success(.inserted): inserted += 1
            case .success(.updated): updated += 1
            case .success(.unchanged): unchanged += 1
            case .failure(let failure): refuse(row, failure)
            }
        }
    }

    /// Writes (or keeps for a multi-row insert) one checked row of the sheet; rows come in row order.
    func add(_ values: [SQLValue], row: Int) throws {
        if upserter.batching {
            var kept = false
            do {
                kept = try upserter.enqueue(values, row: row)
                countWritten()
            } catch let failure as RowFailure {
                // Rows kept before this one are written and counted first, so errors stay in row order.
                try upserter.flush()
                countWritten()
                refuse(row, failure)
                kept = true
            }
            if kept {
                rowDone()
                return
            }
            try upserter.flush()
            countWritten()
        }
        let connection = batch.connection
        let savepoints = options.skipInvalid
        let journalBefore = savepoints ? batch.journal.state : [:]
        if savepoints {
            try connection.execute("SAVEPOINT import_row")
            batch.resolver.mark()
        }
        do {
            switch try upserter.upsert(values, row: row) {
            case .inserted: inserted += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            }
            if savepoints { try connection.execute("RELEASE import_row") }
        } catch let failure as RowFailure {
            if savepoints {
                try connection.execute("ROLLBACK TO import_row; RELEASE import_row")
                batch.journal.state = journalBefore
                batch.resolver.rollBack()
            }
            let column = refuse(row, failure)
            if let staging {
                try staging.rejectStaged(
                    sheet: index, row: row, values: values, plan: plan,
                    reason: (column.map { $0 + ": " } ?? "") + failure.reason)
            }
        }
        rowDone()
    }

    /// Writes the rows still kept for a multi-row insert.
    func flush() throws {
        try upserter.flush()
        countWritten()
    }

    /// Sets the deferred references and rebuilds the indexes dropped for a bulk load.
    func finish() throws {
        var counts = ImportReport.SheetCounts(name: plan.sheet.name)
        try upserter.finish(&counts)
        updated += counts.updated
        unchanged += counts.unchanged
        guard !deferred.isEmpty else { return }
        try PhaseTimer.measure("  rebuild indexes \(plan.sheet.name)") {
            try Self.rebuild(deferred, on: batch.connection)
        }
        deferred = []
    }

    /// Runs the `CREATE INDEX` statements with SQLite's sorter on every core and a small page cache.
    ///
    /// The sorter splits its input into runs of about the page cache's size and, with `PRAGMA threads`, sorts
    /// and merges them on worker threads; one large cache gives one run sorted on one thread. On the
    /// 1,000,000-line bench store the four order-line indexes took 8.2 s with no workers and a 32 MiB cache,
    /// 6.2 s with two and 8 MiB (sqlite3 shell, same file). Both settings are restored afterwards.
    static func rebuild(_ statements: [String], on connection: Connection) throws {
        let threads = try connection.scalar("PRAGMA threads")?.int64 ?? 0
        let cache = try connection.scalar("PRAGMA cache_size")?.int64 ?? -2000
        defer {
            try? connection.execute("PRAGMA threads = \(threads)")
            try? connection.execute("PRAGMA cache_size = \(cache)")
        }
        try connection.execute("PRAGMA threads = \(min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8))")
        try connection.execute("PRAGMA cache_size = -8192")
        for sql in statements { try connection.execute(sql) }
    }

    /// Adds the sheet's write counts to the report's sheet `index` and its refused rows to the report's errors.
    func merge(into report: inout ImportReport, sheet index: Int) {
        report.sheets[index].inserted += inserted
        report.sheets[index].updated += updated
        report.sheets[index].unchanged += unchanged
        report.sheets[index].rejected += rejected
        report.errorCount += errorCount
        let room = ImportReport.maxListedErrors - report.errors.count
        if room > 0 { report.errors += errors.prefix(room) }
    }

    /// The rows the sheet's table holds now.
    func existingRows() throws -> Int {
        Int(try batch.connection.scalar("SELECT count(*) FROM \(table)")?.int64 ?? 0)
    }

    /// For a bulk load (at least ``ImportOptions/bulkLoadRows`` rows expected) into a table holding fewer rows
    /// than it, drops the table's non-unique indexes (the upserts look rows up by the unique ones) until
    /// ``finish()`` recreates them: building an index once from sorted keys is far cheaper than keeping it up
    /// to date row by row. It all happens inside the batch's transaction, so other connections never see
    /// the table without them. Decided once per sheet.
    func deferIndexes(expectedRows: Int, existingRows existing: Int) throws {
        guard !deferralDecided else { return }
        deferralDecided = true
        guard expectedRows >= options.bulkLoadRows, existing < expectedRows else { return }
        let connection = batch.connection
        let indexes = try connection.query(
            """
            SELECT name, sql FROM sqlite_schema
            WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
            """, [.text(table)])
        for index in indexes { try connection.execute("DROP INDEX \(index[0].text ?? "")") }
        deferred = indexes.compactMap { $0[1].text }
    }
}

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
        // A large batch touches index pages all over the tables: give it a larger page cache.
        try connection.execute("PRAGMA cache_size = -32768")
        defer { try? connection.execute("PRAGMA cache_size = -2000") }
        let now = Clock.system.timestamp()
        try connection.cachedStatement(
            """
            INSERT INTO import_batch (file_name, file_sha256, started_at, user_name, status) VALUES (?, ?, ?, ?, 'open')
            """
        ).execute([.text(file), .text(sha256), .text(now), .text(options.user)])
        let batch = connection.lastInsertRowID
        report.batch = batch
        let journal = InsertJournal(connection: connection, batch: batch)
        let resolver = ReferenceResolver(connection: connection, batch: batch, strict: options.strict, journal: journal)

        for (index, plan) in plans.enumerated() {
            guard let entity = plan.entity else { continue }
            var counts = report.sheets[index]
            let upserter = try Upserter(
                connection: connection, batch: batch, entity: entity, resolver: resolver,
                journal: journal)
            let savepoints = options.skipInvalid
            var done = 0
            let deferred = try deferIndexes(of: TableBinding.binding(for: entity).table, sheet: index, connection)
            options.progress?(ImportProgress(phase: .writing, sheet: plan.sheet.name, rows: 0, fraction: nil))
            if !savepoints { upserter.enableBatching() }
            /// Counts and lists a row the store refused; returns the label of the column at fault, if any.
            @discardableResult
            func refuse(_ row: Int, _ failure: RowFailure) -> String? {
                counts.rejected += 1
                let column = failure.field.flatMap { f in plan.columns.first { $0.field.name == f }?.label }
                report.errorCount += 1
                if report.errors.count < ImportReport.maxListedErrors {
                    report.errors.append(
                        ImportReport.RowError(
                            sheet: plan.sheet.name, row: row, column: column,
                            value: nil, reason: failure.reason))
                }
                return column
            }
            /// Counts one more row handled, reporting progress every 4,096.
            func rowDone() {
                done += 1
                if done % 4096 == 0 {
                    options.progress?(
                        ImportProgress(
                            phase: .writing, sheet: plan.sheet.name, rows: done,
                            fraction: nil))
                }
            }
            /// Counts the rows a multi-row insert (or its row-by-row fallback) wrote.
            func countWritten() {
                for (row, result) in upserter.takeReady() {
                    switch result {
                    case .success(.inserted): counts.inserted += 1
                    case .success(.updated): counts.updated += 1
                    case .success(.unchanged): counts.unchanged += 1
                    case .failure(let failure): refuse(row, failure)
                    }
                }
            }
            try PhaseTimer.measure("  upsert \(plan.sheet.name)") {
                try staging.forEachRow(index) { row, values in
                    if upserter.batching {
                        var deferred = false
                        do {
                            deferred = try upserter.enqueue(values, row: row)
                            countWritten()
                        } catch let failure as RowFailure {
                            // Rows kept before this one are written and counted first, so errors stay in row order.
                            try upserter.flush()
                            countWritten()
                            refuse(row, failure)
                            deferred = true
                        }
                        if deferred {
                            rowDone()
                            return
                        }
                        try upserter.flush()
                        countWritten()
                    }
                    let journalBefore = savepoints ? journal.state : [:]
                    if savepoints {
                        try connection.execute("SAVEPOINT import_row")
                        resolver.mark()
                    }
                    do {
                        switch try upserter.upsert(values, row: row) {
                        case .inserted: counts.inserted += 1
                        case .updated: counts.updated += 1
                        case .unchanged: counts.unchanged += 1
                        }
                        if savepoints { try connection.execute("RELEASE import_row") }
                    } catch let failure as RowFailure {
                        if savepoints {
                            try connection.execute("ROLLBACK TO import_row; RELEASE import_row")
                            journal.state = journalBefore
                            resolver.rollBack()
                        }
                        let column = refuse(row, failure)
                        if options.skipInvalid {
                            try staging.rejectStaged(
                                sheet: index, row: row, values: values, plan: plan,
                                reason: (column.map { $0 + ": " } ?? "") + failure.reason)
                        }
                    }
                    rowDone()
                }
                try upserter.flush()
                countWritten()
            }
            try upserter.finish(&counts)
            try PhaseTimer.measure("  rebuild indexes \(plan.sheet.name)") {
                for sql in deferred { try connection.execute(sql) }
            }
            report.sheets[index] = counts
        }
        report.created = resolver.created
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
        ).execute([.text(Clock.system.timestamp()), .text(counts.text), .integer(batch)])
    }

    /// For a bulk load into a table smaller than the load, drops the table's non-unique indexes (the
    /// upserts look rows up by the unique ones) and returns the SQL that recreates them: building an
    /// index once from sorted keys is far cheaper than keeping it up to date row by row. It all happens
    /// inside the batch's transaction, so other connections never see the table without them.
    private func deferIndexes(of table: String, sheet: Int, _ connection: Connection) throws -> [String] {
        let staged = try staging.connection.scalar("SELECT count(*) FROM \(Staging.table(sheet))")?.int64 ?? 0
        guard staged >= options.bulkLoadRows else { return [] }
        let existing = try connection.scalar("SELECT count(*) FROM \(table)")?.int64 ?? 0
        guard existing < staged else { return [] }
        let indexes = try connection.query(
            """
            SELECT name, sql FROM sqlite_schema
            WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
            """, [.text(table)])
        for index in indexes { try connection.execute("DROP INDEX \(index[0].text ?? "")") }
        return indexes.compactMap { $0[1].text }
    }
}

import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Tests of the ``Store`` facade: path resolution, opening, migrations, transactions and lock contention.
@Suite struct StoreTests {
    /// An error a test throws from inside a transaction.
    struct Abort: Error {}

    // MARK: - Path resolution

    @Test func resolvePathPrefersExplicitThenEnvironmentThenDefault() {
        let environment = ["SALES_DB": "/env/sales.db"]
        #expect(Store.resolvePath(explicit: "/cli/x.db", environment: environment) == "/cli/x.db")
        #expect(Store.resolvePath(explicit: nil, environment: environment) == "/env/sales.db")
        #expect(Store.resolvePath(explicit: nil, environment: [:]) == "./sales.db")
    }

    @Test func resolvePathTreatsEmptyValuesAsAbsent() {
        #expect(Store.resolvePath(explicit: "", environment: ["SALES_DB": "/env/sales.db"]) == "/env/sales.db")
        #expect(Store.resolvePath(explicit: nil, environment: ["SALES_DB": ""]) == "./sales.db")
    }

    // MARK: - Opening

    @Test func openCreatesFileInWALWithForeignKeysOn() throws {
        // Given a path where no file exists
        let path = try temporaryDatabasePath()
        #expect(!FileManager.default.fileExists(atPath: path))

        // When the store opens it
        let store = try Store.open(path: path)

        // Then the file exists in WAL mode, with foreign keys enforced and synchronous=NORMAL (1)
        #expect(FileManager.default.fileExists(atPath: path))
        let (journal, foreignKeys, synchronous) = try store.read { connection in
            (
                try connection.scalar("PRAGMA journal_mode")?.text,
                try connection.scalar("PRAGMA foreign_keys")?.int64,
                try connection.scalar("PRAGMA synchronous")?.int64
            )
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(synchronous == 1)
    }

    @Test func openRefusesAFileThatIsNotADatabase() throws {
        let path = try temporaryDatabasePath()
        try Data(String(repeating: "order_no,amount\nA-1,100\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: StoreError.self) { try Store.open(path: path) }
        #expect(error?.kind == .notADatabase)
        #expect(error?.errorDescription?.contains(path) == true)
    }

    @Test func openReportsAMissingFolderAsCantOpen() throws {
        let path = try temporaryDirectory().appendingPathComponent("no/such/folder/sales.db").path
        let error = #expect(throws: StoreError.self) { try Store.open(path: path) }
        #expect(error?.kind == .cantOpen)
        #expect(error?.errorDescription?.hasPrefix("database \(path): cannot open") == true)
    }

    @Test func readOnlyOpenOfAMissingFileFailsWithoutCreatingIt() throws {
        let path = try temporaryDatabasePath()
        let error = #expect(throws: StoreError.self) { try Store.open(path: path, readOnly: true) }
        #expect(error?.kind == .cantOpen)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readOnlyStoreReadsButRefusesWrites() throws {
        let path = try temporaryDatabasePath()
        try Store.open(path: path).write { try $0.execute("INSERT INTO region (name) VALUES ('华东')") }

        let store = try Store.open(path: path, readOnly: true)
        #expect(store.isReadOnly)
        #expect(try store.read { try $0.scalar("SELECT name FROM region") } == .text("华东"))
        let error = #expect(throws: StoreError.self) {
            try store.write { try $0.execute("DELETE FROM region") }
        }
        #expect(error?.kind == .readOnly)
    }

    // MARK: - Migrations

    @Test func migrationsAreRecordedInOrder() throws {
        let store = try makeTempStore()
        let expected = Migrations.all.map(\.id)

        #expect(store.appliedMigrationIDs == expected)
        #expect(store.schemaVersion == expected.count)
        let recorded = try store.read { try $0.query("SELECT id FROM schema_migrations ORDER BY rowid") }
        #expect(recorded == expected.map { [SQLValue.text($0)] })
    }

    @Test func reopeningAppliesNothingAgain() throws {
        // Given a migrated store with data
        let path = try temporaryDatabasePath()
        let first = try Store.open(path: path)
        try first.write { try $0.execute("INSERT INTO region (name) VALUES ('North')") }
        let before = try first.read { try $0.query("SELECT id, applied_at FROM schema_migrations ORDER BY rowid") }
        first.close()

        // When it is opened again
        let second = try Store.open(path: path)

        // Then the record is unchanged and the data is still there
        let after = try second.read { try $0.query("SELECT id, applied_at FROM schema_migrations ORDER BY rowid") }
        #expect(after == before)
        #expect(second.appliedMigrationIDs == Migrations.all.map(\.id))
        #expect(try second.read { try $0.scalar("SELECT count(*) FROM region") } == .integer(1))
    }

    @Test func databaseFromANewerToolIsRefused() throws {
        // Given a store that records a migration this tool does not know
        let path = try temporaryDatabasePath()
        try Store.open(path: path).write { connection in
            try connection.execute(
                "INSERT INTO schema_migrations (id, applied_at) VALUES ('9999_from_the_future', 'x')")
        }

        // When it is opened, read-write or read-only, then it is refused with a message naming the migration
        for readOnly in [false, true] {
            let error = #expect(throws: StoreError.self) { try Store.open(path: path, readOnly: readOnly) }
            #expect(error?.kind == .schemaTooNew)
            #expect(
                error?.errorDescription
                    == "database \(path) is newer than this tool (migration '9999_from_the_future' unknown); "
                    + "use the newer version of the sales tools")
        }
    }

    @Test func readOnlyOpenOfAnOlderDatabaseAsksForAnUpgrade() throws {
        // Given a file with only the first migration applied
        let path = try temporaryDatabasePath()
        let connection = try Connection(path: path)
        _ = try Migrator.migrate(connection, migrations: Array(Migrations.all.prefix(1)), maxLockWait: .seconds(5))
        connection.close()

        // Then a read-only open refuses it, and a read-write open upgrades it
        let error = #expect(throws: StoreError.self) { try Store.open(path: path, readOnly: true) }
        #expect(error?.kind == .schemaTooOld)
        #expect(error?.message.contains(Migrations.all[1].id) == true)
        #expect(try Store.open(path: path).appliedMigrationIDs == Migrations.all.map(\.id))
        #expect(try Store.open(path: path, readOnly: true).schemaVersion == Migrations.all.count)
    }

    /// A new store file with every migration before `id` applied, and the connection that applied them.
    private func storeBeforeMigration(_ id: String) throws -> (path: String, connection: Connection) {
        let path = try temporaryDatabasePath()
        let connection = try Connection(path: path)
        _ = try Migrator.migrate(
            connection, migrations: Array(Migrations.all.prefix { $0.id != id }),
            maxLockWait: .seconds(5))
        return (path, connection)
    }

    @Test func scoreResultChecksAreRewrittenInPlaceAndAcceptTheSameValues() throws {
        // Given a store at migration 0012 holding a scoring run of one customer, the CHECKs still IN lists
        let (path, connection) = try storeBeforeMigration("0013_score_result_checks")
        try connection.execute(
            """
            INSERT INTO score_run (id, started_at, user_name, as_of, window_days, settings, model_fit, customers)
            VALUES (1, '2026-01-01T00:00:00Z', 't', '2025-12-31', 365, '{}', '{}', 1);
            INSERT INTO score_result (run_id, customer_id, customer_name, recency_days, last_order_on, orders,
                amount_cents, r_score, f_score, m_score, segment, tier, churn_risk, typical_gap_days, gap_source)
            VALUES (1, 1, '甲', 3, '2025-12-28', 2, 100, 5, 4, 3, 'champions', 'A', 'rising', 30, 'own');
            """)
        let definition = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'score_result'"
        #expect(try connection.scalar(definition)?.text?.contains("tier IN (") == true)
        connection.close()

        // When the store is opened by this version
        let store = try Store.open(path: path)
        #expect(store.appliedMigrationIDs == Migrations.all.map(\.id))

        // Then the stored definition has the comparisons, the file is sound, the row is kept, and exactly the
        // values the IN lists allowed are accepted
        let text = try store.read { try $0.scalar(definition)?.text } ?? ""
        #expect(!text.contains(" IN ("))
        #expect(text.contains("CHECK (tier = 'A' OR tier = 'B' OR tier = 'C' OR tier = 'D')"))
        #expect(
            text.contains(
                "CHECK (churn_risk = 'low' OR churn_risk = 'rising' OR churn_risk = 'high' OR churn_risk = 'lost')"))
        #expect(try store.read { try $0.scalar("PRAGMA integrity_check")?.text } == "ok")
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM score_result")?.int64 } == 1)
        let insert = """
            INSERT INTO score_result (run_id, customer_id, customer_name, recency_days, last_order_on, orders,
                amount_cents, r_score, f_score, m_score, segment, tier, churn_risk, typical_gap_days, gap_source)
            VALUES (1, ?, '乙', 3, '2025-12-28', 2, 100, 5, 4, 3, 'champions', ?, ?, 30, 'own')
            """
        var customer: Int64 = 10
        for tier in ["A", "B", "C", "D", "E", "a", ""] {
            for risk in ["low", "rising", "high", "lost", "Low", "none"] {
                customer += 1
                let accepted = ["A", "B", "C", "D"].contains(tier) && ["low", "rising", "high", "lost"].contains(risk)
                let result = Result {
                    try store.write { try $0.execute(insert, [.integer(customer), .text(tier), .text(risk)]) }
                }
                #expect(((try? result.get()) != nil) == accepted, "tier '\(tier)', churn risk '\(risk)'")
            }
        }
        store.close()
    }

    @Test func orderStatusCheckIsRewrittenInPlaceAndAcceptsTheSameValues() throws {
        // Given a store at migration 0006 holding an order line, the CHECK still an IN list
        let (path, connection) = try storeBeforeMigration("0007_order_status_check")
        try connection.execute(
            """
            INSERT INTO customer (id, name) VALUES (1, '甲');
            INSERT INTO order_line (order_no, order_date, customer_id, amount_cents, status)
            VALUES ('SO-1', '2026-03-05', 1, 100, 'returned');
            """)
        let definition = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'order_line'"
        #expect(try connection.scalar(definition)?.text?.contains("status IN (") == true)
        // A second connection has read the old schema before the upgrade
        let reader = try Connection(path: path)
        #expect(try reader.scalar("SELECT count(*) FROM order_line")?.int64 == 1)
        connection.close()

        // When the store is opened by this version
        let store = try Store.open(path: path)
        #expect(store.appliedMigrationIDs == Migrations.all.map(\.id))

        // Then the stored definition has the comparisons, the file is sound, the row is kept, and both the
        // upgrading connection and the one opened before refuse other statuses and accept the three
        let text = try store.read { try $0.scalar(definition)?.text } ?? ""
        #expect(!text.contains("status IN ("))
        #expect(text.contains("CHECK (status = 'completed' OR status = 'cancelled' OR status = 'returned')"))
        #expect(try store.read { try $0.scalar("PRAGMA integrity_check")?.text } == "ok")
        #expect(
            try store.read {
                try $0.scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'schema_reload%'")?.int64
            } == 0)
        for (index, status) in ["completed", "cancelled", "returned", "paid", "Completed", ""].enumerated() {
            let insert =
                "INSERT INTO order_line (order_no, order_date, customer_id, amount_cents, status) VALUES (?, '2026-03-06', 1, 5, ?)"
            let accepted = ["completed", "cancelled", "returned"].contains(status)
            let viaStore = Result { try store.write { try $0.execute(insert, [.text("A-\(index)"), .text(status)]) } }
            let viaReader = Result { try reader.execute(insert, [.text("B-\(index)"), .text(status)]) }
            #expect(((try? viaStore.get()) != nil) == accepted, "status '\(status)' through the store")
            #expect(((try? viaReader.get()) != nil) == accepted, "status '\(status)' through the older connection")
        }
        reader.close()
    }

    @Test func orderLineIndexesBecomeCoveringIndexesOnAStoreWithLines() throws {
        // Given a store at migration 0007 holding order lines, with the narrow customer and product indexes
        let (path, connection) = try storeBeforeMigration("0008_order_line_covering_indexes")
        try connection.execute(
            """
            INSERT INTO customer (id, name) VALUES (1, '甲'), (2, '乙');
            INSERT INTO product (id, name) VALUES (1, '笔');
            INSERT INTO order_line (order_no, order_date, customer_id, product_id, amount_cents, channel)
            VALUES ('SO-1', '2026-03-05', 1, 1, 100, '电商'), ('SO-2', '2026-03-06', 2, NULL, 250, NULL);
            """)
        let indexes =
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'order_line' AND sql IS NOT NULL ORDER BY name"
        #expect(try connection.query(indexes).compactMap { $0.first?.text }.contains("order_line_customer_id"))
        connection.close()

        // When the store is opened by this version
        let store = try Store.open(path: path)
        #expect(store.appliedMigrationIDs == Migrations.all.map(\.id))

        // Then the two narrow indexes are replaced by the covering ones, which hold every line, and the file is sound
        #expect(
            try store.read { try $0.query(indexes).compactMap { $0.first?.text } } == [
                "order_line_customer_rep", "order_line_order_date", "order_line_order_no_without_product",
                "order_line_product_channel", "order_line_rep_id",
            ])
        for index in ["order_line_customer_rep", "order_line_product_channel"] {
            #expect(
                try store.read {
                    try $0.scalar("SELECT count(*) FROM order_line INDEXED BY \(index) WHERE customer_id > 0")?.int64
                } == 2)
        }
        #expect(try store.read { try $0.scalar("PRAGMA integrity_check")?.text } == "ok")
    }

    @Test func manyThreadsOpeningANewFileApplyMigrationsOnce() throws {
        // Given a path where no file exists, and 10 threads with their own connections
        let path = try temporaryDatabasePath()
        let versions = Collected<[String]>()

        // When they all open it at the same moment
        let errors = runOnThreads(10) { _ in
            let store = try Store.open(path: path)
            versions.append(store.appliedMigrationIDs)
        }

        // Then every open succeeded, saw the full schema, and each migration is recorded once
        #expect(errors.isEmpty, "\(errors)")
        #expect(versions.values.count == 10)
        #expect(versions.values.allSatisfy { $0 == Migrations.all.map(\.id) })
        let store = try Store.open(path: path)
        let counts = try store.read {
            try $0.query("SELECT id, count(*) FROM schema_migrations GROUP BY id ORDER BY id")
        }
        #expect(counts == Migrations.all.map { [.text($0.id), .integer(1)] })
    }

    @Test func concurrentMigratorsRunEachStepExactlyOnce() throws {
        // Given migrations whose second step takes a while and counts its own runs
        let path = try temporaryDatabasePath()
        let migrations: [(id: String, sql: String)] = [
            (id: "a", sql: "CREATE TABLE runs (step TEXT)"),
            (
                id: "b",
                sql: """
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000)
                INSERT INTO runs SELECT 'b' FROM n WHERE x = 300000
                """
            ),
        ]

        // When 12 threads with their own connections migrate the new file at once
        let errors = runOnThreads(12) { _ in
            let connection = try Connection(path: path)
            let applied = try Migrator.migrate(connection, migrations: migrations, maxLockWait: .seconds(60))
            guard applied == ["a", "b"] else { throw StoreTests.Abort() }
        }

        // Then all succeeded and step b ran once
        #expect(errors.isEmpty, "\(errors)")
        let connection = try Connection(path: path)
        #expect(try connection.scalar("SELECT count(*) FROM runs") == .integer(1))
        #expect(try connection.scalar("SELECT count(*) FROM schema_migrations") == .integer(2))
    }

    // MARK: - Transactions

    @Test func writeCommitsAndReturnsTheBodysResult() throws {
        let store = try makeTempStore()
        let id = try store.write { connection -> Int64 in
            try connection.execute("INSERT INTO region (name) VALUES (?)", ["华南"])
            return connection.lastInsertRowID
        }
        #expect(try store.read { try $0.scalar("SELECT name FROM region WHERE id = ?", [.integer(id)]) } == "华南")
    }

    @Test func writeRollsBackWhenTheBodyThrows() throws {
        // Given a store with one region
        let store = try makeTempStore()
        try store.write { try $0.execute("INSERT INTO region (name) VALUES ('North')") }

        // When a write inserts and updates, then throws
        #expect(throws: Abort.self) {
            try store.write { connection in
                try connection.execute("INSERT INTO region (name) VALUES ('South')")
                try connection.execute("UPDATE region SET name = 'Changed' WHERE name = 'North'")
                throw Abort()
            }
        }

        // Then the store is as it was, and the next write works
        #expect(try store.read { try $0.query("SELECT name FROM region") } == [["North"]])
        try store.write { try $0.execute("INSERT INTO region (name) VALUES ('West')") }
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM region") } == .integer(2))
    }

    @Test func writeRollsBackWhenAStatementFails() throws {
        let store = try makeTempStore()
        let error = #expect(throws: StoreError.self) {
            try store.write { connection in
                try connection.execute("INSERT INTO region (name) VALUES ('North')")
                try connection.execute("INSERT INTO region (name) VALUES ('North')")
            }
        }
        #expect(error?.kind == .constraint)
        #expect(error?.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM region") } == .integer(0))
    }

    @Test func nestedTransactionsAreRefused() throws {
        let store = try makeTempStore()
        let error = #expect(throws: StoreError.self) {
            try store.write { _ in try store.read { _ in } }
        }
        #expect(error?.message.contains("already open") == true)
    }

    @Test func readSeesOneSnapshot() throws {
        // Given a store and a second connection to its file
        let path = try temporaryDatabasePath()
        let store = try Store.open(path: path)
        let other = try Connection(path: path)

        // When the other connection commits a row between two reads of one transaction
        let (before, during) = try store.read { connection -> (SQLValue?, SQLValue?) in
            let before = try connection.scalar("SELECT count(*) FROM region")
            try other.execute("INSERT INTO region (name) VALUES ('North')")
            return (before, try connection.scalar("SELECT count(*) FROM region"))
        }

        // Then the transaction saw no change, and the next read sees it
        #expect(before == .integer(0))
        #expect(during == .integer(0))
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM region") } == .integer(1))
    }

    @Test func oneStoreIsSafeToShareBetweenThreads() throws {
        let store = try makeTempStore()
        let errors = runOnThreads(8) { thread in
            for row in 0..<25 {
                try store.write { try $0.execute("INSERT INTO region (name) VALUES (?)", [.text("r\(thread)-\(row)")]) }
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM region") } == .integer(200))
    }

    // MARK: - Lock contention

    /// Holds the write lock of `path` from another thread for `seconds`, then commits one region named `name`.
    ///
    /// Returns once the lock is taken; the returned group is left when the holder has committed.
    private func holdWriteLock(
        on path: String, for seconds: Double, inserting name: String,
        errors: Collected<any Error>
    ) -> DispatchGroup {
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchGroup()
        released.enter()
        Thread.detachNewThread {
            defer { released.leave() }
            do {
                let connection = try Connection(path: path)
                try connection.execute("BEGIN IMMEDIATE")
                try connection.execute("INSERT INTO region (name) VALUES (?)", [.text(name)])
                locked.signal()
                Thread.sleep(forTimeInterval: seconds)
                try connection.execute("COMMIT")
            } catch {
                errors.append(error)
                locked.signal()
            }
        }
        locked.wait()
        return released
    }

    @Test func writeRetriesWhileAnotherConnectionHoldsTheLock() throws {
        // Given a store whose busy timeout is far shorter than the lock will be held, so its retry loop must work
        let path = try temporaryDatabasePath()
        let store = try Store.open(path: path, options: .init(busyTimeout: .milliseconds(20)))
        let errors = Collected<any Error>()

        // When another connection holds the write lock for 300 ms while we write
        let released = holdWriteLock(on: path, for: 0.3, inserting: "held", errors: errors)
        let started = ContinuousClock.now
        try store.write { try $0.execute("INSERT INTO region (name) VALUES ('waited')") }
        let waited = ContinuousClock.now - started
        released.wait()

        // Then our write waited for the lock and both rows are there
        #expect(errors.values.isEmpty, "\(errors.values)")
        #expect(waited >= .milliseconds(200))
        #expect(try store.read { try $0.query("SELECT name FROM region ORDER BY id") } == [["held"], ["waited"]])
    }

    @Test func writeWaitsOnTheBusyTimeoutByDefault() throws {
        let path = try temporaryDatabasePath()
        let store = try Store.open(path: path)
        let errors = Collected<any Error>()

        let released = holdWriteLock(on: path, for: 0.3, inserting: "held", errors: errors)
        try store.write { try $0.execute("INSERT INTO region (name) VALUES ('waited')") }
        released.wait()

        #expect(errors.values.isEmpty, "\(errors.values)")
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM region") } == .integer(2))
    }

    @Test func writeGivesUpAfterMaxLockWaitWithAClearError() throws {
        // Given a store that retries for only 200 ms
        let path = try temporaryDatabasePath()
        let store = try Store.open(
            path: path,
            options: .init(busyTimeout: .milliseconds(20), maxLockWait: .milliseconds(200)))
        let errors = Collected<any Error>()

        // When another connection holds the lock for 1 s
        let released = holdWriteLock(on: path, for: 1.0, inserting: "held", errors: errors)
        let error = #expect(throws: StoreError.self) {
            try store.write { try $0.execute("INSERT INTO region (name) VALUES ('gave up')") }
        }
        released.wait()

        // Then the error says the database is locked, and nothing of ours was written
        #expect(error?.kind == .busy)
        #expect(error?.errorDescription?.contains("still locked by another process") == true)
        #expect(try store.read { try $0.query("SELECT name FROM region") } == [["held"]])
    }

    @Test func concurrentStoresLoseNoUpdates() throws {
        // Given a counter in a new store
        let path = try temporaryDatabasePath()
        try Store.open(path: path).write {
            try $0.execute("INSERT INTO store_meta (key, value) VALUES ('counter', '0')")
        }

        // When 6 threads, each with its own store, increment it 20 times with a read-then-write
        let errors = runOnThreads(6) { _ in
            let store = try Store.open(path: path, options: .init(busyTimeout: .milliseconds(5)))
            for _ in 0..<20 {
                try store.write { connection in
                    let value =
                        Int(try connection.scalar("SELECT value FROM store_meta WHERE key = 'counter'")?.text ?? "")
                        ?? -1000
                    try connection.execute(
                        "UPDATE store_meta SET value = ? WHERE key = 'counter'", [.text(String(value + 1))])
                }
            }
        }

        // Then no one saw "database is locked" and every increment counted
        #expect(errors.isEmpty, "\(errors)")
        let final = try Store.open(path: path).read {
            try $0.scalar("SELECT value FROM store_meta WHERE key = 'counter'")
        }
        #expect(final == .text("120"))
    }
}

import CSQLite
import Foundation

/// The schema's history: ordered, append-only steps, each an id and the SQL that applies it.
///
/// Each step lives in its own file in `Migrations/`, named after its id (`Migration0007_OrderStatusCheck.swift`
/// holds `0007_order_status_check`); ``all`` lists them in order.
///
/// Rules (see `docs/schema.md` and `docs/development.md`):
/// - Add new steps at the END. Never edit, reorder or remove a step once it has shipped: databases in
///   the field have applied it, and a changed step would give two databases with the same id and
///   different schemas. `MigrationsTests` pins the SHA-256 of every shipped step's SQL.
/// - Write plain SQL strings, never code derived from app types, so a step means the same forever.
/// - A step runs inside the `BEGIN IMMEDIATE` transaction that records it, with `foreign_keys=ON`
///   (the pragma cannot change inside a transaction), so a table rebuild must keep references valid.
public enum Migrations {
    /// Every migration, oldest first.
    public static let all: [(id: String, sql: String)] = [
        coreSchema,
        analystViews,
        opportunityName,
        importInsertRuns,
        approval,
        scoreRuns,
        orderStatusCheck,
        orderLineCoveringIndexes,
        auditSignature,
        approvalMoves,
        documentKinds,
        commissionPlanVersions,
        scoreResultChecks,
    ]
}

// MARK: - Applying migrations

/// Applies ``Migrations/all`` to a connection and reports what is applied.
enum Migrator {
    /// The table recording applied steps. Created outside the list so it exists before step one; never change it.
    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            id         TEXT PRIMARY KEY,
            applied_at TEXT NOT NULL
        ) STRICT
        """

    /// Applies every pending migration in one `BEGIN IMMEDIATE` transaction and returns the applied ids.
    ///
    /// When several processes open a new file at once, one takes the write lock and applies the steps;
    /// the others wait (busy timeout, then retries), re-read the table inside their own transaction and
    /// find nothing left to do. A fully migrated file is checked with a read transaction only.
    /// - Throws: ``StoreError/Kind/schemaTooNew`` if the file records a migration not in `migrations`.
    static func migrate(
        _ connection: Connection, migrations: [(id: String, sql: String)],
        maxLockWait: Duration
    ) throws -> [String] {
        let seen = try connection.transaction(.deferred, maxLockWait: maxLockWait) { try appliedIDs($0) }
        try refuseUnknown(seen, migrations: migrations, path: connection.path)
        if seen.count == migrations.count { return seen }

        return try connection.transaction(.immediate, maxLockWait: maxLockWait) { connection in
            try connection.execute(createTableSQL)
            var applied = try appliedIDs(connection)
            try refuseUnknown(applied, migrations: migrations, path: connection.path)
            let record = try connection.prepare(
                "INSERT INTO schema_migrations (id, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
            for migration in migrations where !applied.contains(migration.id) {
                try connection.execute(migration.sql)
                try record.execute([.text(migration.id)])
                applied.append(migration.id)
            }
            return applied
        }
    }

    /// Checks, without writing, that the file has exactly the known migrations; returns their ids.
    ///
    /// - Throws: ``StoreError/Kind/schemaTooNew`` or ``StoreError/Kind/schemaTooOld``.
    static func verify(
        _ connection: Connection, migrations: [(id: String, sql: String)],
        maxLockWait: Duration
    ) throws -> [String] {
        let applied = try connection.transaction(.deferred, maxLockWait: maxLockWait) { try appliedIDs($0) }
        try refuseUnknown(applied, migrations: migrations, path: connection.path)
        if let missing = migrations.first(where: { !applied.contains($0.id) }) {
            throw StoreError(
                kind: .schemaTooOld, message: "migration '\(missing.id)' not applied",
                path: connection.path)
        }
        return applied
    }

    /// The ids recorded in `schema_migrations`, oldest first; empty for a new file.
    static func appliedIDs(_ connection: Connection) throws -> [String] {
        let exists = try connection.scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard exists?.int64 == 1 else { return [] }
        return try connection.query("SELECT id FROM schema_migrations ORDER BY rowid").compactMap { $0.first?.text }
    }

    /// Throws if `applied` holds an id this tool does not know: the file was migrated by a newer tool.
    private static func refuseUnknown(
        _ applied: [String], migrations: [(id: String, sql: String)],
        path: String
    ) throws {
        let known = Set(migrations.map(\.id))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw StoreError(kind: .schemaTooNew, message: "migration '\(unknown)' unknown", path: path)
        }
    }
}

import CSQLite
import Foundation

/// The sales database: one SQLite file in WAL mode, migrated on open, written in retried transactions.
///
/// Every tool reaches the data through this facade: ``open(path:readOnly:options:)``, then
/// ``write(_:)`` for changes and ``read(_:)`` for a consistent snapshot. Access to the underlying
/// connection is serialised, so one `Store` may be shared between threads; several processes may
/// open the same file at once.
public final class Store: @unchecked Sendable {
    /// Tuning for lock waits.
    public struct Options: Sendable {
        /// How long one statement waits on another connection's lock before SQLite reports `SQLITE_BUSY`.
        public var busyTimeout: Duration
        /// How long ``Store/write(_:)`` keeps retrying a busy transaction before giving up.
        public var maxLockWait: Duration
        /// With a read-only open: treat the file as one nobody changes (SQLite's `immutable`), so an account
        /// that can create neither the write-ahead log nor its lock memory (a read-only folder) can still read
        /// a store no writer has open. Reads see the file as it was; a writer that starts meanwhile is not seen.
        public var immutable: Bool

        /// Options with the defaults: a 10 s busy timeout, retries for up to 60 s.
        public init(busyTimeout: Duration = .seconds(10), maxLockWait: Duration = .seconds(60), immutable: Bool = false)
        {
            self.busyTimeout = busyTimeout
            self.maxLockWait = maxLockWait
            self.immutable = immutable
        }
    }

    /// The file name used when neither `--db` nor `$SALES_DB` names one.
    public static let defaultFileName = "sales.db"
    /// The environment variable that names the database when `--db` is absent.
    public static let environmentVariable = "SALES_DB"

    /// The database file.
    public let path: String
    /// Whether the store was opened read-only: ``write(_:)`` then throws.
    public let isReadOnly: Bool
    /// The lock-wait settings in force.
    public let options: Options
    /// The ids of the migrations applied to the file, in the order they were applied.
    public let appliedMigrationIDs: [String]
    /// The number of applied migrations: grows by one with each schema change.
    public var schemaVersion: Int { appliedMigrationIDs.count }

    private let connection: Connection
    /// Serialises use of `connection`; recursive so a nested call reports misuse instead of deadlocking.
    private let lock = NSRecursiveLock()

    private init(
        path: String, isReadOnly: Bool, options: Options, connection: Connection,
        appliedMigrationIDs: [String]
    ) {
        self.path = path
        self.isReadOnly = isReadOnly
        self.options = options
        self.connection = connection
        self.appliedMigrationIDs = appliedMigrationIDs
    }

    // MARK: - Opening

    /// The database path the tools use: `--db` if given, else `$SALES_DB`, else `./sales.db`.
    ///
    /// Empty values count as absent.
    public static func resolvePath(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return "./" + defaultFileName
    }

    /// Opens the database at `path`, creating and migrating it as needed.
    ///
    /// Sets `journal_mode=WAL` (persistent in the file), `foreign_keys=ON`, `synchronous=NORMAL` and the
    /// busy timeout, then applies pending migrations in one `BEGIN IMMEDIATE` transaction. A read-only
    /// open changes nothing and requires the file to exist and be fully migrated.
    /// - Throws: ``StoreError``: ``StoreError/Kind/cantOpen``, ``StoreError/Kind/notADatabase``,
    ///   ``StoreError/Kind/walUnavailable``, ``StoreError/Kind/schemaTooNew`` (made by a newer tool),
    ///   ``StoreError/Kind/schemaTooOld`` (read-only open of an older file), …
    public static func open(path: String, readOnly: Bool = false, options: Options = Options()) throws -> Store {
        if let fileSystem = NetworkFileSystem.kind(of: path) {
            throw StoreError(
                kind: .walUnavailable,
                message: "the store is on a network file system (\(fileSystem)), where SQLite's "
                    + "write-ahead log cannot share its lock memory between machines and concurrent "
                    + "tools could damage it",
                path: path)
        }
        let connection = try Connection(
            path: path, readOnly: readOnly, immutable: readOnly && options.immutable, busyTimeout: options.busyTimeout)
        do {
            if !readOnly {
                try enableWAL(connection, maxLockWait: options.maxLockWait)
            }
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.execute("PRAGMA synchronous = NORMAL")
            let applied =
                readOnly
                ? try Migrator.verify(connection, migrations: Migrations.all, maxLockWait: options.maxLockWait)
                : try Migrator.migrate(connection, migrations: Migrations.all, maxLockWait: options.maxLockWait)
            return Store(
                path: path, isReadOnly: readOnly, options: options, connection: connection,
                appliedMigrationIDs: applied)
        } catch {
            connection.close()
            throw error
        }
    }

    /// Switches the file to WAL, retrying while another process holds a lock.
    private static func enableWAL(_ connection: Connection, maxLockWait: Duration) throws {
        let mode = try retryingWhileBusy(maxWait: maxLockWait) {
            try connection.scalar("PRAGMA journal_mode = WAL")?.text?.lowercased()
        }
        guard mode == "wal" else {
            throw StoreError(
                kind: .walUnavailable,
                message: "cannot use write-ahead logging (journal mode stays '\(mode ?? "unknown")')",
                sql: "PRAGMA journal_mode = WAL", path: connection.path)
        }
    }

    /// Closes the connection; later reads and writes throw.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        connection.close()
    }

    // MARK: - Transactions

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE` … `COMMIT`) and returns its result.
    ///
    /// When another process holds the write lock (`SQLITE_BUSY`/`SQLITE_LOCKED` at `BEGIN`, inside `body`
    /// or at `COMMIT`), the transaction is rolled back and the WHOLE closure runs again after a growing
    /// pause, for up to ``Options/maxLockWait``; so `body` must have no effects outside the database.
    /// Any other error rolls back and is rethrown.
    /// - Throws: ``StoreError/Kind/readOnly`` on a read-only store, ``StoreError/Kind/busy`` after
    ///   ``Options/maxLockWait``, or whatever `body` throws.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard !isReadOnly else {
            throw StoreError(
                kind: .readOnly, code: SQLITE_READONLY, message: "the store was opened read-only",
                path: path)
        }
        return try connection.transaction(.immediate, maxLockWait: options.maxLockWait, body)
    }

    /// Runs `body` in a read transaction: every query inside sees the same committed snapshot.
    ///
    /// Writers in other processes go on meanwhile (WAL); their commits become visible to the next `read`.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try connection.transaction(.deferred, maxLockWait: options.maxLockWait, body)
    }
}

// MARK: - Transaction mechanics

extension Connection {
    /// How a transaction takes its locks.
    enum TransactionKind: String {
        /// `BEGIN`: a snapshot taken at the first read; for reading only.
        case deferred = "BEGIN DEFERRED"
        /// `BEGIN IMMEDIATE`: the write lock taken at once, so the transaction cannot fail later on a lock.
        case immediate = "BEGIN IMMEDIATE"
    }

    /// Runs `body` between `BEGIN` and `COMMIT`, rolling back on error and re-running it all while busy.
    func transaction<T>(_ kind: TransactionKind, maxLockWait: Duration, _ body: (Connection) throws -> T) throws -> T {
        guard isAutocommit else {
            throw StoreError(
                kind: .other, code: SQLITE_MISUSE,
                message: "a transaction is already open on this connection (nested read or write)",
                path: path)
        }
        return try retryingWhileBusy(maxWait: maxLockWait) {
            try cachedStatement(kind.rawValue).execute()
            do {
                let result = try body(self)
                resetCachedStatements()
                try cachedStatement("COMMIT").execute()
                return result
            } catch {
                rollbackIfNeeded()
                throw error
            }
        }
    }

    /// Rolls back the open transaction, if SQLite has not already done so; errors are ignored
    /// because the original error is the one to report.
    func rollbackIfNeeded() {
        resetCachedStatements()
        guard !isAutocommit else { return }
        try? cachedStatement("ROLLBACK").execute()
    }
}

/// Runs `attempt` again while it throws a busy ``StoreError``, pausing 10 ms, 20 ms, … up to 500 ms
/// (with jitter) between tries, until `maxWait` has passed; then throws the last busy error.
func retryingWhileBusy<T>(maxWait: Duration, _ attempt: () throws -> T) throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now + maxWait
    var pause = Duration.milliseconds(10)
    while true {
        do {
            return try attempt()
        } catch let error as StoreError where error.kind == .busy {
            let remaining = deadline - clock.now
            guard remaining > .zero else { throw error }
            let jittered = pause * Double.random(in: 0.5...1.0)
            Thread.sleep(forTimeInterval: timeInterval(min(jittered, remaining)))
            pause = min(pause * 2, .milliseconds(500))
        }
    }
}

/// A duration in seconds.
private func timeInterval(_ duration: Duration) -> TimeInterval {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Recognises network file systems, where SQLite's WAL mode must not be used: its shared-memory index
/// (`-shm`) works only between processes of one machine, so two machines writing the store would damage it.
enum NetworkFileSystem {
    /// `statfs` magic numbers of network file systems (Linux `linux/magic.h`).
    static let magics: [Int64: String] = [
        0x6969: "NFS", 0xFF53_4D42: "CIFS", 0xFE53_4D42: "SMB2", 0x517B: "SMB", 0x564C: "NCP",
        0x5346_414F: "AFS", 0x6B41_4653: "AFS", 0x00C3_6400: "Ceph", 0x0BD0_0BD0: "Lustre",
        0x7461_636F: "OCFS2", 0x0116_1970: "GFS2",
    ]

    /// The network file system holding `path` (or, for a file not yet created, its folder); `nil` on a local disk.
    static func kind(of path: String) -> String? {
        var target = path
        if !FileManager.default.fileExists(atPath: target) {
            target = URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
        let magic = csqlite_filesystem_type(target)
        return magic < 0 ? nil : kind(magic: Int64(magic))
    }

    /// The name of the network file system with `statfs` type `magic`, or `nil`.
    static func kind(magic: Int64) -> String? {
        magics[magic & 0xFFFF_FFFF]
    }
}

import CSQLite
import Foundation

/// One SQLite connection (`sqlite3*`): open, run scripts, prepare and cache statements, close.
///
/// Together with ``Statement`` this is the only code that calls `sqlite3_*`. A connection is used by
/// one thread at a time (it is opened with `SQLITE_OPEN_NOMUTEX`); ``Store`` serialises access to its own.
/// Errors carry SQLite's extended result code, its message, the failing SQL and the file path.
public final class Connection {
    /// The database file, as given to ``init(path:readOnly:create:busyTimeout:)``.
    public let path: String
    /// Whether the connection was opened read-only.
    public let isReadOnly: Bool
    /// The `sqlite3*`; `nil` once closed.
    private var handle: OpaquePointer?
    /// Statements from ``cachedStatement(_:)``, keyed by their SQL.
    private var statementCache: [String: Statement] = [:]

    /// Opens (and, if `create`, creates) the database file at `path`.
    ///
    /// Extended result codes are on, and lock waits are handled by a busy timeout.
    /// - Parameters:
    ///   - readOnly: open with `SQLITE_OPEN_READONLY`; writes then fail with ``StoreError/Kind/readOnly``.
    ///   - create: create the file if it does not exist (ignored when `readOnly`).
    ///   - immutable: with `readOnly`, open the file as SQLite's `immutable` (no locks, no write-ahead log
    ///     files); see ``Store/Options/immutable``.
    ///   - busyTimeout: how long a statement waits for another connection's lock before `SQLITE_BUSY`.
    /// - Throws: ``StoreError`` (``StoreError/Kind/cantOpen`` for a missing folder or file).
    public init(
        path: String, readOnly: Bool = false, immutable: Bool = false, create: Bool = true,
        busyTimeout: Duration = .seconds(10)
    ) throws {
        self.path = path
        self.isReadOnly = readOnly
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE
            if create { flags |= SQLITE_OPEN_CREATE }
        }
        _ = Connection.configured
        var db: OpaquePointer?
        var name = path
        if readOnly && immutable {
            flags |= SQLITE_OPEN_URI
            let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
            name = "file:\(escaped)?immutable=1"
        }
        let code = sqlite3_open_v2(name, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(db)
            throw StoreError(sqliteCode: code, message: message, path: path)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        setBusyTimeout(busyTimeout)
        if let threshold = Connection.profileThreshold { csqlite_enable_profile(db, threshold) }
    }

    /// Process-wide SQLite settings, made once before the first connection opens.
    private static let configured: Bool = {
        csqlite_disable_memory_statistics()
        return true
    }()

    /// `$SALES_SQL_PROFILE` (milliseconds, default 10 when set but not a number): statements at least that
    /// slow are printed to stderr with their time. A development aid (docs/development.md).
    private static let profileThreshold: Int32? = {
        guard let value = ProcessInfo.processInfo.environment["SALES_SQL_PROFILE"] else { return nil }
        return Int32(value) ?? 10
    }()

    deinit {
        for statement in statementCache.values { statement.finalize() }
        sqlite3_close_v2(handle)
    }

    /// Finalizes cached statements and closes the connection; later calls throw. Closing twice is harmless.
    ///
    /// Statements from ``prepare(_:)`` that are still alive keep SQLite's resources until they are released.
    public func close() {
        for statement in statementCache.values { statement.finalize() }
        statementCache.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    /// Sets how long statements wait for another connection's lock before failing with `SQLITE_BUSY`.
    public func setBusyTimeout(_ timeout: Duration) {
        guard let handle else { return }
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(handle, Int32(clamping: max(0, milliseconds)))
    }

    // MARK: - Errors

    /// The live handle, or an error if the connection was closed.
    private func live(_ sql: String? = nil) throws -> OpaquePointer {
        guard let handle else {
            throw StoreError(
                kind: .other, code: SQLITE_MISUSE, message: "connection used after it was closed",
                sql: sql, path: path)
        }
        return handle
    }

    /// The error for a failed call that returned `code`.
    private func error(_ code: Int32, _ handle: OpaquePointer, sql: String?) -> StoreError {
        StoreError(sqliteCode: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql, path: path)
    }

    // MARK: - Running SQL

    /// Runs a script of one or more `;`-separated statements without arguments, discarding any rows.
    ///
    /// - Throws: ``StoreError`` naming the statement that failed; statements before it stay executed.
    public func execute(_ sql: String) throws {
        let handle = try live(sql)
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, current, -1, &statement, &tail)
                guard code == SQLITE_OK else {
                    throw error(code, handle, sql: Connection.droppingLeadingComments(String(cString: current)))
                }
                next = tail
                guard let statement else { continue }  // whitespace or a comment
                defer { sqlite3_finalize(statement) }
                var result = sqlite3_step(statement)
                while result == SQLITE_ROW { result = sqlite3_step(statement) }
                guard result == SQLITE_DONE else {
                    throw error(result, handle, sql: String(cString: sqlite3_sql(statement)))
                }
            }
        }
    }

    /// `sql` without the whitespace and comments before its first statement, for error messages.
    static func droppingLeadingComments(_ sql: String) -> String {
        var rest = Substring(sql)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                return String(rest)
            }
        }
    }

    /// Runs one statement with `arguments` bound to its `?` parameters, discarding any rows.
    public func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        try prepare(sql).execute(arguments)
    }

    /// Compiles one SQL statement.
    ///
    /// - Throws: ``StoreError`` for a syntax error, an unknown table or column, or more than one statement.
    public func prepare(_ sql: String) throws -> Statement {
        try prepare(sql, flags: 0)
    }

    /// Compiles one SQL statement with `sqlite3_prepare_v3` flags.
    private func prepare(_ sql: String, flags: UInt32) throws -> Statement {
        let handle = try live(sql)
        return try sql.withCString { start in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(handle, start, -1, flags, &statement, &tail)
            guard code == SQLITE_OK else { throw error(code, handle, sql: sql) }
            guard let statement else {
                throw StoreError(
                    kind: .other, code: SQLITE_MISUSE, message: "no SQL statement to prepare",
                    sql: sql, path: path)
            }
            if let tail, tail.pointee != 0 {
                // Anything but whitespace and comments after the first statement is a second statement.
                var extra: OpaquePointer?
                sqlite3_prepare_v2(handle, tail, -1, &extra, nil)
                if extra != nil {
                    sqlite3_finalize(extra)
                    sqlite3_finalize(statement)
                    throw StoreError(
                        kind: .other, code: SQLITE_MISUSE,
                        message: "prepare expects one statement; use execute(_:) for scripts",
                        sql: sql, path: path)
                }
            }
            return Statement(handle: statement, sql: sql, path: path)
        }
    }

    /// A statement for `sql` compiled once per connection and reused: reset and cleared before each return.
    ///
    /// For statements run many times (the import's upserts). The cache lives until ``close()``;
    /// do not feed it SQL built with literal values, or it grows without bound.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try prepare(sql, flags: UInt32(SQLITE_PREPARE_PERSISTENT))
        statementCache[sql] = statement
        return statement
    }

    /// Resets cached statements left part-way through their rows, so none holds a read snapshot
    /// past the end of a transaction.
    func resetCachedStatements() {
        for statement in statementCache.values { statement.reset() }
    }

    /// Every row of a small query, each as an array of values.
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        var rows: [[SQLValue]] = []
        try statement.forEachRow { rows.append($0.row()) }
        return rows
    }

    /// The first column of the first row, or `nil` when the query returns no row.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        // Not a ternary: `nil` there would become `SQLValue.null` (it is ExpressibleByNilLiteral), and a
        // query with no row would look like one whose value is NULL.
        guard try statement.step() else { return nil }
        return statement.value(at: 0)
    }

    /// Calls `body` for each row of `sql`, with the statement positioned on that row.
    public func forEachRow(
        _ sql: String, _ arguments: [SQLValue] = [],
        _ body: (Statement) throws -> Void
    ) throws {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        try statement.forEachRow(body)
    }

    // MARK: - State

    /// The rowid of the most recent successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent `INSERT`, `UPDATE` or `DELETE`.
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Whether no transaction is open (SQLite's autocommit mode).
    public var isAutocommit: Bool {
        handle.map { sqlite3_get_autocommit($0) != 0 } ?? true
    }

    /// Whether the connection has been closed.
    public var isClosed: Bool { handle == nil }
}

// MARK: - Canonical rows inside SQLite

extension Connection {
    /// Writes every row of `table` to `sink` in primary-key order, each in ``Statement/writeCanonicalRow(columns:to:)``'s
    /// encoding, from inside SQLite: an aggregate SQL function is fed each row, so no row is stepped back to
    /// the caller, which saves a step and its column calls per row. The table must have one INTEGER primary
    /// key column, `key`; `columns` are all its columns, in order.
    /// - Returns: the number of rows written, or `nil` when SQLite did not hand the rows over in strictly
    ///   increasing key order (the caller then reads them with a statement); `sink` is then unusable.
    func writeCanonicalRows(
        of table: String, columns: [String], key: String,
        to sink: inout CanonicalSink
    ) throws -> Int64? {
        let handle = try live()
        guard let keyIndex = columns.firstIndex(of: key) else { return nil }
        let state = CanonicalRowsState(sink: sink, keyIndex: keyIndex)
        let name = "sales_canonical_rows"
        let box = Unmanaged.passRetained(state)
        defer {
            sqlite3_create_function_v2(handle, name, -1, SQLITE_UTF8, nil, nil, nil, nil, nil)
            box.release()
        }
        let code = sqlite3_create_function_v2(
            handle, name, -1, SQLITE_UTF8, box.toOpaque(), nil,
            canonicalRowsStep, canonicalRowsFinal, nil)
        guard code == SQLITE_OK else { throw error(code, handle, sql: nil) }
        let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        // A scan of the table itself (not of an index that happens to cover it) visits rows in key order: the
        // key is the rowid. An ORDER BY subquery would copy every value once more; the step checks the order.
        try execute("SELECT \(name)(\(quoted)) FROM \"\(table)\" NOT INDEXED")
        sink = state.sink.pointee
        return state.inOrder ? state.rows : nil
    }
}

/// The running state of ``Connection/writeCanonicalRows(of:columns:key:to:)``.
private final class CanonicalRowsState {
    /// The sink, behind a pointer: the step writes a dozen values a row, and a class property would have its
    /// exclusive access checked at run time for each.
    let sink: UnsafeMutablePointer<CanonicalSink>
    let keyIndex: Int
    var rows: Int64 = 0
    var lastKey = Int64.min
    var inOrder = true

    init(sink: CanonicalSink, keyIndex: Int) {
        self.sink = .allocate(capacity: 1)
        self.sink.initialize(to: sink)
        self.keyIndex = keyIndex
    }

    deinit {
        sink.deinitialize(count: 1)
        sink.deallocate()
    }
}

/// The aggregate's step: one row's values, written in the canonical encoding.
private let canonicalRowsStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    context, count, values in
    guard let context, let values, let data = sqlite3_user_data(context) else { return }
    let state = Unmanaged<CanonicalRowsState>.fromOpaque(data).takeUnretainedValue()
    guard state.inOrder else { return }
    let key = values[state.keyIndex]
    guard sqlite3_value_type(key) == SQLITE_INTEGER, sqlite3_value_int64(key) > state.lastKey || state.rows == 0 else {
        state.inOrder = false
        return
    }
    state.lastKey = sqlite3_value_int64(key)
    state.rows += 1
    let sink = state.sink
    for index in 0..<Int(count) {
        let value = values[index]
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER:
            sink.pointee.write(tag: 1, UInt64(bitPattern: sqlite3_value_int64(value)))
        case SQLITE_FLOAT:
            sink.pointee.write(tag: 2, sqlite3_value_double(value).bitPattern)
        case SQLITE_TEXT:
            let base = sqlite3_value_text(value)
            sink.pointee.write(tag: 3, bytes: UnsafeRawPointer(base), count: Int(sqlite3_value_bytes(value)))
        case SQLITE_BLOB:
            let base = sqlite3_value_blob(value)
            sink.pointee.write(tag: 4, bytes: base, count: Int(sqlite3_value_bytes(value)))
        default:
            sink.pointee.write(tag: 0)
        }
    }
}

/// The aggregate's result: nothing (the rows went to the sink).
private let canonicalRowsFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    sqlite3_result_null(context)
}

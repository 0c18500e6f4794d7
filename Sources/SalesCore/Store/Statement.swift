import CSQLite
import Foundation

/// One prepared SQL statement of a ``Connection``.
///
/// Parameters are bound by 1-based index (SQLite's convention); columns are read by 0-based index, or by
/// name (``columnIndex(named:)``) where a query returns more than a handful of columns.
/// A statement is used on one thread at a time, like its connection. It is finalized when released,
/// or when its connection closes if it came from ``Connection/cachedStatement(_:)``.
public final class Statement {
    /// The SQL this statement was prepared from.
    public let sql: String
    /// The database file, for error messages.
    private let path: String
    /// The `sqlite3_stmt*`; `nil` once finalized.
    private var handle: OpaquePointer?
    /// Result column indexes by name, built by the first ``columnIndex(named:)``; `-1` for a shared name.
    private var columnIndexes: [String: Int]?

    init(handle: OpaquePointer, sql: String, path: String) {
        self.handle = handle
        self.sql = sql
        self.path = path
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Releases SQLite's resources; any later use throws.
    public func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    // MARK: - Errors

    /// The live handle, or an error if the statement was finalized.
    private func live() throws -> OpaquePointer {
        guard let handle else {
            throw StoreError(
                kind: .other, code: SQLITE_MISUSE, message: "statement used after it was finalized",
                sql: sql, path: path)
        }
        return handle
    }

    /// The error for a failed call that returned `code`.
    private func error(_ code: Int32, _ handle: OpaquePointer) -> StoreError {
        let message =
            sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        return StoreError(sqliteCode: code, message: message, sql: sql, path: path)
    }

    /// Throws unless a bind call returned `SQLITE_OK`.
    @inline(__always)
    private func checkBind(_ code: Int32, _ handle: OpaquePointer) throws {
        if code != SQLITE_OK { throw error(code, handle) }
    }

    // MARK: - Binding

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int) throws {
        let handle = try live()
        try checkBind(sqlite3_bind_int64(handle, Int32(clamping: index), value), handle)
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int, at index: Int) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds a double to parameter `index` (1-based).
    public func bind(_ value: Double, at index: Int) throws {
        let handle = try live()
        try checkBind(sqlite3_bind_double(handle, Int32(clamping: index), value), handle)
    }

    /// Binds text to parameter `index` (1-based); SQLite copies it.
    public func bind(_ value: String, at index: Int) throws {
        var value = value
        try value.withUTF8 { try bindText(UnsafeRawBufferPointer($0), at: index) }
    }

    /// Binds a blob to parameter `index` (1-based); SQLite copies it.
    public func bind(_ value: Data, at index: Int) throws {
        try value.withUnsafeBytes { try bindBlob($0, at: index) }
    }

    /// Binds a blob to parameter `index` (1-based); SQLite copies it.
    public func bind(_ value: [UInt8], at index: Int) throws {
        try value.withUnsafeBytes { try bindBlob($0, at: index) }
    }

    /// Binds `NULL` to parameter `index` (1-based).
    public func bindNull(at index: Int) throws {
        let handle = try live()
        try checkBind(sqlite3_bind_null(handle, Int32(clamping: index)), handle)
    }

    /// Binds any ``SQLValue`` to parameter `index` (1-based).
    public func bind(_ value: SQLValue, at index: Int) throws {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let value): try bind(value, at: index)
        case .real(let value): try bind(value, at: index)
        case .text(let value): try bind(value, at: index)
        case .blob(let value): try bind(value, at: index)
        }
    }

    /// Binds `values` to parameters 1, 2, … in order.
    public func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Binds UTF-8 bytes as TEXT without creating a Swift `String`; SQLite copies them.
    ///
    /// This is the import's hot path: cell bytes go from the reader's buffer straight to SQLite.
    /// The caller guarantees the bytes are valid UTF-8 (SQLite does not check). An empty buffer
    /// binds the empty string, never `NULL`.
    public func bindText(_ bytes: UnsafeRawBufferPointer, at index: Int) throws {
        let handle = try live()
        let count = try length(of: bytes, handle)
        let code: Int32
        if let base = bytes.baseAddress, count > 0 {
            code = csqlite_bind_text_transient(
                handle, Int32(clamping: index),
                base.assumingMemoryBound(to: CChar.self), count)
        } else {
            code = csqlite_bind_text_transient(handle, Int32(clamping: index), "", 0)
        }
        try checkBind(code, handle)
    }

    /// Binds raw bytes as a BLOB; SQLite copies them. An empty buffer binds an empty blob, never `NULL`.
    public func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int) throws {
        let handle = try live()
        let count = try length(of: bytes, handle)
        let code: Int32
        if let base = bytes.baseAddress, count > 0 {
            code = csqlite_bind_blob_transient(handle, Int32(clamping: index), base, count)
        } else {
            code = sqlite3_bind_zeroblob(handle, Int32(clamping: index), 0)
        }
        try checkBind(code, handle)
    }

    /// The buffer's length as SQLite's `int`, or `SQLITE_TOOBIG`.
    private func length(of bytes: UnsafeRawBufferPointer, _ handle: OpaquePointer) throws -> Int32 {
        guard let count = Int32(exactly: bytes.count) else {
            throw StoreError(
                sqliteCode: SQLITE_TOOBIG, message: "value of \(bytes.count) bytes is too big",
                sql: sql, path: path)
        }
        return count
    }

    /// Sets every parameter back to `NULL`.
    public func clearBindings() {
        if let handle { sqlite3_clear_bindings(handle) }
    }

    // MARK: - Stepping

    /// Runs the statement to its next row: `true` when a row is available, `false` when done.
    ///
    /// - Throws: ``StoreError`` with SQLite's code, message and this statement's SQL.
    @discardableResult
    public func step() throws -> Bool {
        let handle = try live()
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw error(code, handle)
        }
    }

    /// Makes the statement ready to run again; bindings are kept.
    ///
    /// Errors of the previous run were already thrown by ``step()``, so none is reported here.
    public func reset() {
        if let handle { sqlite3_reset(handle) }
    }

    /// Resets, binds `arguments` (if any) and steps until done: for `INSERT`, `UPDATE`, `DELETE`.
    public func execute(_ arguments: [SQLValue] = []) throws {
        reset()
        if !arguments.isEmpty { try bind(arguments) }
        while try step() {}
    }

    /// Calls `body` for each remaining row, with the statement positioned on that row.
    public func forEachRow(_ body: (Statement) throws -> Void) throws {
        while try step() {
            try body(self)
        }
    }

    // MARK: - Columns (0-based)

    /// The number of result columns.
    public var columnCount: Int {
        handle.map { Int(sqlite3_column_count($0)) } ?? 0
    }

    /// The name of result column `index`.
    public func columnName(at index: Int) -> String {
        guard let handle, let name = sqlite3_column_name(handle, Int32(clamping: index)) else { return "" }
        return String(cString: name)
    }

    /// Whether column `index` of the current row is `NULL`.
    public func isNull(at index: Int) -> Bool {
        guard let handle else { return true }
        return sqlite3_column_type(handle, Int32(clamping: index)) == SQLITE_NULL
    }

    /// Column `index` as an integer (`0` for `NULL`; SQLite converts other types).
    public func int64(at index: Int) -> Int64 {
        guard let handle else { return 0 }
        return sqlite3_column_int64(handle, Int32(clamping: index))
    }

    /// Column `index` as an `Int` (`0` for `NULL`).
    public func int(at index: Int) -> Int {
        Int(truncatingIfNeeded: int64(at: index))
    }

    /// Column `index` as a double (`0` for `NULL`).
    public func double(at index: Int) -> Double {
        guard let handle else { return 0 }
        return sqlite3_column_double(handle, Int32(clamping: index))
    }

    /// Column `index` as text, or `nil` for `NULL` (numbers are converted to their text form).
    public func text(at index: Int) -> String? {
        withTextBytes(at: index) { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Calls `body` with column `index`'s UTF-8 bytes, or `nil` for `NULL`, without creating a `String`.
    ///
    /// The buffer is valid only inside `body`.
    public func withTextBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard let handle else { return try body(nil) }
        let column = Int32(clamping: index)
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite's documentation requires. It gives no
        // pointer for NULL (and when out of memory), so the type is asked only then: one call a column fewer
        // on the scans that read every line this way.
        guard let base = sqlite3_column_text(handle, column) else {
            return try body(isNull(at: index) ? nil : UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: base, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// Column `index` as bytes, or `nil` for `NULL`.
    public func blob(at index: Int) -> [UInt8]? {
        guard let handle, !isNull(at: index) else { return nil }
        let column = Int32(clamping: index)
        let base = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let base, count > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Column `index` as an ``SQLValue`` of the type SQLite stored.
    public func value(at index: Int) -> SQLValue {
        guard let handle else { return .null }
        switch sqlite3_column_type(handle, Int32(clamping: index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return text(at: index).map { .text($0) } ?? .null
        case SQLITE_BLOB: return blob(at: index).map { .blob($0) } ?? .null
        default: return .null
        }
    }

    /// Writes every column of the current row to `sink` in a canonical, typed encoding: per value a tag
    /// byte (0 `NULL`, 1 integer, 2 real, 3 text, 4 blob), then 8 big-endian bytes for a number (a real's
    /// IEEE bits) or a 4-byte big-endian length and the bytes for text and blobs. Two rows encode equally
    /// exactly when their stored values are equal, whatever the columns' declared types.
    func writeCanonicalRow(columns: Int, to sink: inout CanonicalSink) {
        guard let handle else { return }
        for index in 0..<columns {
            let column = Int32(truncatingIfNeeded: index)
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER:
                sink.write(tag: 1, UInt64(bitPattern: sqlite3_column_int64(handle, column)))
            case SQLITE_FLOAT:
                sink.write(tag: 2, sqlite3_column_double(handle, column).bitPattern)
            case SQLITE_TEXT:
                let base = sqlite3_column_text(handle, column)
                sink.write(tag: 3, bytes: UnsafeRawPointer(base), count: Int(sqlite3_column_bytes(handle, column)))
            case SQLITE_BLOB:
                let base = sqlite3_column_blob(handle, column)
                sink.write(tag: 4, bytes: base, count: Int(sqlite3_column_bytes(handle, column)))
            default:
                sink.write(tag: 0)
            }
        }
    }

    /// Every column of the current row.
    public func row() -> [SQLValue] {
        (0..<columnCount).map { value(at: $0) }
    }

    // MARK: - Columns by name

    /// The index of the result column named `name`.
    ///
    /// A column's name is its `AS` alias, else, for a plain column reference such as `e.status`, the
    /// column's own name (`status`); give an expression, or a column whose name another one shares, an
    /// alias. Names are matched exactly. The first call reads every column's name once and keeps the
    /// table for the statement's life, so reading by position costs nothing more; a loop over many rows
    /// can look its indexes up before the loop and read by position.
    /// - Throws: ``StoreError`` when no result column, or more than one, has that name.
    public func columnIndex(named name: String) throws -> Int {
        if columnIndexes == nil {
            var indexes: [String: Int] = [:]
            for index in 0..<columnCount {
                let columnName = columnName(at: index)
                indexes[columnName] = indexes[columnName] == nil ? index : -1
            }
            columnIndexes = indexes
        }
        guard let index = columnIndexes?[name] else {
            throw StoreError(kind: .other, message: "no result column is named \(name)", sql: sql, path: path)
        }
        guard index >= 0 else {
            throw StoreError(
                kind: .other, message: "several result columns are named \(name); give them aliases",
                sql: sql, path: path)
        }
        return index
    }

    /// Column `name` as an integer (`0` for `NULL`); ``columnIndex(named:)`` says how columns are named.
    public func int64(_ name: String) throws -> Int64 {
        int64(at: try columnIndex(named: name))
    }

    /// Column `name` as an `Int` (`0` for `NULL`).
    public func int(_ name: String) throws -> Int {
        int(at: try columnIndex(named: name))
    }

    /// Column `name` as a double (`0` for `NULL`).
    public func double(_ name: String) throws -> Double {
        double(at: try columnIndex(named: name))
    }

    /// Column `name` as text, or `nil` for `NULL` (numbers are converted to their text form).
    public func text(_ name: String) throws -> String? {
        text(at: try columnIndex(named: name))
    }

    /// Column `name` as an ``SQLValue`` of the type SQLite stored: `value("round").int64` is `nil` for `NULL`.
    public func value(_ name: String) throws -> SQLValue {
        value(at: try columnIndex(named: name))
    }
}

import Crypto
import Foundation

/// Where a summary's figures came from: the import batches behind the data, and a SHA-256 over the
/// data the summary read, so two reports can be shown to rest on the same data.
public struct ReportProvenance: Hashable, Sendable {
    /// One committed import batch (`sales-import history`).
    public struct Batch: Hashable, Sendable {
        public var id: Int64
        public var fileName: String
        /// The SHA-256 of the imported file, when it was recorded.
        public var fileSHA256: String?
        /// When the import finished (as recorded in the store, UTC).
        public var finishedAt: String?
        /// Who ran it.
        public var userName: String
    }

    /// Rows hashed from one table.
    public struct TableRows: Hashable, Sendable {
        public var table: String
        public var rows: Int64
    }

    /// Committed batches, oldest first.
    public var batches: [Batch]
    /// The tables hashed and their row counts, in hashing order.
    public var tables: [TableRows]
    /// SHA-256 (lowercase hex) over every row of ``tables`` (see ``DataDigest``).
    public var dataSHA256: String
    /// The store's schema version (migrations applied).
    public var schemaVersion: Int
}

/// The SHA-256 over the data a summary reads.
///
/// Every table the summary reads is hashed whole, in primary-key order, each value in a typed canonical
/// encoding (``Statement/writeCanonicalRow(columns:to:)``); `score_result` only for the scoring run the
/// summary used. The digest is the SHA-256 of: the text `sales-summary-data-v1`, then per table its name,
/// its column names and its rows. Same stored data, same digest: re-importing an unchanged file or
/// printing the report in another language or format does not change it.
enum DataDigest {
    /// The tables hashed, in order.
    static let tables = [
        "region", "person", "customer", "product", "order_line", "sales_target", "opportunity",
        "receivable", "expense", "budget", "feedback", "score_run", "approval_claim",
    ]

    /// The running state of one digest.
    struct Hasher {
        private var sink = CanonicalSink()
        private(set) var tableRows: [ReportProvenance.TableRows] = []

        init() {
            sink.write(text: "sales-summary-data-v1")
        }

        /// Hashes the rows `sql` returns, under the name `table`.
        mutating func add(table: String, sql: String, arguments: [SQLValue] = [], connection: Connection) throws {
            let statement = try connection.prepare(sql)
            try statement.bind(arguments)
            let columns = statement.columnCount
            try add(table: table, columns: (0..<columns).map { statement.columnName(at: $0) }) { sink in
                var rows: Int64 = 0
                while try statement.step() {
                    statement.writeCanonicalRow(columns: columns, to: &sink)
                    rows += 1
                }
                return rows
            }
        }

        /// Hashes every row of `table` in primary-key order: inside SQLite when `insideSQLite` and the table
        /// has one INTEGER primary key column (the same bytes, no row stepped back to Swift), else row by row.
        /// - Throws: ``RowsOutOfOrder`` when SQLite handed the rows over out of key order.
        mutating func add(table: String, connection: Connection, insideSQLite: Bool) throws {
            // The columns `SELECT *` returns: generated columns too (which `table_info` leaves out).
            let columns = try connection.query(
                "SELECT name, type, pk FROM pragma_table_xinfo(?1) WHERE hidden <> 1 ORDER BY cid", [.text(table)])
            let keys = columns.filter { ($0[2].int64 ?? 0) > 0 }.sorted { ($0[2].int64 ?? 0) < ($1[2].int64 ?? 0) }
            if insideSQLite, keys.count == 1, keys[0][1].text?.uppercased() == "INTEGER", let key = keys[0][0].text {
                let names = columns.compactMap { $0[0].text }
                try add(table: table, columns: names) { sink in
                    guard let rows = try connection.writeCanonicalRows(of: table, columns: names, key: key, to: &sink)
                    else { throw RowsOutOfOrder() }
                    return rows
                }
                return
            }
            let order =
                keys.isEmpty ? "rowid" : keys.compactMap { $0[0].text }.map { "\"\($0)\"" }.joined(separator: ", ")
            try add(table: table, sql: "SELECT * FROM \"\(table)\" ORDER BY \(order)", connection: connection)
        }

        /// Writes `table`'s name and `columns`, then the rows `writeRows` writes (it returns how many), then
        /// their count.
        private mutating func add(
            table: String, columns: [String],
            writeRows: (inout CanonicalSink) throws -> Int64
        ) throws {
            sink.write(text: table)
            sink.write(tag: 5, UInt64(columns.count))
            for name in columns { sink.write(text: name) }
            let rows = try writeRows(&sink)
            // The row count closes the table, so rows cannot slide from one table into the next.
            sink.write(tag: 6, UInt64(rows))
            tableRows.append(.init(table: table, rows: rows))
        }

        /// The digest, lowercase hex.
        mutating func finish() -> String {
            sink.finish().map { String(format: "%02x", $0) }.joined()
        }
    }

    /// SQLite handed a table's rows to the hashing function out of primary-key order.
    struct RowsOutOfOrder: Error {}

    /// Hashes ``tables`` into a new hasher: inside SQLite where it can (`insideSQLite`), and row by row
    /// from the start should SQLite ever hand rows over out of order, so the digest never depends on it.
    static func hashTables(_ connection: Connection, insideSQLite: Bool = true) throws -> Hasher {
        var hasher = Hasher()
        do {
            for table in tables { try hasher.add(table: table, connection: connection, insideSQLite: insideSQLite) }
        } catch is RowsOutOfOrder {
            return try hashTables(connection, insideSQLite: false)
        }
        return hasher
    }

    /// The digest of the data a summary of `period` reads, with the rows hashed per table: ``tables``, then the
    /// results of the scoring run that covers the period (the one the summary reads).
    static func digest(
        _ connection: Connection, period: ReportPeriod
    ) throws -> (sha256: String, tables: [ReportProvenance.TableRows]) {
        var hasher = try hashTables(connection)
        let run = try SummaryContext.scoreRun(covering: period, connection)
        let sha256 = try finish(&hasher, scoreRun: run?.id, connection: connection)
        return (sha256, hasher.tableRows)
    }

    /// Adds the scoring run's results (or none) and finishes.
    static func finish(_ hasher: inout Hasher, scoreRun: Int64?, connection: Connection) throws -> String {
        try hasher.add(
            table: "score_result",
            sql: "SELECT * FROM score_result WHERE run_id = ?1 ORDER BY run_id, customer_id",
            arguments: [scoreRun.map { .integer($0) } ?? .null], connection: connection)
        return hasher.finish()
    }

    /// Committed import batches, oldest first.
    static func batches(_ connection: Connection) throws -> [ReportProvenance.Batch] {
        try connection.query(
            """
            SELECT id, file_name, file_sha256, finished_at, user_name
            FROM import_batch WHERE status = 'committed' ORDER BY id
            """
        ).map { row in
            ReportProvenance.Batch(
                id: row[0].int64 ?? 0, fileName: row[1].text ?? "", fileSHA256: row[2].text,
                finishedAt: row[3].text, userName: row[4].text ?? "")
        }
    }
}

/// A SHA-256 fed through a 256 KiB buffer written by raw stores, so hashing adds little to reading the rows:
/// no allocation and no call into the hasher per value.
struct CanonicalSink {
    private static let capacity = 1 << 18
    private final class Storage {
        let base = UnsafeMutableRawPointer.allocate(byteCount: CanonicalSink.capacity, alignment: 16)
        deinit { base.deallocate() }
    }
    private let storage = Storage()
    private var count = 0
    private var sha = SHA256()

    private mutating func flush() {
        sha.update(bufferPointer: UnsafeRawBufferPointer(start: storage.base, count: count))
        count = 0
    }

    /// A tag byte alone (`NULL`).
    mutating func write(tag: UInt8) {
        if count + 1 > Self.capacity { flush() }
        storage.base.storeBytes(of: tag, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// A tag byte and a 64-bit value, big-endian.
    mutating func write(tag: UInt8, _ value: UInt64) {
        if count + 9 > Self.capacity { flush() }
        storage.base.storeBytes(of: tag, toByteOffset: count, as: UInt8.self)
        storage.base.storeBytes(of: value.bigEndian, toByteOffset: count + 1, as: UInt64.self)
        count += 9
    }

    /// A tag byte, a 32-bit big-endian length, and the bytes.
    mutating func write(tag: UInt8, bytes: UnsafeRawPointer?, count length: Int) {
        if count + 5 > Self.capacity { flush() }
        storage.base.storeBytes(of: tag, toByteOffset: count, as: UInt8.self)
        storage.base.storeBytes(
            of: UInt32(truncatingIfNeeded: length).bigEndian, toByteOffset: count + 1,
            as: UInt32.self)
        count += 5
        guard let bytes, length > 0 else { return }
        if count + length > Self.capacity {
            flush()
            if length > Self.capacity {
                sha.update(bufferPointer: UnsafeRawBufferPointer(start: bytes, count: length))
                return
            }
        }
        (storage.base + count).copyMemory(from: bytes, byteCount: length)
        count += length
    }

    /// Text, tagged 3 like a text value.
    mutating func write(text: String) {
        var text = text
        text.withUTF8 { write(tag: 3, bytes: UnsafeRawPointer($0.baseAddress), count: $0.count) }
    }

    /// The digest of everything written.
    mutating func finish() -> SHA256.Digest {
        flush()
        return sha.finalize()
    }
}

import CSQLite
import Foundation

/// An error from the SQLite store: SQLite's result code and message, the failing SQL and the database file.
///
/// ``kind`` is the category callers branch on; ``errorDescription`` is one line a user can act on,
/// e.g. `database /x/sales.db: disk full while writing; free some space and run the command again`.
public struct StoreError: Error, LocalizedError, Sendable, Equatable {
    /// What went wrong, as a category callers can branch on.
    public enum Kind: String, Sendable, Equatable {
        /// Another connection holds a lock (`SQLITE_BUSY`, `SQLITE_LOCKED`) and waiting did not help.
        case busy
        /// A `UNIQUE`, `CHECK`, `NOT NULL` or foreign-key constraint rejected a write.
        case constraint
        /// The file is damaged (`SQLITE_CORRUPT`).
        case corrupt
        /// The disk, or the database's size limit, is full (`SQLITE_FULL`).
        case full
        /// A write to a read-only file, folder or connection (`SQLITE_READONLY`).
        case readOnly = "read-only"
        /// The operating system reported an I/O error (`SQLITE_IOERR`).
        case ioError = "io-error"
        /// The file could not be opened or created (`SQLITE_CANTOPEN`).
        case cantOpen = "cant-open"
        /// The file is not an SQLite database (`SQLITE_NOTADB`).
        case notADatabase = "not-a-database"
        /// The database was migrated by a newer tool: it records a migration this tool does not know.
        case schemaTooNew = "schema-too-new"
        /// A read-only open found a database that still needs migrations this tool would apply.
        case schemaTooOld = "schema-too-old"
        /// Write-ahead logging cannot be enabled (typically a network file system).
        case walUnavailable = "wal-unavailable"
        /// Anything else, including misuse of the API.
        case other
    }

    /// The category of the failure.
    public var kind: Kind
    /// SQLite's extended result code (e.g. `SQLITE_CONSTRAINT_UNIQUE` = 2067); `SQLITE_ERROR` for the store's own errors.
    public var code: Int32
    /// SQLite's message, or the store's own explanation.
    public var message: String
    /// The failing SQL, whitespace collapsed and shortened to ``maxSQLLength`` characters.
    public var sql: String?
    /// The database file, as the user named it.
    public var path: String?

    /// The longest SQL excerpt kept in an error.
    public static let maxSQLLength = 160

    /// Creates an error of an explicit kind.
    public init(kind: Kind, code: Int32 = SQLITE_ERROR, message: String, sql: String? = nil, path: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.sql = sql.map(StoreError.shorten)
        self.path = path
    }

    /// Creates an error from an SQLite result code, classifying it by its primary code.
    public init(sqliteCode code: Int32, message: String, sql: String? = nil, path: String? = nil) {
        self.init(kind: StoreError.kind(forSQLiteCode: code), code: code, message: message, sql: sql, path: path)
    }

    /// The primary result code (the low byte of ``code``), e.g. `SQLITE_CONSTRAINT` = 19.
    public var primaryCode: Int32 { code & 0xFF }

    /// The kind that SQLite's (extended or primary) result code belongs to.
    public static func kind(forSQLiteCode code: Int32) -> Kind {
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_CONSTRAINT: return .constraint
        case SQLITE_CORRUPT: return .corrupt
        case SQLITE_FULL: return .full
        case SQLITE_READONLY: return .readOnly
        case SQLITE_IOERR: return .ioError
        case SQLITE_CANTOPEN: return .cantOpen
        case SQLITE_NOTADB: return .notADatabase
        default: return .other
        }
    }

    /// SQL on one line, at most ``maxSQLLength`` characters.
    static func shorten(_ sql: String) -> String {
        let oneLine = sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard oneLine.count > maxSQLLength else { return oneLine }
        return String(oneLine.prefix(maxSQLLength - 1)) + "…"
    }

    public var errorDescription: String? {
        let subject = path.map { "database \($0)" } ?? "database"
        let inSQL = sql.map { " (in: \($0))" } ?? ""
        switch kind {
        case .busy:
            return
                "\(subject): still locked by another process (\(message)); run the command again when it has finished"
        case .constraint:
            return "\(subject): rejected by a constraint: \(message)\(inSQL)"
        case .corrupt:
            return "\(subject): the file is damaged (\(message)); restore it from a backup"
        case .full:
            return "\(subject): disk full while writing; free some space and run the command again"
        case .readOnly:
            return "\(subject): cannot write (\(message)); check the permissions of the file and its folder"
        case .ioError:
            return "\(subject): disk I/O error (\(message))\(inSQL)"
        case .cantOpen:
            return
                "\(subject): cannot open (\(message)); check that the path is right and its folder exists and is writable"
        case .notADatabase:
            return "\(subject): not an SQLite database (\(message))"
        case .schemaTooNew:
            return "\(subject) is newer than this tool (\(message)); use the newer version of the sales tools"
        case .schemaTooOld:
            return "\(subject) needs upgrading (\(message)); open it once without read-only"
        case .walUnavailable:
            return "\(subject): \(message); keep the database on a local disk, not a network share"
        case .other:
            return "\(subject): \(message) (SQLite code \(code))\(inSQL)"
        }
    }
}

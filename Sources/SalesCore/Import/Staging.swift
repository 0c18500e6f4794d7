import Foundation
import XLSX

/// A private, temporary SQLite database holding the parsed rows of one import until the final write.
///
/// Rows are parsed and validated into it without touching the store, so the store's write lock is held
/// only while the batch is written, and memory stays flat however large the file.
final class Staging {
    let path: String
    let connection: Connection
    private let directory: URL

    init() throws {
        Self.sweepAbandoned()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sales-import-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("staging.db").path
        connection = try Connection(path: path)
        try connection.execute(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -8192;
            CREATE TABLE rejected (sheet INTEGER NOT NULL, row INTEGER NOT NULL, cells TEXT NOT NULL, reason TEXT NOT NULL);
            """)
    }

    /// Removes the staging folders of imports that were killed (`sales-import-<pid>-<uuid>` whose process
    /// no longer runs), so a `kill -9` leaves no lasting litter in the temporary folder.
    static func sweepAbandoned() {
        let manager = FileManager.default
        let temporary = manager.temporaryDirectory
        guard let names = try? manager.contentsOfDirectory(atPath: temporary.path) else { return }
        for name in names where name.hasPrefix("sales-import-") {
            let parts = name.dropFirst("sales-import-".count).split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0,
                pid != ProcessInfo.processInfo.processIdentifier
            else { continue }
            // kill(pid, 0) fails with ESRCH only when no such process exists.
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? manager.removeItem(at: temporary.appendingPathComponent(name))
            }
        }
    }

    func close() {
        connection.close()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { close() }

    func begin() throws { try connection.execute("BEGIN") }
    func commit() throws { try connection.execute("COMMIT") }

    static func table(_ sheet: Int) -> String { "sheet_\(sheet)" }

    /// A table with the row number and one column per field of the sheet's entity.
    func createSheetTable(_ sheet: Int, fieldCount: Int) throws {
        let columns = (0..<fieldCount).map { "f\($0)" }.joined(separator: ", ")
        try connection.execute("CREATE TABLE \(Self.table(sheet)) (row INTEGER PRIMARY KEY, \(columns))")
    }

    func insertStatement(_ sheet: Int, fieldCount: Int) throws -> Statement {
        let marks = Array(repeating: "?", count: fieldCount + 1).joined(separator: ", ")
        return try connection.prepare("INSERT INTO \(Self.table(sheet)) VALUES (\(marks))")
    }

    /// Calls `body` with each staged row of a sheet, in row order.
    func forEachRow(_ sheet: Int, _ body: (_ row: Int, _ values: [SQLValue]) throws -> Void) throws {
        let statement = try connection.prepare("SELECT * FROM \(Self.table(sheet)) ORDER BY row")
        let width = statement.columnCount
        // One array for every row: its values are replaced in place (a caller that keeps it gets a copy).
        var values = [SQLValue](repeating: .null, count: max(0, width - 1))
        while try statement.step() {
            for k in values.indices { values[k] = statement.value(at: k + 1) }
            try body(statement.int(at: 0), values)
        }
    }

    /// Moves a staged row to the rejected rows (a row that failed while writing, with `--skip-invalid`).
    func rejectStaged(sheet: Int, row: Int, values: [SQLValue], plan: SheetPlan, reason: String) throws {
        guard let entity = plan.entity else { return }
        let index = Dictionary(uniqueKeysWithValues: entity.fields.enumerated().map { ($1.name, $0) })
        var raw: [CellValue?] = Array(repeating: nil, count: (plan.columns.map(\.index).max() ?? -1) + 1)
        for column in plan.columns {
            switch values[index[column.field.name]!] {
            case .null, .blob: break
            case .integer(let v):
                raw[column.index] =
                    column.field.kind == .money
                    ? .text(ImportValue.moneyText(cents: v)) : .number(Double(v))
            case .real(let v): raw[column.index] = .number(v)
            case .text(let s): raw[column.index] = .text(s)
            }
        }
        try reject(sheet: sheet, row: row, raw: raw, reason: reason)
    }

    /// Keeps an invalid row's cells as read, with the reason, for the rejected-rows workbook.
    func reject(sheet: Int, row: Int, raw: [CellValue?], reason: String) throws {
        try connection.cachedStatement("INSERT INTO rejected VALUES (?, ?, ?, ?)")
            .execute([.integer(Int64(sheet)), .integer(Int64(row)), .text(Self.encode(raw)), .text(reason)])
    }

    /// Calls `body` with each rejected row of a sheet, in row order.
    func forEachRejected(
        _ sheet: Int, _ body: (_ row: Int, _ cells: [CellValue?], _ reason: String) throws -> Void
    ) throws {
        let statement = try connection.prepare("SELECT row, cells, reason FROM rejected WHERE sheet = ? ORDER BY row")
        try statement.bind([.integer(Int64(sheet))])
        while try statement.step() {
            let r = statement.row()
            try body(Int(r[0].int64 ?? 0), Self.decode(r[1].text ?? ""), r[2].text ?? "")
        }
    }

    // MARK: - Cell encoding

    private static let separator: Character = "\u{1F}"

    /// Cells as one text: a type letter and the value per cell, separated by U+001F.
    static func encode(_ cells: [CellValue?]) -> String {
        cells.map { cell -> String in
            guard let cell else { return "" }
            switch cell {
            case .text(let s): return "t" + s.replacingOccurrences(of: "\u{1F}", with: " ")
            case .number(let x): return "n" + "\(x)"
            case .boolean(let b): return b ? "b1" : "b0"
            case .date(let d): return "d\(ExcelDate.serial(d, system: .excel1900))"
            case .time(let t): return "n\(Double(t.millisecondOfDay) / 86_400_000)"
            case .duration(let s): return "n\(s / 86_400)"
            case .error(let e): return "e" + e
            }
        }.joined(separator: String(separator))
    }

    static func decode(_ text: String) -> [CellValue?] {
        text.split(separator: separator, omittingEmptySubsequences: false).map { part -> CellValue? in
            guard let tag = part.first else { return nil }
            let rest = String(part.dropFirst())
            switch tag {
            case "t": return .text(rest)
            case "n": return Double(rest).map(CellValue.number)
            case "b": return .boolean(rest == "1")
            case "d":
                return Double(rest).flatMap { ExcelDate.dateTime(serial: $0, system: .excel1900) }.map(CellValue.date)
            case "e": return .error(rest)
            default: return nil
            }
        }
    }
}

/// SHA-256 of a file, streamed.
enum FileHash {
    static func sha256(path: String, displayName: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw XLSXError(.cannotOpen, "cannot open for hashing", file: displayName)
        }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(chunk)
        }
        return hasher.hexDigest()
    }
}

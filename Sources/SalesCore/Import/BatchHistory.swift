import Foundation

/// The import batches recorded in the store, and undoing one.
public enum BatchHistory {
    /// One batch as `sales-import history` lists it.
    public struct Entry: Sendable {
        public var id: Int64
        public var file: String
        public var sha256: String?
        public var startedAt: String
        public var finishedAt: String?
        public var user: String
        public var status: String
        /// Per sheet: entity and counts, as recorded.
        public var sheetCounts: String?
        /// Rows inserted and updated, summed over the sheets.
        public var inserted: Int
        public var updated: Int
    }

    /// Every batch, oldest first.
    public static func list(_ store: Store) throws -> [Entry] {
        try store.read { connection in
            var entries: [Entry] = []
            try connection.forEachRow(
                """
                SELECT b.id, b.file_name, b.file_sha256, b.started_at, b.finished_at, b.user_name, b.status,
                       b.sheet_counts_json,
                       (SELECT coalesce(sum(json_extract(v.value, '$.inserted')), 0) FROM json_each(b.sheet_counts_json) v)
                           AS inserted,
                       (SELECT coalesce(sum(json_extract(v.value, '$.updated')), 0) FROM json_each(b.sheet_counts_json) v)
                           AS updated
                FROM import_batch b ORDER BY b.id
                """
            ) { r in
                entries.append(
                    try Entry(
                        id: r.int64("id"), file: r.text("file_name") ?? "", sha256: r.text("file_sha256"),
                        startedAt: r.text("started_at") ?? "", finishedAt: r.text("finished_at"),
                        user: r.text("user_name") ?? "", status: r.text("status") ?? "",
                        sheetCounts: r.text("sheet_counts_json"), inserted: Int(r.value("inserted").int64 ?? 0),
                        updated: Int(r.value("updated").int64 ?? 0)))
            }
            return entries
        }
    }

    /// What undoing a batch did.
    public struct UndoResult: Sendable {
        public var batch: Int64
        public var deleted: Int
        public var restored: Int
    }

    /// Restores every row the batch inserted or changed to its state before the batch.
    ///
    /// - Throws: ``ImportError/undoConflict(_:)`` naming the rows, when a later batch (or another tool)
    ///   changed or used them since; nothing is changed then. ``ImportError/batch(_:)`` for an unknown or
    ///   already undone batch.
    public static func undo(_ batch: Int64, in store: Store) throws -> UndoResult {
        try store.write { connection in
            guard
                let status = try connection.scalar("SELECT status FROM import_batch WHERE id = ?", [.integer(batch)])?
                    .text
            else { throw ImportError.batch("there is no batch \(batch) (sales-import history lists them)") }
            guard status == "committed" else {
                throw ImportError.batch("batch \(batch) is \(status); only a committed batch can be undone")
            }

            let changes = try connection.query(
                """
                SELECT table_name, row_id, action, before_json FROM import_row_change WHERE batch_id = ? ORDER BY id DESC
                """, [.integer(batch)]
            ).filter { tables.contains($0[0].text ?? "") }
            let runs = try connection.query(
                """
                SELECT table_name, first_id, last_id FROM import_insert_run WHERE batch_id = ? ORDER BY first_id
                """, [.integer(batch)]
            ).filter { tables.contains($0[0].text ?? "") }

            // Refuse, naming rows, when anything this batch wrote has been changed or removed since.
            var conflicts: [String] = []
            for change in changes {
                let table = change[0].text ?? ""
                let id = change[1].int64 ?? 0
                let current = try connection.query("SELECT batch_id FROM \(table) WHERE id = ?", [.integer(id)])
                if current.isEmpty {
                    conflicts.append("\(table) row \(id) was deleted since")
                } else if current[0][0] != .integer(batch) {
                    let by = current[0][0].int64.map { "batch \($0)" } ?? "another tool"
                    conflicts.append("\(try describe(table, id, connection)) was changed since by \(by)")
                }
            }
            for run in runs {
                let table = run[0].text ?? ""
                let first = run[1].int64 ?? 0
                let last = run[2].int64 ?? 0
                let range: [SQLValue] = [.integer(first), .integer(last)]
                for row in try connection.query(
                    """
                    SELECT id, batch_id FROM \(table) WHERE id BETWEEN ? AND ? AND batch_id IS NOT ? LIMIT 20
                    """, range + [.integer(batch)])
                {
                    let by = row[1].int64.map { "batch \($0)" } ?? "another tool"
                    conflicts.append("\(try describe(table, row[0].int64 ?? 0, connection)) was changed since by \(by)")
                }
                let present =
                    try connection.scalar("SELECT count(*) FROM \(table) WHERE id BETWEEN ? AND ?", range)?.int64 ?? 0
                if present < last - first + 1 {
                    conflicts.append("\(last - first + 1 - present) \(table) rows of this batch were deleted since")
                }
            }
            if !conflicts.isEmpty { throw conflict(batch, conflicts) }

            // Restore changed rows first (their current values may point at rows this batch inserted),
            // then remove inserted rows, facts before the dimensions they refer to.
            var deleted = 0
            var restored = 0
            for change in changes {
                let table = change[0].text ?? ""
                let id = change[1].int64 ?? 0
                if change[2].text == "insert" {
                    try deleteRows(table, id, id, batch: batch, connection)
                    deleted += 1
                } else if let before = change[3].text {
                    let columns = try connection.query("SELECT key FROM json_each(?)", [.text(before)]).compactMap {
                        $0[0].text
                    }
                    let assignments = columns.map { "\($0) = json_extract(?1, '$.\($0)')" }.joined(separator: ", ")
                    try connection.execute(
                        "UPDATE \(table) SET \(assignments) WHERE id = ?2", [.text(before), .integer(id)])
                    restored += 1
                }
            }
            for table in deletionOrder {
                for run in runs.reversed() where run[0].text == table {
                    let first = run[1].int64 ?? 0
                    let last = run[2].int64 ?? 0
                    try deleteRows(table, first, last, batch: batch, connection)
                    deleted += Int(last - first + 1)
                }
            }
            // Deferred references (people's managers) are checked only at commit: check them now, to name the rows.
            let dangling = try connection.query("PRAGMA foreign_key_check")
            if !dangling.isEmpty {
                throw conflict(
                    batch,
                    dangling.map { "\($0[0].text ?? "?") row \($0[1].description) refers to a row this batch inserted" }
                )
            }
            try connection.execute("UPDATE import_batch SET status = 'undone' WHERE id = ?", [.integer(batch)])
            return UndoResult(batch: batch, deleted: deleted, restored: restored)
        }
    }

    /// Tables in the order their rows can be deleted: rows that refer to others first.
    private static let deletionOrder = [
        "feedback", "expense", "receivable", "opportunity", "order_line", "budget", "sales_target",
        "product", "customer", "person", "region",
    ]

    /// Deletes a batch's rows `first…last` of `table`; rows that other batches still use make it a conflict.
    private static func deleteRows(
        _ table: String, _ first: Int64, _ last: Int64, batch: Int64,
        _ connection: Connection
    ) throws {
        do {
            try connection.execute(
                "DELETE FROM \(table) WHERE id BETWEEN ? AND ? AND batch_id = ?",
                [.integer(first), .integer(last), .integer(batch)])
        } catch let error as StoreError where error.kind == .constraint {
            let name = first == last ? try describe(table, first, connection) : "\(table) rows \(first)–\(last)"
            if table == "expense",
                try connection.scalar(
                    """
                    SELECT 1 FROM approval_claim WHERE expense_id BETWEEN ? AND ? LIMIT 1
                    """, [.integer(first), .integer(last)]) != nil
            {
                throw conflict(
                    batch, ["\(name) include claims under approval"],
                    hint:
                        "Their routes, decisions and audit trail stay; correct the claims by importing a fixed file instead."
                )
            }
            throw conflict(batch, ["\(name) is used by rows another batch wrote"])
        }
    }

    private static let tables: Set<String> = [
        "region", "person", "customer", "product", "order_line", "sales_target", "opportunity", "receivable",
        "expense", "budget", "feedback",
    ]

    private static func conflict(
        _ batch: Int64, _ rows: [String],
        hint: String = "Undo the later batches first."
    ) -> ImportError {
        let shown = rows.prefix(10).joined(separator: "; ")
        let more = rows.count > 10 ? "; and \(rows.count - 10) more" : ""
        return .undoConflict("cannot undo batch \(batch): \(shown)\(more). \(hint)")
    }

    /// `customer C00012 (苏州恒信精密机械有限公司)`: a row named by its natural key.
    private static func describe(_ table: String, _ id: Int64, _ connection: Connection) throws -> String {
        let expression: String
        switch table {
        case "region": expression = "name"
        case "person": expression = "login"
        case "customer": expression = "coalesce(code || ' (' || name || ')', name)"
        case "product": expression = "coalesce(sku || ' (' || name || ')', name)"
        case "order_line": expression = "order_no"
        case "sales_target", "budget": expression = "scope || ' ' || scope_key || ' ' || period"
        case "opportunity", "feedback": expression = "coalesce(code, id)"
        case "receivable": expression = "invoice_no"
        case "expense": expression = "expense_no"
        default: expression = "id"
        }
        let key = try connection.scalar("SELECT \(expression) FROM \(table) WHERE id = ?", [.integer(id)])
        let text = key?.text ?? key?.int64.map(String.init) ?? String(id)
        return "\(table) \(text)"
    }
}

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
            try connection.query("""
                SELECT b.id, b.file_name, b.file_sha256, b.started_at, b.finished_at, b.user_name, b.status,
                       b.sheet_counts_json,
                       (SELECT coalesce(sum(json_extract(v.value, '$.inserted')), 0) FROM json_each(b.sheet_counts_json) v),
                       (SELECT coalesce(sum(json_extract(v.value, '$.updated')), 0) FROM json_each(b.sheet_counts_json) v)
                FROM import_batch b ORDER BY b.id
                """).map { r in
                Entry(id: r[0].int64 ?? 0, file: r[1].text ?? "", sha256: r[2].text, startedAt: r[3].text ?? "",
                      finishedAt: r[4].text, user: r[5].text ?? "", status: r[6].text ?? "", sheetCounts: r[7].text,
                      inserted: Int(r[8].int64 ?? 0), updated: Int(r[9].int64 ?? 0))
            }
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
            guard let status = try connection.scalar("SELECT status FROM import_batch WHERE id = ?", [.integer(batch)])?.text
            else { throw ImportError.batch("there is no batch \(batch) (sales-import history lists them)") }
            guard status == "committed" else { throw ImportError.batch("batch \(batch) is \(status); only a committed batch can be undone") }

            let changes = try connection.query("""
                SELECT table_name, row_id, action, before_json FROM import_row_change WHERE batch_id = ? ORDER BY id DESC
                """, [.integer(batch)])
            var conflicts: [String] = []
            for change in changes {
                let table = change[0].text ?? "", id = change[1].int64 ?? 0
                guard tables.contains(table) else { continue }
                let current = try connection.query("SELECT batch_id FROM \(table) WHERE id = ?", [.integer(id)])
                if current.isEmpty {
                    conflicts.append("\(table) row \(id) was deleted since")
                } else if current[0][0] != .integer(batch) {
                    let by = current[0][0].int64.map { "batch \($0)" } ?? "another tool"
                    conflicts.append("\(try describe(table, id, connection)) was changed since by \(by)")
                }
            }
            if !conflicts.isEmpty { throw conflict(batch, conflicts) }

            var deleted = 0, restored = 0
            for change in changes {
                let table = change[0].text ?? "", id = change[1].int64 ?? 0
                guard tables.contains(table) else { continue }
                if change[2].text == "insert" {
                    let name = try describe(table, id, connection)
                    do {
                        try connection.execute("DELETE FROM \(table) WHERE id = ?", [.integer(id)])
                    } catch let error as StoreError where error.kind == .constraint {
                        throw conflict(batch, ["\(name) is used by rows another batch wrote"])
                    }
                    deleted += 1
                } else if let before = change[3].text {
                    let columns = try connection.query("SELECT key FROM json_each(?)", [.text(before)]).compactMap { $0[0].text }
                    let assignments = columns.map { "\($0) = json_extract(?1, '$.\($0)')" }.joined(separator: ", ")
                    try connection.execute("UPDATE \(table) SET \(assignments) WHERE id = ?2", [.text(before), .integer(id)])
                    restored += 1
                }
            }
            try connection.execute("UPDATE import_batch SET status = 'undone' WHERE id = ?", [.integer(batch)])
            return UndoResult(batch: batch, deleted: deleted, restored: restored)
        }
    }

    private static let tables: Set<String> = [
        "region", "person", "customer", "product", "order_line", "sales_target", "opportunity", "receivable",
        "expense", "budget", "feedback",
    ]

    private static func conflict(_ batch: Int64, _ rows: [String]) -> ImportError {
        let shown = rows.prefix(10).joined(separator: "; ")
        let more = rows.count > 10 ? "; and \(rows.count - 10) more" : ""
        return .undoConflict("cannot undo batch \(batch): \(shown)\(more). Undo the later batches first.")
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

/// Inserts or updates one entity's rows by natural key, journalling what it changes for undo.
final class Upserter {
    enum Outcome { case inserted, updated, unchanged }

    private let connection: Connection
    private let batch: Int64
    private let entity: Entity
    private let binding: TableBinding
    private let resolver: ReferenceResolver
    private let fields: [Field]
    private let fieldIndex: [String: Int]
    /// Every column of the table but `id` and generated ones, for the journal's before-image.
    private let allColumns: [String]
    /// Natural keys already written in this batch → the sheet row that wrote them.
    private var seen: [String: Int] = [:]
    /// People whose `reports_to` is set after the whole sheet, so a file may list reps before managers.
    private var pendingManagers: [(id: Int64, manager: String, row: Int, outcome: Outcome)] = []
    private var promoted = 0

    init(connection: Connection, batch: Int64, entity: Entity, resolver: ReferenceResolver) throws {
        self.connection = connection
        self.batch = batch
        self.entity = entity
        self.resolver = resolver
        binding = TableBinding.binding(for: entity)
        fields = entity.fields
        fieldIndex = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        allColumns = try connection.query("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 AND name <> 'id'",
                                          [.text(binding.table)]).compactMap { $0.first?.text }
    }

    private func value(_ values: [SQLValue], _ field: String) -> SQLValue {
        fieldIndex[field].map { values[$0] } ?? .null
    }

    /// Writes one staged row.
    func upsert(_ values: [SQLValue], row: Int) throws -> Outcome {
        var columns: [(String, SQLValue)] = []
        func set(_ column: String, _ v: SQLValue) {
            if let i = columns.firstIndex(where: { $0.0 == column }) { columns[i].1 = v } else { columns.append((column, v)) }
        }
        var manager: String?
        for (field, target) in binding.targets {
            let v = value(values, field)
            guard !v.isNull else { continue }
            switch target {
            case .column(let column):
                set(column, v)
            case .reference(let column, let dimension):
                guard column != "reports_to_id" else { manager = v.text; continue }
                set(column, .integer(try resolve(dimension, values: values, field: field)))
            case .attribute:
                continue
            }
        }
        if entity == .feedback {
            let kind = value(values, "kind").text ?? (value(values, "status").isNull ? "survey" : "complaint")
            set("kind", .text(kind))
            if kind == "complaint" && value(values, "status").isNull { set("status", .text("open")) }
        }

        // The first natural key whose columns all have values identifies the row.
        guard let keyIndex = binding.keys.firstIndex(where: { key in key.allSatisfy { k in columns.contains { $0.0 == k } } })
        else { throw RowFailure(field: nil, reason: "no value for the row's key (" + (entity.naturalKeys.first ?? []).joined(separator: ", ") + ")") }
        let key = binding.keys[keyIndex]
        let keyValues = key.map { k in columns.first { $0.0 == k }!.1 }
        let seenKey = keyValues.map(\.description).joined(separator: "\u{1}")
        if let earlier = seen[seenKey] {
            throw RowFailure(field: fields.first { $0.isNaturalKey }?.name,
                             reason: "same \(key.joined(separator: " + ")) as row \(earlier) of this import")
        }
        seen[seenKey] = row

        // Fallback keys only match rows that lack the preferred key (see the partial unique indexes).
        var conditions = key.map { "\($0) = ?" }
        if keyIndex > 0 { conditions += binding.keys[0].filter { !key.contains($0) }.map { "\($0) IS NULL" } }
        let existing = try connection.cachedStatement(
            "SELECT id FROM \(binding.table) WHERE \(conditions.joined(separator: " AND "))")
        try existing.bind(keyValues)
        let id: Int64? = try existing.step() ? existing.int64(at: 0) : nil
        existing.reset()

        let outcome: Outcome
        let rowID: Int64
        if let id {
            rowID = id
            let current = try connection.cachedStatement(
                "SELECT \(columns.map(\.0).joined(separator: ", ")) FROM \(binding.table) WHERE id = ?")
            try current.bind([.integer(id)])
            _ = try current.step()
            let old = current.row()
            current.reset()
            if zip(old, columns).allSatisfy({ $0 == $1.1 }) {
                outcome = .unchanged
            } else {
                try journalUpdate(id)
                let assignments = columns.map { "\($0.0) = ?" }.joined(separator: ", ")
                try connection.cachedStatement("UPDATE \(binding.table) SET \(assignments), batch_id = ? WHERE id = ?")
                    .execute(columns.map(\.1) + [.integer(batch), .integer(id)])
                outcome = .updated
            }
        } else {
            let names = columns.map(\.0) + ["batch_id"]
            let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
            do {
                try connection.cachedStatement("INSERT INTO \(binding.table) (\(names.joined(separator: ", "))) VALUES (\(marks))")
                    .execute(columns.map(\.1) + [.integer(batch)])
            } catch let error as StoreError where error.kind == .constraint {
                throw RowFailure(field: nil, reason: "the store refused the row: \(error.message)")
            }
            rowID = connection.lastInsertRowID
            try connection.cachedStatement("""
                INSERT OR IGNORE INTO import_row_change (batch_id, table_name, row_id, action) VALUES (?, ?, ?, 'insert')
                """).execute([.integer(batch), .text(binding.table), .integer(rowID)])
            outcome = .inserted
        }
        if let manager { pendingManagers.append((rowID, manager, row, outcome)) }
        return outcome
    }

    /// Sets the deferred references (people's managers) once every row of the sheet exists.
    func finish(_ counts: inout ImportReport.SheetCounts) throws {
        for pending in pendingManagers {
            let managerID = try resolver.person(pending.manager, field: "reports_to")
            let current = try connection.scalar("SELECT reports_to_id FROM person WHERE id = ?", [.integer(pending.id)])
            guard current != .integer(managerID) else { continue }
            guard managerID != pending.id else { continue }
            try journalUpdate(pending.id)
            try connection.cachedStatement("UPDATE person SET reports_to_id = ?, batch_id = ? WHERE id = ?")
                .execute([.integer(managerID), .integer(batch), .integer(pending.id)])
            if pending.outcome == .unchanged {
                counts.unchanged -= 1
                counts.updated += 1
            }
        }
        pendingManagers.removeAll()
    }

    /// Keeps the row's state before this batch first changed it.
    private func journalUpdate(_ id: Int64) throws {
        let image = allColumns.map { "'\($0)', \($0)" }.joined(separator: ", ")
        try connection.cachedStatement("""
            INSERT OR IGNORE INTO import_row_change (batch_id, table_name, row_id, action, before_json)
            SELECT ?, ?, id, 'update', json_object(\(image)) FROM \(binding.table) WHERE id = ?
            """).execute([.integer(batch), .text(binding.table), .integer(id)])
    }

    private func resolve(_ dimension: TableBinding.Dimension, values: [SQLValue], field: String) throws -> Int64 {
        switch dimension {
        case .region:
            return try resolver.region(value(values, field).text ?? "", field: field)
        case .person:
            return try resolver.person(value(values, field).text ?? "", field: field)
        case .customer:
            return try resolver.customer(code: value(values, "customer_code").text, name: value(values, "customer").text,
                                         region: entity == .orders ? value(values, "region").text : nil, field: field)
        case .product:
            return try resolver.product(sku: value(values, "sku").text, name: value(values, "product").text,
                                        line: value(values, "product_line").text, field: field)
        }
    }
}

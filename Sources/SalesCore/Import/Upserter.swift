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
    /// People whose `reports_to` is set after the whole sheet, so a file may list reps before managers.
    private var pendingManagers: [(id: Int64, manager: String, row: Int, outcome: Outcome)] = []
    private var promoted = 0

    /// The binding's targets with the index of their field in the staged row and of their column in `settable`.
    private let plannedTargets: [(field: Int, name: String, target: TableBinding.Target, column: Int)]
    /// Staged-row positions of the fields that name a customer or product (code and name) and describe one.
    private let customerCode: Int?, customerName: Int?, orderRegion: Int?
    private let productSKU: Int?, productName: Int?, productLine: Int?
    /// Every column a row may set, in a fixed order; a row's columns are a bit mask over it.
    private let settable: [String]
    private let settableIndex: [String: Int]
    /// Statements prepared once per column set (and per key), so a row costs no SQL text.
    private var lookups: [Int: Statement] = [:]
    private var selects: [UInt64: Statement] = [:]
    private var updates: [UInt64: Statement] = [:]
    private var inserts: [UInt64: Statement] = [:]
    private var underApproval: Statement?
    private let journal: InsertJournal

    init(connection: Connection, batch: Int64, entity: Entity, resolver: ReferenceResolver,
         journal: InsertJournal) throws {
        self.connection = connection
        self.batch = batch
        self.entity = entity
        self.resolver = resolver
        binding = TableBinding.binding(for: entity)
        fields = entity.fields
        fieldIndex = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        allColumns = try connection.query("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 AND name <> 'id'",
                                          [.text(binding.table)]).compactMap { $0.first?.text }
        let index = fieldIndex
        let targets = binding.targets.compactMap { name, target in index[name].map { ($0, name, target) } }
            .sorted { $0.0 < $1.0 }
        var columns: [String] = []
        for (_, _, target) in targets {
            switch target {
            case .column(let c), .reference(let c, _): if !columns.contains(c) { columns.append(c) }
            case .attribute: break
            }
        }
        for extra in ["kind", "status"] where entity == .feedback && !columns.contains(extra) { columns.append(extra) }
        settable = columns
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        settableIndex = columnIndex
        plannedTargets = targets.map { field, name, target in
            switch target {
            case .column(let c), .reference(let c, _): return (field, name, target, columnIndex[c]!)
            case .attribute: return (field, name, target, -1)
            }
        }
        customerCode = index["customer_code"]
        customerName = index["customer"]
        orderRegion = entity == .orders ? index["region"] : nil
        productSKU = index["sku"]
        productName = index["product"]
        productLine = index["product_line"]
        self.journal = journal
    }

    private func value(_ values: [SQLValue], _ field: String) -> SQLValue {
        fieldIndex[field].map { values[$0] } ?? .null
    }

    /// Writes one staged row.
    func upsert(_ values: [SQLValue], row: Int) throws -> Outcome {
        // The row's column values, by position in `settable`; `mask` says which are set.
        var set = [SQLValue](repeating: .null, count: settable.count)
        var mask: UInt64 = 0
        func assign(_ i: Int, _ v: SQLValue) {
            set[i] = v
            mask |= 1 << UInt64(i)
        }
        func assign(_ column: String, _ v: SQLValue) { assign(settableIndex[column]!, v) }
        var manager: String?
        for (field, name, target, column) in plannedTargets {
            let v = values[field]
            guard !v.isNull else { continue }
            switch target {
            case .column:
                assign(column, v)
            case .reference(let columnName, let dimension):
                guard columnName != "reports_to_id" else { manager = v.text; continue }
                if mask & (1 << UInt64(column)) != 0 { continue }  // a code and a name naming one row
                assign(column, .integer(try resolve(dimension, values: values, field: field, name: name)))
            case .attribute:
                continue
            }
        }
        if entity == .feedback {
            let kind = value(values, "kind").text ?? (value(values, "status").isNull ? "survey" : "complaint")
            assign("kind", .text(kind))
            if kind == "complaint" && value(values, "status").isNull { assign("status", .text("open")) }
        }
        func has(_ column: String) -> Bool { settableIndex[column].map { mask & (1 << UInt64($0)) != 0 } ?? false }

        // The first natural key whose columns all have values identifies the row.
        guard let keyIndex = binding.keys.firstIndex(where: { $0.allSatisfy(has) }) else {
            throw RowFailure(field: nil, reason: "no value for the row's key ("
                             + (entity.naturalKeys.first ?? []).joined(separator: ", ") + ")")
        }
        let key = binding.keys[keyIndex]
        let keyValues = key.map { set[settableIndex[$0]!] }

        let lookup = try statement(&lookups, keyIndex) {
            // Fallback keys only match rows that lack the preferred key (see the partial unique indexes).
            var conditions = key.map { "\($0) = ?" }
            if keyIndex > 0 { conditions += binding.keys[0].filter { !key.contains($0) }.map { "\($0) IS NULL" } }
            return "SELECT id FROM \(binding.table) WHERE \(conditions.joined(separator: " AND "))"
        }
        try lookup.bind(keyValues)
        let id: Int64? = try lookup.step() ? lookup.int64(at: 0) : nil
        lookup.reset()

        // Once a claim is under approval its status is the approval's (sales-approve decides it): the file's
        // status is left out, so re-importing the original sheet finds the row unchanged.
        if entity == .expenses, let id, let status = settableIndex["status"], mask & (1 << UInt64(status)) != 0 {
            if underApproval == nil {
                underApproval = try connection.prepare("SELECT 1 FROM approval_claim WHERE expense_id = ?")
            }
            if let check = underApproval {
                try check.bind([.integer(id)])
                if try check.step() { mask &= ~(1 << UInt64(status)) }
                check.reset()
            }
        }
        let present = settable.indices.filter { mask & (1 << UInt64($0)) != 0 }
        let presentValues = present.map { set[$0] }
        let outcome: Outcome
        let rowID: Int64
        if let id {
            rowID = id
            let current = try statement(&selects, mask) {
                "SELECT \(present.map { settable[$0] }.joined(separator: ", ")) FROM \(binding.table) WHERE id = ?"
            }
            try current.bind([.integer(id)])
            _ = try current.step()
            let old = current.row()
            current.reset()
            if old == presentValues {
                outcome = .unchanged
            } else {
                try journalUpdate(id)
                let update = try statement(&updates, mask) {
                    let assignments = present.map { "\(settable[$0]) = ?" }.joined(separator: ", ")
                    return "UPDATE \(binding.table) SET \(assignments), batch_id = ? WHERE id = ?"
                }
                try update.execute(presentValues + [.integer(batch), .integer(id)])
                outcome = .updated
            }
        } else {
            let insert = try statement(&inserts, mask) {
                let names = present.map { settable[$0] } + ["batch_id"]
                let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
                return "INSERT INTO \(binding.table) (\(names.joined(separator: ", "))) VALUES (\(marks))"
            }
            do {
                try insert.execute(presentValues + [.integer(batch)])
            } catch let error as StoreError where error.kind == .constraint {
                throw RowFailure(field: nil, reason: "the store refused the row: \(error.message)")
            }
            rowID = connection.lastInsertRowID
            try journal.record(binding.table, rowID)
            outcome = .inserted
        }
        if let manager { pendingManagers.append((rowID, manager, row, outcome)) }
        return outcome
    }

    /// A statement from `cache`, prepared from `sql()` the first time `key` is asked for.
    private func statement<K: Hashable>(_ cache: inout [K: Statement], _ key: K, _ sql: () -> String) throws -> Statement {
        if let cached = cache[key] {
            cached.reset()
            return cached
        }
        let prepared = try connection.prepare(sql())
        cache[key] = prepared
        return prepared
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

    private func resolve(_ dimension: TableBinding.Dimension, values: [SQLValue], field: Int, name: String) throws -> Int64 {
        func text(_ index: Int?) -> String? { index.flatMap { values[$0].text } }
        switch dimension {
        case .region:
            return try resolver.region(values[field].text ?? "", field: name)
        case .person:
            return try resolver.person(values[field].text ?? "", field: name)
        case .customer:
            return try resolver.customer(code: text(customerCode), name: text(customerName), region: text(orderRegion),
                                         field: name)
        case .product:
            return try resolver.product(sku: text(productSKU), name: text(productName), line: text(productLine),
                                        field: name)
        }
    }
}

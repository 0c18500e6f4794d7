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
    /// Per natural key, the bits of its columns in `settable` (nil when a column cannot be set), and their positions.
    private let keyMasks: [UInt64?]
    private let keyPositions: [[Int]]
    /// Orders only: until an insert meets an existing key (then for the rest of the sheet, so a re-import
    /// does not pay for refused inserts), a row is inserted straight away. The table's unique constraints on both natural keys
    /// (`UNIQUE (order_no, product_id)` and the partial unique index on `order_no` where `product_id IS NULL`)
    /// refuse exactly the rows the key lookup would find, so an insert that succeeds is the insert the
    /// lookup would have led to; any refusal runs the full path below, as if nothing had been tried.
    private var insertFirst = false

    init(
        connection: Connection, batch: Int64, entity: Entity, resolver: ReferenceResolver,
        journal: InsertJournal
    ) throws {
        self.connection = connection
        self.batch = batch
        self.entity = entity
        self.resolver = resolver
        binding = TableBinding.binding(for: entity)
        fields = entity.fields
        fieldIndex = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        allColumns = try connection.query(
            "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 AND name <> 'id'",
            [.text(binding.table)]
        ).compactMap { $0.first?.text }
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
        for extra in ["kind", "category", "amount_cents", "non_standard"]
        where entity.documentKind != nil && !columns.contains(extra)
            && (extra != "non_standard" || entity == .contracts)
        {
            columns.append(extra)
        }
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
        keyMasks = binding.keys.map { key in
            var mask: UInt64 = 0
            for column in key {
                guard let i = columnIndex[column] else { return nil }
                mask |= 1 << UInt64(i)
            }
            return mask
        }
        keyPositions = binding.keys.map { $0.map { columnIndex[$0] ?? -1 } }
        insertFirst = entity == .orders
    }

    private func value(_ values: [SQLValue], _ field: String) -> SQLValue {
        fieldIndex[field].map { values[$0] } ?? .null
    }

    /// Writes one staged row.
    func upsert(_ values: [SQLValue], row: Int) throws -> Outcome {
        let (set, mask, keyIndex, manager) = try prepare(values)
        return try write(set, mask: mask, keyIndex: keyIndex, manager: manager, row: row)
    }

    /// The row's settable column values, which are set, its natural key and (people) its manager;
    /// references are resolved (dimension rows created) here.
    private func prepare(
        _ values: [SQLValue]
    ) throws -> (set: [SQLValue], mask: UInt64, keyIndex: Int, manager: String?) {
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
                guard columnName != "reports_to_id" else {
                    manager = v.text
                    continue
                }
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
        // A contract or price exception is an `expense` row of its kind (category `other`); a price exception's
        // amount, when the sheet has none, is its requested price × quantity (RowRules checked it fits).
        if let kind = entity.documentKind {
            assign("kind", .text(kind.rawValue))
            assign("category", .text("other"))
            if kind == .price, value(values, "amount").isNull, let price = value(values, "requested_price").int64,
                let quantity = value(values, "quantity").int64
            {
                assign("amount_cents", .integer(price &* quantity))
            }
            // A contract sheet without the flag (or with it blank) holds standard contracts.
            if kind == .contract, value(values, "non_standard").isNull { assign("non_standard", .integer(0)) }
        }
        // The first natural key whose columns all have values identifies the row.
        guard let keyIndex = keyMasks.firstIndex(where: { $0.map { mask & $0 == $0 } ?? false }) else {
            throw RowFailure(
                field: nil,
                reason: "no value for the row's key ("
                    + (entity.naturalKeys.first ?? []).joined(separator: ", ") + ")")
        }
        return (set, mask, keyIndex, manager)
    }

    /// Writes a prepared row: inserts it, or updates the row its key finds, or leaves that row unchanged.
    private func write(_ set: [SQLValue], mask: UInt64, keyIndex: Int, manager: String?, row: Int) throws -> Outcome {
        var mask = mask
        if insertFirst, let id = try insertedDirectly(set, mask: mask) {
            if let manager { pendingManagers.append((id, manager, row, .inserted)) }
            return .inserted
        }
        let key = binding.keys[keyIndex]
        let keyValues = keyPositions[keyIndex].map { set[$0] }

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
        if entity == .expenses || entity.documentKind != nil, let id, let status = settableIndex["status"],
            mask & (1 << UInt64(status)) != 0
        {
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
            let insert = try insertStatement(mask)
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

    // MARK: - Multi-row inserts

    /// Orders written without `--skip-invalid`: rows that would be inserted first (see ``insertFirst``) are
    /// collected and inserted up to ``batchRows`` at a time by one multi-row `INSERT`. One statement run
    /// instead of one per row pays SQLite's per-statement work (the statement journal, setting up the row
    /// loop) once per batch. The statement is all or nothing: when the store refuses any of its rows,
    /// nothing was written, and each row goes the full way, in order, as if one at a time.
    private(set) var batching = false
    static let batchRows = 64
    private var pending: [(set: [SQLValue], mask: UInt64, keyIndex: Int, row: Int)] = []
    /// Outcomes of rows written by the last flush, in row order, for the caller to count.
    private var ready: [(row: Int, result: Result<Outcome, RowFailure>)] = []
    private var multiInserts: [Int: Statement] = [:]
    private var maxID: Statement?

    /// Turns multi-row inserts on (orders only, and only when rows are not rolled back one by one).
    func enableBatching() {
        batching = entity == .orders && insertFirst
    }

    /// Prepares the row and keeps it for a multi-row insert; false, having done nothing, when the row must
    /// be written on its own (``upsert(_:row:)``). Throws the row's ``RowFailure`` from resolving it.
    func enqueue(_ values: [SQLValue], row: Int) throws -> Bool {
        guard batching && insertFirst else { return false }
        let (set, mask, keyIndex, manager) = try prepare(values)
        precondition(manager == nil, "orders have no manager")
        if let first = pending.first, first.mask != mask { try flush() }
        pending.append((set, mask, keyIndex, row))
        if pending.count >= Self.batchRows { try flush() }
        return true
    }

    /// Outcomes of rows written since the last call, in row order.
    func takeReady() -> [(row: Int, result: Result<Outcome, RowFailure>)] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }

    /// Writes the kept rows; their outcomes are then in ``takeReady()``.
    func flush() throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        if insertFirst, let ids = try insertedTogether(rows) {
            for (k, id) in ids.enumerated() {
                try journal.record(binding.table, id)
                ready.append((rows[k].row, .success(.inserted)))
            }
            return
        }
        for r in rows {
            do {
                ready.append(
                    (r.row, .success(try write(r.set, mask: r.mask, keyIndex: r.keyIndex, manager: nil, row: r.row))))
            } catch let failure as RowFailure {
                ready.append((r.row, .failure(failure)))
            }
        }
    }

    /// One multi-row insert of rows sharing a column mask: the new ids in row order, or nil when the store
    /// refused the statement (nothing written; ``insertFirst`` is then off for the rest of the sheet).
    private func insertedTogether(_ rows: [(set: [SQLValue], mask: UInt64, keyIndex: Int, row: Int)]) throws -> [Int64]?
    {
        let mask = rows[0].mask
        let present = settable.indices.filter { mask & (1 << UInt64($0)) != 0 }
        let key = rows.count << 40 | Int(truncatingIfNeeded: mask)
        let insert: Statement
        if let cached = multiInserts[key] {
            insert = cached
            insert.reset()
        } else {
            let names = present.map { settable[$0] } + ["batch_id"]
            let tuple = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
            insert = try connection.prepare(
                "INSERT INTO \(binding.table) (\(names.joined(separator: ", "))) VALUES "
                    + Array(repeating: tuple, count: rows.count).joined(separator: ", "))
            multiInserts[key] = insert
        }
        // New rows take the largest id so far plus one, one after another (SQLite's rowid rule while the
        // largest id is below 2^63 - 1): the ids of this statement are then `before + 1 ... before + n`.
        if maxID == nil { maxID = try connection.prepare("SELECT max(id) FROM \(binding.table)") }
        let before: Int64
        if let m = maxID {
            m.reset()
            _ = try m.step()
            before = m.isNull(at: 0) ? 0 : m.int64(at: 0)
            m.reset()
        } else {
            before = 0
        }
        guard before < Int64.max - Int64(rows.count) - 1 else {
            insertFirst = false
            return nil
        }
        var index = 1
        for r in rows {
            for i in present {
                try insert.bind(r.set[i], at: index)
                index += 1
            }
            try insert.bind(batch, at: index)
            index += 1
        }
        guard try stepUnlessRefused(insert) else { return nil }
        insert.reset()
        let last = connection.lastInsertRowID
        guard last == before + Int64(rows.count) else {
            throw StoreError(kind: .other, message: "rows inserted into \(binding.table) did not get consecutive ids")
        }
        return (0..<rows.count).map { before + 1 + Int64($0) }
    }

    /// The insert of the full path, tried first (see ``insertFirst``): the new row's id, or nil when the store
    /// refused it (nothing was written; the caller goes the full way, and later rows do too).
    private func insertedDirectly(_ set: [SQLValue], mask: UInt64) throws -> Int64? {
        let insert = try insertStatement(mask)
        var index = 1
        for i in settable.indices where mask & (1 << UInt64(i)) != 0 {
            try insert.bind(set[i], at: index)
            index += 1
        }
        try insert.bind(batch, at: index)
        guard try stepUnlessRefused(insert) else { return nil }
        let rowID = connection.lastInsertRowID
        try journal.record(binding.table, rowID)
        return rowID
    }

    /// Runs an insert of the insert-first path; false when the store refused it with a constraint error
    /// (nothing was written, and ``insertFirst`` is off for the rest of the sheet).
    private func stepUnlessRefused(_ insert: Statement) throws -> Bool {
        do {
            while try insert.step() {}
            return true
        } catch let error as StoreError where error.kind == .constraint {
            insert.reset()
            insertFirst = false
            return false
        }
    }

    private func insertStatement(_ mask: UInt64) throws -> Statement {
        try statement(&inserts, mask) {
            let names = settable.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { settable[$0] } + ["batch_id"]
            let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
            return "INSERT INTO \(binding.table) (\(names.joined(separator: ", "))) VALUES (\(marks))"
        }
    }

    /// A statement from `cache`, prepared from `sql()` the first time `key` is asked for.
    private func statement<K: Hashable>(
        _ cache: inout [K: Statement], _ key: K, _ sql: () -> String
    ) throws -> Statement {
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
        try connection.cachedStatement(
            """
            INSERT OR IGNORE INTO import_row_change (batch_id, table_name, row_id, action, before_json)
            SELECT ?, ?, id, 'update', json_object(\(image)) FROM \(binding.table) WHERE id = ?
            """
        ).execute([.integer(batch), .text(binding.table), .integer(id)])
    }

    private func resolve(
        _ dimension: TableBinding.Dimension, values: [SQLValue], field: Int, name: String
    ) throws -> Int64 {
        func text(_ index: Int?) -> String? { index.flatMap { values[$0].text } }
        switch dimension {
        case .region:
            return try resolver.region(values[field].text ?? "", field: name)
        case .person:
            return try resolver.person(values[field].text ?? "", field: name)
        case .customer:
            return try resolver.customer(
                code: text(customerCode), name: text(customerName), region: text(orderRegion),
                field: name)
        case .product:
            return try resolver.product(
                sku: text(productSKU), name: text(productName), line: text(productLine),
                field: name)
        }
    }
}

import Foundation

/// Turns the names, codes and logins that facts use into dimension row ids, creating unknown ones.
///
/// Every row it creates is recorded in the batch's change journal (so undo removes it) and counted.
/// With `strict`, an unknown reference is a row error instead.
final class ReferenceResolver {
    private let connection: Connection
    private let batch: Int64
    private let strict: Bool
    private let journal: InsertJournal
    private var regions: [String: Int64] = [:]
    private var people: [String: Int64] = [:]
    private var codedIDs: [CodedKey: Int64] = [:]
    /// Front caches keyed by exact bytes: hashing and comparing Chinese names as `String` normalises them
    /// (NFC) on every lookup. Byte-equal keys are `String`-equal, so a hit returns what the caches above
    /// would; a miss falls through to them. Emptied whenever the caches above forget anything.
    private var regionsByBytes: [ExactText: Int64] = [:]
    private var peopleByBytes: [ExactText: Int64] = [:]
    /// Customers (0) and products (1), one table each, so a lookup hashes only the code and the name.
    private var codedByBytes: [[ExactCodedKey: Int64]] = [[:], [:]]

    /// What was cached or created since ``mark()``, so a row rolled back to a savepoint can be forgotten.
    private enum Added {
        case region(String)
        case person(String)
        case coded(CodedKey)
        case created(Entity)
    }
    private var added: [Added] = []
    private var tracking = false

    /// Starts remembering what the next row adds (only needed when rows can be rolled back one by one).
    func mark() {
        tracking = true
        added.removeAll(keepingCapacity: true)
    }

    /// Forgets what was cached or created since ``mark()``: the row's writes were rolled back,
    /// and the ids it saw may be given to other rows.
    func rollBack() {
        if !added.isEmpty {
            regionsByBytes.removeAll()
            peopleByBytes.removeAll()
            for k in codedByBytes.indices { codedByBytes[k].removeAll() }
        }
        for entry in added.reversed() {
            switch entry {
            case .region(let key): regions[key] = nil
            case .person(let key): people[key] = nil
            case .coded(let key): codedIDs[key] = nil
            case .created(let entity): created[entity.rawValue, default: 0] -= 1
            }
        }
        added.removeAll(keepingCapacity: true)
    }

    /// A customer or product as facts name it: by code, by name, or both.
    private struct CodedKey: Hashable {
        var table: String
        var code: String?
        var name: String?
    }
    /// Rows created, by entity name (`customers`, `people`, `products`, `regions`).
    private(set) var created: [String: Int] = [:]

    init(connection: Connection, batch: Int64, strict: Bool, journal: InsertJournal) {
        self.connection = connection
        self.batch = batch
        self.strict = strict
        self.journal = journal
    }

    private func unknown(_ what: String, _ value: String, field: String) -> RowFailure {
        RowFailure(field: field, reason: "unknown \(what) “\(value)” (--strict refuses to create it)")
    }

    private func journalInsert(_ table: String, _ id: Int64) throws {
        try journal.record(table, id)
    }

    private func count(_ entity: Entity) {
        created[entity.rawValue, default: 0] += 1
        if tracking { added.append(.created(entity)) }
    }

    private func single(_ sql: String, _ args: [SQLValue]) throws -> [Int64] {
        let statement = try connection.cachedStatement(sql)
        try statement.bind(args)
        var ids: [Int64] = []
        while try statement.step() {
            ids.append(statement.int64(at: 0))
            if ids.count > 1 { break }
        }
        statement.reset()
        return ids
    }

    func region(_ name: String, field: String) throws -> Int64 {
        if let id = regionsByBytes[ExactText(name)] { return id }
        if let id = regions[name] {
            regionsByBytes[ExactText(name)] = id
            return id
        }
        var id = try single("SELECT id FROM region WHERE name = ?", [.text(name)]).first
        if id == nil {
            if strict { throw unknown("region", name, field: field) }
            try connection.cachedStatement("INSERT INTO region (name, batch_id) VALUES (?, ?)")
                .execute([.text(name), .integer(batch)])
            id = connection.lastInsertRowID
            try journalInsert("region", id!)
            count(.regions)
        }
        regions[name] = id
        regionsByBytes[ExactText(name)] = id
        if tracking { added.append(.region(name)) }
        return id!
    }

    /// A person by login, else by name when exactly one person has it; an unknown one is created
    /// with the value as both login and name, role `rep`.
    func person(_ key: String, field: String) throws -> Int64 {
        if let id = peopleByBytes[ExactText(key)] { return id }
        if let id = people[key] {
            peopleByBytes[ExactText(key)] = id
            return id
        }
        var id = try single("SELECT id FROM person WHERE login = ?", [.text(key)]).first
        if id == nil {
            let byName = try single("SELECT id FROM person WHERE name = ?", [.text(key)])
            if byName.count > 1 {
                throw RowFailure(field: field, reason: "“\(key)” is the name of several people; use their login")
            }
            id = byName.first
        }
        if id == nil {
            if strict { throw unknown("person", key, field: field) }
            try connection.cachedStatement("INSERT INTO person (login, name, batch_id) VALUES (?, ?, ?)")
                .execute([.text(key), .text(key), .integer(batch)])
            id = connection.lastInsertRowID
            try journalInsert("person", id!)
            count(.people)
        }
        people[key] = id
        peopleByBytes[ExactText(key)] = id
        if tracking { added.append(.person(key)) }
        return id!
    }

    /// A customer by code, else by name; created with the region the fact row names, if any.
    func customer(code: String?, name: String?, region: String?, field: String) throws -> Int64 {
        try coded(
            table: "customer", codeColumn: "code", what: "customer", entity: .customers, code: code, name: name,
            extra: { try region.map { ("region_id", SQLValue.integer(try self.region($0, field: "region"))) } },
            field: field)
    }

    /// A product by SKU, else by name; created with the product line the fact row names, if any.
    func product(sku: String?, name: String?, line: String?, field: String) throws -> Int64 {
        try coded(
            table: "product", codeColumn: "sku", what: "product", entity: .products, code: sku, name: name,
            extra: { line.map { ("product_line", SQLValue.text($0)) } }, field: field)
    }

    private func coded(
        table: String, codeColumn: String, what: String, entity: Entity, code: String?, name: String?,
        extra: () throws -> (String, SQLValue)?, field: String
    ) throws -> Int64 {
        let front = table == "customer" ? 0 : 1
        let exactKey = ExactCodedKey(code: code.map(ExactText.init), name: name.map(ExactText.init))
        if let id = codedByBytes[front][exactKey] { return id }
        let cacheKey = CodedKey(table: table, code: code, name: name)
        if let id = codedIDs[cacheKey] {
            codedByBytes[front][exactKey] = id
            return id
        }
        var id: Int64?
        if let code {
            id = try single("SELECT id FROM \(table) WHERE \(codeColumn) = ?", [.text(code)]).first
        } else if let name {
            let ids = try single("SELECT id FROM \(table) WHERE name = ?", [.text(name)])
            if ids.count > 1 {
                throw RowFailure(field: field, reason: "“\(name)” is the name of several \(what)s; give the code")
            }
            id = ids.first
        }
        if id == nil {
            let label = code ?? name ?? ""
            if strict { throw unknown(what, label, field: field) }
            var columns = ["name", "batch_id"]
            var values: [SQLValue] = [.text(name ?? label), .integer(batch)]
            if let code {
                columns.append(codeColumn)
                values.append(.text(code))
            }
            if let extra = try extra() {
                columns.append(extra.0)
                values.append(extra.1)
            }
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try connection.cachedStatement(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))"
            )
            .execute(values)
            id = connection.lastInsertRowID
            try journalInsert(table, id!)
            count(entity)
        }
        codedIDs[cacheKey] = id
        codedByBytes[front][exactKey] = id
        if tracking { added.append(.coded(cacheKey)) }
        return id!
    }
}

/// Text compared and hashed by its exact UTF-8 bytes (`String`'s own `==` and hashing compare canonical
/// equivalence, which normalises non-ASCII text on every call).
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool {
        var x = a.text
        var y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in
                p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0)
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var x = text
        x.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

private struct ExactCodedKey: Hashable {
    var code: ExactText?
    var name: ExactText?
}

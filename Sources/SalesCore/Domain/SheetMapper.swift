// MARK: - Mapping results

/// What one header cell was mapped to.
public struct ColumnMapping: Sendable, Equatable {
    /// The header cell's text as found (empty for a blank cell).
    public var header: String
    /// The canonical field name, or `nil` when the column is not imported.
    public var field: String?

    /// Creates a column mapping.
    public init(header: String, field: String?) {
        self.header = header
        self.field = field
    }
}

/// Which entity a sheet holds and which field each column is, with the reason in words.
public struct SheetMapping: Sendable, Equatable {
    /// The entity, or `nil` when the sheet cannot be placed (the reason says why).
    public var entity: Entity?
    /// One entry per header cell, in column order.
    public var columns: [ColumnMapping]
    /// Why this entity (or none) was chosen, and notes on columns left out; for `inspect` and errors.
    public var reason: String

    /// Creates a sheet mapping.
    public init(entity: Entity?, columns: [ColumnMapping], reason: String) {
        self.entity = entity
        self.columns = columns
        self.reason = reason
    }

    /// The index of the column mapped to `field`, if any.
    public func columnIndex(of field: String) -> Int? {
        columns.firstIndex { $0.field == field }
    }

    /// Requirement groups of the entity with no column (see `Entity.requiredColumns`); empty when complete.
    ///
    /// Only an entity set by a mapping file can be chosen with requirements unmet.
    public var unmetRequirements: [[String]] {
        guard let entity else { return [] }
        let mapped = Set(columns.compactMap(\.field))
        return entity.requiredColumns.filter { group in !group.contains(where: mapped.contains) }
    }
}

// MARK: - Overrides

/// Mapping decisions the admin writes down (decoded from a `--map` TOML file) that win over guessing.
///
/// ```toml
/// [columns]              # every sheet
/// "单据编号" = "order_no"
///
/// [sheets."2025 数据"]
/// entity = "orders"
/// [sheets."2025 数据".columns]
/// "备注" = "-"           # do not import this column
/// ```
/// Sheet names and headers match exactly or after `normalizeHeader`. Entities are named by raw value
/// (`orders`) or display name (`订单`); fields by canonical name (`order_no`) or label. An entity or
/// field of `""`, `-`, `ignore`, `skip` or `none` means "leave this sheet or column out".
public struct MappingOverrides: Sendable, Equatable, Codable {
    /// Settings for one sheet.
    public struct SheetOverride: Sendable, Equatable, Codable {
        /// The entity the sheet holds, or an ignore marker to skip the sheet; `nil` to keep guessing.
        public var entity: String?
        /// Header → field name for this sheet; wins over the file-wide `columns`.
        public var columns: [String: String]

        /// Creates a sheet override.
        public init(entity: String? = nil, columns: [String: String] = [:]) {
            self.entity = entity
            self.columns = columns
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            entity = try container.decodeIfPresent(String.self, forKey: .entity)
            columns = try container.decodeIfPresent([String: String].self, forKey: .columns) ?? [:]
        }
    }

    /// Per-sheet settings, keyed by sheet name.
    public var sheets: [String: SheetOverride]
    /// Header → field name for every sheet.
    public var columns: [String: String]

    /// Creates overrides.
    public init(sheets: [String: SheetOverride] = [:], columns: [String: String] = [:]) {
        self.sheets = sheets
        self.columns = columns
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sheets = try container.decodeIfPresent([String: SheetOverride].self, forKey: .sheets) ?? [:]
        columns = try container.decodeIfPresent([String: String].self, forKey: .columns) ?? [:]
    }

    /// Values that mean "leave this sheet or column out".
    public static let ignoreMarkers: Set<String> = ["", "-", "ignore", "skip", "none"]

    /// Whether an entity or field value means "leave it out".
    public static func isIgnoreMarker(_ value: String) -> Bool {
        ignoreMarkers.contains(Vocabulary.trimmed(value).lowercased())
    }

    /// The settings for a sheet, matched exactly, else after normalisation.
    public func sheetOverride(forSheet name: String) -> SheetOverride? {
        Self.lookup(name, in: sheets)
    }

    /// The field name (or ignore marker) the file gives a header on a sheet, sheet settings first.
    public func columnOverride(forHeader header: String, sheet: String) -> String? {
        guard !Vocabulary.trimmed(header).isEmpty else { return nil }
        if let sheetColumns = sheetOverride(forSheet: sheet)?.columns,
            let value = Self.lookup(header, in: sheetColumns)
        {
            return value
        }
        return Self.lookup(header, in: columns)
    }

    /// A value keyed by `key` exactly, else by a key equal after normalisation (first in sorted order).
    private static func lookup<Value>(_ key: String, in table: [String: Value]) -> Value? {
        if let value = table[key] { return value }
        let normalized = normalizeHeader(key)
        guard !normalized.isEmpty else { return nil }
        return table.keys.sorted().first { normalizeHeader($0) == normalized }.flatMap { table[$0] }
    }
}

// MARK: - Mapper

/// Decides from a sheet's name and header row which entity it holds and which field each column is.
///
/// Rules, in order:
/// 1. A mapping file's entity for the sheet wins (even with required columns missing; the reason says so,
///    and `SheetMapping.unmetRequirements` lists them).
/// 2. A sheet name that means an entity (`订单`, `2025年销售明细`, `Customers`) is accepted when the header
///    row covers the entity's required columns and no other covered entity maps more columns.
/// 3. Otherwise the headers alone decide: among entities whose required columns are all present and
///    which map at least half of the non-blank headers, the one with the most mapped columns wins; a tie
///    or no candidate gives `nil` with a reason, never a guess.
///
/// Within the chosen entity each column maps to the field its header is an alias of. When two columns
/// mean one field, the one with the more specific alias (earlier in the list) keeps it, then the
/// leftmost; the other gets `nil` and a note. Headers are assumed to start at column A.
public enum SheetMapper {
    /// Maps a sheet's header row to an entity and fields.
    ///
    /// - Parameters:
    ///   - sheetName: The sheet's name as shown on its tab.
    ///   - headers: The header row's cells, from column A; `nil` for blank cells.
    ///   - overrides: Decisions from a mapping file, which win over guessing.
    public static func map(sheetName: String, headers: [String?], overrides: MappingOverrides? = nil) -> SheetMapping {
        let texts = headers.map { $0.map(Vocabulary.trimmed) ?? "" }
        let columnOverrides = texts.map { overrides?.columnOverride(forHeader: $0, sheet: sheetName) }
        let nonBlank = texts.filter { !$0.isEmpty }.count
        let quotedSheet = "sheet “\(sheetName)”"

        // 1. The mapping file names the entity.
        if let named = overrides?.sheetOverride(forSheet: sheetName)?.entity {
            if MappingOverrides.isIgnoreMarker(named) {
                return unmapped(texts, reason: "\(quotedSheet) is skipped by the mapping file")
            }
            guard let entity = Vocabulary.entity(named: named) else {
                let known = Entity.allCases.map(\.rawValue).joined(separator: ", ")
                return unmapped(
                    texts,
                    reason: "the mapping file gives \(quotedSheet) the entity “\(named)”, "
                        + "which is not one of: \(known)")
            }
            let fit = fit(entity, texts: texts, overrides: columnOverrides)
            var reason =
                "\(entity.rawValue): set by the mapping file for \(quotedSheet); "
                + "\(fit.matched) of \(nonBlank) columns mapped"
            if !fit.unmet.isEmpty { reason += "; no column for required " + describe(fit.unmet) }
            return fit.mapping(reason: reason)
        }

        let fits = Entity.allCases.map { fit($0, texts: texts, overrides: columnOverrides) }
        var prefix = ""

        // 2. The sheet name names the entity, and the headers agree.
        if let (named, alias) = Vocabulary.entity(forSheetName: sheetName),
            let fit = fits.first(where: { $0.entity == named })
        {
            let better = fits.filter { $0.unmet.isEmpty && $0.matched > fit.matched }
                .max { ($0.matched, $1.entity.loadOrder) < ($1.matched, $0.entity.loadOrder) }
            if fit.unmet.isEmpty, better == nil {
                return fit.mapping(
                    reason: "\(named.rawValue): \(quotedSheet) matches “\(alias)” and the header "
                        + "row has its required columns; \(fit.matched) of \(nonBlank) columns mapped")
            }
            if !fit.unmet.isEmpty {
                prefix =
                    "\(quotedSheet) suggests \(named.rawValue), but the header row has no column for "
                    + describe(fit.unmet) + "; "
            } else if let better {
                prefix =
                    "\(quotedSheet) suggests \(named.rawValue), but its headers fit \(better.entity.rawValue) "
                    + "better (\(better.matched) columns against \(fit.matched)); "
            }
        }

        // 3. The headers alone.
        let candidates = fits.filter { $0.unmet.isEmpty && $0.matched > 0 && $0.matched * 2 >= nonBlank }
        if let top = candidates.map(\.matched).max() {
            let best = candidates.filter { $0.matched == top }
            if best.count == 1 {
                let fit = best[0]
                return fit.mapping(
                    reason: "\(fit.entity.rawValue): " + prefix + "the header row has its required "
                        + "columns; \(fit.matched) of \(nonBlank) columns mapped")
            }
            let names = listInWords(best.map(\.entity.rawValue))
            return unmapped(
                texts,
                reason: prefix + "ambiguous: \(names) each map \(top) of \(nonBlank) columns "
                    + "with their required columns present; name the entity in the mapping file")
        }
        return unmapped(texts, reason: prefix + noFitReason(fits, nonBlank: nonBlank))
    }

    /// The index of the header row among the first `maxScan` rows, or `nil` when none looks like one.
    ///
    /// Workbooks often put a title (`2025年销售明细`) or notes above the header. Each row is scored as a
    /// header row by its best entity: first whether that entity's required columns are all present, then
    /// how many columns map. The first row with the best score wins; a row where nothing maps never does.
    public static func findHeaderRow(rows: [[String?]], maxScan: Int = 10) -> Int? {
        var best: (index: Int, covered: Bool, matched: Int)?
        for (index, row) in rows.prefix(max(0, maxScan)).enumerated() {
            let texts = row.map { $0.map(Vocabulary.trimmed) ?? "" }
            let none = [String?](repeating: nil, count: texts.count)
            for entity in Entity.allCases {
                let fit = fit(entity, texts: texts, overrides: none)
                guard fit.matched > 0 else { continue }
                let covered = fit.unmet.isEmpty
                if let current = best, (covered ? 1 : 0, fit.matched) <= (current.covered ? 1 : 0, current.matched) {
                    continue
                }
                best = (index, covered, fit.matched)
            }
        }
        return best?.index
    }

    // MARK: - Fitting one entity

    /// How well a header row fits one entity.
    struct Fit {
        /// The entity tried.
        let entity: Entity
        /// The header texts, trimmed.
        let texts: [String]
        /// The field of each column, or `nil`.
        var fields: [String?]
        /// Requirement groups with no column.
        var unmet: [[String]]
        /// Notes on columns left out (duplicates, unknown override fields).
        var notes: [String]

        /// How many columns map to a field.
        var matched: Int { fields.compactMap { $0 }.count }

        /// The mapping with this entity and reason, followed by the notes.
        func mapping(reason: String) -> SheetMapping {
            let columns = zip(texts, fields).map { ColumnMapping(header: $0, field: $1) }
            let full = ([reason] + notes).joined(separator: "; ")
            return SheetMapping(entity: entity, columns: columns, reason: full)
        }
    }

    /// Maps every column for one entity: overrides first, then aliases; resolves duplicate fields.
    static func fit(_ entity: Entity, texts: [String], overrides: [String?]) -> Fit {
        var hits: [(field: String, rank: Int)?] = []
        var notes: [String] = []
        for (column, text) in texts.enumerated() {
            if let value = overrides[column] {
                if MappingOverrides.isIgnoreMarker(value) {
                    hits.append(nil)
                } else if let field = Vocabulary.field(named: value, in: entity) {
                    hits.append((field.name, -2))
                } else {
                    hits.append(nil)
                    notes.append(
                        "the mapping file maps \(label(column, text)) to “\(value)”, "
                            + "which is not a field of \(entity.rawValue)")
                }
            } else if !text.isEmpty, let hit = Vocabulary.hit(forHeader: text, in: entity) {
                hits.append((hit.field, hit.rank))
            } else {
                hits.append(nil)
            }
        }

        var fields = hits.map { $0?.field }
        var winner: [String: Int] = [:]
        for (column, hit) in hits.enumerated() {
            guard let hit else { continue }
            if let kept = winner[hit.field], hits[kept]!.rank <= hit.rank { continue }
            winner[hit.field] = column
        }
        for (column, hit) in hits.enumerated() {
            guard let hit, let kept = winner[hit.field], kept != column else { continue }
            fields[column] = nil
            notes.append("\(label(column, texts[column])) also means \(hit.field); kept \(label(kept, texts[kept]))")
        }

        let mapped = Set(fields.compactMap { $0 })
        let unmet = entity.requiredColumns.filter { group in !group.contains(where: mapped.contains) }
        return Fit(entity: entity, texts: texts, fields: fields, unmet: unmet, notes: notes)
    }

    // MARK: - Wording

    /// A mapping with no entity and no fields.
    private static func unmapped(_ texts: [String], reason: String) -> SheetMapping {
        SheetMapping(entity: nil, columns: texts.map { ColumnMapping(header: $0, field: nil) }, reason: reason)
    }

    /// Why no entity fits, naming the closest one.
    private static func noFitReason(_ fits: [Fit], nonBlank: Int) -> String {
        guard nonBlank > 0 else { return "the header row is blank" }
        let ranked = fits.sorted { ($0.matched, $1.entity.loadOrder) > ($1.matched, $0.entity.loadOrder) }
        guard let closest = ranked.first, closest.matched > 0 else {
            return "no entity fits: no header is a known column name"
        }
        let name = closest.entity.rawValue
        if closest.unmet.isEmpty {
            return "no entity fits: \(name) has its required columns but maps only \(closest.matched) of "
                + "\(nonBlank) columns (at least half must map)"
        }
        return "no entity fits: closest is \(name) (\(closest.matched) of \(nonBlank) columns mapped), "
            + "which needs a column for " + describe(closest.unmet)
    }

    /// `a`, `a and b`, `a, b and c`.
    static func listInWords(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// Requirement groups in words: `order_no, amount and customer (or customer_code)`.
    static func describe(_ groups: [[String]]) -> String {
        let parts = groups.map { group in
            group.count == 1 ? group[0] : "\(group[0]) (or \(group.dropFirst().joined(separator: ", ")))"
        }
        return parts.joined(separator: ", ")
    }

    /// `column C “日期”`: a column by spreadsheet letter and header text.
    static func label(_ column: Int, _ text: String) -> String {
        "column \(columnLetters(column)) “\(text)”"
    }

    /// Spreadsheet column letters for a zero-based index: 0 → A, 26 → AA.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

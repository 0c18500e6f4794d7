/// Lookups over the entity, field and alias tables, with every alias normalised once.
public enum Vocabulary {
    /// A header alias resolved to a field, with its position in the field's alias list (lower is more specific).
    struct AliasHit: Sendable, Equatable {
        /// The canonical field name.
        let field: String
        /// Index of the alias in the field's list; decides between two columns meaning one field.
        let rank: Int
    }

    /// Normalised header alias → field, per entity. The first field to claim an alias keeps it.
    static let headerIndex: [Entity: [String: AliasHit]] = {
        var index: [Entity: [String: AliasHit]] = [:]
        for entity in Entity.allCases {
            var map: [String: AliasHit] = [:]
            for field in entity.fields {
                for (rank, alias) in field.aliases.enumerated() {
                    let normalized = normalizeHeader(alias)
                    guard !normalized.isEmpty, map[normalized] == nil else { continue }
                    map[normalized] = AliasHit(field: field.name, rank: rank)
                }
            }
            index[entity] = map
        }
        return index
    }()

    /// Normalised sheet-name alias → entity. The first entity to claim an alias keeps it.
    static let sheetIndex: [String: Entity] = {
        var index: [String: Entity] = [:]
        for entity in Entity.allCases {
            for key in [entity.rawValue, entity.chineseName, entity.englishName] + entity.sheetNameAliases {
                let normalized = normalizeHeader(key)
                if !normalized.isEmpty, index[normalized] == nil { index[normalized] = entity }
            }
        }
        return index
    }()

    /// The canonical field a header means on a sheet of `entity`, or `nil`.
    ///
    /// A header spelled exactly as a canonical name (`order_no`, as scripts write them) means that field,
    /// even where the name is not an alias (a bare `amount` is no alias of a target's amount).
    public static func fieldName(forHeader header: String, in entity: Entity) -> String? {
        hit(forHeader: header, in: entity)?.field
    }

    /// The field a header means on a sheet of `entity`, with its alias rank (-1 for a canonical name).
    static func hit(forHeader header: String, in entity: Entity) -> AliasHit? {
        let trimmed = trimmed(header)
        if entity.fields.contains(where: { $0.name == trimmed }) { return AliasHit(field: trimmed, rank: -1) }
        return headerIndex[entity]?[normalizeHeader(header)]
    }

    /// The entity a sheet name suggests, and the alias that matched.
    ///
    /// A whole-name match wins (`订单明细`); otherwise the longest alias the name contains
    /// (`2025年订单明细`), ties going to the alias that ends later, since a Chinese compound names its
    /// head last (`客户回款` → receivables). ASCII aliases shorter than four characters only match whole,
    /// so `Rep` does not match `Report`.
    public static func entity(forSheetName name: String) -> (entity: Entity, alias: String)? {
        let normalized = normalizeHeader(name)
        guard !normalized.isEmpty else { return nil }
        if let entity = sheetIndex[normalized] { return (entity, normalized) }
        var best: (entity: Entity, alias: String, end: Int)?
        for (alias, entity) in sheetIndex {
            if alias.allSatisfy(\.isASCII), alias.count < 4 { continue }
            guard let range = normalized.firstRange(of: alias) else { continue }
            let end = normalized.distance(from: normalized.startIndex, to: range.upperBound)
            if let current = best {
                let longer = alias.count > current.alias.count
                let sameLengthLater =
                    alias.count == current.alias.count
                    && (end > current.end || (end == current.end && alias < current.alias))
                if !longer && !sameLengthLater { continue }
            }
            best = (entity, alias, end)
        }
        return best.map { ($0.entity, $0.alias) }
    }

    /// The entity an override or user names: its raw value, or its Chinese or English display name.
    public static func entity(named name: String) -> Entity? {
        let normalized = normalizeHeader(name)
        return Entity.allCases.first {
            normalizeHeader($0.rawValue) == normalized || normalizeHeader($0.chineseName) == normalized
                || normalizeHeader($0.englishName) == normalized
        }
    }

    /// The field of `entity` a user names: its canonical name (any case or separator) or one of its labels.
    public static func field(named name: String, in entity: Entity) -> Field? {
        let normalized = normalizeHeader(name)
        return entity.fields.first { normalizeHeader($0.name) == normalized }
            ?? entity.fields.first {
                normalizeHeader($0.chineseLabel) == normalized || normalizeHeader($0.englishLabel) == normalized
            }
    }

    /// The target or budget scope (`rep`, `team`, `region`, `company`) a scope-key header implies.
    ///
    /// A target sheet often has a 销售代表 or 区域 column and no scope column; the header then says
    /// what the keys are. Returns `nil` for neutral headers such as 对象.
    public static func impliedScope(forHeader header: String) -> String? {
        let normalized = normalizeHeader(header)
        let table: [(String, [String])] = [
            ("rep", HeaderAliases.repScopeHeaders), ("team", HeaderAliases.teamScopeHeaders),
            ("region", HeaderAliases.regionScopeHeaders), ("company", HeaderAliases.companyScopeHeaders),
        ]
        return table.first { $0.1.contains { normalizeHeader($0) == normalized } }?.0
    }

    // MARK: - Documentation

    /// The whole vocabulary as Markdown: per entity, its sheet names and a table of fields and header aliases.
    ///
    /// Deterministic, so `docs/aliases.md` can be generated from it and checked for staleness.
    public static func aliasTableMarkdown() -> String {
        var lines = [
            "# Sheet and header aliases",
            "",
            "Generated from `Sources/SalesCore/Domain`; do not edit by hand.",
            "Headers are compared after normalisation (case, spaces, full-width forms, separators and safe",
            "unit annotations such as `(元)` are ignored). Entities are listed in load order.",
        ]
        for entity in Entity.allInLoadOrder {
            lines += [
                "",
                "## `\(entity.rawValue)` — \(entity.chineseName) / \(entity.englishName)",
                "",
                "Sheet names: " + entity.sheetNameAliases.map(markdownCell).joined(separator: ", "),
                "",
                "Natural key: "
                    + entity.naturalKeys.map { "(" + $0.joined(separator: ", ") + ")" }
                    .joined(separator: ", else "),
                "",
                "| field | 中文 | English | kind | required | key | header aliases |",
                "|---|---|---|---|---|---|---|",
            ]
            for field in entity.fields {
                var required = field.isRequired ? "yes" : ""
                if field.isRequired, !field.alternatives.isEmpty {
                    required += " (or " + field.alternatives.joined(separator: ", ") + ")"
                }
                let cells = [
                    "`\(field.name)`", field.chineseLabel, field.englishLabel, field.kind.summary, required,
                    field.isNaturalKey ? "yes" : "", field.aliases.map(markdownCell).joined(separator: ", "),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            if entity == .feedback {
                lines += ["", "A feedback sheet also needs a kind, a score or a status column."]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text without leading and trailing whitespace (the ideographic space included).
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Escapes a value for a Markdown table cell.
    private static func markdownCell(_ s: String) -> String {
        s.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}

/// What kind of value a field holds, which decides how a cell is parsed.
public enum ValueKind: Sendable, Hashable {
    /// Free text (names, codes, descriptions, references to other entities).
    case text
    /// A calendar date.
    case date
    /// An amount of money, stored exactly (never as a binary float).
    case money
    /// A non-money decimal number, such as a quantity.
    case decimal
    /// A whole number.
    case integer
    /// One of a fixed list of codes (the importer maps Chinese and English labels onto them).
    case enumeration([String])
    /// Yes or no.
    case boolean
    /// A reporting period: `2026`, `2026Q3` or `2026-07`.
    case period
    /// A satisfaction score from 1 to 5.
    case score1to5

    /// A short name for documentation: `text`, `money`, `enum: won, lost`, ….
    public var summary: String {
        switch self {
        case .text: "text"
        case .date: "date"
        case .money: "money"
        case .decimal: "decimal"
        case .integer: "integer"
        case .enumeration(let codes): "enum: " + codes.joined(separator: ", ")
        case .boolean: "boolean"
        case .period: "period"
        case .score1to5: "score 1–5"
        }
    }

    /// The allowed codes of an enumeration, or `nil` for every other kind.
    public var allowedCodes: [String]? {
        if case .enumeration(let codes) = self { return codes }
        return nil
    }
}

/// One field of an entity: its canonical name, value kind, role and the headers that mean it.
public struct Field: Sendable, Hashable, Identifiable {
    /// Canonical snake_case English name, as used in JSON, mapping files and the store (`order_no`).
    public let name: String
    /// How the cell's value is parsed.
    public let kind: ValueKind
    /// Whether a sheet of this entity must have a column for this field (or for one of `alternatives`).
    public let isRequired: Bool
    /// Whether the field is part of one of the entity's natural keys.
    public let isNaturalKey: Bool
    /// Fields whose column satisfies this field's requirement when it has none (`customer_code` for `customer`).
    public let alternatives: [String]
    /// Simplified Chinese label for reports and `inspect` output.
    public let chineseLabel: String
    /// English label for reports and `inspect` output.
    public let englishLabel: String
    /// Header texts that mean this field, most specific first; compared after `normalizeHeader`.
    public let aliases: [String]

    public var id: String { name }

    /// Creates a field definition.
    public init(
        _ name: String, _ kind: ValueKind, zh chineseLabel: String, en englishLabel: String,
        required isRequired: Bool = false, key isNaturalKey: Bool = false, alternatives: [String] = [],
        aliases: [String]
    ) {
        self.name = name
        self.kind = kind
        self.isRequired = isRequired
        self.isNaturalKey = isNaturalKey
        self.alternatives = alternatives
        self.chineseLabel = chineseLabel
        self.englishLabel = englishLabel
        self.aliases = aliases
    }
}

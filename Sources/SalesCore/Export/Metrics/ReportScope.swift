import Foundation

/// Whose figures a summary shows: the whole company, one region or one team (`--scope`).
///
/// Each kind of record belongs to a region and a team by one rule, used by every metric:
///
/// | records | region | team |
/// |---|---|---|
/// | order lines, opportunities | the customer's region, else the credited rep's region | the rep's `person.team` |
/// | receivables, feedback, scoring results | the customer's region, else its owner's | the owner's `person.team` |
/// | expenses | the region the claim serves, else the submitter's region | the submitter's `person.team` |
/// | reps (ranking, awards, improvement plans) | `person.region_id` | `person.team` |
/// | targets and budgets | rows of scope `region` keyed by the region's name | rows of scope `team` keyed by the team |
///
/// A company summary takes every record, and the `company` target and budget rows.
public enum ReportScope: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Everything in the store.
    case company
    /// One region, by `region.name`.
    case region(String)
    /// One team, by `person.team`.
    case team(String)

    /// Reads `company`, `region:NAME` or `team:NAME` (the name as written, not trimmed, not empty).
    ///
    /// - Throws: ``MetricsError/invalidScope(_:)`` naming the text.
    public static func parse(_ text: String) throws -> ReportScope {
        if text == "company" { return .company }
        if text.hasPrefix("region:") {
            let name = String(text.dropFirst("region:".count))
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw MetricsError.invalidScope(text) }
            return .region(name)
        }
        if text.hasPrefix("team:") {
            let name = String(text.dropFirst("team:".count))
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw MetricsError.invalidScope(text) }
            return .team(name)
        }
        throw MetricsError.invalidScope(text)
    }

    /// The scope as `--scope` writes it: `company`, `region:华东`, `team:华东一组`.
    public var text: String {
        switch self {
        case .company: return "company"
        case .region(let name): return "region:" + name
        case .team(let name): return "team:" + name
        }
    }

    public var description: String { text }

    /// The `scope` column value of the target and budget rows that belong to this scope.
    public var targetScope: String {
        switch self {
        case .company: return "company"
        case .region: return "region"
        case .team: return "team"
        }
    }

    /// The `scope_key` of those rows: `''` for the company, else the region's or team's name.
    public var scopeKey: String {
        switch self {
        case .company: return ""
        case .region(let name), .team(let name): return name
        }
    }

    /// Words for reasons in English: `company`, `region 华东`, `team 华东一组`.
    public var phrase: String {
        switch self {
        case .company: return "company"
        case .region(let name): return "region " + name
        case .team(let name): return "team " + name
        }
    }

    /// Words for reasons in Simplified Chinese: `公司`, `华东 区域`, `华东一组 团队`.
    public var phraseZh: String {
        switch self {
        case .company: return "公司"
        case .region(let name): return name + " 区域"
        case .team(let name): return name + " 团队"
        }
    }

    /// ``phraseZh`` or ``phrase``, for `language`.
    public func phrase(_ language: OutputLanguage) -> String {
        language.pick(phraseZh, phrase)
    }

    // MARK: - Codable as text

    public init(from decoder: any Decoder) throws {
        self = try ReportScope.parse(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// A scope checked against the store, with the SQL conditions that apply it to each kind of record.
///
/// A condition refers to the scope's value (the region's id or the team's name) as the numbered
/// parameter `?N` it is given; the caller numbers its own parameters `?1` … `?(N-1)` and appends
/// ``arguments`` (empty for the company, whose conditions are just `1`) after them.
struct ResolvedScope {
    let scope: ReportScope
    /// The region's id, for a region scope.
    let regionID: Int64?

    /// Checks that the region or team exists.
    /// - Throws: ``MetricsError/unknownRegion(_:known:)``, ``MetricsError/unknownTeam(_:known:)``.
    init(_ scope: ReportScope, connection: Connection) throws {
        self.scope = scope
        switch scope {
        case .company:
            regionID = nil
        case .region(let name):
            guard let id = try connection.scalar("SELECT id FROM region WHERE name = ?", [.text(name)])?.int64 else {
                let known = try connection.query("SELECT name FROM region ORDER BY name").compactMap { $0[0].text }
                throw MetricsError.unknownRegion(name, known: known)
            }
            regionID = id
        case .team(let name):
            regionID = nil
            guard try connection.scalar("SELECT 1 FROM person WHERE team = ? LIMIT 1", [.text(name)]) != nil else {
                let known = try connection.query(
                    "SELECT DISTINCT team FROM person WHERE team IS NOT NULL AND team <> '' ORDER BY team"
                )
                .compactMap { $0[0].text }
                throw MetricsError.unknownTeam(name, known: known)
            }
        }
    }

    var isCompany: Bool { scope == .company }

    /// The value of the scope's parameter: the region id or the team name; nothing for the company.
    var arguments: [SQLValue] {
        switch scope {
        case .company: return []
        case .region: return [.integer(regionID ?? 0)]
        case .team(let name): return [.text(name)]
        }
    }

    /// Records tied to a customer and a rep (order lines, opportunities), with the customer's row as
    /// `customer` and the rep's person row as `rep` (both may be outer-joined).
    func customerRepCondition(customer: String, rep: String, parameter n: Int) -> String {
        switch scope {
        case .company: return "1"
        case .region: return "coalesce(\(customer).region_id, \(rep).region_id) = ?\(n)"
        case .team: return "\(rep).team = ?\(n)"
        }
    }

    /// The same rule for order lines without joins, for the large scans: `line` is the `order_line` alias.
    ///
    /// The unary `+` keeps SQLite from reading the lines through the customer or rep index (one lookup per
    /// line, in no useful order): the scans go along the index they name and test each line here.
    func orderLineCondition(line: String, parameter n: Int) -> String {
        switch scope {
        case .company:
            return "1"
        case .region:
            return """
                (+\(line).customer_id IN (SELECT id FROM customer WHERE region_id = ?\(n))
                 OR (+\(line).customer_id IN (SELECT id FROM customer WHERE region_id IS NULL)
                     AND +\(line).rep_id IN (SELECT id FROM person WHERE region_id = ?\(n))))
                """
        case .team:
            return "+\(line).rep_id IN (SELECT id FROM person WHERE team = ?\(n))"
        }
    }

    /// Records tied to a customer only (receivables, feedback, scoring results): `customer` is the
    /// customer's row and `owner` the owner's person row (both may be outer-joined).
    func customerCondition(customer: String, owner: String, parameter n: Int) -> String {
        switch scope {
        case .company: return "1"
        case .region: return "coalesce(\(customer).region_id, \(owner).region_id) = ?\(n)"
        case .team: return "\(owner).team = ?\(n)"
        }
    }

    /// Expense claims: `expense` is the claim and `submitter` the submitter's person row (outer-joined).
    /// Only expense claims (`kind = 'expense'`): contracts and price exceptions share the table, not the spend.
    func expenseCondition(expense: String, submitter: String, parameter n: Int) -> String {
        let claims = "\(expense).kind = 'expense'"
        switch scope {
        case .company: return claims
        case .region: return claims + " AND coalesce(\(expense).region_id, \(submitter).region_id) = ?\(n)"
        case .team: return claims + " AND \(submitter).team = ?\(n)"
        }
    }

    /// People (for rep-level figures): `person` is the person row.
    func personCondition(person: String, parameter n: Int) -> String {
        switch scope {
        case .company: return "1"
        case .region: return "\(person).region_id = ?\(n)"
        case .team: return "\(person).team = ?\(n)"
        }
    }
}

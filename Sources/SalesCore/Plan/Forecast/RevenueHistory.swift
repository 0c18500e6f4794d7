/// What a forecast can be broken down by.
public enum ForecastGrouping: String, CaseIterable, Sendable, Codable {
    /// The customer's region, else the credited rep's (as the summary counts it).
    case region
    /// The product's product line.
    case productLine = "product_line"
    /// The product's price tier (high, mid, low).
    case tier
    /// The credited rep; people marked as left (`active = 0`) are not forecast.
    case rep
}

/// A month as a count of months since year 0: 2026-01 is 2026 × 12.
public struct PlanMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var index: Int

    public init(index: Int) { self.index = index }
    public init(year: Int, month: Int) { index = year * 12 + month - 1 }

    /// Reads `2026-01` (also the first seven characters of a date `2026-01-15`).
    public init?(text: Substring) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 7, bytes[4] == UInt8(ascii: "-"),
            let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
            let month = Int(String(decoding: bytes[5..<7], as: UTF8.self)), (1...12).contains(month),
            bytes[0..<4].allSatisfy({ (48...57).contains($0) }), bytes[5..<7].allSatisfy({ (48...57).contains($0) })
        else { return nil }
        if bytes.count > 7 {
            // A date: YYYY-MM-DD, nothing else.
            guard bytes.count == 10, bytes[7] == UInt8(ascii: "-"), bytes[8..<10].allSatisfy({ (48...57).contains($0) })
            else { return nil }
        }
        self.init(year: year, month: month)
    }

    public var year: Int { index / 12 }
    public var month: Int { index % 12 + 1 }
    /// 1 … 4.
    public var quarter: Int { (month - 1) / 3 + 1 }
    public var text: String {
        (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + String(year) + "-"
            + (month < 10 ? "0" : "") + String(month)
    }
    public var description: String { text }
    public static func < (a: PlanMonth, b: PlanMonth) -> Bool { a.index < b.index }
    public func advanced(by months: Int) -> PlanMonth { PlanMonth(index: index + months) }

    /// The months of a year, quarter or month period.
    public static func months(of period: ReportPeriod) -> [PlanMonth] {
        (period.firstMonth...period.lastMonth).map { PlanMonth(year: period.year, month: $0) }
    }
}

/// Monthly revenue (``OrderLineRules``) from the store, for the company and, when asked, per group.
public struct RevenueHistory: Sendable {
    /// One series: its key (a region or product line as stored, a tier code, a rep's login), its display name
    /// as stored (a rep's name; the key otherwise), and revenue in cents per month from ``start``.
    public struct Series: Sendable {
        public var key: String
        public var name: String
        public var values: [Double]
        /// The series' first month with revenue (its values before it are 0 and not part of its history).
        public var start: PlanMonth
    }

    /// The first and last months with any completed or returned order line.
    public var first: PlanMonth
    public var last: PlanMonth
    public var company: [Double]
    public var groups: [Series]
    /// The last order date in the store.
    public var lastOrderDate: String

    /// The key the store gives lines with no group (no region, product, product line or rep).
    public static let unassigned = ""

    /// Reads the store; nil when it holds no completed or returned order line.
    public static func read(_ connection: Connection, grouping: ForecastGrouping?) throws -> RevenueHistory? {
        let groupExpression: String
        switch grouping {
        case nil: groupExpression = "''"
        case .region: groupExpression = "coalesce(rc.name, rp.name, '')"
        case .productLine: groupExpression = "coalesce(pr.product_line, '')"
        case .tier: groupExpression = "coalesce(pr.tier, '')"
        case .rep: groupExpression = "coalesce(p.login, '')"
        }
        var cells: [String: [Int: Int64]] = [:]
        var first: PlanMonth?
        var last: PlanMonth?
        var lastDate = ""
        // The company's series (no grouping) is summed by day along the order_date index, which needs no sort
        // of the lines and no joins (the summary's outlook reads it on every run), then the days into months
        // (SQLite's sum, so a total no 64-bit integer holds fails as it does for the groups).
        let sql =
            grouping == nil
            ? """
            SELECT substr(day, 1, 7) AS month, '', sum(revenue), max(day)
            FROM (SELECT o.order_date AS day, sum(\(OrderLineRules.revenue("o"))) AS revenue
                  FROM order_line o INDEXED BY order_line_order_date
                  WHERE o.status IN ('completed', 'returned')
                  GROUP BY o.order_date)
            GROUP BY month
            """
            : """
            SELECT substr(o.order_date, 1, 7) AS month, \(groupExpression) AS grp,
                   sum(\(OrderLineRules.revenue("o"))) AS revenue, max(o.order_date)
            FROM order_line o
            LEFT JOIN customer c ON c.id = o.customer_id
            LEFT JOIN person p ON p.id = o.rep_id
            LEFT JOIN region rc ON rc.id = c.region_id
            LEFT JOIN region rp ON rp.id = p.region_id
            LEFT JOIN product pr ON pr.id = o.product_id
            WHERE o.status IN ('completed', 'returned')
            GROUP BY month, grp
            """
        try connection.forEachRow(sql) { row in
            guard let monthText = row.text(at: 0), let month = PlanMonth(text: Substring(monthText)) else { return }
            cells[row.text(at: 1) ?? "", default: [:]][month.index, default: 0] += row.int64(at: 2)
            first = min(first ?? month, month)
            last = max(last ?? month, month)
            lastDate = max(lastDate, row.text(at: 3) ?? "")
        }
        guard let first, let last else { return nil }
        let count = last.index - first.index + 1
        var company = [Double](repeating: 0, count: count)
        for (_, months) in cells {
            for (index, cents) in months { company[index - first.index] += Double(cents) }
        }
        var groups: [Series] = []
        if let grouping {
            var names: [String: String] = [:]
            var left: Set<String> = []
            if grouping == .rep {
                try connection.forEachRow("SELECT login, name, active FROM person") { row in
                    let login = row.text(at: 0) ?? ""
                    names[login] = row.text(at: 1) ?? login
                    if row.int64(at: 2) == 0 { left.insert(login) }
                }
            }
            for key in cells.keys.sorted() where !left.contains(key) {
                var values = [Double](repeating: 0, count: count)
                for (index, cents) in cells[key] ?? [:] { values[index - first.index] = Double(cents) }
                let leading = values.firstIndex { $0 != 0 } ?? values.count
                guard leading < values.count else { continue }
                groups.append(
                    Series(
                        key: key, name: names[key] ?? key, values: Array(values[leading...]),
                        start: first.advanced(by: leading)))
            }
        }
        return RevenueHistory(first: first, last: last, company: company, groups: groups, lastOrderDate: lastDate)
    }
}

/// `sales-plan targets`: next year's company target split into quarters, regions, teams, reps and product
/// lines, every split summing exactly to what it splits.
///
/// - Basis: the last `basisMonths` (12 to 24) months of history, ending with the last month with orders.
/// - Total: `--total`, or the last 12 months' revenue × (1 + growth), rounded half away from zero to a cent.
/// - Quarters: the total by the basis's revenue per calendar quarter (the seasonal profile).
/// - Regions: the total by each region's basis revenue (a line's region is its customer's, else its rep's);
///   revenue with no region is left out of the shares. Each region's quarters follow the company profile, and
///   region × quarter sums exactly both ways (``Apportion/table(rowTotals:columnTotals:columnWeights:)``).
/// - Reps: each region's target by the basis revenue of the active people of that region credited with
///   orders; rep × quarter sums exactly to the region's quarters. Teams: the sums of their reps.
/// - Product lines: the total by each line's basis revenue, by quarter: for planning stock, not imported
///   (targets have no product-line scope).
public struct TargetPlan: Codable, Sendable {
    public struct Part: Codable, Sendable, Equatable {
        /// Region or team name, rep login, product line ("" for products without one).
        public var key: String
        /// A rep's name; the key otherwise.
        public var name: String
        /// For a rep: their region and team.
        public var region: String?
        public var team: String?
        /// Basis revenue in cents.
        public var basisCents: Int64
        public var yearCents: Int64
        /// Q1 … Q4.
        public var quarterCents: [Int64]
    }

    public var year: Int
    public var totalCents: Int64
    /// How the total was set: `total` or `growth`.
    public var totalFrom: String
    /// The growth asked for, in percent, with `growth`.
    public var growthPercent: Double?
    public var basisFirst: String
    public var basisLast: String
    public var basisMonths: Int
    public var basisCents: Int64
    /// The last 12 months' revenue (what growth applies to).
    public var lastTwelveMonthsCents: Int64
    /// Basis revenue per calendar quarter, and the company's quarter targets.
    public var quarterBasisCents: [Int64]
    public var quarterCents: [Int64]
    public var regions: [Part]
    public var teams: [Part]
    public var reps: [Part]
    public var productLines: [Part]
    /// Basis revenue no region could be found for (not in the regions' shares).
    public var unassignedRegionCents: Int64
    /// Regions without any rep credited in the basis (their target is not split further).
    public var regionsWithoutReps: [String]

    /// How the total is set.
    public enum Total: Sendable {
        case amount(cents: Int64)
        /// Percent: 12 for +12%.
        case growth(percent: Double)
    }

    /// Builds the plan.
    /// - Throws: ``PlanError`` when the store has no orders, the year does not follow the history, the basis is
    ///   out of range or the total cannot be formed.
    public static func build(_ store: Store, year: Int, total: Total, basisMonths: Int = 24) throws -> TargetPlan {
        guard (12...24).contains(basisMonths) else {
            throw PlanError(.usage, "--basis must be from 12 to 24 months (got \(basisMonths))")
        }
        return try PlanError.guardingSums(store) {
            try build(reading: store, year: year, total: total, basisMonths: basisMonths)
        }
    }

    static func build(reading store: Store, year: Int, total: Total, basisMonths: Int) throws -> TargetPlan {
        try store.read { connection in
            guard let revenue = try RevenueHistory.read(connection, grouping: nil) else {
                throw PlanError(.data, "the store has no completed order lines to plan from (sales-import first)")
            }
            guard year > revenue.last.year else {
                throw PlanError(
                    .usage,
                    "--year \(year) does not follow the store's history, which runs to \(revenue.last.text)")
            }
            let last = revenue.last
            let available = revenue.company.count
            let months = min(basisMonths, available)
            guard months >= 12 else {
                throw PlanError(
                    .data, "the store's history has \(available) months; targets need at least 12 for the seasons")
            }
            let first = last.advanced(by: -(months - 1))
            let range = [first.text, last.text]
            let shares = try BasisShares.read(connection, from: range[0], to: range[1])
            let lastTwelve = try BasisShares.revenue(connection, from: last.advanced(by: -11).text, to: last.text)
            let basis = shares.quarters.reduce(0, +)
            let quarterBasis = shares.quarters
            let totalCents: Int64
            var growth: Double?
            switch total {
            case .amount(let cents):
                guard cents > 0 else { throw PlanError(.usage, "--total must be above 0") }
                totalCents = cents
            case .growth(let percent):
                guard percent.isFinite, percent > -100, percent <= 1_000 else {
                    throw PlanError(.usage, "--growth must be above -100% and at most 1000%")
                }
                guard lastTwelve > 0 else {
                    throw PlanError(
                        .data,
                        "the last 12 months' revenue is not above 0, so --growth has nothing to grow; use --total")
                }
                let value = (Double(lastTwelve) * (1 + percent / 100)).rounded(.toNearestOrAwayFromZero)
                guard value >= 1, value < 9e15 else { throw PlanError(.usage, "--growth gives a total out of range") }
                totalCents = Int64(value)
                growth = percent
            }
            let quarters = Apportion.largestRemainder(totalCents, weights: quarterBasis)

            // Regions.
            let regionKeys = shares.regions.keys.filter { !$0.isEmpty }.sorted()
            var regions: [Part] = []
            var regionQuarters: [String: [Int64]] = [:]
            if !regionKeys.isEmpty {
                let weights = regionKeys.map { shares.regions[$0] ?? 0 }
                let years = Apportion.largestRemainder(totalCents, weights: weights)
                let table = Apportion.table(rowTotals: years, columnTotals: quarters, columnWeights: quarterBasis)
                for (i, key) in regionKeys.enumerated() {
                    regions.append(
                        Part(
                            key: key, name: key, region: nil, team: nil, basisCents: weights[i], yearCents: years[i],
                            quarterCents: table[i]))
                    regionQuarters[key] = table[i]
                }
            }
            // Reps within their region.
            var reps: [Part] = []
            var withoutReps: [String] = []
            for region in regions {
                let people = shares.reps.filter { $0.region == region.key }.sorted { $0.login < $1.login }
                guard !people.isEmpty else {
                    withoutReps.append(region.key)
                    continue
                }
                let years = Apportion.largestRemainder(region.yearCents, weights: people.map(\.cents))
                let table = Apportion.table(
                    rowTotals: years, columnTotals: region.quarterCents, columnWeights: quarterBasis)
                for (i, person) in people.enumerated() {
                    reps.append(
                        Part(
                            key: person.login, name: person.name, region: region.key, team: person.team,
                            basisCents: person.cents, yearCents: years[i], quarterCents: table[i]))
                }
            }
            // Teams: the sums of their reps.
            var teamSums: [String: Part] = [:]
            for rep in reps {
                guard let team = rep.team, !team.isEmpty else { continue }
                var part =
                    teamSums[team]
                    ?? Part(
                        key: team, name: team, region: nil, team: nil, basisCents: 0, yearCents: 0,
                        quarterCents: [0, 0, 0, 0])
                part.basisCents += rep.basisCents
                part.yearCents += rep.yearCents
                for q in 0..<4 { part.quarterCents[q] += rep.quarterCents[q] }
                teamSums[team] = part
            }
            // Product lines.
            let lineKeys = shares.productLines.keys.sorted()
            var lines: [Part] = []
            if !lineKeys.isEmpty {
                let weights = lineKeys.map { shares.productLines[$0] ?? 0 }
                let years = Apportion.largestRemainder(totalCents, weights: weights)
                let table = Apportion.table(rowTotals: years, columnTotals: quarters, columnWeights: quarterBasis)
                for (i, key) in lineKeys.enumerated() {
                    lines.append(
                        Part(
                            key: key, name: key, region: nil, team: nil, basisCents: weights[i], yearCents: years[i],
                            quarterCents: table[i]))
                }
            }
            return TargetPlan(
                year: year, totalCents: totalCents, totalFrom: growth == nil ? "total" : "growth",
                growthPercent: growth, basisFirst: range[0], basisLast: range[1], basisMonths: months,
                basisCents: basis, lastTwelveMonthsCents: lastTwelve, quarterBasisCents: quarterBasis,
                quarterCents: quarters, regions: regions, teams: teamSums.keys.sorted().compactMap { teamSums[$0] },
                reps: reps, productLines: lines, unassignedRegionCents: shares.regions[""] ?? 0,
                regionsWithoutReps: withoutReps)
        }
    }

    /// Every target row the workbook holds, in the import's terms: (scope, scope key, period, cents).
    public var rows: [(scope: String, key: String, period: String, cents: Int64)] {
        var out: [(String, String, String, Int64)] = []
        func add(_ scope: String, _ key: String, _ yearCents: Int64, _ quarters: [Int64]) {
            out.append((scope, key, String(year), yearCents))
            for (q, cents) in quarters.enumerated() { out.append((scope, key, "\(year)Q\(q + 1)", cents)) }
        }
        add("company", "", totalCents, quarterCents)
        for r in regions { add("region", r.key, r.yearCents, r.quarterCents) }
        for t in teams { add("team", t.key, t.yearCents, t.quarterCents) }
        for p in reps { add("rep", p.key, p.yearCents, p.quarterCents) }
        return out
    }
}

/// Basis revenue by region, by rep (with their region and team) and by product line.
struct BasisShares {
    struct Rep {
        var login: String
        var name: String
        var region: String
        var team: String?
        var cents: Int64
    }

    /// Basis revenue by calendar quarter, Q1 … Q4.
    var quarters: [Int64] = [0, 0, 0, 0]
    var regions: [String: Int64] = [:]
    var productLines: [String: Int64] = [:]
    var reps: [Rep] = []

    static func read(_ connection: Connection, from firstMonth: String, to lastMonth: String) throws -> BasisShares {
        var shares = BasisShares()
        let start = firstMonth + "-01"
        let end = lastMonth + "-31"
        let revenue = OrderLineRules.revenue("o")
        try connection.forEachRow(
            """
            SELECT coalesce(rc.name, rp.name, ''), sum(\(revenue)) FROM order_line o
            LEFT JOIN customer c ON c.id = o.customer_id LEFT JOIN region rc ON rc.id = c.region_id
            LEFT JOIN person p ON p.id = o.rep_id LEFT JOIN region rp ON rp.id = p.region_id
            WHERE o.status IN ('completed', 'returned') AND o.order_date BETWEEN ? AND ?
            GROUP BY 1
            """, [.text(start), .text(end)]
        ) { shares.regions[$0.text(at: 0) ?? ""] = $0.int64(at: 1) }
        try connection.forEachRow(
            """
            SELECT (CAST(substr(o.order_date, 6, 2) AS INTEGER) + 2) / 3, sum(\(revenue)) FROM order_line o
            WHERE o.status IN ('completed', 'returned') AND o.order_date BETWEEN ? AND ?
            GROUP BY 1
            """, [.text(start), .text(end)]
        ) { row in
            let quarter = row.int(at: 0)
            if (1...4).contains(quarter) { shares.quarters[quarter - 1] = row.int64(at: 1) }
        }
        try connection.forEachRow(
            """
            SELECT coalesce(pr.product_line, ''), sum(\(revenue)) FROM order_line o
            LEFT JOIN product pr ON pr.id = o.product_id
            WHERE o.status IN ('completed', 'returned') AND o.order_date BETWEEN ? AND ?
            GROUP BY 1
            """, [.text(start), .text(end)]
        ) { shares.productLines[$0.text(at: 0) ?? ""] = $0.int64(at: 1) }
        try connection.forEachRow(
            """
            SELECT p.login, p.name, r.name, p.team, sum(\(revenue)) FROM order_line o
            JOIN person p ON p.id = o.rep_id JOIN region r ON r.id = p.region_id
            WHERE o.status IN ('completed', 'returned') AND o.order_date BETWEEN ? AND ? AND p.active = 1
            GROUP BY p.id
            """, [.text(start), .text(end)]
        ) { row in
            shares.reps.append(
                Rep(
                    login: row.text(at: 0) ?? "", name: row.text(at: 1) ?? "", region: row.text(at: 2) ?? "",
                    team: row.text(at: 3), cents: row.int64(at: 4)))
        }
        return shares
    }
}

extension BasisShares {
    /// Revenue of the months `firstMonth` … `lastMonth` (`2025-01`).
    static func revenue(_ connection: Connection, from firstMonth: String, to lastMonth: String) throws -> Int64 {
        try connection.scalar(
            """
            SELECT coalesce(sum(\(OrderLineRules.revenue("o"))), 0) FROM order_line o
            WHERE o.status IN ('completed', 'returned') AND o.order_date BETWEEN ? AND ?
            """, [.text(firstMonth + "-01"), .text(lastMonth + "-31")])?.int64 ?? 0
    }
}

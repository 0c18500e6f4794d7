import Foundation

/// Stored scoring runs: saving a run, listing runs, reading a run or one customer's history, and the
/// customers whose tier or segment moved between two runs.
public enum ScoreStore {
    /// A stored run without its customers, as `runs` lists it.
    public struct RunSummary: Sendable, Equatable, Codable {
        public var id: Int64
        public var startedAt: String
        public var user: String
        public var asOf: String
        public var windowDays: Int
        public var customers: Int
        /// Customers per tier, `A` to `D`.
        public var tiers: [String: Int]
        public var settings: ScoreSettings
        public var fit: ModelFit
    }

    /// A customer whose tier or segment differs between two runs.
    public struct Change: Sendable, Equatable, Codable {
        public var customerID: Int64
        public var code: String?
        public var name: String
        public var tierBefore: String?
        public var tierAfter: String?
        public var segmentBefore: String?
        public var segmentAfter: String?
        public var amountBeforeCents: Int64
        public var amountAfterCents: Int64
    }

    /// Computes a run on the store's data and saves it, in one write transaction, so the run and what it
    /// read agree. `deliver` (writing the output) runs inside that transaction: if it throws, the run is
    /// not stored. Returns the run with its number.
    public static func run(
        _ store: Store, settings: ScoreSettings, user: String, at: String,
        deliver: (ScoreRun) throws -> Void = { _ in }
    ) throws -> ScoreRun {
        try run(
            store, settings: settings, user: user, at: at, render: { _ in () }, deliver: { run, _ in try deliver(run) })
    }

    /// ``run(_:settings:user:at:deliver:)`` with the output made in two steps: `render` (making the output
    /// from the numbered run, touching no store) runs on a second thread while the results are written to
    /// the store, and `deliver` (writing what `render` made) runs after both, inside the transaction. If any
    /// of them throws, the run is not stored (a failed insert is reported before a failed rendering).
    public static func run<Output: Sendable>(
        _ store: Store, settings: ScoreSettings, user: String, at: String,
        render: @Sendable (ScoreRun) throws -> Output,
        deliver: (ScoreRun, Output) throws -> Void
    ) throws -> ScoreRun {
        try PhaseTimer.measure("score: all of it, committed") {
            try store.write { connection in
                var run = try PhaseTimer.measure("score: computed") {
                    try ScoreEngine.compute(connection, settings: settings, user: user, startedAt: at)
                }
                try connection.execute(
                    """
                    INSERT INTO score_run (started_at, user_name, as_of, window_days, settings, model_fit, customers)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(at), .text(user), .text(run.asOf), .integer(Int64(settings.windowDays)),
                        .text(try JSONOutput.encode(settings)),
                        .text(try JSONOutput.encode(run.fit)),
                        .integer(Int64(run.customers.count)),
                    ])
                run.id = connection.lastInsertRowID
                // The rows are checked against every CHECK of score_result here (naming the customer), the
                // insert is compiled without SQLite's checks, and they are back on before anything else is
                // written. This was done while the tier and churn_risk checks were `IN (…)` lists, for which
                // SQLite built two temporary tables per row; since migration 0013 they are `=` comparisons, so
                // most of that reason is gone (what keeping SQLite's checks would cost now is not measured).
                for c in run.customers { try checkResult(c) }
                try connection.execute("PRAGMA ignore_check_constraints = ON")
                defer { try? connection.execute("PRAGMA ignore_check_constraints = OFF") }
                let insert = try connection.prepare(
                    """
                    INSERT INTO score_result (run_id, customer_id, customer_code, customer_name, recency_days, last_order_on,
                        orders, amount_cents, r_score, f_score, m_score, segment, tier, revenue_rank, top_percent, churn_risk,
                        typical_gap_days, gap_source, p_alive, expected_orders, expected_order_value_cents,
                        lifetime_value_cents, days_to_pay, complaints)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                // In key order (run, customer), so both of the table's B-trees grow at their end rather than
                // splitting pages all over (the run's own order is by tier and amount).
                let keyOrder = run.customers.indices.sorted {
                    run.customers[$0].customerID < run.customers[$1].customerID
                }
                func insertResults() throws {
                    for i in keyOrder {
                        let c = run.customers[i]
                        try insert.execute([
                            .integer(run.id), .integer(c.customerID), SQLValue(c.code), .text(c.name),
                            .integer(Int64(c.recencyDays)),
                            .text(c.lastOrderOn), .integer(Int64(c.orders)), .integer(c.amountCents),
                            .integer(Int64(c.r)),
                            .integer(Int64(c.f)), .integer(Int64(c.m)), .text(c.segment), .text(c.tier),
                            SQLValue(c.revenueRank),
                            SQLValue(c.topPercent), .text(c.churnRisk), .real(c.typicalGapDays), .text(c.gapSource),
                            SQLValue(c.probabilityAlive), SQLValue(c.expectedOrders),
                            SQLValue(c.expectedOrderValueCents),
                            SQLValue(c.lifetimeValueCents), SQLValue(c.daysToPay), .integer(Int64(c.complaints)),
                        ])
                    }
                    try connection.execute("PRAGMA ignore_check_constraints = OFF")
                }
                // The two are independent: each runs on its own core (one after the other on one core).
                let numbered = run
                let (inserted, rendered) = PhaseTimer.measure("score: results inserted, output rendered") {
                    Parallel.both({ try insertResults() }, { try render(numbered) })
                }
                try inserted.get()
                let output = try rendered.get()
                try PhaseTimer.measure("score: output written") { try deliver(run, output) }
                return run
            }
        }
    }

    /// The CHECK constraints of `score_result` (migration 0006_score_runs), for the rows ``run(_:settings:user:at:deliver:)``
    /// inserts with SQLite's checks off.
    static func checkResult(_ c: CustomerScore) throws {
        guard c.recencyDays >= 0, c.orders >= 0, (1...5).contains(c.r), (1...5).contains(c.f), (1...5).contains(c.m),
            ["A", "B", "C", "D"].contains(c.tier), ["low", "rising", "high", "lost"].contains(c.churnRisk)
        else {
            throw ScoreError(
                "customer #\(c.customerID): result outside score_result's constraints (recency \(c.recencyDays), "
                    + "orders \(c.orders), RFM \(c.r)\(c.f)\(c.m), tier \(c.tier), churn risk \(c.churnRisk))")
        }
    }

    /// Every stored run, newest first.
    public static func runs(_ store: Store) throws -> [RunSummary] {
        try store.read { connection in
            var tiers: [Int64: [String: Int]] = [:]
            try connection.forEachRow("SELECT run_id, tier, count(*) FROM score_result GROUP BY run_id, tier") { row in
                tiers[row.int64(at: 0), default: [:]][row.text(at: 1) ?? "?"] = row.int(at: 2)
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            var runs: [RunSummary] = []
            try connection.forEachRow(
                """
                SELECT id, started_at, user_name, as_of, window_days, customers, settings, model_fit
                FROM score_run ORDER BY id DESC
                """
            ) { r in
                let id = try r.int64("id")
                runs.append(
                    try RunSummary(
                        id: id, startedAt: r.text("started_at") ?? "", user: r.text("user_name") ?? "",
                        asOf: r.text("as_of") ?? "", windowDays: r.int("window_days"), customers: r.int("customers"),
                        tiers: tiers[id] ?? [:],
                        settings: decoder.decode(ScoreSettings.self, from: Data((r.text("settings") ?? "{}").utf8)),
                        fit: decoder.decode(ModelFit.self, from: Data((r.text("model_fit") ?? "{}").utf8))))
            }
            return runs
        }
    }

    /// The id of the latest run, or the run before it.
    public static func latestRunIDs(_ store: Store) throws -> [Int64] {
        try store.read { try $0.query("SELECT id FROM score_run ORDER BY id DESC LIMIT 2").compactMap { $0[0].int64 } }
    }

    /// A stored run with its customers (in the order they were computed).
    public static func load(_ store: Store, run id: Int64) throws -> ScoreRun {
        guard let summary = try runs(store).first(where: { $0.id == id }) else {
            throw ScoreError("no scoring run \(id) in the store (sales-score runs lists them)")
        }
        return try store.read { connection in
            var customers: [CustomerScore] = []
            try connection.forEachRow(
                """
                SELECT \(resultColumns) FROM score_result WHERE run_id = ?
                ORDER BY tier, amount_cents DESC, customer_id
                """, [.integer(id)]
            ) { customers.append(try customerScore($0)) }
            let windowStart = CivilDate(
                daysSinceUnixEpoch: (CivilDate(stored: summary.asOf)?.daysSinceUnixEpoch ?? 0)
                    - summary.windowDays + 1
            ).iso
            return ScoreRun(
                id: id, startedAt: summary.startedAt, user: summary.user, asOf: summary.asOf,
                windowStart: windowStart, settings: summary.settings, fit: summary.fit, customers: customers)
        }
    }

    /// One customer's result in every run that scored them, newest run first. `customer` is a code or a name.
    public static func history(
        _ store: Store, customer: String
    ) throws -> [(run: Int64, asOf: String, score: CustomerScore)] {
        try store.read { connection in
            let ids = try connection.query(
                """
                SELECT DISTINCT customer_id FROM score_result WHERE customer_code = ?1
                UNION SELECT DISTINCT customer_id FROM score_result WHERE customer_name = ?1 AND NOT EXISTS
                    (SELECT 1 FROM score_result WHERE customer_code = ?1)
                """, [.text(customer)]
            ).compactMap { $0[0].int64 }
            guard !ids.isEmpty else {
                throw ScoreError("\(customer): no customer with that code or name in any scoring run")
            }
            guard ids.count == 1 else {
                throw ScoreError("\(customer): several customers have that name; give the code")
            }
            var out: [(Int64, String, CustomerScore)] = []
            try connection.forEachRow(
                """
                SELECT s.id, s.as_of, \(resultColumns) FROM score_result JOIN score_run s ON s.id = run_id
                WHERE customer_id = ? ORDER BY s.id DESC
                """, [.integer(ids[0])]
            ) { row in
                out.append((try row.int64("id"), try row.text("as_of") ?? "", try customerScore(row)))
            }
            return out
        }
    }

    /// Customers whose tier or segment differs between run `from` and run `to` (present in either),
    /// the largest amount in either run first (so a large customer who fell to D is near the top).
    public static func changes(_ store: Store, from: Int64, to: Int64) throws -> [Change] {
        let known = Set(try runs(store).map(\.id))
        for id in [from, to] where !known.contains(id) {
            throw ScoreError("no scoring run \(id) in the store (sales-score runs lists them)")
        }
        return try store.read { connection in
            var changes: [Change] = []
            try connection.forEachRow(
                """
                WITH ids AS (SELECT customer_id FROM score_result WHERE run_id IN (?1, ?2) GROUP BY customer_id)
                SELECT ids.customer_id, coalesce(b.customer_code, a.customer_code) AS code,
                       coalesce(b.customer_name, a.customer_name) AS name, a.tier AS tier_before, b.tier AS tier_after,
                       a.segment AS segment_before, b.segment AS segment_after,
                       coalesce(a.amount_cents, 0) AS amount_before_cents,
                       coalesce(b.amount_cents, 0) AS amount_after_cents
                FROM ids
                LEFT JOIN score_result a ON a.run_id = ?1 AND a.customer_id = ids.customer_id
                LEFT JOIN score_result b ON b.run_id = ?2 AND b.customer_id = ids.customer_id
                WHERE a.tier IS NOT b.tier OR a.segment IS NOT b.segment
                ORDER BY max(coalesce(b.amount_cents, 0), coalesce(a.amount_cents, 0)) DESC, 1
                """, [.integer(from), .integer(to)]
            ) { r in
                changes.append(
                    try Change(
                        customerID: r.int64("customer_id"), code: r.text("code"), name: r.text("name") ?? "",
                        tierBefore: r.text("tier_before"), tierAfter: r.text("tier_after"),
                        segmentBefore: r.text("segment_before"), segmentAfter: r.text("segment_after"),
                        amountBeforeCents: r.int64("amount_before_cents"),
                        amountAfterCents: r.int64("amount_after_cents")))
            }
            return changes
        }
    }

    private static let resultColumns = """
        customer_id, customer_code, customer_name, recency_days, last_order_on, orders, amount_cents, r_score, f_score,
        m_score, segment, tier, revenue_rank, top_percent, churn_risk, typical_gap_days, gap_source, p_alive,
        expected_orders, expected_order_value_cents, lifetime_value_cents, days_to_pay, complaints
        """

    /// The ``resultColumns`` of the statement's current row.
    private static func customerScore(_ r: Statement) throws -> CustomerScore {
        try CustomerScore(
            customerID: r.int64("customer_id"), code: r.text("customer_code"), name: r.text("customer_name") ?? "",
            recencyDays: r.int("recency_days"), lastOrderOn: r.text("last_order_on") ?? "", orders: r.int("orders"),
            amountCents: r.int64("amount_cents"), r: r.int("r_score"), f: r.int("f_score"), m: r.int("m_score"),
            segment: r.text("segment") ?? "", tier: r.text("tier") ?? "",
            revenueRank: r.value("revenue_rank").int64.map { Int($0) },
            topPercent: r.value("top_percent").int64.map { Int($0) }, churnRisk: r.text("churn_risk") ?? "",
            typicalGapDays: r.double("typical_gap_days"), gapSource: r.text("gap_source") ?? "",
            probabilityAlive: r.value("p_alive").double, expectedOrders: r.value("expected_orders").double,
            expectedOrderValueCents: r.value("expected_order_value_cents").int64,
            lifetimeValueCents: r.value("lifetime_value_cents").int64, daysToPay: r.value("days_to_pay").double,
            complaints: r.int("complaints"))
    }
}

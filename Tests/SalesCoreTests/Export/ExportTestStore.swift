import Foundation
import SalesTestSupport

@testable import SalesCore

/// A small company whose summary for 2026Q1 (compared with 2025Q1) is worked out by hand in the tests.
///
/// ```
/// regions   华东, 华南, 西部
/// people    li 李雷 (rep, East-1, 华东)   han 韩梅 (rep, East-1, 华东)
///           zhao 赵强 (rep, South-1, 华南)   qian 钱多 (rep, South-1, 华南, left: active 0)
///           wang 王经理 (manager, HQ, no region)
/// customers C1 甲 (华东, owner li)   C2 乙 (华东, han)   C3 丙 (华南, zhao)
///           C4 丁 (no region, zhao)   C5 戊 (华南, zhao, first_order_on 2024-06-01)   C6 己 (西部, li)
/// products  P1, P2 line 传感器; P3 line 软件; P4 no line; P5 line 耗材
/// ```
///
/// Order lines (yuan; every amount is stored ×100 in cents):
///
/// | line | order | date | customer | rep | product | amount | channel | status |
/// |---|---|---|---|---|---|---:|---|---|
/// | L0 | SO-2401 | 2024-09-09 | C3 | zhao | P1 | 600 | direct | completed |
/// | L1 | SO-2501 | 2025-01-10 | C1 | li | P1 | 1000 | ecommerce | completed |
/// | L2 | SO-2502 | 2025-02-15 | C2 | han | P3 | 2000 | offline | completed |
/// | L3 | SO-2503 | 2025-03-20 | C3 | zhao | P1 | 3000 | direct | completed |
/// | L4 | SO-2504 | 2025-03-25 | C6 | li | P5 | 500 | ecommerce | completed |
/// | L5 | SO-2505 | 2025-05-05 | C1 | li | P1 | 4000 | ecommerce | completed |
/// | L6 | SO-2506 | 2025-08-08 | C3 | zhao | P2 | 2000 | direct | completed |
/// | L7 | SO-2507 | 2025-11-11 | C1 | li | P1 | 3000 | ecommerce | completed |
/// | L8 | SO-2508 | 2025-12-01 | C3 | zhao | P3 | 1500 | direct | completed |
/// | L9 | SO-2509 | 2025-12-20 | C2 | han | P2 | 500 | offline | completed |
/// | L10 | SO-2601 | 2026-01-05 | C1 | li | P1 | 5000 | ecommerce | completed |
/// | L11 | SO-2601 | 2026-01-05 | C1 | li | P3 | 1000 | ecommerce | completed |
/// | L12 | SO-2602 | 2026-02-10 | C1 | li | P2 | 2000 | social | completed |
/// | L13 | SO-2603 | 2026-02-12 | C2 | han | P3 | 3000 | offline | completed |
/// | L14 | SO-2604 | 2026-02-20 | C3 | zhao | P1 | 4000 | direct | completed |
/// | L15 | SO-2605 | 2026-03-01 | C4 | zhao | P4 | 1500 | (none) | completed |
/// | L16 | SO-2606 | 2026-03-05 | C5 | zhao | P2 | 800 | 批发 | completed |
/// | L17 | SO-2607 | 2026-03-10 | C2 | han | P1 | 700 | offline | cancelled |
/// | L18 | SO-2603R | 2026-03-15 | C2 | han | P3 | −500 | offline | returned |
/// | L19 | SO-2608 | 2026-03-28 | C4 | li | P3 | 200 | ecommerce | completed |
/// | L20 | SO-2609 | 2026-04-02 | C3 | zhao | P1 | 9999 | direct | completed |
/// | L21 | SO-2610 | 2026-03-12 | C1 | zhao | P3 | 1000 | direct | completed |
enum ExportTestStore {
    /// Cents of a yuan amount.
    static func yuan(_ amount: Int64) -> Int64 { amount * 100 }

    /// A migrated store with the whole company written into it.
    static func make() throws -> Store {
        let store = try makeTempStore()
        try store.write { c in
            try writePeopleAndCustomers(c)
            try writeOrders(c)
            try writeTargets(c)
            try writeOpportunities(c)
            try writeReceivables(c)
            try writeExpensesAndBudgets(c)
            try writeFeedback(c)
            try writeScoreRuns(c)
        }
        return store
    }

    /// Regions, people, customers and products only (no facts), for missing-data tests.
    static func makeDimensionsOnly() throws -> Store {
        let store = try makeTempStore()
        try store.write { try writePeopleAndCustomers($0) }
        return store
    }

    static func writePeopleAndCustomers(_ c: Connection) throws {
        try c.execute(
            """
            INSERT INTO region (name) VALUES ('华东'), ('华南'), ('西部');
            INSERT INTO person (login, name, role, team, region_id, active) VALUES
                ('li', '李雷', 'rep', 'East-1', (SELECT id FROM region WHERE name = '华东'), 1),
                ('han', '韩梅', 'rep', 'East-1', (SELECT id FROM region WHERE name = '华东'), 1),
                ('zhao', '赵强', 'rep', 'South-1', (SELECT id FROM region WHERE name = '华南'), 1),
                ('qian', '钱多', 'rep', 'South-1', (SELECT id FROM region WHERE name = '华南'), 0),
                ('wang', '王经理', 'manager', 'HQ', NULL, 1);
            INSERT INTO customer (code, name, region_id, owner_id, first_order_on) VALUES
                ('C1', '甲', (SELECT id FROM region WHERE name = '华东'), (SELECT id FROM person WHERE login = 'li'), NULL),
                ('C2', '乙', (SELECT id FROM region WHERE name = '华东'), (SELECT id FROM person WHERE login = 'han'), NULL),
                ('C3', '丙', (SELECT id FROM region WHERE name = '华南'), (SELECT id FROM person WHERE login = 'zhao'), NULL),
                ('C4', '丁', NULL, (SELECT id FROM person WHERE login = 'zhao'), NULL),
                ('C5', '戊', (SELECT id FROM region WHERE name = '华南'), (SELECT id FROM person WHERE login = 'zhao'),
                 '2024-06-01'),
                ('C6', '己', (SELECT id FROM region WHERE name = '西部'), (SELECT id FROM person WHERE login = 'li'), NULL);
            INSERT INTO product (sku, name, product_line) VALUES
                ('P1', '温度传感器', '传感器'), ('P2', '压力传感器', '传感器'), ('P3', '监控软件', '软件'),
                ('P4', '安装服务', NULL), ('P5', '滤芯', '耗材');
            """)
    }

    private static func writeOrders(_ c: Connection) throws {
        let lines: [(String, String, String, String, String, Int64, String?, String)] = [
            ("SO-2401", "2024-09-09", "C3", "zhao", "P1", 600, "direct", "completed"),
            ("SO-2501", "2025-01-10", "C1", "li", "P1", 1000, "ecommerce", "completed"),
            ("SO-2502", "2025-02-15", "C2", "han", "P3", 2000, "offline", "completed"),
            ("SO-2503", "2025-03-20", "C3", "zhao", "P1", 3000, "direct", "completed"),
            ("SO-2504", "2025-03-25", "C6", "li", "P5", 500, "ecommerce", "completed"),
            ("SO-2505", "2025-05-05", "C1", "li", "P1", 4000, "ecommerce", "completed"),
            ("SO-2506", "2025-08-08", "C3", "zhao", "P2", 2000, "direct", "completed"),
            ("SO-2507", "2025-11-11", "C1", "li", "P1", 3000, "ecommerce", "completed"),
            ("SO-2508", "2025-12-01", "C3", "zhao", "P3", 1500, "direct", "completed"),
            ("SO-2509", "2025-12-20", "C2", "han", "P2", 500, "offline", "completed"),
            ("SO-2601", "2026-01-05", "C1", "li", "P1", 5000, "ecommerce", "completed"),
            ("SO-2601", "2026-01-05", "C1", "li", "P3", 1000, "ecommerce", "completed"),
            ("SO-2602", "2026-02-10", "C1", "li", "P2", 2000, "social", "completed"),
            ("SO-2603", "2026-02-12", "C2", "han", "P3", 3000, "offline", "completed"),
            ("SO-2604", "2026-02-20", "C3", "zhao", "P1", 4000, "direct", "completed"),
            ("SO-2605", "2026-03-01", "C4", "zhao", "P4", 1500, nil, "completed"),
            ("SO-2606", "2026-03-05", "C5", "zhao", "P2", 800, "批发", "completed"),
            ("SO-2607", "2026-03-10", "C2", "han", "P1", 700, "offline", "cancelled"),
            ("SO-2603R", "2026-03-15", "C2", "han", "P3", -500, "offline", "returned"),
            ("SO-2608", "2026-03-28", "C4", "li", "P3", 200, "ecommerce", "completed"),
            ("SO-2609", "2026-04-02", "C3", "zhao", "P1", 9999, "direct", "completed"),
            ("SO-2610", "2026-03-12", "C1", "zhao", "P3", 1000, "direct", "completed"),
        ]
        let insert = try c.prepare(
            """
            INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, channel, status)
            VALUES (?, ?, (SELECT id FROM customer WHERE code = ?), (SELECT id FROM person WHERE login = ?),
                    (SELECT id FROM product WHERE sku = ?), ?, ?, ?)
            """)
        for line in lines {
            try insert.execute([
                .text(line.0), .text(line.1), .text(line.2), .text(line.3), .text(line.4),
                .integer(yuan(line.5)), SQLValue(line.6), .text(line.7),
            ])
        }
    }

    /// Company 2026Q1 16,000 and 2025Q1 6,000; 华东 by month in 2026Q1 (3,000 + 4,000 + 5,000) and 2,500 for
    /// 2025Q1; 华南 6,000 for 2026Q1 but only January and February of 2025Q1; 西部 none; team East-1 9,000;
    /// reps per quarter (2025Q4, 2026Q1): li 5,000 / 7,000, han 1,000 / 4,000, zhao 2,000 / 5,000, qian 1,000 / 1,000.
    private static func writeTargets(_ c: Connection) throws {
        let targets: [(String, String, String, Int64)] = [
            ("company", "", "2026Q1", 16000), ("company", "", "2025Q1", 6000),
            ("region", "华东", "2026-01", 3000), ("region", "华东", "2026-02", 4000), ("region", "华东", "2026-03", 5000),
            ("region", "华东", "2025Q1", 2500),
            ("region", "华南", "2026Q1", 6000), ("region", "华南", "2025-01", 1000), ("region", "华南", "2025-02", 1000),
            ("team", "East-1", "2026Q1", 9000),
            ("rep", "li", "2025Q4", 5000), ("rep", "li", "2026Q1", 7000),
            ("rep", "han", "2025Q4", 1000), ("rep", "han", "2026Q1", 4000),
            ("rep", "zhao", "2025Q4", 2000), ("rep", "zhao", "2026Q1", 5000),
            ("rep", "qian", "2025Q4", 1000), ("rep", "qian", "2026Q1", 1000),
        ]
        for (scope, key, period, amount) in targets {
            try c.execute(
                "INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES (?, ?, ?, ?)",
                [.text(scope), .text(key), .text(period), .integer(yuan(amount))])
        }
    }

    /// | code | customer | rep | created | stage | closed |
    /// |---|---|---|---|---|---|
    /// | O1 | C1 | li | 2026-01-03 | won | 2026-02-02 (30 days) |
    /// | O2 | C2 | han | 2026-01-10 | lost | 2026-03-01 |
    /// | O3 | C3 | zhao | 2026-02-01 | won | 2026-03-03 (30 days) |
    /// | O4 | C3 | zhao | 2026-03-10 | proposal | |
    /// | O5 | C1 | li | 2025-11-01 | won | 2026-01-15 (75 days) |
    /// | O6 | C2 | han | 2026-03-20 | won | 2026-04-05 (after the period) |
    /// | O7 | C1 | li | 2025-01-05 | won | 2025-02-04 (30 days) |
    /// | O8 | C3 | zhao | 2025-02-01 | lost | 2025-03-01 |
    private static func writeOpportunities(_ c: Connection) throws {
        let rows: [(String, String, String, String, String, String?)] = [
            ("O1", "C1", "li", "2026-01-03", "won", "2026-02-02"),
            ("O2", "C2", "han", "2026-01-10", "lost", "2026-03-01"),
            ("O3", "C3", "zhao", "2026-02-01", "won", "2026-03-03"),
            ("O4", "C3", "zhao", "2026-03-10", "proposal", nil),
            ("O5", "C1", "li", "2025-11-01", "won", "2026-01-15"),
            ("O6", "C2", "han", "2026-03-20", "won", "2026-04-05"),
            ("O7", "C1", "li", "2025-01-05", "won", "2025-02-04"),
            ("O8", "C3", "zhao", "2025-02-01", "lost", "2025-03-01"),
        ]
        for row in rows {
            try c.execute(
                """
                INSERT INTO opportunity (code, customer_id, rep_id, created_on, stage, closed_on)
                VALUES (?, (SELECT id FROM customer WHERE code = ?), (SELECT id FROM person WHERE login = ?), ?, ?, ?)
                """, [.text(row.0), .text(row.1), .text(row.2), .text(row.3), .text(row.4), SQLValue(row.5)])
        }
    }

    /// | invoice | customer | invoiced | due | amount | paid | paid on |
    /// |---|---|---|---|---:|---:|---|
    /// | INV-1 | C1 | 2026-01-05 | 2026-02-04 | 6000 | 6000 | 2026-02-01 (27 days) |
    /// | INV-2 | C2 | 2026-02-12 | 2026-03-14 | 3000 | 0 | |
    /// | INV-3 | C3 | 2026-02-20 | 2026-04-20 | 4000 | 1000 | 2026-03-10 |
    /// | INV-4 | C1 | 2025-11-11 | 2025-12-11 | 3000 | 3000 | 2026-04-10 (after the period) |
    /// | INV-5 | C4 | 2026-03-01 | 2026-03-31 | 1500 | 0 | |
    private static func writeReceivables(_ c: Connection) throws {
        let rows: [(String, String, String, String, Int64, Int64, String?)] = [
            ("INV-1", "C1", "2026-01-05", "2026-02-04", 6000, 6000, "2026-02-01"),
            ("INV-2", "C2", "2026-02-12", "2026-03-14", 3000, 0, nil),
            ("INV-3", "C3", "2026-02-20", "2026-04-20", 4000, 1000, "2026-03-10"),
            ("INV-4", "C1", "2025-11-11", "2025-12-11", 3000, 3000, "2026-04-10"),
            ("INV-5", "C4", "2026-03-01", "2026-03-31", 1500, 0, nil),
        ]
        for row in rows {
            try c.execute(
                """
                INSERT INTO receivable (invoice_no, customer_id, invoiced_on, due_on, amount_cents, paid_amount_cents, paid_on)
                VALUES (?, (SELECT id FROM customer WHERE code = ?), ?, ?, ?, ?, ?)
                """,
                [
                    .text(row.0), .text(row.1), .text(row.2), .text(row.3), .integer(yuan(row.4)),
                    .integer(yuan(row.5)), SQLValue(row.6),
                ])
        }
    }

    /// Claims:
    ///
    /// | claim | by | spent | category | amount | serves | campaign | status |
    /// |---|---|---|---|---:|---|---|---|
    /// | E1 | li | 2026-01-15 | advertising | 2000 | customer C1 | 春季推广 | paid |
    /// | E2 | li | 2026-02-10 | travel | 500 | (li's region 华东) | | approved |
    /// | E3 | zhao | 2026-03-01 | advertising | 1000 | region 华南 | 春季推广 | approved |
    /// | E4 | zhao | 2026-03-05 | entertainment | 300 | customer C3 | | submitted |
    /// | E5 | han | 2026-03-10 | travel | 400 | | | rejected |
    /// | E6 | han | 2026-01-20 | other | 100 | | | submitted |
    /// | E7 | li | 2026-04-01 | travel | 700 | | | approved |
    ///
    /// Budgets: B1 company advertising 2026Q1 2,500; B2 company travel 2026Q1 1,000; B3 region 华东 travel
    /// 2026-02 400; B4 region 华南 advertising 2026Q1 1,500; B5 company advertising 2026 9,000 (not inside
    /// 2026Q1); B6 team East-1 travel 2026Q1 800; B7 rep li advertising 2026Q1 1,000.
    private static func writeExpensesAndBudgets(_ c: Connection) throws {
        let claims: [(String, String, String, String, Int64, String?, String?, String?, String)] = [
            ("E1", "li", "2026-01-15", "advertising", 2000, "C1", nil, "春季推广", "paid"),
            ("E2", "li", "2026-02-10", "travel", 500, nil, nil, nil, "approved"),
            ("E3", "zhao", "2026-03-01", "advertising", 1000, nil, "华南", "春季推广", "approved"),
            ("E4", "zhao", "2026-03-05", "entertainment", 300, "C3", nil, nil, "submitted"),
            ("E5", "han", "2026-03-10", "travel", 400, nil, nil, nil, "rejected"),
            ("E6", "han", "2026-01-20", "other", 100, nil, nil, nil, "submitted"),
            ("E7", "li", "2026-04-01", "travel", 700, nil, nil, nil, "approved"),
        ]
        for claim in claims {
            try c.execute(
                """
                INSERT INTO expense (expense_no, submitted_by_id, spent_on, category, amount_cents, customer_id,
                                     region_id, campaign, status)
                VALUES (?, (SELECT id FROM person WHERE login = ?), ?, ?, ?, (SELECT id FROM customer WHERE code = ?),
                        (SELECT id FROM region WHERE name = ?), ?, ?)
                """,
                [
                    .text(claim.0), .text(claim.1), .text(claim.2), .text(claim.3), .integer(yuan(claim.4)),
                    SQLValue(claim.5), SQLValue(claim.6), SQLValue(claim.7), .text(claim.8),
                ])
        }
        let budgets: [(String, String, String, String, Int64, String)] = [
            ("company", "", "advertising", "2026Q1", 2500, "stop"),
            ("company", "", "travel", "2026Q1", 1000, "warn"),
            ("region", "华东", "travel", "2026-02", 400, "warn"),
            ("region", "华南", "advertising", "2026Q1", 1500, "warn"),
            ("company", "", "advertising", "2026", 9000, "warn"),
            ("team", "East-1", "travel", "2026Q1", 800, "ignore"),
            ("rep", "li", "advertising", "2026Q1", 1000, "warn"),
        ]
        for budget in budgets {
            try c.execute(
                """
                INSERT INTO budget (scope, scope_key, category, period, amount_cents, control) VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(budget.0), .text(budget.1), .text(budget.2), .text(budget.3), .integer(yuan(budget.4)),
                    .text(budget.5),
                ])
        }
    }

    /// Surveys (quality, delivery, service): F1 C1 2026-01-20 5/4/5; F2 C1 2026-02-20 4/4/4; F3 C3 2026-03-02
    /// 3/2/4; F4 C4 2026-03-15 4/–/3; F5 C2 2026-03-20 5/5/5; F6 C1 2025-02-01 3/3/3.
    ///
    /// Complaints: K1 C2 received 2026-01-10, resolved 01-15, closed 01-20; K2 C3 received 2026-02-01, open;
    /// K3 C1 received 2026-03-20, resolved 03-25; K4 C3 received 2025-12-01, closed 2026-02-09 (70 days);
    /// K5 C4 received 2026-02-15, closed 2026-04-10 (after the period); K6 C1 received 2025-03-01, closed 03-05.
    private static func writeFeedback(_ c: Connection) throws {
        let rows: [(String, String, String, String, Int64?, Int64?, Int64?, String?, String?, String?)] = [
            ("F1", "C1", "2026-01-20", "survey", 5, 4, 5, nil, nil, nil),
            ("F2", "C1", "2026-02-20", "survey", 4, 4, 4, nil, nil, nil),
            ("F3", "C3", "2026-03-02", "survey", 3, 2, 4, nil, nil, nil),
            ("F4", "C4", "2026-03-15", "survey", 4, nil, 3, nil, nil, nil),
            ("F5", "C2", "2026-03-20", "survey", 5, 5, 5, nil, nil, nil),
            ("F6", "C1", "2025-02-01", "survey", 3, 3, 3, nil, nil, nil),
            ("K1", "C2", "2026-01-10", "complaint", nil, nil, nil, "closed", "2026-01-15", "2026-01-20"),
            ("K2", "C3", "2026-02-01", "complaint", nil, nil, nil, "open", nil, nil),
            ("K3", "C1", "2026-03-20", "complaint", nil, nil, nil, "resolved", "2026-03-25", nil),
            ("K4", "C3", "2025-12-01", "complaint", nil, nil, nil, "closed", nil, "2026-02-09"),
            ("K5", "C4", "2026-02-15", "complaint", nil, nil, nil, "closed", nil, "2026-04-10"),
            ("K6", "C1", "2025-03-01", "complaint", nil, nil, nil, "closed", nil, "2025-03-05"),
        ]
        for row in rows {
            try c.execute(
                """
                INSERT INTO feedback (code, customer_id, received_on, kind, quality_score, delivery_score, service_score,
                                      status, resolved_on, closed_on)
                VALUES (?, (SELECT id FROM customer WHERE code = ?), ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(row.0), .text(row.1), .text(row.2), .text(row.3), SQLValue(row.4), SQLValue(row.5),
                    SQLValue(row.6), SQLValue(row.7), SQLValue(row.8), SQLValue(row.9),
                ])
        }
    }

    /// Run 1 as of 2026-06-30 (after 2026Q1; every customer tier B) and run 2 as of 2026-03-31 (inside it):
    /// C1, C3, C6 tier A; C2 B; C5 C; C4 D.
    private static func writeScoreRuns(_ c: Connection) throws {
        try c.execute(
            """
            INSERT INTO score_run (id, started_at, user_name, as_of, window_days, settings, model_fit, customers) VALUES
                (1, '2026-07-01T08:00:00Z', 'analyst', '2026-06-30', 365, '{}', '{}', 6),
                (2, '2026-04-01T08:00:00Z', 'analyst', '2026-03-31', 365, '{}', '{}', 6)
            """)
        let tiers: [(Int64, String, String)] = [
            (1, "C1", "B"), (1, "C2", "B"), (1, "C3", "B"), (1, "C4", "B"), (1, "C5", "B"), (1, "C6", "B"),
            (2, "C1", "A"), (2, "C3", "A"), (2, "C6", "A"), (2, "C2", "B"), (2, "C5", "C"), (2, "C4", "D"),
        ]
        for (run, code, tier) in tiers {
            try c.execute(
                """
                INSERT INTO score_result (run_id, customer_id, customer_code, customer_name, recency_days, last_order_on,
                    orders, amount_cents, r_score, f_score, m_score, segment, tier, churn_risk, typical_gap_days, gap_source)
                SELECT ?, id, code, name, 0, '2026-03-31', 1, 0, 3, 3, 3, 'general_value', ?, 'low', 30, 'fallback'
                FROM customer WHERE code = ?
                """, [.integer(run), .text(tier), .text(code)])
        }
    }

    /// The summary of `period` compared as `compare` in `scope`.
    static func summary(
        _ store: Store, _ period: String = "2026Q1", compare: ComparisonMode = .yearOverYear,
        scope: ReportScope = .company, options: SummaryOptions = SummaryOptions()
    ) throws -> SummaryData {
        let parsed = try ReportPeriod.parse(period)
        return try store.read {
            try SummaryMetrics.compute($0, period: parsed, compare: compare, scope: scope, options: options)
        }
    }
}

/// `numerator/denominator` of a ratio value, or `nil`, for exact comparisons in expectations.
func fraction(_ value: MetricValue?) -> [Int64]? {
    guard case .ratio(let ratio)? = value else { return nil }
    return [ratio.numerator, ratio.denominator]
}

/// The cents of a value, or `nil`.
func cents(_ value: MetricValue?) -> Int64? { value?.centsValue }

/// The English reason of a missing value, or `nil` when it is not missing.
func reason(_ value: MetricValue?) -> String? { value?.missingReason?.en }

/// The Chinese reason of a missing value, or `nil` when it is not missing.
func reasonZh(_ value: MetricValue?) -> String? { value?.missingReason?.zh }

/// Every ``MetricValue`` held anywhere in `value` (found by reflection), values and comparisons alike.
func metricValues(in value: Any) -> [MetricValue] {
    if let metric = value as? MetricValue { return [metric] }
    return Mirror(reflecting: value).children.flatMap { metricValues(in: $0.value) }
}

import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

@Suite("Plan: commission worked by hand")
struct PlanCommissionTests {
    static let planText = """
        name = "测试方案"
        version = "1"
        cap = 20

        [rates]
        bands = [{ from = 0, rate = 2 }, { from = 80, rate = 3 }, { from = 100, rate = 4 }]

        [multipliers]
        product_line = { "饮料" = 1.5 }

        [clawback]
        days = 90

        [new_customer]
        bonus = 5
        """

    /// The targets store of ``PlanTargetsTests/handStore()`` plus, for 2025Q4:
    /// - a.li: a sale S1 of 20,025 on 2025-12-01 returned by a reversal of −20,025 on 2025-12-20 (19 days);
    ///   a reversal S2-R of −5,000 on 2025-12-01 of a sale S2 to C2 of 2025-08-01 (122 days); target 25,000.
    /// - b.wang: a new customer C3 whose first order N1 of 10,000 (饮料) is on 2025-10-10; target 125,000.
    static func store() throws -> Store {
        let store = try PlanTargetsTests.handStore()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO customer (id, code, name, region_id) VALUES (3, 'C3', '丙', 1);
                INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, status) VALUES
                    ('S1', '2025-12-01', 1, 1, 1, 20025, 'completed'),
                    ('S1-R', '2025-12-20', 1, 1, 1, -20025, 'returned'),
                    ('S2', '2025-08-01', 2, 1, 1, 5000, 'completed'),
                    ('S2-R', '2025-12-01', 2, 1, 1, -5000, 'returned'),
                    ('N1', '2025-10-10', 3, 2, 1, 10000, 'completed');
                INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES
                    ('rep', 'a.li', '2025Q4', 25000), ('rep', 'b.wang', '2025Q4', 125000);
                """)
        }
        return store
    }

    @Test("bands at their edges, multipliers, rounding half away from zero, clawback inside and outside, cap, bonus")
    func handWorked() throws {
        let store = try Self.store()
        defer { store.close() }
        let plan = try CommissionPlan.parse(Self.planText, sha256: "test")
        let run = try CommissionRun.build(store, period: try ReportPeriod.parse("2025Q4"), plan: plan)
        #expect(run.statements.map(\.login) == ["a.li", "b.wang"])  // c.zhao sold nothing in Q4
        let a = run.statements[0]
        // Revenue 3 × 10,000 + 20,025 − 20,025 − 5,000 = 25,000 = the target: 100% reaches the 4% band.
        #expect(a.revenueCents == 25_000)
        #expect(a.completion == 1)
        #expect(a.ratePPM == 40_000)
        // 饮料 × 1.5: 10,000 × 6% = 600 each; S1 20,025 × 6% = 1,201.5 → 1,202, and its reversal −1,202 (19 days);
        // S2's reversal is 122 days after its sale: nothing taken back.
        #expect(a.lines.map(\.commissionCents) == [600, 600, 1_202, 0, 600, -1_202])
        #expect(a.lines.map(\.note) == [nil, nil, nil, "return_outside_window", nil, "clawback"])
        #expect(a.lines.allSatisfy { $0.multiplierPPM == 1_500_000 })
        #expect(a.linesCents == 1_800)
        #expect(a.cappedCents == 0)
        #expect(a.bonusCents == 0)
        #expect(a.totalCents == 1_800)
        let b = run.statements[1]
        // Revenue 90,000 + 10,000 = 100,000 of 125,000: exactly 80%, the 3% band.
        #expect(b.revenueCents == 100_000)
        #expect(b.ratePPM == 30_000)
        // N1 (饮料) 10,000 × 4.5% = 450; three 零食 lines of 30,000 × 3% = 900.
        #expect(b.lines.map(\.commissionCents) == [450, 900, 900, 900])
        // 3,150 over the cap of 2,000: 1,150 taken; the bonus of 500 for C3 comes after the cap.
        #expect(b.linesCents == 3_150)
        #expect(b.cappedCents == 1_150)
        #expect(b.newCustomers == ["C3 丙"])
        #expect(b.totalCents == 2_000 + 500)
        #expect(run.teams == [CommissionRun.TeamTotal(team: "东一", reps: 2, revenueCents: 125_000, totalCents: 4_300)])
        #expect(run.totalCents == 4_300)
        // The same store and plan give the same statements.
        let again = try CommissionRun.build(store, period: try ReportPeriod.parse("2025Q4"), plan: plan)
        #expect(try JSONOutput.encode(again) == JSONOutput.encode(run))
    }

    @Test("a band starts exactly at its completion: one cent short stays in the band below")
    func bandEdges() throws {
        let plan = try CommissionPlan.parse(Self.planText, sha256: "test")
        #expect(plan.band(revenue: 100_000, target: 125_000).ratePPM == 30_000)
        #expect(plan.band(revenue: 100_000, target: 125_001).ratePPM == 20_000)
        #expect(plan.band(revenue: 125_000, target: 125_000).ratePPM == 40_000)
        #expect(plan.band(revenue: 124_999, target: 125_000).ratePPM == 30_000)
        #expect(plan.band(revenue: -5, target: 125_000).ratePPM == 20_000)
        // Amounts near the limit compare without overflow.
        #expect(plan.band(revenue: Int64.max, target: Int64.max).ratePPM == 40_000)
    }

    @Test("rounding is half away from zero, exact for amounts near the limit")
    func rounding() {
        #expect(CommissionPlan.commission(amountCents: 25, ratePPM: 20_000, multiplierPPM: 1_000_000) == 1)  // 0.5
        #expect(CommissionPlan.commission(amountCents: -25, ratePPM: 20_000, multiplierPPM: 1_000_000) == -1)
        #expect(CommissionPlan.commission(amountCents: 24, ratePPM: 20_000, multiplierPPM: 1_000_000) == 0)  // 0.48
        #expect(
            CommissionPlan.commission(amountCents: 9_000_000_000_000_000, ratePPM: 50_000, multiplierPPM: 2_000_000)
                == 900_000_000_000_000)
    }

    @Test("a plan with an unknown key, bands out of order or a missing version is refused by name")
    func refusals() {
        func message(_ text: String) -> String? {
            do {
                _ = try CommissionPlan.parse(text, sha256: "", file: "p.toml")
                return nil
            } catch let error as PlanError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message("name = \"x\"\nversion = \"1\"\nrate = 3\n[rates]\nbands = [{ from = 0, rate = 1 }]")
                == "p.toml: unknown key rate")
        #expect(
            message("name = \"x\"\n[rates]\nbands = [{ from = 0, rate = 1 }]")
                == "p.toml: version must be a non-empty text (a changed plan is a new version)")
        #expect(
            message("name = \"x\"\nversion = \"1\"\n[rates]\nbands = [{ from = 0, rate = 1 }, { from = 0, rate = 2 }]")
                == "p.toml: rates.bands must be in ascending order of from, without repeats")
        #expect(
            message("name = \"x\"\nversion = \"1\"\n[rates]\nbands = [{ from = 50, rate = 1 }]")
                == "p.toml: rates.bands[0].from must be 0 (every completion needs a band)")
        #expect(
            message("name = \"x\"\nversion = \"1\"\n[rates]\nbands = [{ from = 0, rate = 101 }]")
                == "p.toml: rates.bands[0].rate must be a percentage from 0 to 100")
        #expect(
            message(
                "name = \"x\"\nversion = \"1\"\n[rates]\nbands = [{ from = 0, rate = 1 }]\n[multipliers]\ntier = { top = 2 }"
            )
                == "p.toml: multipliers.tier.top must be one of the tiers high, mid, low")
        // A changed text is a new hash, and the hash is printed with every statement.
        #expect(message(Self.planText) == nil)
    }
}

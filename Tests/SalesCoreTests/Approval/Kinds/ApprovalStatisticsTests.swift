import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private typealias F = ApprovalFixture

@Suite("sales-approve report: time per step and approver, lead times, backlog")
struct ApprovalStatisticsTests {
    /// Hand-worked: five training claims (no budget covers training: warn) spent 2026-03-10 by rep1, all routed
    /// at T0 = 2026-03-15 12:00 UTC.
    ///
    /// | claim | amount | route   | decisions (hours after T0)       |
    /// |-------|--------|---------|----------------------------------|
    /// | X1    | 1,000  | m1      | m1 +1                            |
    /// | X2    | 8,000  | m1, rm  | m1 +2, rm +5                     |
    /// | X3    | 2,000  | m1      | m1 +4                            |
    /// | X5    | 1,000  | m1      | m1 +3                            |
    /// | X4    | 500    | m1      | pending                          |
    ///
    /// Step 1 waits 1, 2, 4, 3 h → sorted 3600, 7200, 10800, 14400 s: median (7200 + 10800) / 2 = 9000 s,
    /// 90th percentile at rank ⌈0.9 × 4⌉ = 4: 14400 s. Step 2 (rm) waits from m1's decision (+2) to +5: 10800 s.
    /// Per approver: m1 as step 1; rm 10800. Lead times (route to last decision): 3600, 18000, 14400, 10800 →
    /// median (10800 + 14400) / 2 = 12600 s, 90th percentile 18000 s. Backlog on 2026-03-16: X4, spent (no
    /// submission date) 2026-03-10, is 6 days old: the 3–7 days bucket.
    private func workedStore() throws -> Store {
        let store = try F.makeStore()
        let t0 = F.now
        func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }
        for (number, amount) in [("X1", 100_000), ("X2", 800_000), ("X3", 200_000), ("X4", 50_000), ("X5", 100_000)] {
            try F.importClaim(
                store, number: number, submitter: "rep1", amountCents: Int64(amount), category: "training")
        }
        // An expense decided before it came under approval: counted apart.
        try F.importClaim(store, number: "OLD", submitter: "rep1", amountCents: 10_000, status: "paid")
        // A claim of another quarter: not in 2026Q1.
        try F.importClaim(store, number: "LATER", submitter: "rep1", amountCents: 10_000, spentOn: "2026-04-02")
        #expect(try F.desk(store, as: "admin", now: t0).routePending() == 6)
        _ = try F.desk(store, as: "m1", now: at(1)).approve("X1")
        _ = try F.desk(store, as: "m1", now: at(2)).approve("X2")
        _ = try F.desk(store, as: "m1", now: at(3)).approve("X5")
        _ = try F.desk(store, as: "m1", now: at(4)).approve("X3")
        _ = try F.desk(store, as: "rm", now: at(5)).approve("X2")
        return store
    }

    @Test("medians and 90th percentiles per step, per approver and of lead times, on a hand-worked store")
    func handWorked() throws {
        let store = try workedStore()
        let stats = try F.desk(store, as: "admin", now: F.now.addingTimeInterval(86_400))
            .statistics(period: try ReportPeriod.parse("2026Q1"))
        #expect(stats.from == "2026-01-01" && stats.to == "2026-03-31" && stats.asOf == "2026-03-16")
        #expect(stats.documents.count == 1)
        let expense = try #require(stats.documents.first)
        #expect(
            (expense.kind, expense.pending, expense.approved, expense.rejected, expense.total) == (
                "expense", 1, 4, 0, 5
            ))
        #expect(stats.notUnderApproval == ["expense": 1])

        #expect(stats.steps.map(\.key) == ["1", "2"])
        #expect(
            stats.steps[0].count == 4 && stats.steps[0].medianSeconds == 9_000 && stats.steps[0].p90Seconds == 14_400)
        #expect(
            stats.steps[1].count == 1 && stats.steps[1].medianSeconds == 10_800 && stats.steps[1].p90Seconds == 10_800)
        #expect(stats.approvers.map(\.key) == ["m1", "rm"])
        #expect(stats.approvers[0].name == "一组经理" && stats.approvers[0].medianSeconds == 9_000)
        #expect(stats.approvers[1].medianSeconds == 10_800)
        #expect(stats.leadTimes.map(\.key) == ["expense"])
        #expect(stats.leadTimes[0].medianSeconds == 12_600 && stats.leadTimes[0].p90Seconds == 18_000)
        #expect(stats.backlog.map(\.count) == [0, 1, 0, 0, 0])
        #expect(stats.backlog[1].fromDays == 3 && stats.backlog[1].toDays == 7)

        let text = ApprovalReport.statisticsText(stats, lang: .en)
        #expect(text.contains("step 1"))
        #expect(text.contains("2.5 h"))  // the median of step 1, 9000 s
        #expect(text.contains("3–7 days: 1"))
        #expect(text.contains("Not counted: 1 × Expense claim"))
    }

    @Test("the summary's expense section shows the same median lead time, in days; contracts left out")
    func summaryLeadTime() throws {
        let store = try workedStore()
        // A contract approved in a minute must not move the expense claims' median.
        try store.write { c in
            try c.execute("INSERT INTO customer (code, name) VALUES ('C1', '客户')")
            try c.execute(
                """
                INSERT INTO expense (expense_no, submitted_by_id, spent_on, category, amount_cents, status, kind,
                                     customer_id, list_amount_cents, term_months, non_standard)
                VALUES ('HT1', (SELECT id FROM person WHERE login = 'rep1'), '2026-03-10', 'other', 100000,
                        'submitted', 'contract', (SELECT id FROM customer WHERE code = 'C1'), 100000, 12, 0)
                """)
        }
        let t0 = F.now.addingTimeInterval(6 * 3600)
        #expect(try F.desk(store, as: "admin", now: t0).routePending() == 1)
        _ = try F.desk(store, as: "m1", now: t0.addingTimeInterval(60)).approve("HT1")
        let data = try store.read {
            try SummaryMetrics.compute(
                $0, period: try ReportPeriod.parse("2026Q1"), compare: .none, scope: .company)
        }
        // Expense claims X1, X2, X3, X5: median (10800 + 14400) / 2 = 12600 s = 12600 / 86400 days.
        guard case .ratio(let r) = data.expensesAndBudget.approvalLeadTime.value else {
            Issue.record("\(data.expensesAndBudget.approvalLeadTime.value)")
            return
        }
        #expect(r.numerator == 10_800 + 14_400 && r.denominator == 2 * 86_400)
        // A period with no claim approved through sales-approve says so instead of 0 days.
        let empty = try store.read {
            try SummaryMetrics.compute(
                $0, period: try ReportPeriod.parse("2025Q4"), compare: .none, scope: .company)
        }
        #expect(empty.expensesAndBudget.approvalLeadTime.value.isMissing)
    }

    @Test("the median of an odd count is the middle value; the 90th percentile is the nearest rank")
    func percentiles() {
        #expect(ApprovalStatistics.median([5, 1, 3]) == 3)
        #expect(ApprovalStatistics.median([4, 1, 3, 2]) == 2.5)
        // Ten values 1…10: rank ⌈9⌉ = 9. Eleven: rank ⌈9.9⌉ = 10. One: itself.
        #expect(ApprovalStatistics.percentile90(Array(1...10)) == 9)
        #expect(ApprovalStatistics.percentile90(Array(1...11)) == 10)
        #expect(ApprovalStatistics.percentile90([7]) == 7)
    }

    @Test("an empty period reports no documents and an empty backlog, not zeros that look measured")
    func emptyPeriod() throws {
        let store = try workedStore()
        let stats = try F.desk(store, as: "admin").statistics(period: try ReportPeriod.parse("2025Q4"))
        #expect(stats.documents.isEmpty && stats.steps.isEmpty && stats.leadTimes.isEmpty)
        let text = ApprovalReport.statisticsText(stats, lang: .en)
        #expect(text.contains("(no documents in the period)"))
        #expect(text.contains("(nothing decided in the period)"))
    }
}

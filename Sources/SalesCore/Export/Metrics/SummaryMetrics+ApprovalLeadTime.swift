// Section 6 (expenses and budget): how long approval took, beside the budget.

extension SummaryMetrics {
    /// The median time, in days, from an approved expense claim's first route to the last decision of its
    /// current round, over the claims of the scope spent in the period (``MetricID/approvalLeadTime``): the
    /// same measure as `sales-approve report`'s lead time (``ApprovalStatistics``), for expense claims only.
    static func approvalLeadTime(_ context: SummaryContext) throws -> MetricResult {
        let condition = context.scope.expenseCondition(expense: "e", submitter: "s", parameter: 3)
        var seconds: [Int64] = []
        try context.connection.forEachRow(
            """
            SELECT (SELECT min(CAST(strftime('%s', a.at) AS INTEGER)) FROM audit_log a
                    WHERE a.subject = 'expense:' || e.expense_no
                      AND a.action IN ('claim.submitted', 'claim.routed', 'claim.rerouted')),
                   (SELECT max(CAST(strftime('%s', d.decided_at) AS INTEGER))
                    FROM approval_step st JOIN approval_decision d ON d.step_id = st.id
                    WHERE st.expense_id = c.expense_id AND st.round = c.round)
            FROM approval_claim c
            JOIN expense e ON e.id = c.expense_id
            LEFT JOIN person s ON s.id = e.submitted_by_id
            WHERE c.state = 'approved' AND e.spent_on BETWEEN ?1 AND ?2 AND \(condition)
            """, SummaryContext.bounds(context.period) + context.scope.arguments
        ) { r in
            guard let start = r.value(at: 0).int64, let end = r.value(at: 1).int64, end >= start else { return }
            seconds.append(end - start)
        }
        guard !seconds.isEmpty else {
            return MetricResult(.approvalLeadTime, .missing(.noClaimApproved(in: context.period)))
        }
        let sorted = seconds.sorted()
        let mid = sorted.count / 2
        // An even count: the mean of the two middle values, kept exact as a ratio over two days' seconds.
        let ratio =
            sorted.count % 2 == 1
            ? Ratio(sorted[mid], 86_400) : Ratio(sorted[mid - 1] + sorted[mid], 2 * 86_400)
        return MetricResult(
            .approvalLeadTime, ratio.map { .ratio($0) } ?? .missing(.noClaimApproved(in: context.period)))
    }
}

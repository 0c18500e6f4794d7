// Section 4 (market and customers).

extension SummaryMetrics {
    static func marketAndCustomers(
        _ context: SummaryContext, _ sales: SalesAggregates,
        _ run: ScoreRunReference?
    ) throws -> MarketAndCustomers {
        MarketAndCustomers(
            channels: channels(context, sales),
            scoreRun: run,
            tiers: try tiers(context, run),
            highValueShare: try highValueShare(context, sales, run),
            churnRate: churnRate(context, sales),
            newCustomers: MetricResult(
                .newCustomers, .count(sales.newCustomers), comparison: sales.comparisonNewCustomers.map { .count($0) }),
            lostCustomers: lostCustomers(context, sales),
            lostCustomersRevenue: context.comparison == nil ? nil : sales.churnedRevenue,
            activeCustomers: MetricResult(
                .activeCustomers, .count(sales.activeCustomers),
                comparison: context.comparison.map { _ in
                    .count(sales.comparisonActiveCustomers)
                }))
    }

    private static func channels(_ context: SummaryContext, _ sales: SalesAggregates) -> [ChannelPerformance] {
        let rows = sales.channelRevenue.map { channel, figures -> ChannelPerformance in
            let comparison = context.comparison == nil ? nil : figures.comparison
            let share = Figure.share(figures.current, of: sales.revenue, in: context.period)
            let comparisonShare = allPresent(comparison, sales.comparisonRevenue, context.comparison)
                .map { Figure.share($0.0, of: $0.1, in: $0.2) }
            let change = bothPresent(share.doubleValue, comparisonShare?.doubleValue).map { $0.0 - $0.1 }
            return ChannelPerformance(
                channel: channel,
                revenue: MetricResult(.revenue, .cents(figures.current), comparison: comparison.map { .cents($0) }),
                share: MetricResult(.channelShare, share, comparison: comparisonShare),
                shareChange: change)
        }
        return rows.sorted { a, b in
            let (x, y) = (a.revenue.value.centsValue ?? 0, b.revenue.value.centsValue ?? 0)
            if x != y { return x > y }
            return (a.channel ?? "\u{10FFFF}") < (b.channel ?? "\u{10FFFF}")
        }
    }

    /// Customers per tier in the covering run (customer rule for the scope), with their revenue in the scope
    /// in the period.
    private static func tiers(_ context: SummaryContext, _ run: ScoreRunReference?) throws -> [TierCount] {
        let tiers = ["A", "B", "C", "D"]
        guard let run else {
            return tiers.map {
                TierCount(
                    tier: $0, customers: MetricResult(.tierCustomers, .missing(.noScoreRun)),
                    revenue: MetricResult(.revenue, .missing(.noScoreRun)))
            }
        }
        var found: [String: (Int64, Int64)] = [:]
        let condition = context.scope.customerCondition(customer: "c", owner: "ow", parameter: 2)
        try context.connection.forEachRow(
            """
            SELECT sr.tier, count(*),
                   coalesce(sum((SELECT x.rev_p FROM export_cust x WHERE x.customer_id = sr.customer_id)), 0)
            FROM score_result sr
            LEFT JOIN customer c ON c.id = sr.customer_id
            LEFT JOIN person ow ON ow.id = c.owner_id
            WHERE sr.run_id = ?1 AND \(condition)
            GROUP BY sr.tier
            """, [.integer(run.id)] + context.scope.arguments
        ) { row in
            found[row.text(at: 0) ?? ""] = (row.int64(at: 1), row.int64(at: 2))
        }
        return tiers.map { tier in
            let (customers, revenue) = found[tier] ?? (0, 0)
            return TierCount(
                tier: tier, customers: MetricResult(.tierCustomers, .count(customers)),
                revenue: MetricResult(.revenue, .cents(revenue)))
        }
    }

    /// Revenue in the scope from the run's tier-A customers ÷ revenue.
    private static func highValueShare(
        _ context: SummaryContext, _ sales: SalesAggregates,
        _ run: ScoreRunReference?
    ) throws -> MetricResult {
        guard let run else { return MetricResult(.highValueShare, .missing(.noScoreRun)) }
        let fromTierA =
            try context.connection.scalar(
                """
                SELECT coalesce(sum(x.rev_p), 0) FROM export_cust x
                WHERE x.customer_id IN (SELECT customer_id FROM score_result WHERE run_id = ?1 AND tier = 'A')
                """, [.integer(run.id)])?.int64 ?? 0
        return MetricResult(.highValueShare, Figure.share(fromTierA, of: sales.revenue, in: context.period))
    }

    private static func churnRate(_ context: SummaryContext, _ sales: SalesAggregates) -> MetricResult {
        guard let comparison = context.comparison else {
            return MetricResult(.churnRate, .missing(.noComparison))
        }
        return MetricResult(
            .churnRate,
            .fraction(
                sales.churnedCustomers, sales.comparisonActiveCustomers,
                orMissing: context.scoped(.noCustomerOrdered(in: comparison))),
            comparison: bothPresent(context.priorComparison, sales.priorActiveCustomers).map { prior, active in
                .fraction(
                    sales.priorChurnedCustomers ?? 0, active, orMissing: context.scoped(.noCustomerOrdered(in: prior)))
            })
    }

    /// Customers active in the comparison period who did not order in this one, compared with the same count
    /// one comparison earlier.
    private static func lostCustomers(_ context: SummaryContext, _ sales: SalesAggregates) -> MetricResult {
        guard context.comparison != nil else { return MetricResult(.lostCustomers, .missing(.noComparison)) }
        return MetricResult(
            .lostCustomers, .count(sales.churnedCustomers),
            comparison: bothPresent(context.priorComparison, sales.priorActiveCustomers).map { prior, active in
                // Nobody active in the period before the comparison period: nobody could be lost, no count.
                active > 0
                    ? .count(sales.priorChurnedCustomers ?? 0)
                    : .missing(context.scoped(.noCustomerOrdered(in: prior)))
            })
    }
}

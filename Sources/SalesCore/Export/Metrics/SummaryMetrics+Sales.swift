// Sections 1 (core goals) and 2 (sales performance).

extension SummaryMetrics {
    // MARK: - 1. Core goals

    /// The period's growth on the comparison period, compared with the comparison period's own growth on the
    /// period before it (2025 on 2024 beside 2024 on 2023), so the headline row's change says whether growth
    /// sped up or slowed down; that comparison is missing, with its reason, when the earlier period has no
    /// revenue.
    static func headlineGrowth(_ sales: SalesAggregates, _ context: SummaryContext) -> MetricResult {
        let growth = Figure.growth(
            sales.revenue, sales.comparisonRevenue, comparisonPeriod: context.comparison, context: context)
        guard growth.value.ratioValue != nil, let comparisonRevenue = sales.comparisonRevenue else { return growth }
        let earlier = Figure.growth(
            comparisonRevenue, context.priorComparison.map { sales.revenue(in: $0) },
            comparisonPeriod: context.priorComparison, context: context)
        return MetricResult(.growth, growth.value, comparison: earlier.value)
    }

    static func coreGoals(
        _ context: SummaryContext, _ sales: SalesAggregates, _ targets: TargetBook,
        _ feedback: FeedbackFigures, _ tierA: (current: TierABasis, comparison: TierABasis?)
    ) throws -> CoreGoals {
        let period = context.period
        let scope = context.scope.scope
        let target = targets.target(scope: scope.targetScope, key: scope.scopeKey, period: period)
        let comparisonTarget = context.comparison.map {
            targets.target(scope: scope.targetScope, key: scope.scopeKey, period: $0)
        }
        let comparisonCompletion = bothPresent(sales.comparisonRevenue, comparisonTarget)
            .map { Figure.completion($0.0, target: $0.1) }
        let comparisonNewShare = allPresent(
            sales.comparisonNewCustomerRevenue, sales.comparisonRevenue,
            context.comparison
        )
        .map { Figure.share($0.0, of: $0.1, in: $0.2) }
        let comparisonRevenue = sales.comparisonRevenue.map { MetricValue.cents($0) }
        let noOrders = context.scoped(.noOrders(in: period))
        let retention = try tierARetention(context, tierA.current, in: period, lines: "lines_p")

        return CoreGoals(
            revenue: MetricResult(.revenue, .cents(sales.revenue), comparison: comparisonRevenue),
            target: MetricResult(.target, target, comparison: comparisonTarget),
            targetCompletion: MetricResult(
                .targetCompletion, Figure.completion(sales.revenue, target: target),
                comparison: comparisonCompletion),
            growth: headlineGrowth(sales, context),
            newCustomerShare: MetricResult(
                .newCustomerShare,
                Figure.share(sales.newCustomerRevenue, of: sales.revenue, in: period),
                comparison: comparisonNewShare),
            repurchaseRate: MetricResult(
                .repurchaseRate,
                .fraction(
                    sales.repeatCustomers, sales.activeCustomers, orMissing: noOrders),
                comparison: context.comparison.map {
                    .fraction(
                        sales.comparisonRepeatCustomers, sales.comparisonActiveCustomers,
                        orMissing: context.scoped(.noOrders(in: $0)))
                }),
            complaintRate: MetricResult(
                .complaintRate,
                .fraction(
                    feedback.current.complaints, sales.orders, orMissing: noOrders),
                comparison: bothPresent(context.comparison, feedback.comparison).map {
                    .fraction($0.1.complaints, sales.comparisonOrders, orMissing: context.scoped(.noOrders(in: $0.0)))
                }),
            tierARetention: MetricResult(
                .tierARetention, retention.value,
                comparison: try bothPresent(context.comparison, tierA.comparison).map {
                    try tierARetention(context, $0.1, in: $0.0, lines: "lines_c").value
                }),
            tierALostRevenue: retention.value.ratioValue == nil ? nil : retention.lostRevenue)
    }

    // MARK: - 2. Sales performance

    static func salesPerformance(
        _ context: SummaryContext, _ sales: SalesAggregates,
        _ targets: TargetBook
    ) throws -> SalesPerformance {
        SalesPerformance(
            regions: try regions(context, sales, targets),
            productLines: productLines(context, sales),
            productTiers: productTiers(context, sales),
            months: trend(context, sales, context.period.calendarYear.months),
            quarters: trend(context, sales, context.period.calendarYear.quarters),
            seasonalityYear: context.seasonalityYear,
            seasonality: seasonality(context, sales))
    }

    private static func regions(
        _ context: SummaryContext, _ sales: SalesAggregates,
        _ targets: TargetBook
    ) throws -> [RegionPerformance] {
        var names: [Int64: String] = [:]
        try context.connection.forEachRow("SELECT id, name FROM region") { names[$0.int64(at: 0)] = $0.text(at: 1) }
        var ids: [Int64?]
        switch context.scope.scope {
        case .company: ids = names.keys.map { $0 } + (sales.regionRevenue[nil] != nil ? [nil] : [])
        case .region: ids = [context.scope.regionID]
        case .team: ids = Array(sales.regionRevenue.keys)
        }
        let rows = ids.map { id -> RegionPerformance in
            let figures = sales.regionRevenue[id] ?? (0, 0)
            let comparison = context.comparison == nil ? nil : figures.comparison
            let name = id.flatMap { names[$0] }
            let target: MetricValue
            let comparisonTarget: MetricValue?
            if case .team = context.scope.scope {
                target = .missing(.teamRegionsHaveNoTargets)
                comparisonTarget = context.comparison.map { _ in target }
            } else if let name {
                target = targets.target(scope: "region", key: name, period: context.period)
                comparisonTarget = context.comparison.map { targets.target(scope: "region", key: name, period: $0) }
            } else {
                target = .missing(.noRegionNoTarget)
                comparisonTarget = context.comparison.map { _ in target }
            }
            let completion = Figure.completion(figures.current, target: target)
            let comparisonCompletion = bothPresent(comparison, comparisonTarget)
                .map { Figure.completion($0.0, target: $0.1) }
            return RegionPerformance(
                name: name,
                revenue: MetricResult(.revenue, .cents(figures.current), comparison: comparison.map { .cents($0) }),
                target: MetricResult(.target, target, comparison: comparisonTarget),
                completion: MetricResult(.targetCompletion, completion, comparison: comparisonCompletion),
                growth: Figure.growth(
                    figures.current, comparison, comparisonPeriod: context.comparison,
                    context: context),
                isUnderTarget: completion.ratioValue.map { $0.numerator < $0.denominator } ?? false)
        }
        return rows.sorted { a, b in
            let (x, y) = (a.revenue.value.centsValue ?? 0, b.revenue.value.centsValue ?? 0)
            if x != y { return x > y }
            return (a.name ?? "\u{10FFFF}") < (b.name ?? "\u{10FFFF}")
        }
    }

    private static func productLines(_ context: SummaryContext, _ sales: SalesAggregates) -> [ProductLinePerformance] {
        let rows = sales.productLineRevenue.map { name, figures -> ProductLinePerformance in
            let comparison = context.comparison == nil ? nil : figures.comparison
            let comparisonShare = allPresent(comparison, sales.comparisonRevenue, context.comparison)
                .map { Figure.share($0.0, of: $0.1, in: $0.2) }
            return ProductLinePerformance(
                name: name,
                revenue: MetricResult(.revenue, .cents(figures.current), comparison: comparison.map { .cents($0) }),
                share: MetricResult(
                    .productLineShare,
                    Figure.share(
                        figures.current, of: sales.revenue,
                        in: context.period),
                    comparison: comparisonShare),
                growth: Figure.growth(
                    figures.current, comparison, comparisonPeriod: context.comparison,
                    context: context),
                isShrinking: comparison.map { figures.current < $0 } ?? false)
        }
        return rows.sorted { a, b in
            let (x, y) = (a.revenue.value.centsValue ?? 0, b.revenue.value.centsValue ?? 0)
            if x != y { return x > y }
            return (a.name ?? "\u{10FFFF}") < (b.name ?? "\u{10FFFF}")
        }
    }

    /// Product tiers in the order of ``Codes/productTier``, then other stored values, then lines without a tier.
    private static func productTiers(_ context: SummaryContext, _ sales: SalesAggregates) -> [ProductTierPerformance] {
        let rows = sales.productTierRevenue.map { tier, figures -> ProductTierPerformance in
            let comparison = context.comparison == nil ? nil : figures.comparison
            let share = Figure.share(figures.current, of: sales.revenue, in: context.period)
            let comparisonShare = allPresent(comparison, sales.comparisonRevenue, context.comparison)
                .map { Figure.share($0.0, of: $0.1, in: $0.2) }
            return ProductTierPerformance(
                tier: tier,
                revenue: MetricResult(.revenue, .cents(figures.current), comparison: comparison.map { .cents($0) }),
                share: MetricResult(.productTierShare, share, comparison: comparisonShare),
                shareChange: bothPresent(share.doubleValue, comparisonShare?.doubleValue).map { $0.0 - $0.1 },
                growth: Figure.growth(
                    figures.current, comparison, comparisonPeriod: context.comparison, context: context))
        }
        func rank(_ tier: String?) -> (Int, String) {
            guard let tier else { return (Codes.productTier.count + 1, "") }
            return (Codes.productTier.firstIndex(of: tier) ?? Codes.productTier.count, tier)
        }
        return rows.sorted { rank($0.tier) < rank($1.tier) }
    }

    /// Months or quarters of the period's year, each with the same part of the year before when comparing.
    private static func trend(
        _ context: SummaryContext, _ sales: SalesAggregates,
        _ parts: [ReportPeriod]
    ) -> [PeriodRevenue] {
        parts.map { part in
            let value: MetricValue =
                part.startDate > context.period.endDate
                ? .missing(.after(context.period))
                : .cents(sales.revenue(in: part))
            let comparison: MetricValue? =
                context.trendComparisonYear == nil
                ? nil : part.yearAgo.map { .cents(sales.revenue(in: $0)) }
            return PeriodRevenue(
                period: part, isInPeriod: context.period.contains(part),
                revenue: MetricResult(.revenue, value, comparison: comparison))
        }
    }

    private static func seasonality(_ context: SummaryContext, _ sales: SalesAggregates) -> [SeasonalQuarter] {
        let year = context.seasonalityYear
        let quarters = year.quarters.map { ($0, sales.revenue(in: $0)) }
        let total = quarters.reduce(Int64(0)) { $0 + $1.1 }
        return quarters.map { quarter, revenue in
            let index: MetricValue
            if let scaled = Figure.product(revenue, 4) {
                index = .fraction(scaled, total, orMissing: context.scoped(.noRevenue(in: year)))
            } else {
                index = .missing(.tooLarge)
            }
            return SeasonalQuarter(
                quarter: quarter, revenue: MetricResult(.revenue, .cents(revenue)),
                index: MetricResult(.seasonalityIndex, index))
        }
    }
}

/// Both values, or `nil` when either is missing.
func bothPresent<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

/// All three values, or `nil` when any is missing.
func allPresent<A, B, C>(_ a: A?, _ b: B?, _ c: C?) -> (A, B, C)? {
    guard let a, let b, let c else { return nil }
    return (a, b, c)
}

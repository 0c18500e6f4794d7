// Section 5 (team): the rep ranking, award candidates and improvement-plan candidates.

extension SummaryMetrics {
    private struct Person {
        var id: Int64
        var login: String
        var name: String
        var team: String?
        var region: String?
        var isActive: Bool
    }

    static func teamPerformance(
        _ context: SummaryContext, _ sales: SalesAggregates, _ targets: TargetBook,
        _ opportunities: OpportunityFigures
    ) throws -> TeamPerformance {
        let connection = context.connection
        let period = context.period
        var people: [Person] = []
        try connection.forEachRow(
            """
            SELECT p.id, p.login, p.name, p.team, rg.name, p.active FROM person p
            LEFT JOIN region rg ON rg.id = p.region_id
            WHERE \(context.scope.personCondition(person: "p", parameter: 1))
            ORDER BY p.login
            """, context.scope.arguments
        ) { row in
            people.append(
                Person(
                    id: row.int64(at: 0), login: row.text(at: 1) ?? "", name: row.text(at: 2) ?? "",
                    team: row.text(at: 3), region: row.text(at: 4), isActive: row.int64(at: 5) == 1))
        }
        let receivablesImported = try connection.scalar("SELECT EXISTS (SELECT 1 FROM receivable)")?.int64 == 1
        let collection = try ReceivableFigures.daysToCollectByOwner(context)

        var reps: [RepPerformance] = []
        for person in people {
            let figures = sales.repFigures[person.id]
            let target = targets.target(scope: "rep", key: person.login, period: period)
            let sold = figures.map { $0.revenue != 0 || $0.lines > 0 } ?? false
            guard sold || target.centsValue != nil else { continue }
            let revenue = figures?.revenue ?? 0
            let conversion: MetricValue
            if !opportunities.imported {
                conversion = .missing(.noOpportunitiesImported)
            } else {
                let counts = opportunities.byRep[person.id] ?? (0, 0)
                conversion = .fraction(
                    counts.won, counts.created,
                    orMissing: .noOpportunitiesCreated(by: person.login, in: period))
            }
            let days: MetricValue
            if !receivablesImported {
                days = .missing(.noReceivablesImported)
            } else {
                let paid = collection[person.id] ?? (0, 0)
                days = .fraction(
                    paid.days, paid.invoices,
                    orMissing: .noInvoicePaidInFull(ownedBy: person.login, in: period))
            }
            reps.append(
                RepPerformance(
                    login: person.login, name: person.name, team: person.team, region: person.region,
                    isActive: person.isActive, revenue: MetricResult(.revenue, .cents(revenue)),
                    target: MetricResult(.target, target),
                    completion: MetricResult(.targetCompletion, Figure.completion(revenue, target: target)),
                    conversion: MetricResult(.leadConversion, conversion),
                    daysToCollect: MetricResult(.daysToCollect, days)))
        }
        reps.sort { a, b in
            let (x, y) = (a.revenue.value.centsValue ?? 0, b.revenue.value.centsValue ?? 0)
            return x != y ? x > y : a.login < b.login
        }

        let active = people.filter(\.isActive)
        let awards = try quarterAwards(context, sales, targets, people)
        return TeamPerformance(
            reps: reps,
            awardQuarter: context.awardQuarter,
            topCompletion: topCompletion(context, sales, targets, active),
            bestSatisfaction: try bestSatisfaction(context, active),
            improvementQuarters: context.improvementQuarters,
            improvementCandidates: awards.map(improvementCandidates) ?? [],
            quarterAwards: awards)
    }

    /// The award quarter's awards and improvement-plan candidates, by the code of `sales-plan awards`, from
    /// this summary's quarter revenues and targets; the people are the scope's.
    private static func quarterAwards(
        _ context: SummaryContext, _ sales: SalesAggregates, _ targets: TargetBook, _ people: [Person]
    ) throws -> QuarterAwards? {
        guard let quarter = context.awardQuarter, context.improvementQuarters.count == 2 else { return nil }
        var criteria = context.options.awardCriteria
        let threshold = context.options.improvementThreshold
        criteria.improvementThresholdBasisPoints = threshold.numerator * 10_000 / threshold.denominator
        var revenue: [Int64: (Int64, Int64)] = [:]
        for person in people {
            if let figures = sales.repFigures[person.id] {
                revenue[person.id] = (figures.awardQuarter, figures.quarterBefore)
            }
        }
        return QuarterAwards.compute(
            quarter: quarter, criteria: criteria,
            people: people.map {
                QuarterAwards.Person(id: $0.id, login: $0.login, name: $0.name, team: $0.team, isActive: $0.isActive)
            },
            revenue: revenue, targets: targets,
            satisfaction: try QuarterAwards.satisfaction(context.connection, quarter: quarter))
    }

    /// The improvement-plan candidates of `awards` as the summary's figures.
    private static func improvementCandidates(_ awards: QuarterAwards) -> [ImprovementCandidate] {
        awards.improvementCandidates.map { candidate in
            ImprovementCandidate(
                login: candidate.login, name: candidate.name,
                completions: candidate.quarters.compactMap { quarter in
                    Ratio(quarter.revenueCents, quarter.targetCents).map {
                        MetricResult(.targetCompletion, .ratio($0))
                    }
                })
        }
    }

    /// Completion of `person` in `quarter` from the quarter revenue `revenue`, when they have a positive target.
    private static func quarterCompletion(
        _ targets: TargetBook, _ person: Person, _ quarter: ReportPeriod,
        revenue: Int64
    ) -> Ratio? {
        let target = targets.target(scope: "rep", key: person.login, period: quarter)
        return target.centsValue.flatMap { Ratio(revenue, $0) }
    }

    /// Reps who reached their target in the award quarter, best completion first.
    private static func topCompletion(
        _ context: SummaryContext, _ sales: SalesAggregates, _ targets: TargetBook,
        _ people: [Person]
    ) -> [AwardCandidate] {
        guard let quarter = context.awardQuarter else { return [] }
        let scored = people.compactMap { person -> (Person, Ratio)? in
            let revenue = sales.repFigures[person.id]?.awardQuarter ?? 0
            guard let completion = quarterCompletion(targets, person, quarter, revenue: revenue),
                completion.numerator >= completion.denominator
            else { return nil }
            return (person, completion)
        }
        return ranked(scored, limit: context.options.awardCandidates) { person, ratio, rank in
            AwardCandidate(
                login: person.login, name: person.name, rank: rank,
                value: MetricResult(.targetCompletion, .ratio(ratio)))
        }
    }

    /// Reps whose customers' surveys in the period have the best mean score (enough surveys required).
    private static func bestSatisfaction(_ context: SummaryContext, _ people: [Person]) throws -> [AwardCandidate] {
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
        var scored: [(Person, Ratio)] = []
        try context.connection.forEachRow(
            """
            SELECT c.owner_id, count(*),
                   sum(coalesce(f.quality_score, 0) + coalesce(f.delivery_score, 0) + coalesce(f.service_score, 0)),
                   sum((f.quality_score IS NOT NULL) + (f.delivery_score IS NOT NULL) + (f.service_score IS NOT NULL))
            FROM feedback f JOIN customer c ON c.id = f.customer_id
            WHERE f.kind = 'survey' AND f.received_on BETWEEN ?1 AND ?2 AND c.owner_id IS NOT NULL
            GROUP BY c.owner_id
            """, SummaryContext.bounds(context.period)
        ) { row in
            let surveys = row.int64(at: 1)
            guard let person = byID[row.int64(at: 0)], surveys >= context.options.minimumSurveysForSatisfactionAward,
                let mean = Ratio(row.int64(at: 2), row.int64(at: 3))
            else { return }
            scored.append((person, mean))
        }
        return ranked(scored, limit: context.options.awardCandidates) { person, ratio, rank in
            AwardCandidate(
                login: person.login, name: person.name, rank: rank,
                value: MetricResult(.satisfaction, .ratio(ratio)))
        }
    }

    /// The best `limit` by ratio (ties at the last place kept), ranked 1, 1, 3, …; ties in login order.
    private static func ranked(
        _ scored: [(Person, Ratio)], limit: Int,
        _ make: (Person, Ratio, Int) -> AwardCandidate
    ) -> [AwardCandidate] {
        let sorted = scored.sorted { a, b in
            switch Direction.of(.ratio(a.1), against: .ratio(b.1)) {
            case .up: return true
            case .down: return false
            default: return a.0.login < b.0.login
            }
        }
        var result: [AwardCandidate] = []
        for (index, entry) in sorted.enumerated() {
            let tied = index > 0 && Direction.of(.ratio(entry.1), against: .ratio(sorted[index - 1].1)) == .flat
            let rank = tied ? result[index - 1].rank : index + 1
            guard rank <= limit else { break }
            result.append(make(entry.0, entry.1, rank))
        }
        return result
    }
}

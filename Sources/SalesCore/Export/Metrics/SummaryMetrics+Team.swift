// Section 5 (team): the rep ranking, the quarter's awards and improvement-plan candidates.

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

        let awards = try quarterAwards(context, sales, targets, people)
        return TeamPerformance(
            reps: reps,
            awardQuarter: context.awardQuarter,
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
}

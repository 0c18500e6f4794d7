/// The quarter's awards and improvement-plan candidates (`sales-plan awards`, and section 3 of the summary,
/// which calls ``compute(quarter:criteria:people:revenue:targets:satisfaction:)`` with its own figures).
///
/// - **Quarterly star** (季度之星): the active rep with the highest completion (revenue ÷ the rep's target for
///   the quarter) among those with revenue ≥ `star_min_revenue` and completion ≥ `star_min_completion`.
/// - **Customer satisfaction** (客户满意度奖): the active rep whose customers (`customer.owner_id`) gave the best
///   mean survey score in the quarter (every 1–5 score of quality, delivery and service counts once), among
///   reps with at least `satisfaction_min_customers` distinct customers who gave a score.
/// - **Team collaboration** (团队协作奖): the team with the highest completion (the revenue credited to its
///   people ÷ the team's target for the quarter) among teams with at least `team_min_reps` active reps with
///   a target or revenue in the quarter and completion ≥ `team_min_completion`.
///
/// Ties: by the figure that wins (compared exactly, as fractions), then by revenue (stars and teams) or by
/// the number of rated customers (satisfaction), larger first, then by login or team name in code-point
/// order. Winner and runner-up are the first two of that order; nobody qualifying gives no winner and the
/// reason. Improvement-plan candidates: active reps whose completion is under `improvement_threshold` in the
/// quarter and in the one before; a rep without a target (or with a zero target) for either quarter is not
/// a candidate and is counted as left out.
public struct QuarterAwards: Codable, Sendable, Hashable {
    /// One rep or team with the figures an award compares.
    public struct Entry: Codable, Sendable, Hashable {
        /// The login, or the team's name.
        public var key: String
        /// The rep's name, or the team's name.
        public var name: String
        public var team: String?
        public var revenueCents: Int64?
        public var targetCents: Int64?
        /// revenue ÷ target.
        public var completion: Double?
        /// The mean survey score (1–5) of the rep's customers.
        public var score: Double?
        public var ratedCustomers: Int?
        public var surveyScores: Int?
        /// Active reps of a team counted for the team award.
        public var reps: Int?
    }

    public struct Award: Codable, Sendable, Hashable {
        /// `quarterly_star`, `customer_satisfaction`, `team_collaboration`.
        public var award: String
        public var winner: Entry?
        public var runnerUp: Entry?
        /// How many reps (teams) were looked at and how many met the criteria.
        public var considered: Int
        public var qualified: Int
        /// Why there is no winner: `no_targets`, `no_surveys`, `no_team_targets`, `none_qualified`.
        public var noWinnerReason: String?
    }

    /// One quarter of an improvement-plan candidate.
    public struct QuarterFigure: Codable, Sendable, Hashable {
        public var quarter: String
        public var revenueCents: Int64
        public var targetCents: Int64
        public var completion: Double
    }

    public struct Candidate: Codable, Sendable, Hashable {
        public var login: String
        public var name: String
        public var team: String?
        /// The quarter before, then the quarter.
        public var quarters: [QuarterFigure]
    }

    /// A person the awards look at.
    struct Person {
        var id: Int64
        var login: String
        var name: String
        var team: String?
        var isActive: Bool
    }

    /// Survey figures of one rep's customers in the quarter.
    struct Satisfaction {
        var customers: Int
        var scoreSum: Int64
        var scores: Int64
    }

    public var quarter: String
    public var previousQuarter: String
    public var criteria: AwardCriteria
    /// Quarterly star, customer satisfaction, team collaboration, in that order.
    public var awards: [Award]
    public var improvementCandidates: [Candidate]
    /// Active reps assessed for the improvement plan (with a positive target in both quarters): with none,
    /// no candidate means nobody could be assessed, not that nobody is under the threshold.
    public var improvementConsidered: Int
    /// Active reps with revenue or a target in either quarter but no positive target for one of them.
    public var leftOutWithoutTarget: Int

    // MARK: - The computation

    /// The awards from figures already read: `revenue[id]` is each person's revenue in (the quarter, the
    /// quarter before) as the summary counts it; `satisfaction[id]` their customers' surveys in the quarter.
    static func compute(
        quarter: ReportPeriod, criteria: AwardCriteria, people: [Person], revenue: [Int64: (Int64, Int64)],
        targets: TargetBook, satisfaction: [Int64: Satisfaction]
    ) -> QuarterAwards {
        let before = quarter.previous ?? quarter
        func positiveTarget(_ scope: String, _ key: String, _ period: ReportPeriod) -> Int64? {
            targets.target(scope: scope, key: key, period: period).centsValue.flatMap { $0 > 0 ? $0 : nil }
        }
        func completion(_ revenue: Int64, _ target: Int64) -> Double { Double(revenue) / Double(target) }
        let active = people.filter(\.isActive)

        // Quarterly star.
        var starPool: [(Entry, Ratio)] = []
        var starQualified: [(Entry, Ratio)] = []
        for person in active {
            guard let target = positiveTarget("rep", person.login, quarter) else { continue }
            let amount = revenue[person.id]?.0 ?? 0
            let entry = Entry(
                key: person.login, name: person.name, team: person.team, revenueCents: amount, targetCents: target,
                completion: completion(amount, target))
            let done = Ratio(amount, target)!
            starPool.append((entry, done))
            if amount >= criteria.starMinRevenueCents
                && reaches(amount, target, criteria.starMinCompletionBasisPoints)
            {
                starQualified.append((entry, done))
            }
        }
        let star = award(
            "quarterly_star", considered: starPool.count,
            ranked: starQualified.sorted { a, b in
                precedes(a.1, b.1, a.0.revenueCents ?? 0, b.0.revenueCents ?? 0, a.0.key, b.0.key)
            }.map(\.0),
            emptyReason: starPool.isEmpty ? "no_targets" : "none_qualified")

        // Customer satisfaction.
        var ratedPool = 0
        var satisfied: [(Entry, Ratio)] = []
        for person in active {
            guard let s = satisfaction[person.id], s.customers > 0, let mean = Ratio(s.scoreSum, s.scores) else {
                continue
            }
            ratedPool += 1
            guard s.customers >= criteria.satisfactionMinCustomers else { continue }
            satisfied.append(
                (
                    Entry(
                        key: person.login, name: person.name, team: person.team, score: mean.value,
                        ratedCustomers: s.customers, surveyScores: Int(s.scores)), mean
                ))
        }
        let satisfactionAward = award(
            "customer_satisfaction", considered: ratedPool,
            ranked: satisfied.sorted { a, b in
                precedes(
                    a.1, b.1, Int64(a.0.ratedCustomers ?? 0), Int64(b.0.ratedCustomers ?? 0), a.0.key, b.0.key)
            }.map(\.0),
            emptyReason: ratedPool == 0 ? "no_surveys" : "none_qualified")

        // Team collaboration.
        var teamRevenue: [String: Int64] = [:]
        var teamReps: [String: Int] = [:]
        for person in people {
            guard let team = person.team, !team.isEmpty else { continue }
            let amount = revenue[person.id]?.0 ?? 0
            teamRevenue[team] = (teamRevenue[team] ?? 0).addingClamped(amount)
            let counts =
                person.isActive && (amount != 0 || positiveTarget("rep", person.login, quarter) != nil)
            teamReps[team, default: 0] += counts ? 1 : 0
        }
        var teamPool = 0
        var teams: [(Entry, Ratio)] = []
        for team in teamRevenue.keys.sorted() {
            guard let target = positiveTarget("team", team, quarter) else { continue }
            teamPool += 1
            let amount = teamRevenue[team] ?? 0
            let reps = teamReps[team] ?? 0
            guard reps >= criteria.teamMinReps, reaches(amount, target, criteria.teamMinCompletionBasisPoints)
            else { continue }
            teams.append(
                (
                    Entry(
                        key: team, name: team, revenueCents: amount, targetCents: target,
                        completion: completion(amount, target), reps: reps), Ratio(amount, target)!
                ))
        }
        let teamAward = award(
            "team_collaboration", considered: teamPool,
            ranked: teams.sorted { a, b in
                precedes(a.1, b.1, a.0.revenueCents ?? 0, b.0.revenueCents ?? 0, a.0.key, b.0.key)
            }.map(\.0),
            emptyReason: teamPool == 0 ? "no_team_targets" : "none_qualified")

        // Improvement-plan candidates.
        var candidates: [Candidate] = []
        var leftOut = 0
        var considered = 0
        for person in active.sorted(by: { $0.login < $1.login }) {
            let amounts = revenue[person.id] ?? (0, 0)
            let periods = [(before, amounts.1), (quarter, amounts.0)]
            let found = periods.map { positiveTarget("rep", person.login, $0.0) }
            let inPlay = amounts.0 != 0 || amounts.1 != 0 || found.contains { $0 != nil }
            guard inPlay else { continue }
            let targets = found.compactMap { $0 }
            guard targets.count == 2 else {
                leftOut += 1
                continue
            }
            considered += 1
            let figures = zip(periods, targets).map { period, target in
                QuarterFigure(
                    quarter: period.0.text, revenueCents: period.1, targetCents: target,
                    completion: completion(period.1, target))
            }
            let under = zip(periods, targets).allSatisfy { period, target in
                !reaches(period.1, target, criteria.improvementThresholdBasisPoints)
            }
            if under {
                candidates.append(
                    Candidate(login: person.login, name: person.name, team: person.team, quarters: figures))
            }
        }
        return QuarterAwards(
            quarter: quarter.text, previousQuarter: before.text, criteria: criteria,
            awards: [star, satisfactionAward, teamAward], improvementCandidates: candidates,
            improvementConsidered: considered, leftOutWithoutTarget: leftOut)
    }

    private static func award(_ name: String, considered: Int, ranked: [Entry], emptyReason: String) -> Award {
        Award(
            award: name, winner: ranked.first, runnerUp: ranked.dropFirst().first, considered: considered,
            qualified: ranked.count, noWinnerReason: ranked.isEmpty ? emptyReason : nil)
    }

    /// Whether `revenue ÷ target` (target > 0) is at least `basisPoints` (10000 = 100%), exactly.
    static func reaches(_ revenue: Int64, _ target: Int64, _ basisPoints: Int64) -> Bool {
        compare(revenue.multipliedFullWidth(by: 10_000), target.multipliedFullWidth(by: basisPoints)) >= 0
    }

    /// The ranking order: the larger ratio, then the larger second figure, then the smaller key.
    static func precedes(_ a: Ratio, _ b: Ratio, _ x: Int64, _ y: Int64, _ keyA: String, _ keyB: String) -> Bool {
        let order = compare(
            a.numerator.multipliedFullWidth(by: b.denominator), b.numerator.multipliedFullWidth(by: a.denominator))
        if order != 0 { return order > 0 }
        if x != y { return x > y }
        return Array(keyA.unicodeScalars.map(\.value)).lexicographicallyPrecedes(keyB.unicodeScalars.map(\.value))
    }

    private static func compare(
        _ a: (high: Int64, low: UInt64), _ b: (high: Int64, low: UInt64)
    ) -> Int {
        if a.high != b.high { return a.high < b.high ? -1 : 1 }
        if a.low != b.low { return a.low < b.low ? -1 : 1 }
        return 0
    }
}

// MARK: - Reading the store

extension QuarterAwards {
    /// `sales-plan awards`: the quarter's awards for the whole company under `criteria`.
    public static func build(_ store: Store, quarter: ReportPeriod, criteria: AwardCriteria) throws -> QuarterAwards {
        guard quarter.kind == .quarter else {
            throw PlanError(.usage, "--period \(quarter.text): awards are for a quarter (2025Q4)")
        }
        return try PlanError.guardingSums(store) {
            try store.read { connection in
                var people: [Person] = []
                try connection.forEachRow("SELECT id, login, name, team, active FROM person ORDER BY login") { row in
                    people.append(
                        Person(
                            id: row.int64(at: 0), login: row.text(at: 1) ?? "", name: row.text(at: 2) ?? "",
                            team: row.text(at: 3), isActive: row.int64(at: 4) == 1))
                }
                let before = quarter.previous ?? quarter
                let revenue = try quarterRevenue(connection, quarter: quarter, before: before)
                let targets = try TargetBook(connection, from: before.startDate, to: quarter.endDate)
                return compute(
                    quarter: quarter, criteria: criteria, people: people, revenue: revenue, targets: targets,
                    satisfaction: try satisfaction(connection, quarter: quarter))
            }
        }
    }

    /// Each rep's revenue in `quarter` and in `before`, counted as the summary counts it
    /// (``OrderLineRules/revenue(_:)`` over lines that are not cancelled, credited by `rep_id`).
    static func quarterRevenue(
        _ connection: Connection, quarter: ReportPeriod, before: ReportPeriod
    ) throws -> [Int64: (Int64, Int64)] {
        var result: [Int64: (Int64, Int64)] = [:]
        let revenue = OrderLineRules.revenue(nil)
        try connection.forEachRow(
            """
            SELECT rep_id, coalesce(sum(\(revenue)) FILTER (WHERE order_date BETWEEN ?1 AND ?2), 0),
                   coalesce(sum(\(revenue)) FILTER (WHERE order_date BETWEEN ?3 AND ?4), 0)
            FROM order_line
            WHERE status <> 'cancelled' AND rep_id IS NOT NULL AND order_date BETWEEN ?3 AND ?2
            GROUP BY rep_id
            """,
            [.text(quarter.startDate), .text(quarter.endDate), .text(before.startDate), .text(before.endDate)]
        ) { row in result[row.int64(at: 0)] = (row.int64(at: 1), row.int64(at: 2)) }
        return result
    }

    /// The surveys received in `quarter` from each rep's customers (`customer.owner_id`): distinct customers
    /// who gave a score, the sum of the scores and how many scores.
    static func satisfaction(_ connection: Connection, quarter: ReportPeriod) throws -> [Int64: Satisfaction] {
        var result: [Int64: Satisfaction] = [:]
        try connection.forEachRow(
            """
            SELECT c.owner_id,
                   count(DISTINCT f.customer_id) FILTER (WHERE coalesce(f.quality_score, f.delivery_score,
                                                                       f.service_score) IS NOT NULL),
                   sum(coalesce(f.quality_score, 0) + coalesce(f.delivery_score, 0) + coalesce(f.service_score, 0)),
                   sum((f.quality_score IS NOT NULL) + (f.delivery_score IS NOT NULL) + (f.service_score IS NOT NULL))
            FROM feedback f JOIN customer c ON c.id = f.customer_id
            WHERE f.kind = 'survey' AND f.received_on BETWEEN ?1 AND ?2 AND c.owner_id IS NOT NULL
            GROUP BY c.owner_id
            """, [.text(quarter.startDate), .text(quarter.endDate)]
        ) { row in
            result[row.int64(at: 0)] = Satisfaction(
                customers: Int(row.int64(at: 1)), scoreSum: row.int64(at: 2), scores: row.int64(at: 3))
        }
        return result
    }
}

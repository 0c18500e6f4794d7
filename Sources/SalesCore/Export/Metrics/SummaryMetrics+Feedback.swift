// Section 7 (customer feedback).

/// Feedback of the scope (customer rule: the customer's region, else its owner's; the owner's team).
struct FeedbackFigures {
    /// The counts of one period.
    struct Counts {
        /// Per dimension: the sum of the survey scores received and how many there were.
        var scores: [FeedbackDimension: (sum: Int64, count: Int64)] = [:]
        /// Complaints received.
        var complaints: Int64 = 0
    }

    var current = Counts()
    var comparison: Counts?
    /// Complaints received in the period and closed by its end.
    var closedByEnd: Int64 = 0
    /// Days from receipt to resolution of the complaints resolved in the period, ascending.
    var daysToClose: [Int64] = []
    /// The same for the comparison period.
    var comparisonDaysToClose: [Int64]?
    /// Complaints open at the period's end for longer than the threshold.
    var staleCount: Int64 = 0
    var staleList: [StaleComplaint] = []
    /// Complaints per description as recorded (trimmed; `nil` for none), received in the period and in the
    /// comparison period, most frequent first.
    var kinds: [(description: String?, current: Int64, comparison: Int64)] = []

    /// How many descriptions the kinds table names; the rest are summed in one row.
    static let kindsShown = 10

    static let from = """
        FROM feedback f
        LEFT JOIN customer c ON c.id = f.customer_id
        LEFT JOIN person ow ON ow.id = c.owner_id
        """

    /// ``from`` for a query that reads no customer or owner column but the scope's condition: the company's
    /// condition reads none, so it takes the rows alone (SQLite does not drop unused outer joins itself, and
    /// would look up every row's customer and owner).
    static func scopedFrom(_ context: SummaryContext) -> String {
        if case .company = context.scope.scope { return "FROM feedback f" }
        return from
    }

    /// The day a complaint was settled: `resolved_on`, where the importer puts every resolution or closing
    /// date (解决日期, 关闭日期, 结案日期); `closed_on`, which no import fills, only for rows written otherwise.
    static let settledOn = "coalesce(f.resolved_on, f.closed_on)"

    /// Open at the period's end (`?2`): received by then, and not settled by then
    /// (a resolved or closed complaint with no date recorded counts as settled).
    static let openAtEnd = """
        (f.kind = 'complaint' AND f.received_on <= ?2
         AND NOT ((\(settledOn) IS NOT NULL AND \(settledOn) <= ?2) OR (f.status <> 'open' AND \(settledOn) IS NULL)))
        """

    init(_ context: SummaryContext) throws {
        let connection = context.connection
        current = try Self.counts(context, context.period)
        comparison = try context.comparison.map { try Self.counts(context, $0) }
        let condition = context.scope.customerCondition(customer: "c", owner: "ow", parameter: 4)
        let arguments =
            SummaryContext.bounds(context.period) + [.integer(Int64(context.options.staleComplaintDays))]
            + context.scope.arguments
        let stale = "\(Self.openAtEnd) AND julianday(?2) - julianday(f.received_on) > ?3"
        if let row = try connection.query(
            """
            SELECT count(*) FILTER (WHERE f.kind = 'complaint' AND f.received_on BETWEEN ?1 AND ?2
                                    AND f.status = 'closed' AND (\(Self.settledOn) IS NULL OR \(Self.settledOn) <= ?2)),
                   count(*) FILTER (WHERE \(stale))
            \(Self.scopedFrom(context))
            WHERE \(condition)
            """, arguments
        ).first {
            closedByEnd = row[0].int64 ?? 0
            staleCount = row[1].int64 ?? 0
        }
        try connection.forEachRow(
            """
            SELECT nullif(trim(f.comment), ''), count(*) FILTER (WHERE f.received_on BETWEEN ?1 AND ?2),
                   count(*) FILTER (WHERE f.received_on BETWEEN ?3 AND ?4)
            \(Self.scopedFrom(context))
            WHERE f.kind = 'complaint' AND (f.received_on BETWEEN ?1 AND ?2 OR f.received_on BETWEEN ?3 AND ?4)
              AND \(context.scope.customerCondition(customer: "c", owner: "ow", parameter: 5))
            GROUP BY 1
            ORDER BY 2 DESC, 3 DESC, 1
            """,
            SummaryContext.bounds(context.period) + SummaryContext.bounds(context.comparison)
                + context.scope.arguments
        ) { row in
            kinds.append((row.text(at: 0), row.int64(at: 1), row.int64(at: 2)))
        }
        daysToClose = try Self.daysToResolve(context, context.period)
        comparisonDaysToClose = try context.comparison.map { try Self.daysToResolve(context, $0) }
        try connection.forEachRow(
            """
            SELECT f.code, c.code, c.name, f.received_on,
                   CAST(julianday(?2) - julianday(f.received_on) AS INTEGER) AS days, f.status
            \(Self.from)
            WHERE \(stale) AND \(condition)
            ORDER BY days DESC, f.received_on, f.id
            LIMIT \(max(0, context.options.listLimit))
            """, arguments
        ) { row in
            staleList.append(
                StaleComplaint(
                    code: row.text(at: 0), customerCode: row.text(at: 1), customerName: row.text(at: 2) ?? "",
                    receivedOn: row.text(at: 3) ?? "", daysOpen: row.int(at: 4), status: row.text(at: 5) ?? ""))
        }
    }

    /// Days from receipt to resolution of the complaints resolved in `period` (in the scope), ascending.
    private static func daysToResolve(_ context: SummaryContext, _ period: ReportPeriod) throws -> [Int64] {
        var days: [Int64] = []
        try context.connection.forEachRow(
            """
            SELECT CAST(julianday(\(settledOn)) - julianday(f.received_on) AS INTEGER) AS days
            \(scopedFrom(context))
            WHERE f.kind = 'complaint' AND \(settledOn) BETWEEN ?1 AND ?2
              AND \(context.scope.customerCondition(customer: "c", owner: "ow", parameter: 3))
            ORDER BY days
            """, SummaryContext.bounds(period) + context.scope.arguments
        ) { row in
            days.append(row.int64(at: 0))
        }
        return days
    }

    /// The median of ascending `days`, or why there is none.
    static func median(_ days: [Int64], _ period: ReportPeriod, _ context: SummaryContext) -> MetricValue {
        if days.isEmpty {
            return .missing(context.scoped(.noComplaintResolved(in: period)))
        } else if days.count % 2 == 1 {
            return .ratio(Ratio(days[days.count / 2], 1)!)
        } else {
            return .fraction(days[days.count / 2 - 1] + days[days.count / 2], 2, orMissing: .tooLarge)
        }
    }

    private static func counts(_ context: SummaryContext, _ period: ReportPeriod) throws -> Counts {
        let condition = context.scope.customerCondition(customer: "c", owner: "ow", parameter: 3)
        let survey = "f.kind = 'survey' AND f.received_on BETWEEN ?1 AND ?2"
        guard
            let row = try context.connection.query(
                """
                SELECT coalesce(sum(f.quality_score) FILTER (WHERE \(survey)), 0),
                       count(f.quality_score) FILTER (WHERE \(survey)),
                       coalesce(sum(f.delivery_score) FILTER (WHERE \(survey)), 0),
                       count(f.delivery_score) FILTER (WHERE \(survey)),
                       coalesce(sum(f.service_score) FILTER (WHERE \(survey)), 0),
                       count(f.service_score) FILTER (WHERE \(survey)),
                       count(*) FILTER (WHERE f.kind = 'complaint' AND f.received_on BETWEEN ?1 AND ?2)
                \(scopedFrom(context))
                WHERE \(condition)
                """, SummaryContext.bounds(period) + context.scope.arguments
            ).first
        else { return Counts() }
        var counts = Counts()
        for (index, dimension) in FeedbackDimension.allCases.enumerated() {
            counts.scores[dimension] = (row[index * 2].int64 ?? 0, row[index * 2 + 1].int64 ?? 0)
        }
        counts.complaints = row[6].int64 ?? 0
        return counts
    }

    /// Mean score of `dimension`, or of every dimension when `nil`.
    func satisfaction(
        _ counts: Counts, _ dimension: FeedbackDimension?, _ period: ReportPeriod,
        _ context: SummaryContext
    ) -> MetricValue {
        let parts = dimension.map { [counts.scores[$0] ?? (0, 0)] } ?? Array(counts.scores.values)
        let sum = parts.reduce(Int64(0)) { $0 + $1.sum }
        let count = parts.reduce(Int64(0)) { $0 + $1.count }
        return .fraction(sum, count, orMissing: context.scoped(.noSurveyScores(in: period)))
    }
}

extension SummaryMetrics {
    /// The most frequent complaint descriptions, then the rest summed (``FeedbackFigures/kindsShown``).
    private static func complaintKinds(_ context: SummaryContext, _ feedback: FeedbackFigures) -> [ComplaintKind] {
        let compared = context.comparison != nil
        func row(_ description: String?, rest: Int, _ current: Int64, _ comparison: Int64) -> ComplaintKind {
            ComplaintKind(
                description: description, restOf: rest,
                complaints: MetricResult(.complaints, .count(current), comparison: compared ? .count(comparison) : nil))
        }
        var rows = feedback.kinds.prefix(FeedbackFigures.kindsShown).map {
            row($0.description, rest: 0, $0.current, $0.comparison)
        }
        let rest = feedback.kinds.dropFirst(FeedbackFigures.kindsShown)
        if !rest.isEmpty {
            rows.append(
                row(
                    nil, rest: rest.count, rest.reduce(0) { $0 + $1.current }, rest.reduce(0) { $0 + $1.comparison }))
        }
        return rows
    }

    static func customerFeedback(_ context: SummaryContext, _ feedback: FeedbackFigures) throws -> CustomerFeedback {
        let period = context.period
        let comparison = bothPresent(feedback.comparison, context.comparison)
        func satisfaction(_ dimension: FeedbackDimension?) -> MetricResult {
            MetricResult(
                .satisfaction, feedback.satisfaction(feedback.current, dimension, period, context),
                comparison: comparison.map { feedback.satisfaction($0.0, dimension, $0.1, context) })
        }
        return CustomerFeedback(
            satisfaction: satisfaction(nil),
            byDimension: FeedbackDimension.allCases.map {
                DimensionSatisfaction(dimension: $0, satisfaction: satisfaction($0))
            },
            complaints: MetricResult(
                .complaints, .count(feedback.current.complaints),
                comparison: comparison.map { .count($0.0.complaints) }),
            closureRate: MetricResult(
                .complaintClosureRate,
                .fraction(
                    feedback.closedByEnd, feedback.current.complaints,
                    orMissing: context.scoped(.noComplaints(in: period)))),
            medianDaysToClose: MetricResult(
                .medianDaysToClose, FeedbackFigures.median(feedback.daysToClose, period, context),
                comparison: bothPresent(feedback.comparisonDaysToClose, context.comparison).map {
                    FeedbackFigures.median($0.0, $0.1, context)
                }),
            staleComplaints: MetricResult(.staleComplaints, .count(feedback.staleCount)),
            staleList: feedback.staleList,
            complaintKinds: complaintKinds(context, feedback))
    }
}

import Foundation

/// Computes every figure of sections 1–7 of the period summary from the store.
///
/// Everything is aggregated in SQLite: order lines are read by a few `GROUP BY` scans, along covering
/// indexes or by date range (see `SalesAggregates` and `LineScan`), whose small results are kept in TEMP
/// tables that the other figures join; no order line is ever loaded into Swift. The other tables
/// (targets, opportunities, receivables, expenses, budgets, feedback, scoring runs) are small and are
/// aggregated by one query or two each. The TEMP tables (`temp.export_*`) are dropped before returning,
/// and the connection's `PRAGMA threads` (raised so SQLite sorts on every core) is restored.
public enum SummaryMetrics {
    /// Computes the summary of `period` in `scope`, compared as `compare` says.
    ///
    /// Run it inside ``Store/read(_:)`` so every figure comes from one snapshot; it writes nothing to the
    /// database (it uses the connection's TEMP schema, which works on read-only connections too).
    /// - Throws: ``MetricsError/unknownRegion(_:known:)`` or ``MetricsError/unknownTeam(_:known:)`` for
    ///   a scope the store does not know; ``StoreError`` from SQLite.
    public static func compute(
        _ connection: Connection, period: ReportPeriod, compare: ComparisonMode,
        scope: ReportScope, options: SummaryOptions = SummaryOptions()
    ) throws -> SummaryData {
        try compute(connection, period: period, compare: compare, scope: scope, options: options, helper: nil)
    }

    /// ``compute(_:period:compare:scope:options:)``; with a `helper` (a read connection at the same snapshot,
    /// see `openSnapshotTwins`), the ``IndependentFigures`` are computed on it, on a thread of their own,
    /// while the rest is computed on `connection`.
    ///
    /// A sum SQLite cannot hold in 64 bits (`integer overflow`, only possible with amounts written past the
    /// import's sense, e.g. with `sqlite3`) is reported as ``MetricsError/storedAmount(_:)`` naming the
    /// largest stored amount, not as a damaged store.
    static func compute(
        _ connection: Connection, period: ReportPeriod, compare: ComparisonMode,
        scope: ReportScope, options: SummaryOptions, helper: Connection?
    ) throws -> SummaryData {
        do {
            return try computeFigures(
                connection, period: period, compare: compare, scope: scope, options: options, helper: helper)
        } catch let error as StoreError where error.message.contains("integer overflow") {
            throw MetricsError.storedAmount(try StoredAmounts.overflowMessage(connection))
        }
    }

    private static func computeFigures(
        _ connection: Connection, period: ReportPeriod, compare: ComparisonMode,
        scope: ReportScope, options: SummaryOptions, helper: Connection?
    ) throws -> SummaryData {
        let resolved = try ResolvedScope(scope, connection: connection)
        let context = SummaryContext(
            connection: connection, period: period, mode: compare, scope: resolved,
            options: options)
        // Sorting on several threads pays only when nothing else runs beside this connection.
        let previousThreads = try connection.scalar("PRAGMA threads")?.int64 ?? 0
        let threads = helper == nil ? min(4, max(1, ProcessInfo.processInfo.activeProcessorCount)) : 0
        try connection.execute("PRAGMA threads = \(threads)")
        defer {
            try? connection.execute("PRAGMA threads = \(previousThreads)")
            SalesAggregates.dropTemporaryTables(connection)
        }

        let scan = try LineScan.choose(context)
        // The figures that read none of scan 1's TEMP tables run on the helper twin, when there is one,
        // beside scan 1 and the figures drawn from its tables.
        let independent = { (context: SummaryContext) throws -> IndependentFigures in
            try PhaseTimer.measure("summary: months, channels, product lines, receivables, opportunities, feedback") {
                try IndependentFigures(context, scan: scan)
            }
        }
        let background = helper.map { twin in
            BackgroundWork(name: "summary: months and the other tables", connection: twin) {
                try independent(context.on(twin))
            }
        }
        var sales: SalesAggregates
        let scoreRun: ScoreRunReference?
        let expenses: ExpensesAndBudget
        do {
            sales = try PhaseTimer.measure("summary: customers and reps (\(scan))") {
                try SalesAggregates(context, scan: scan)
            }
            scoreRun = try context.coveringScoreRun()
            expenses = try expensesAndBudget(context)
        } catch {
            _ = background?.wait()
            throw error
        }
        let other =
            try PhaseTimer.measure("summary: waiting for the twin") { try background?.wait().get() }
            ?? independent(context)
        sales.add(other.monthly)
        var data = SummaryData(
            period: period, comparisonMode: compare, comparisonPeriod: context.comparison, scope: scope,
            coreGoals: try coreGoals(
                context, sales, other.targets, other.feedback,
                (
                    try other.tierA.current ?? sales.tierABasis ?? TierABasis(before: period, connection),
                    other.tierA.comparison
                )),
            salesPerformance: try salesPerformance(context, sales, other.targets),
            keyIndicators: try keyIndicators(context, sales, other.opportunities, other.receivables),
            marketAndCustomers: try marketAndCustomers(context, sales, scoreRun),
            team: try teamPerformance(context, sales, other.targets, other.opportunities),
            expensesAndBudget: expenses,
            customerFeedback: other.customerFeedback)
        data.outlook = other.outlook
        return data
    }
}

/// The figures that read none of scan 1's TEMP tables (`temp.export_*`), so they can be computed on another
/// connection at the same snapshot: by month, channel and product line (scans 2 and 3), receivables,
/// opportunities, feedback, targets and the outlook.
struct IndependentFigures {
    let monthly: MonthlyRevenue
    let receivables: ReceivableFigures
    let opportunities: OpportunityFigures
    let feedback: FeedbackFigures
    let customerFeedback: CustomerFeedback
    let targets: TargetBook
    /// The customers tier A when the period began (`nil` when scan 1 computes them: see
    /// ``SalesAggregates/sumsTierWindow(_:)``), and when the comparison period began.
    let tierA: (current: TierABasis?, comparison: TierABasis?)
    /// Section 7: the next quarter's forecast and next year's target.
    let outlook: SummaryOutlook

    init(_ context: SummaryContext, scan: LineScan) throws {
        monthly = try MonthlyRevenue(context, scan: scan)
        receivables = try ReceivableFigures(context)
        opportunities = try OpportunityFigures(context)
        feedback = try FeedbackFigures(context)
        customerFeedback = try SummaryMetrics.customerFeedback(context, feedback)
        targets = try TargetBook(context.connection, from: context.earliestDate, to: context.period.endDate)
        tierA = (
            SalesAggregates.sumsTierWindow(context)
                ? nil : try TierABasis(before: context.period, context.connection),
            try context.comparison.map { try TierABasis(before: $0, context.connection) }
        )
        // The forecast reads every month of the store's history: here, beside scan 1, rather than after it.
        outlook = try PhaseTimer.measure("summary: outlook (forecast, next year's target)") {
            try SummaryMetrics.outlook(context)
        }
    }
}

// MARK: - Context

/// The arguments of one computation and the periods derived from them.
struct SummaryContext {
    let connection: Connection
    let period: ReportPeriod
    let mode: ComparisonMode
    let comparison: ReportPeriod?
    let scope: ResolvedScope
    let options: SummaryOptions
    /// The last quarter completed by the period's end (awards look at it).
    let awardQuarter: ReportPeriod?
    /// That quarter and the one before, older first (improvement plans look at them).
    let improvementQuarters: [ReportPeriod]
    /// The year the seasonality index describes.
    let seasonalityYear: ReportPeriod

    init(
        connection: Connection, period: ReportPeriod, mode: ComparisonMode, scope: ResolvedScope,
        options: SummaryOptions
    ) {
        self.connection = connection
        self.period = period
        self.mode = mode
        self.comparison = period.comparison(mode)
        self.scope = scope
        self.options = options
        let award = period.lastCompletedQuarter
        awardQuarter = award
        improvementQuarters = [award?.previous, award].compactMap { $0 }
        let year = period.calendarYear
        seasonalityYear = period.endDate == year.endDate ? year : (year.previous ?? year)
    }

    /// The same computation on another connection (a snapshot twin).
    func on(_ other: Connection) -> SummaryContext {
        SummaryContext(connection: other, period: period, mode: mode, scope: scope, options: options)
    }

    /// The earliest day any figure reads.
    var earliestDate: String {
        ([period.startDate, period.calendarYear.startDate, seasonalityYear.startDate]
            + [comparison?.startDate, trendComparisonYear?.startDate].compactMap { $0 }
            + improvementQuarters.map(\.startDate)).min() ?? period.startDate
    }

    /// The period before the comparison period (the comparison applied to it), for the comparison's churn.
    var priorComparison: ReportPeriod? {
        comparison?.comparison(mode)
    }

    /// The year the monthly trend is compared with: the year before the period's, when comparing.
    var trendComparisonYear: ReportPeriod? {
        mode == .none ? nil : period.calendarYear.previous
    }

    /// Numbered-parameter values for `BETWEEN ?n AND ?n+1`: the period's bounds, or bounds no date falls in.
    static func bounds(_ period: ReportPeriod?) -> [SQLValue] {
        guard let period else { return [.text("9999-12-31"), .text("0000-01-01")] }
        return [.text(period.startDate), .text(period.endDate)]
    }

    /// `reason` about the scope (named unless it is the company).
    func scoped(_ reason: MissingReason) -> MissingReason {
        reason.scoped(scope.scope)
    }

    /// The scoring run that covers the period: as of the latest day inside it (newest run for that day),
    /// else as of the earliest day after it.
    func coveringScoreRun() throws -> ScoreRunReference? {
        try Self.scoreRun(covering: period, connection)
    }

    /// ``coveringScoreRun()`` for `period`, read on `connection`.
    static func scoreRun(covering period: ReportPeriod, _ connection: Connection) throws -> ScoreRunReference? {
        let inside = try connection.query(
            """
            SELECT id, as_of, window_days FROM score_run WHERE as_of BETWEEN ?1 AND ?2
            ORDER BY as_of DESC, id DESC LIMIT 1
            """, [.text(period.startDate), .text(period.endDate)])
        let after =
            inside.isEmpty
            ? try connection.query(
                """
                SELECT id, as_of, window_days FROM score_run WHERE as_of > ?1 ORDER BY as_of, id DESC LIMIT 1
                """, [.text(period.endDate)]) : inside
        guard let row = after.first, let id = row[0].int64 else { return nil }
        return ScoreRunReference(id: id, asOf: row[1].text ?? "", windowDays: Int(row[2].int64 ?? 0))
    }
}

// MARK: - Date ranges

/// An inclusive range of `YYYY-MM-DD` days.
struct DayRange: Hashable {
    var start: String
    var end: String

    init(_ start: String, _ end: String) {
        self.start = start
        self.end = end
    }

    init(_ period: ReportPeriod) {
        self.init(period.startDate, period.endDate)
    }

    /// The ranges merged where they overlap or touch, in order.
    static func merged(_ ranges: [DayRange]) -> [DayRange] {
        var result: [DayRange] = []
        for range in ranges.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = result.last, let lastEnd = CivilDate(stored: last.end)?.daysSinceUnixEpoch,
                let start = CivilDate(stored: range.start)?.daysSinceUnixEpoch, start <= lastEnd + 1
            {
                result[result.count - 1].end = max(last.end, range.end)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The days of `ranges` not in `removed`.
    static func subtracting(_ removed: [DayRange], from ranges: [DayRange]) -> [DayRange] {
        var pieces = merged(ranges)
        for cut in merged(removed) {
            guard let cutStart = CivilDate(stored: cut.start)?.daysSinceUnixEpoch,
                let cutEnd = CivilDate(stored: cut.end)?.daysSinceUnixEpoch
            else {
                continue
            }
            pieces = pieces.flatMap { piece -> [DayRange] in
                guard piece.end >= cut.start && piece.start <= cut.end else { return [piece] }
                var left: [DayRange] = []
                if piece.start < cut.start {
                    left.append(DayRange(piece.start, CivilDate(daysSinceUnixEpoch: cutStart - 1).iso))
                }
                if piece.end > cut.end {
                    left.append(DayRange(CivilDate(daysSinceUnixEpoch: cutEnd + 1).iso, piece.end))
                }
                return left
            }
        }
        return pieces
    }
}

// MARK: - Arithmetic

/// Exact helpers that turn sums into figures, reporting overflow as a missing value.
enum Figure {
    /// `a − b`, or `nil` on overflow.
    static func difference(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? nil : value
    }

    /// `a × b`, or `nil` on overflow.
    static func product(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }

    /// Growth `(current − comparison) ÷ comparison`, its direction its sign; missing without a comparison
    /// or when the comparison is not positive.
    static func growth(
        _ current: Int64, _ comparison: Int64?, comparisonPeriod: ReportPeriod?,
        context: SummaryContext
    ) -> MetricResult {
        guard let comparison, let comparisonPeriod else {
            return MetricResult(.growth, .missing(.noComparison), comparison: nil, direction: nil)
        }
        guard comparison > 0 else {
            return MetricResult(
                .growth, .missing(.noRevenueToCompare(in: comparisonPeriod)),
                comparison: nil, direction: nil)
        }
        guard let change = difference(current, comparison) else {
            return MetricResult(.growth, .missing(.tooLarge), comparison: nil, direction: nil)
        }
        let value = MetricValue.fraction(change, comparison, orMissing: .tooLarge)
        return MetricResult(.growth, value, comparison: nil, direction: Direction.sign(of: value))
    }

    /// `part ÷ whole` as a share of revenue, missing when the revenue is not positive.
    static func share(_ part: Int64, of whole: Int64, in period: ReportPeriod) -> MetricValue {
        .fraction(part, whole, orMissing: .noRevenue(in: period))
    }

    /// Completion `actual ÷ target`, missing when the target is missing or zero.
    static func completion(_ actual: Int64, target: MetricValue) -> MetricValue {
        switch target {
        case .cents(let amount):
            return .fraction(actual, amount, orMissing: .targetIsZero)
        case .missing(let reason):
            return .missing(reason)
        default:
            return .missing(.noTarget)
        }
    }
}

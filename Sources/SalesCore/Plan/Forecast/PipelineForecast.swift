/// The open pipeline weighted by win rates learned from the store's closed opportunities.
///
/// Win rate of a stage: of the closed (won or lost) opportunities the store saw open at that stage — in the
/// before-images the import journal keeps of rows a later import changed — the share won. The store keeps only
/// each opportunity's current stage, so where fewer than ``minimumSample`` closed deals were seen at a stage,
/// the stage takes the overall win rate, won ÷ (won + lost), and says so.
///
/// When it is expected to close: its creation date plus the median days from creation to close of the won
/// opportunities; one already past that date is expected in the horizon's first month.
public struct PipelineForecast: Codable, Sendable, Equatable {
    /// The fewest closed deals seen at a stage for the stage's own win rate.
    public static let minimumSample = 10

    public struct Stage: Codable, Sendable, Equatable {
        /// `lead`, `qualified`, `proposal` or `negotiation`.
        public var stage: String
        public var open: Int
        public var openCents: Int64
        /// The win rate applied, 0 … 1; nil when no opportunity has closed at all.
        public var winRate: Double?
        /// Closed deals seen at this stage (the sample of its own rate).
        public var closedSeen: Int
        /// Whether the rate is the stage's own (`stage`) or the overall one (`overall`).
        public var rateSource: String
        public var weightedCents: Int64
    }

    public var won: Int
    public var lost: Int
    /// won ÷ (won + lost); nil when nothing has closed.
    public var overallWinRate: Double?
    /// Median days from creation to close of won opportunities; nil without any.
    public var medianWonCycleDays: Int?
    public var stages: [Stage]
    public var openCount: Int
    public var openCents: Int64
    public var weightedCents: Int64
    /// The weighted amount expected to close in the horizon, by month (`2026-01`), and its total.
    public var horizonMonths: [String: Int64]
    public var horizonCents: Int64

    static let openStages = ["lead", "qualified", "proposal", "negotiation"]

    /// Reads the opportunities and weighs the open ones for `horizon` (months in order).
    public static func read(_ connection: Connection, horizon: [PlanMonth]) throws -> PipelineForecast {
        var won = 0
        var lost = 0
        var cycles: [Int] = []
        try connection.forEachRow(
            """
            SELECT stage, julianday(closed_on) - julianday(created_on) FROM opportunity
            WHERE stage IN ('won', 'lost')
            """
        ) { row in
            if row.text(at: 0) == "won" {
                won += 1
                if !row.isNull(at: 1) { cycles.append(max(0, Int(row.double(at: 1).rounded()))) }
            } else {
                lost += 1
            }
        }
        let overall = won + lost > 0 ? Double(won) / Double(won + lost) : nil
        cycles.sort()
        let median: Int? = cycles.isEmpty ? nil : cycles[(cycles.count - 1) / 2]

        // Closed deals seen open at each stage, from the import journal's before-images.
        var seen: [String: (won: Int, all: Int)] = [:]
        try connection.forEachRow(
            """
            SELECT DISTINCT o.id, o.stage, json_extract(c.before_json, '$.stage')
            FROM import_row_change c JOIN opportunity o ON o.id = c.row_id
            WHERE c.table_name = 'opportunity' AND c.action = 'update' AND json_valid(c.before_json)
              AND o.stage IN ('won', 'lost')
            """
        ) { row in
            guard let before = row.text(at: 2), openStages.contains(before) else { return }
            var entry = seen[before] ?? (0, 0)
            entry.all += 1
            if row.text(at: 1) == "won" { entry.won += 1 }
            seen[before] = entry
        }
        var rates: [String: (Double?, Int, String)] = [:]
        for stage in openStages {
            let sample = seen[stage] ?? (0, 0)
            if sample.all >= minimumSample {
                rates[stage] = (Double(sample.won) / Double(sample.all), sample.all, "stage")
            } else {
                rates[stage] = (overall, sample.all, "overall")
            }
        }

        var stages = openStages.map {
            Stage(
                stage: $0, open: 0, openCents: 0, winRate: rates[$0]?.0, closedSeen: rates[$0]?.1 ?? 0,
                rateSource: rates[$0]?.2 ?? "overall", weightedCents: 0)
        }
        var months: [String: Int64] = [:]
        let firstMonth = horizon.first
        let lastMonth = horizon.last
        let cycleDays = Int64(median ?? 0)
        try connection.forEachRow(
            """
            SELECT stage, expected_amount_cents, date(created_on, '+' || ? || ' days') FROM opportunity
            WHERE stage IN ('lead', 'qualified', 'proposal', 'negotiation')
            """, [SQLValue.integer(cycleDays)]
        ) { row in
            guard let index = openStages.firstIndex(of: row.text(at: 0) ?? "") else { return }
            let amount = row.isNull(at: 1) ? 0 : max(0, row.int64(at: 1))
            stages[index].open += 1
            stages[index].openCents = stages[index].openCents.addingClamped(amount)
            let weighted = Int64(clamping: (Double(amount) * (stages[index].winRate ?? 0)).rounded())
            stages[index].weightedCents = stages[index].weightedCents.addingClamped(weighted)
            guard median != nil, let firstMonth, let lastMonth,
                let expected = row.text(at: 2).flatMap({ PlanMonth(text: Substring($0)) })
            else { return }
            let month = max(expected, firstMonth)
            if month <= lastMonth {
                months[month.text, default: 0] = months[month.text, default: 0].addingClamped(weighted)
            }
        }
        return PipelineForecast(
            won: won, lost: lost, overallWinRate: overall, medianWonCycleDays: median, stages: stages,
            openCount: stages.map(\.open).reduce(0, +),
            openCents: stages.reduce(Int64(0)) { $0.addingClamped($1.openCents) },
            weightedCents: stages.reduce(Int64(0)) { $0.addingClamped($1.weightedCents) },
            horizonMonths: months, horizonCents: months.values.reduce(Int64(0)) { $0.addingClamped($1) })
    }
}

extension Int64 {
    /// The sum, held at `Int64.max` / `Int64.min` instead of wrapping (forged amounts near the limit).
    func addingClamped(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

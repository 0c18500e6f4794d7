/// Settings of the summary that are judgement calls rather than formulas, with their defaults.
public struct SummaryOptions: Hashable, Sendable {
    /// Completion below this in each of two quarters running makes an improvement-plan candidate (80%).
    public var improvementThreshold: Ratio
    /// Complaints open longer than this many days at the period's end are flagged.
    public var staleComplaintDays: Int
    /// The most rows a list (overdue invoices, stale complaints) keeps; its totals count every row.
    public var listLimit: Int
    /// The criteria of the quarter's awards in section 3 (``QuarterAwards``): the defaults, or the `[awards]`
    /// table of the plan given to `sales-export --plan`. Its improvement threshold is ``improvementThreshold``.
    public var awardCriteria: AwardCriteria = .defaults
    /// How the large scans read order lines; `nil` chooses by the share of lines the periods hold. Tests
    /// set it to check that both ways give the same figures.
    var lineScan: LineScan?

    /// The defaults: 80%, 30 days, 100 rows.
    public init(
        improvementThreshold: Ratio = Ratio(80, 100)!, staleComplaintDays: Int = 30, listLimit: Int = 100
    ) {
        self.improvementThreshold = improvementThreshold
        self.staleComplaintDays = staleComplaintDays
        self.listLimit = listLimit
    }
}

/// Every figure of sections 1–7 of the period summary (DESIGN §6), as computed from the store.
///
/// Renderers (XLSX, HTML, Markdown, JSON, CSV) draw from this and from ``MetricDefinition/all``;
/// they compute nothing themselves.
public struct SummaryData: Hashable, Sendable {
    /// The period summarised.
    public let period: ReportPeriod
    /// What the period is compared with.
    public let comparisonMode: ComparisonMode
    /// The comparison period, `nil` for `none`.
    public let comparisonPeriod: ReportPeriod?
    /// Whose figures these are.
    public let scope: ReportScope
    /// 1. Core goals.
    public var coreGoals: CoreGoals
    /// 2. Sales performance.
    public var salesPerformance: SalesPerformance
    /// 3. Key indicators.
    public var keyIndicators: KeyIndicators
    /// 4. Market and customers.
    public var marketAndCustomers: MarketAndCustomers
    /// 5. Team.
    public var team: TeamPerformance
    /// 6. Expenses and budget.
    public var expensesAndBudget: ExpensesAndBudget
    /// 7. Customer feedback.
    public var customerFeedback: CustomerFeedback
    /// The outlook's forward figures: the next quarter's forecast and next year's target.
    public var outlook: SummaryOutlook = SummaryOutlook()
}

/// The outlook's forward figures (report section 7): what `sales-plan forecast` predicts for the quarter after
/// the period and the target the store holds for the year after it.
public struct SummaryOutlook: Hashable, Sendable {
    /// The quarter after the period (the first quarter starting after its last day).
    public var forecastQuarter: ReportPeriod?
    /// The company's forecast revenue for it; `nil` for a scoped report, when the store's orders already reach
    /// into that quarter, or when the history is under 12 months.
    public var forecastCents: Int64?
    /// `holt_winters` or `seasonal_naive`.
    public var forecastMethod: String?
    /// The backtest's MAPE of the method used, in percent (`nil` without a backtest).
    public var forecastMAPE: Double?
    /// The months of history the forecast was fitted on.
    public var historyMonths: Int?
    /// The calendar year after the period's.
    public var targetYear: ReportPeriod?
    /// The scope's target for ``targetYear`` when the store has one.
    public var nextYearTarget: Int64?

    public init() {}
}

// MARK: - 1. Core goals

/// Section 1: revenue against target, growth, new customers, repurchase, complaints, strategic customers.
public struct CoreGoals: Hashable, Sendable {
    /// Revenue, compared with the comparison period's.
    public var revenue: MetricResult
    /// The scope's target for the period.
    public var target: MetricResult
    /// Revenue ÷ target, compared with the comparison period's completion.
    public var targetCompletion: MetricResult
    /// Growth against the comparison period; its direction is its sign.
    public var growth: MetricResult
    /// Share of revenue from new customers, compared with the comparison period's.
    public var newCustomerShare: MetricResult
    /// Customers with two or more orders ÷ customers with one or more.
    public var repurchaseRate: MetricResult
    /// Complaints ÷ orders.
    public var complaintRate: MetricResult
    /// Tier-A customers as of the day before the period (``TierABasis``) who ordered in it.
    public var tierARetention: MetricResult
    /// The revenue, in the 365 days before the period (the window their tier was computed on), of the tier-A
    /// customers who did not order in it, in cents; `nil` when retention is missing or the sum does not fit.
    public var tierALostRevenue: Int64?
}

// MARK: - 2. Sales performance

/// Section 2: regions, product lines, months and quarters.
public struct SalesPerformance: Hashable, Sendable {
    /// Every region of the scope (a company report lists every region in the store), largest revenue first;
    /// a row with a `nil` name holds lines with no region.
    public var regions: [RegionPerformance]
    /// Product lines, largest revenue first; a `nil` name holds lines without a product line.
    public var productLines: [ProductLinePerformance]
    /// Product tiers (`product.tier`): high, mid, low, then any other value, then `nil` (no product or no tier).
    public var productTiers: [ProductTierPerformance]
    /// The twelve months of the period's calendar year, each compared with the same month a year earlier.
    public var months: [PeriodRevenue]
    /// The four quarters of the period's calendar year, each compared with the same quarter a year earlier.
    public var quarters: [PeriodRevenue]
    /// The year the seasonality index describes: the period's year when it ends on 31 December, else the year before.
    public var seasonalityYear: ReportPeriod
    /// The quarters of ``seasonalityYear`` with their revenue and seasonality index.
    public var seasonality: [SeasonalQuarter]
}

/// One region's revenue against its target.
public struct RegionPerformance: Hashable, Sendable {
    /// `region.name`; `nil` for lines whose customer and rep have no region.
    public var name: String?
    /// Revenue, compared with the comparison period's.
    public var revenue: MetricResult
    /// The region's target (scope `region`).
    public var target: MetricResult
    /// Revenue ÷ target.
    public var completion: MetricResult
    /// Growth against the comparison period.
    public var growth: MetricResult
    /// Flagged: completion was computed and is below 100%.
    public var isUnderTarget: Bool
}

/// One product line's revenue, share and growth.
public struct ProductLinePerformance: Hashable, Sendable {
    /// `product.product_line`, trimmed; `nil` for lines without a product or whose product has no line (or a blank one).
    public var name: String?
    /// Revenue, compared with the comparison period's.
    public var revenue: MetricResult
    /// Share of the scope's revenue, compared with the comparison period's share.
    public var share: MetricResult
    /// Growth against the comparison period.
    public var growth: MetricResult
    /// Flagged: revenue fell against the comparison period.
    public var isShrinking: Bool
}

/// One product tier's revenue, share and growth.
public struct ProductTierPerformance: Hashable, Sendable {
    /// `product.tier` (`high`, `mid`, `low`), trimmed; `nil` for lines without a product or whose product has none.
    public var tier: String?
    /// Revenue, compared with the comparison period's.
    public var revenue: MetricResult
    /// Share of the scope's revenue, compared with the comparison period's share.
    public var share: MetricResult
    /// This share minus the comparison period's (0.05 is five percentage points); `nil` when either is missing.
    public var shareChange: Double?
    /// Growth against the comparison period.
    public var growth: MetricResult
}

/// Revenue of one month or quarter, with the same month or quarter a year earlier.
public struct PeriodRevenue: Hashable, Sendable {
    /// The month or quarter.
    public var period: ReportPeriod
    /// Whether it lies inside the report's period (the rest of the year is context).
    public var isInPeriod: Bool
    /// Revenue (missing for months and quarters that start after the report's period),
    /// compared with the same month or quarter a year earlier when the report has a comparison.
    public var revenue: MetricResult
}

/// One quarter's seasonality.
public struct SeasonalQuarter: Hashable, Sendable {
    /// The quarter.
    public var quarter: ReportPeriod
    /// Its revenue.
    public var revenue: MetricResult
    /// Its share of the year ÷ 25%.
    public var index: MetricResult
}

// MARK: - 3. Key indicators

/// Section 3: productivity, pipeline, order value and collection.
public struct KeyIndicators: Hashable, Sendable {
    /// Revenue ÷ active reps.
    public var perRepOutput: MetricResult
    /// Reps credited with a completed line in the period.
    public var activeReps: MetricResult
    /// Mean days from creation to winning, over opportunities won in the period.
    public var salesCycleDays: MetricResult
    /// Won ÷ opportunities created in the period, compared with the comparison period's.
    public var leadConversion: MetricResult
    /// Won ÷ (won + lost), compared with the comparison period's.
    public var winRate: MetricResult
    /// Revenue ÷ orders.
    public var averageOrderValue: MetricResult
    /// Orders in the period.
    public var orders: MetricResult
    /// Receivables outstanding ÷ credit sales × days in the period.
    public var dsoDays: MetricResult
    /// Money unpaid at the period's end on invoices due before it.
    public var overdueReceivables: MetricResult
    /// The number of such invoices.
    public var overdueInvoices: MetricResult
    /// The overdue invoices, longest overdue first (at most ``SummaryOptions/listLimit``).
    public var overdueList: [OverdueInvoice]
}

/// An invoice unpaid at the period's end and due before it.
public struct OverdueInvoice: Hashable, Sendable {
    public var invoiceNo: String
    public var customerCode: String?
    public var customerName: String?
    public var dueOn: String
    /// Amount still unpaid at the period's end, in cents.
    public var outstandingCents: Int64
    /// Days from the due date to the period's end.
    public var daysOverdue: Int
}

// MARK: - 4. Market and customers

/// Section 4: channels, tiers, high-value share and churn.
public struct MarketAndCustomers: Hashable, Sendable {
    /// Channels, largest revenue first; a `nil` channel holds lines without one.
    public var channels: [ChannelPerformance]
    /// The scoring run the tier figures come from, `nil` when none covers the period.
    public var scoreRun: ScoreRunReference?
    /// Customers per tier A–D in that run (missing values without a run).
    public var tiers: [TierCount]
    /// Revenue from the run's tier-A customers ÷ revenue.
    public var highValueShare: MetricResult
    /// Customers active in the comparison period who did not order in this one ÷ those active then, compared
    /// with the comparison period's own churn.
    public var churnRate: MetricResult
    /// Customers whose first order falls in the period, compared with the comparison period's.
    public var newCustomers: MetricResult
    /// Customers active in the comparison period who did not order in this one, compared likewise.
    public var lostCustomers: MetricResult
    /// Their revenue in the comparison period, in cents (what was lost with them); `nil` without a comparison.
    public var lostCustomersRevenue: Int64?
    /// Customers with a completed line in the period, compared with the comparison period's.
    public var activeCustomers: MetricResult
}

/// One channel's revenue and share, with the change of its share.
public struct ChannelPerformance: Hashable, Sendable {
    /// `order_line.channel`, trimmed; `nil` for lines without one (or with a blank one).
    public var channel: String?
    /// Revenue, compared with the comparison period's.
    public var revenue: MetricResult
    /// Share of revenue, compared with the comparison period's share.
    public var share: MetricResult
    /// This share minus the comparison period's share (0.05 is five percentage points); `nil` when either is missing.
    public var shareChange: Double?
}

/// A stored scoring run (`sales-score`).
public struct ScoreRunReference: Hashable, Sendable {
    /// `score_run.id`.
    public var id: Int64
    /// The day the scores are as of.
    public var asOf: String
    /// The days of orders the run looked at.
    public var windowDays: Int
}

/// One tier's customers.
public struct TierCount: Hashable, Sendable {
    /// `A`, `B`, `C` or `D`.
    public var tier: String
    /// Customers in the tier (in the scope).
    public var customers: MetricResult
    /// Their revenue in the period.
    public var revenue: MetricResult
}

// MARK: - 5. Team

/// Section 5: the rep ranking, the quarter's awards and the improvement-plan candidates.
public struct TeamPerformance: Hashable, Sendable {
    /// Reps of the scope with revenue or a target in the period, by revenue (largest first), then login.
    public var reps: [RepPerformance]
    /// The quarter the awards look at: the last quarter completed by the period's end.
    public var awardQuarter: ReportPeriod?
    /// The two quarters the improvement plan looks at, older first.
    public var improvementQuarters: [ReportPeriod]
    /// Active reps whose completion was below the threshold in both quarters (from ``quarterAwards``).
    public var improvementCandidates: [ImprovementCandidate]
    /// The award quarter's awards and improvement-plan candidates, computed by the code of
    /// `sales-plan awards` under ``SummaryOptions/awardCriteria``; `nil` without an award quarter.
    public var quarterAwards: QuarterAwards?
}

/// One rep's line in the ranking.
public struct RepPerformance: Hashable, Sendable {
    public var login: String
    public var name: String
    public var team: String?
    public var region: String?
    /// `person.active`: a rep who has left is still ranked, but is no award or improvement-plan candidate.
    public var isActive: Bool
    /// Revenue credited to the rep in the period (every line credited to them, whatever its region).
    public var revenue: MetricResult
    /// The rep's target (scope `rep`, keyed by login).
    public var target: MetricResult
    /// Revenue ÷ target.
    public var completion: MetricResult
    /// Won ÷ opportunities the rep created in the period.
    public var conversion: MetricResult
    /// Mean days to collect the invoices of the rep's customers fully paid in the period.
    public var daysToCollect: MetricResult
}

/// A rep whose completion stayed under the threshold two quarters running.
public struct ImprovementCandidate: Hashable, Sendable {
    public var login: String
    public var name: String
    /// Completion in each of ``TeamPerformance/improvementQuarters``, older first.
    public var completions: [MetricResult]
}

// MARK: - 6. Expenses and budget

/// Section 6: budget execution, expense ROI and claims pending approval.
public struct ExpensesAndBudget: Hashable, Sendable {
    /// The scope's own budget rows (company, region or team) inside the period, summed.
    public var budget: MetricResult
    /// Approved and paid claims of the scope spent in the period.
    public var spend: MetricResult
    /// Spent ÷ budget over the scope's own budget rows.
    public var budgetExecution: MetricResult
    /// The scope's own budget rows by expense category.
    public var byCategory: [CategoryBudget]
    /// Every budget row of the report (see ``MetricID/budget``), overruns flagged.
    public var budgetLines: [BudgetLine]
    /// Expense ROI by category.
    public var roiByCategory: [ExpenseReturn]
    /// Expense ROI by campaign (claims without a campaign are left out).
    public var roiByCampaign: [ExpenseReturn]
    /// Claims spent in the period still awaiting approval.
    public var pendingClaims: MetricResult
    /// Their amount.
    public var pendingClaimsAmount: MetricResult
    /// Where the pending state was read from.
    public var pendingSource: PendingClaimsSource
    /// The median time from an approved claim's first route to its approval, in days.
    public var approvalLeadTime: MetricResult
}

/// Where "pending approval" was read.
public enum PendingClaimsSource: String, Hashable, Sendable, Codable {
    /// `approval_claim` has rows: its state (pending, unroutable), plus submitted claims not yet routed.
    case approvalTables = "approval_claim"
    /// `approval_claim` is empty: `expense.status = 'submitted'`.
    case expenseStatus = "expense.status"
}

/// One budget row and what was spent against it.
public struct BudgetLine: Hashable, Sendable {
    /// `company`, `region`, `team` or `rep`.
    public var scope: String
    /// The region, team or rep; empty for the company.
    public var scopeKey: String
    /// The expense category code (`advertising`, `travel`, …).
    public var category: String
    /// The budget's own period, inside the report's.
    public var period: String
    /// `stop`, `warn` or `ignore`.
    public var control: String
    /// The budget, in cents.
    public var budgetCents: Int64
    /// Approved and paid claims of the row's scope, category and period, in cents.
    public var spentCents: Int64
    /// Spent ÷ budget.
    public var execution: MetricResult
    /// Flagged: spent more than budgeted.
    public var isOverrun: Bool
}

/// One category's budget and spend at the scope's own level.
public struct CategoryBudget: Hashable, Sendable {
    public var category: String
    public var budget: MetricResult
    public var spent: MetricResult
    public var execution: MetricResult
}

/// The return on one group of claims (a category or a campaign).
public struct ExpenseReturn: Hashable, Sendable {
    /// The category code or the campaign's name.
    public var name: String
    /// What was spent.
    public var spend: MetricResult
    /// The part of it spent by claims that reach no customer (see ``MetricID/expenseROI``), left out of the ROI.
    public var unattributedSpend: MetricResult
    /// Revenue attributed to it (missing when no claim reaches a customer).
    public var attributedRevenue: MetricResult
    /// (attributed − attributable spend) ÷ attributable spend.
    public var roi: MetricResult
}

// MARK: - 7. Customer feedback

/// Section 7: satisfaction, complaints and how fast they close.
public struct CustomerFeedback: Hashable, Sendable {
    /// Mean of every survey score in the period, compared with the comparison period's.
    public var satisfaction: MetricResult
    /// Mean score per dimension, compared with the comparison period's.
    public var byDimension: [DimensionSatisfaction]
    /// Complaints received, compared with the comparison period's.
    public var complaints: MetricResult
    /// Complaints received and closed by the period's end ÷ complaints received.
    public var closureRate: MetricResult
    /// Median days from receipt to closing, over complaints closed in the period.
    public var medianDaysToClose: MetricResult
    /// Complaints still open at the period's end and older than the threshold.
    public var staleComplaints: MetricResult
    /// Those complaints, oldest first (at most ``SummaryOptions/listLimit``).
    public var staleList: [StaleComplaint]
    /// Complaints by kind: grouped by their description as recorded, most frequent first, with the comparison
    /// period's count.
    public var complaintKinds: [ComplaintKind]
}

/// The complaints of one kind (one description, as recorded).
public struct ComplaintKind: Hashable, Sendable {
    /// The description, trimmed; `nil` for complaints without one, or for the row summing the rest.
    public var description: String?
    /// For the row summing the less frequent descriptions, how many they are; 0 otherwise.
    public var restOf: Int
    /// Complaints received in the period, compared with the comparison period's.
    public var complaints: MetricResult
}

/// A feedback dimension.
public enum FeedbackDimension: String, CaseIterable, Hashable, Sendable, Codable {
    case quality
    case delivery
    case service

    /// The name in Simplified Chinese.
    public var nameZh: String {
        switch self {
        case .quality: return "质量"
        case .delivery: return "交付"
        case .service: return "服务"
        }
    }
}

/// Satisfaction on one dimension.
public struct DimensionSatisfaction: Hashable, Sendable {
    public var dimension: FeedbackDimension
    public var satisfaction: MetricResult
}

/// A complaint open too long at the period's end.
public struct StaleComplaint: Hashable, Sendable {
    public var code: String?
    public var customerCode: String?
    public var customerName: String
    public var receivedOn: String
    /// Days from receipt to the period's end.
    public var daysOpen: Int
    /// The complaint's status now (`open`, or `resolved`/`closed` after the period's end).
    public var status: String
}

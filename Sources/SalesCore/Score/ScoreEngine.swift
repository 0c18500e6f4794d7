import Foundation

/// How a scoring run is set up (`sales-score run` options); stored with the run.
public struct ScoreSettings: Sendable, Equatable, Codable {
    /// The day the scores are as of; `nil` for the last date of a completed order line in the store (so
    /// two runs on the same data agree).
    public var asOf: String?
    /// The window, in days, ending on the as-of date (inclusive): frequency and amount count orders in it.
    public var windowDays: Int
    /// Tier A while the revenue share before the customer is below this (basis points, 7000 = 70%).
    public var tierACutoffBasisPoints: Int
    /// Tier B while below this (9000 = 90%); C after it; D without revenue in the window.
    public var tierBCutoffBasisPoints: Int
    /// Churn risk is `lost` after this many days without an order.
    public var lostAfterDays: Int
    /// The monthly discount rate of the lifetime value (0.01 = 1% a month).
    public var monthlyDiscountRate: Double
    /// The lifetime value's horizon in months.
    public var horizonMonths: Int

    /// The defaults: the last completed order's date, 365 days, 70% / 90%, lost after 365 days, 1% a month over 12 months.
    public init(
        asOf: String? = nil, windowDays: Int = 365, tierACutoffBasisPoints: Int = 7_000,
        tierBCutoffBasisPoints: Int = 9_000, lostAfterDays: Int = 365, monthlyDiscountRate: Double = 0.01,
        horizonMonths: Int = 12
    ) {
        self.asOf = asOf
        self.windowDays = windowDays
        self.tierACutoffBasisPoints = tierACutoffBasisPoints
        self.tierBCutoffBasisPoints = tierBCutoffBasisPoints
        self.lostAfterDays = lostAfterDays
        self.monthlyDiscountRate = monthlyDiscountRate
        self.horizonMonths = horizonMonths
    }
}

/// The lifetime-value models fitted in a run, or why one could not be fitted.
public struct ModelFit: Sendable, Equatable, Codable {
    /// BG/NBD (r, α, a, b) over weeks; `nil` when it could not be fitted.
    public struct Purchases: Sendable, Equatable, Codable {
        public var r: Double
        public var alpha: Double
        public var a: Double
        public var b: Double
        public var logLikelihood: Double
        public var customers: Int
    }

    /// Gamma-Gamma (p, q, γ) over yuan per order.
    public struct Spend: Sendable, Equatable, Codable {
        public var p: Double
        public var q: Double
        public var gamma: Double
        public var logLikelihood: Double
        public var customers: Int
        /// Pearson correlation of repeat purchases and mean order value: the model assumes it is small.
        public var frequencyValueCorrelation: Double
    }

    public var purchases: Purchases?
    public var spend: Spend?
    /// Why a model is missing, in words.
    public var notes: [String]
    /// The time unit of the purchase model: `weeks`.
    public var timeUnit: String
}

/// One customer's result in a run.
public struct CustomerScore: Sendable, Equatable, Codable {
    public var customerID: Int64
    public var code: String?
    public var name: String
    /// Days since the last order (as of the run's date), and that order's date.
    public var recencyDays: Int
    public var lastOrderOn: String
    /// Distinct orders (order numbers with a completed line) in the window, and the window's revenue by
    /// ``OrderLineRules`` (a returned sale counts 0, a reversal line its negative amount).
    public var orders: Int
    public var amountCents: Int64
    /// RFM scores 1–5 (recency reversed: recent is 5).
    public var r: Int
    public var f: Int
    public var m: Int
    /// The eight-cell segment's code (``Segment``).
    public var segment: String
    /// `A`, `B`, `C` or `D`.
    public var tier: String
    /// Position by amount in the window (1 = largest) among customers with orders there; and as a
    /// percentage of them ("top 8%").
    public var revenueRank: Int?
    public var topPercent: Int?
    /// `low`, `rising`, `high` or `lost`, and the typical gap it was measured against (and where from:
    /// `own`, `population`, `fallback`).
    public var churnRisk: String
    public var typicalGapDays: Double
    public var gapSource: String
    /// BG/NBD and Gamma-Gamma, when fitted: P(alive), expected orders over the horizon, expected order
    /// value, and the discounted lifetime value.
    public var probabilityAlive: Double?
    public var expectedOrders: Double?
    public var expectedOrderValueCents: Int64?
    public var lifetimeValueCents: Int64?
    /// Shown beside the scores, adjusting nothing: mean days from invoice to payment of the invoices of
    /// the window paid by the as-of date, and complaints received in the window.
    public var daysToPay: Double?
    public var complaints: Int
}

/// A whole run: its settings, the fitted models and every customer's result.
public struct ScoreRun: Sendable, Equatable, Codable {
    /// The run's number in the store (0 before it is stored).
    public var id: Int64
    public var startedAt: String
    public var user: String
    public var asOf: String
    public var windowStart: String
    public var settings: ScoreSettings
    public var fit: ModelFit
    /// Every customer with an order on or before the as-of date, by tier, then amount (largest first), then id.
    public var customers: [CustomerScore]
}

/// Why a run could not be made, or its output not written.
public struct ScoreError: Error, LocalizedError, Sendable, Equatable {
    public var message: String
    /// Whether the failure was writing a file (exit 74), rather than the data or a name (exit 65).
    public var isIO: Bool
    public init(_ message: String, isIO: Bool = false) {
        self.message = message
        self.isIO = isIO
    }
    public var errorDescription: String? { message }
}

/// Computes a scoring run from the store: one pass over the orders grouped by customer and day, then
/// the models of `Score/Models`.
public enum ScoreEngine {
    /// The run for `settings` on the store's current data (not stored; see ``ScoreStore``).
    public static func compute(
        _ connection: Connection, settings: ScoreSettings, user: String,
        startedAt: String
    ) throws -> ScoreRun {
        guard settings.windowDays >= 1 else { throw ScoreError("--window must be at least 1 day") }
        let tiering: ABCTiering
        let churnRule: ChurnRule
        let valueModel: LifetimeValue
        do {
            tiering = try ABCTiering(
                aCutoffBasisPoints: settings.tierACutoffBasisPoints,
                bCutoffBasisPoints: settings.tierBCutoffBasisPoints)
            churnRule = try ChurnRule(lostAfterDays: settings.lostAfterDays)
            valueModel = try LifetimeValue(
                periodsPerMonth: LifetimeValue.weeksPerMonth,
                horizonMonths: settings.horizonMonths,
                monthlyDiscountRate: settings.monthlyDiscountRate)
        } catch let error as ScoreModelError {
            throw ScoreError(error.localizedDescription)
        }

        let asOfText: String
        if let given = settings.asOf {
            asOfText = given
        } else {
            guard
                let last = try connection.scalar(
                    "SELECT max(order_date) FROM order_line WHERE status = 'completed'")?.text
            else {
                throw ScoreError("the store has no orders to score (import an orders sheet first)")
            }
            asOfText = last
        }
        guard let asOf = CivilDate(stored: asOfText) else { throw ScoreError("--as-of \(asOfText): not a date") }
        let asOfDay = asOf.daysSinceUnixEpoch
        let startDay = asOfDay - settings.windowDays + 1
        let windowStart = CivilDate(daysSinceUnixEpoch: startDay).iso

        // Customers, by id.
        var names: [Int64: (code: String?, name: String)] = [:]
        try connection.forEachRow("SELECT id, code, name FROM customer") { row in
            names[row.int64(at: 0)] = (row.text(at: 1), row.text(at: 2) ?? "")
        }

        // One pass over the completed and returned lines, grouped by customer (the covering index
        // order_line_customer_rep gives that order without a sort): a day with a completed line is a purchase
        // day (for recency, churn and the models); revenue follows OrderLineRules (a returned sale counts 0, a
        // reversal line its negative amount); orders are distinct order numbers in the window, however many
        // dates an order's lines carry. Dates and order numbers are read as bytes (OrderLineScan).
        // SQLite steps through the lines on this thread while a second one groups them (OrderLineScan), the
        // lines handed over a batch at a time.
        let grouping = OrderLineScan.Grouping(
            OrderLineScan(asOfDay: asOfDay, startDay: startDay, windowStart: windowStart))
        try PhaseTimer.measure("score: order lines read") {
            let pipe = BatchPipe<OrderLineScan.Lines>(itemsPerBatch: 4_096, batchesInFlight: 4)
            pipe.start(phase: "score: order lines grouped (second thread)") { try grouping.add($0) }
            do {
                try connection.forEachRow(
                    """
                    SELECT customer_id, order_date, \(OrderLineRules.isPurchase(nil)), amount_cents, order_no
                    FROM order_line WHERE status IN ('completed', 'returned') AND order_date <= ?
                    ORDER BY customer_id
                    """, [.text(asOf.iso)]
                ) { row in
                    try row.withTextBytes(at: 1) { date in
                        try row.withTextBytes(at: 4) { orderNo in
                            try pipe.send {
                                $0.append(
                                    customer: row.int64(at: 0), date: date, isCompleted: row.int64(at: 2) != 0,
                                    amount: row.int64(at: 3), orderNo: orderNo)
                            }
                        }
                    }
                }
                try pipe.finish()
            } catch {
                pipe.cancel()
                throw error
            }
            try grouping.finish()
        }
        let built = grouping.built
        guard !built.isEmpty else { throw ScoreError("no customer has an order on or before \(asOf.iso)") }

        var daysToPay: [Int64: Double] = [:]
        try connection.forEachRow(
            """
            SELECT customer_id, avg(julianday(paid_on) - julianday(invoiced_on)) FROM receivable
            WHERE paid_on IS NOT NULL AND paid_on <= ?2 AND customer_id IS NOT NULL AND invoiced_on BETWEEN ?1 AND ?2
            GROUP BY customer_id
            """, [.text(windowStart), .text(asOf.iso)]
        ) { daysToPay[$0.int64(at: 0)] = $0.double(at: 1) }
        var complaints: [Int64: Int] = [:]
        try connection.forEachRow(
            """
            SELECT customer_id, count(*) FROM feedback
            WHERE kind = 'complaint' AND received_on BETWEEN ? AND ? GROUP BY customer_id
            """, [.text(windowStart), .text(asOf.iso)]
        ) { complaints[$0.int64(at: 0)] = $0.int(at: 1) }

        // The rule-based scores.
        let summaries = built.map { b in
            CustomerSummary(
                customerID: b.id, recencyDays: asOfDay - (b.days.last ?? asOfDay), frequency: b.orders,
                monetaryCents: b.orders > 0 ? b.amount : 0)
        }
        let rfm: [RFMScore]
        let segments: SegmentClassification
        let tiers: [TierAssignment]
        let churn: [ChurnAssessment]
        do {
            rfm = try RFMScoring.score(summaries)
            segments = try Segment.classify(summaries)
            tiers = try tiering.tiers(summaries)
            churn = try churnRule.assess(built.map { OrderDays(customerID: $0.id, days: $0.days) }, asOfDay: asOfDay)
        } catch let error as ScoreModelError {
            throw ScoreError(error.localizedDescription)
        }
        let tierByID = Dictionary(uniqueKeysWithValues: tiers.map { ($0.customerID, $0) })
        let segmentByID = Dictionary(uniqueKeysWithValues: segments.assignments.map { ($0.customerID, $0.segment) })
        let churnByID = Dictionary(uniqueKeysWithValues: churn.map { ($0.customerID, $0) })
        let active = summaries.filter(\.isActive).count

        // The lifetime-value models, over the whole history up to the as-of date (weeks, yuan).
        let purchases = built.map { b in
            PurchaseHistory(
                repeatPurchases: b.days.count - 1,
                lastPurchaseTime: Double((b.days.last ?? 0) - (b.days.first ?? 0)) / 7,
                age: Double(asOfDay - (b.days.first ?? asOfDay)) / 7)
        }
        let spends = built.map { b -> SpendHistory in
            let repeats = b.amounts.count - 1
            guard repeats >= 1 else { return SpendHistory(repeatPurchases: 0, meanValue: 0) }
            let mean = Double(b.amounts.dropFirst().reduce(0, +)) / 100 / Double(repeats)
            return mean > 0
                ? SpendHistory(repeatPurchases: repeats, meanValue: mean)
                : SpendHistory(repeatPurchases: 0, meanValue: 0)
        }
        var fit = ModelFit(purchases: nil, spend: nil, notes: [], timeUnit: "weeks")
        var purchaseModel: BGNBD?
        var spendModel: GammaGamma?
        // The two fits are independent: each runs on its own core (one after the other on one core).
        let spendFitted = spends.filter { $0.repeatPurchases > 0 }
        let (purchaseFit, spendFit) = PhaseTimer.measure("score: models fitted") {
            Parallel.both({ try BGNBD.fit(purchases) }, { try GammaGamma.fit(spendFitted) })
        }
        do {
            let f = try purchaseFit.get()
            purchaseModel = f.model
            fit.purchases = .init(
                r: f.model.r, alpha: f.model.alpha, a: f.model.a, b: f.model.b,
                logLikelihood: f.logLikelihood, customers: f.customers)
        } catch {
            fit.notes.append("BG/NBD not fitted: \(error.localizedDescription)")
        }
        do {
            let f = try spendFit.get()
            spendModel = f.model
            fit.spend = .init(
                p: f.model.p, q: f.model.q, gamma: f.model.gamma, logLikelihood: f.logLikelihood,
                customers: f.customers, frequencyValueCorrelation: f.frequencyValueCorrelation)
        } catch {
            fit.notes.append("Gamma-Gamma not fitted: \(error.localizedDescription)")
        }

        // The BG/NBD series behind the predictions depend on x, T and the horizon only (not on tₓ): they are
        // summed once per distinct (x, T), for every month of the horizon when the value model was fitted and
        // for the whole horizon only otherwise (on every core), and each customer's predictions are then
        // the model's own arithmetic on them (the same bits as calling it per customer).
        let months = settings.horizonMonths
        let seriesMonths = spendModel == nil ? months..<(months + 1) : 1..<(months + 1)
        var historyIndex: [Int32] = []
        var brackets: [Double] = []
        if let purchaseModel {
            struct Key: Hashable {
                var x: Int
                var age: UInt64
            }
            var keys: [Key] = []
            var index: [Key: Int32] = [:]
            historyIndex.reserveCapacity(purchases.count)
            for h in purchases {
                let key = Key(x: h.repeatPurchases, age: h.age.bitPattern)
                if let k = index[key] {
                    historyIndex.append(k)
                } else {
                    let k = Int32(keys.count)
                    index[key] = k
                    keys.append(key)
                    historyIndex.append(k)
                }
            }
            let periods = valueModel.periodsPerMonth
            brackets = Parallel.map(chunksOf: keys, minimumChunk: 256) { chunk in
                var out: [Double] = []
                out.reserveCapacity(chunk.count * seriesMonths.count)
                for key in chunk {
                    for month in seriesMonths {
                        out.append(
                            purchaseModel.purchaseBracket(
                                within: Double(month) * periods, repeatPurchases: key.x,
                                age: Double(bitPattern: key.age)))
                    }
                }
                return out
            }.flatMap { $0 }
        }

        // Every customer's result, made in the run's order (tier, then amount from the largest, then customer):
        // the indices are sorted rather than the results, which are large.
        let tierOf = built.map { tierByID[$0.id]?.tier ?? .d }
        let runOrder = built.indices.sorted { x, y in
            if tierOf[x] != tierOf[y] { return tierOf[x] < tierOf[y] }
            let (a, b) = (summaries[x].monetaryCents, summaries[y].monetaryCents)
            return a != b ? a > b : built[x].id < built[y].id
        }
        let scores = PhaseTimer.measure("score: every customer's result") {
            Parallel.map(chunksOf: runOrder) { chunk in
                chunk.map { i -> CustomerScore in
                    let b = built[i]
                    let id = b.id
                    let tier = tierByID[id]
                    let c = churnByID[id]
                    var score = CustomerScore(
                        customerID: id, code: names[id]?.code, name: names[id]?.name ?? "#\(id)",
                        recencyDays: summaries[i].recencyDays,
                        lastOrderOn: CivilDate(daysSinceUnixEpoch: b.days.last ?? asOfDay).iso,
                        orders: summaries[i].frequency, amountCents: summaries[i].monetaryCents,
                        r: rfm[i].recency, f: rfm[i].frequency, m: rfm[i].monetary,
                        segment: (segmentByID[id] ?? .generalWinBack).code,
                        tier: tierOf[i].rawValue,
                        revenueRank: tier?.rank,
                        topPercent: tier?.rank.map { ($0 * 100 + active - 1) / max(active, 1) },
                        churnRisk: c?.risk.rawValue ?? "lost", typicalGapDays: c?.typicalGapDays ?? 0,
                        gapSource: c?.gapSource.rawValue ?? "fallback", probabilityAlive: nil, expectedOrders: nil,
                        expectedOrderValueCents: nil, lifetimeValueCents: nil, daysToPay: daysToPay[id],
                        complaints: complaints[id] ?? 0)
                    if let purchaseModel {
                        // As purchaseModel.probabilityAlive(h), expectedPurchases(within: horizon, after: h) and
                        // valueModel.estimate(…) compute them, with the series of this customer's (x, T).
                        let h = purchases[i]
                        let odds = purchaseModel.deathOdds(h)
                        let row = Int(historyIndex[i]) * seriesMonths.count
                        func expected(_ month: Int) -> Double {
                            purchaseModel.expectedPurchases(
                                bracket: brackets[row + month - seriesMonths.lowerBound],
                                repeatPurchases: h.repeatPurchases, deathOdds: odds)
                        }
                        score.probabilityAlive = purchaseModel.probabilityAlive(deathOdds: odds)
                        score.expectedOrders = expected(months)
                        if let spendModel, let orderValue = spendModel.expectedOrderValue(spends[i]) {
                            score.expectedOrderValueCents = cents(orderValue)
                            score.lifetimeValueCents = cents(
                                valueModel.discountedValue(orderValue: orderValue, cumulative: expected).value)
                        }
                    }
                    return score
                }
            }.flatMap { $0 }
        }
        return ScoreRun(
            id: 0, startedAt: startedAt, user: user, asOf: asOf.iso, windowStart: windowStart,
            settings: settings, fit: fit, customers: scores)
    }

    /// Yuan as whole cents, rounded half away from zero; `nil` for values that are not finite.
    static func cents(_ yuan: Double) -> Int64? {
        guard yuan.isFinite, abs(yuan) < 9e15 else { return nil }
        return Int64((yuan * 100).rounded())
    }
}

import Foundation

/// How long approvals take (`sales-approve report --period 2025Q4`): the documents dated in a period by kind
/// and approval state, the time each decided step waited (median and 90th percentile, per step position and
/// per approver), the lead time of decided documents, and the backlog of pending ones by age.
///
/// - A document is in the period when its date is: the day an expense was spent, a contract signed, a price
///   exception asked for (`expense.spent_on`). Documents that were decided before they came under approval
///   (imported as approved, paid or rejected) have no route and are only counted, apart.
/// - A step waits from the moment it became the one to decide, the route's time (`approval_claim.routed_at`)
///   for step 1 and the previous step's decision for the others, until its decision
///   (`approval_decision.decided_at`). Only the current round counts: the steps of a round that a change of
///   amount, category or terms replaced were never all decided. "Per approver" is the person who decided
///   (a delegate for whom they stood in).
/// - A document's lead time runs from its first route (the first `claim.submitted`, `claim.routed` or
///   `claim.rerouted` entry about it) to the decision that approved or rejected it.
/// - The median of an even count is the mean of the two middle values; the 90th percentile is the nearest
///   rank: the value at position ⌈0.9·n⌉ of the sorted times.
/// - The backlog is the pending documents of the period, aged in whole days from their submission
///   (`submitted_on`, or their date) to today.
public struct ApprovalStatistics: Sendable, Equatable, Codable {
    /// The period, as given (`2025Q4`).
    public var period: String
    public var from: String
    public var to: String
    /// The day the backlog is aged to.
    public var asOf: String
    /// One row per kind: its documents by approval state.
    public var documents: [KindCount]
    /// Documents of the period decided before they came under approval, by kind (not in ``documents``).
    public var notUnderApproval: [String: Int]
    /// Waiting time per step position.
    public var steps: [Timing]
    /// Waiting time per approver (who decided), by login.
    public var approvers: [Timing]
    /// Lead time of decided documents, per kind.
    public var leadTimes: [Timing]
    /// Pending documents by age.
    public var backlog: [AgeBucket]

    /// A kind's documents by approval state.
    public struct KindCount: Sendable, Equatable, Codable {
        public var kind: String
        /// Submitted (imported) and not routed yet: no policy, or no command that writes has run since.
        public var notRouted: Int
        public var pending: Int
        public var approved: Int
        public var rejected: Int
        public var unroutable: Int
        /// Documents in an approval state this report has no column for, by state (none today).
        public var other: [String: Int] = [:]
        public var total: Int { notRouted + pending + approved + rejected + unroutable + other.values.reduce(0, +) }
    }

    /// The times of one group (a step position, an approver, a kind), in seconds.
    public struct Timing: Sendable, Equatable, Codable {
        /// `1` for step 1, a login, a kind.
        public var key: String
        /// A name shown beside the key (the approver's), or empty.
        public var name: String
        public var count: Int
        public var medianSeconds: Double
        public var p90Seconds: Int64
    }

    /// Pending documents whose age falls in `fromDays...toDays` (`toDays` nil: and older).
    public struct AgeBucket: Sendable, Equatable, Codable {
        public var fromDays: Int
        public var toDays: Int?
        public var count: Int
    }

    /// The upper ends of the backlog's age buckets, in days (then one for older).
    static let bucketEnds = [2, 7, 14, 30]

    /// The median of `values` (sorted or not): the middle value, or the mean of the two middle ones.
    static func median(_ values: [Int64]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : (Double(s[mid - 1]) + Double(s[mid])) / 2
    }

    /// The nearest-rank 90th percentile of `values`: the value at position ⌈0.9·n⌉ (from 1) once sorted.
    static func percentile90(_ values: [Int64]) -> Int64 {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        let rank = (9 * s.count + 9) / 10  // ⌈0.9·n⌉ in integers
        return s[max(rank, 1) - 1]
    }

    static func timing(_ key: String, name: String = "", _ values: [Int64]) -> Timing {
        Timing(
            key: key, name: name, count: values.count, medianSeconds: median(values), p90Seconds: percentile90(values))
    }

    /// Computes the statistics of `period` on `connection`, aged to `today`.
    static func compute(
        _ connection: Connection, period: ReportPeriod, today: CivilDate, names: [String: String]
    ) throws -> ApprovalStatistics {
        let from = period.startDate
        let to = period.endDate
        var counts: [String: KindCount] = [:]
        var outside: [String: Int] = [:]
        var backlogAges: [Int] = []
        try connection.forEachRow(
            """
            SELECT e.kind, c.state, e.status, coalesce(e.submitted_on, e.spent_on)
            FROM expense e LEFT JOIN approval_claim c ON c.expense_id = e.id
            WHERE e.spent_on BETWEEN ?1 AND ?2
            """, [.text(from), .text(to)]
        ) { r in
            let kind = r.text(at: 0) ?? DocumentKind.expense.rawValue
            var row =
                counts[kind]
                ?? KindCount(kind: kind, notRouted: 0, pending: 0, approved: 0, rejected: 0, unroutable: 0)
            switch r.text(at: 1) {
            case nil:
                if r.text(at: 2) == ExpenseStatus.submitted.rawValue {
                    row.notRouted += 1
                } else {
                    outside[kind, default: 0] += 1
                    return
                }
            case ClaimState.pending.rawValue:
                row.pending += 1
                if r.text(at: 2) == ExpenseStatus.submitted.rawValue, let since = CivilDate(stored: r.text(at: 3) ?? "")
                {
                    backlogAges.append(max(0, today.daysSinceUnixEpoch - since.daysSinceUnixEpoch))
                }
            case ClaimState.approved.rawValue: row.approved += 1
            case ClaimState.rejected.rawValue: row.rejected += 1
            case ClaimState.unroutable.rawValue: row.unroutable += 1
            case let state?: row.other[state, default: 0] += 1
            }
            counts[kind] = row
        }

        // The decided steps of each document's current round, in route order, with the time they waited.
        var byPosition: [Int: [Int64]] = [:]
        var byApprover: [String: [Int64]] = [:]
        var lastDocument: Int64 = -1
        var previousEnd: Int64?
        try connection.forEachRow(
            """
            SELECT s.expense_id, s.position, d.actor, CAST(strftime('%s', d.decided_at) AS INTEGER),
                   CAST(strftime('%s', c.routed_at) AS INTEGER)
            FROM approval_step s
            JOIN approval_claim c ON c.expense_id = s.expense_id AND c.round = s.round
            JOIN expense e ON e.id = s.expense_id
            LEFT JOIN approval_decision d ON d.step_id = s.id
            WHERE e.spent_on BETWEEN ?1 AND ?2
            ORDER BY s.expense_id, s.position
            """, [.text(from), .text(to)]
        ) { r in
            let document = r.int64(at: 0)
            if document != lastDocument {
                lastDocument = document
                previousEnd = r.value(at: 4).int64
            }
            guard let end = r.value(at: 3).int64 else {
                previousEnd = nil  // undecided: the steps after it have not started
                return
            }
            defer { previousEnd = end }
            guard let start = previousEnd, end >= start else { return }
            byPosition[r.int(at: 1), default: []].append(end - start)
            byApprover[r.text(at: 2) ?? "?", default: []].append(end - start)
        }

        // Lead times: first route to the deciding decision.
        var leads: [String: [Int64]] = [:]
        try connection.forEachRow(
            """
            SELECT e.kind,
                   (SELECT min(CAST(strftime('%s', a.at) AS INTEGER)) FROM audit_log a
                    WHERE a.subject = 'expense:' || e.expense_no
                      AND a.action IN ('claim.submitted', 'claim.routed', 'claim.rerouted')),
                   (SELECT max(CAST(strftime('%s', d.decided_at) AS INTEGER))
                    FROM approval_step s JOIN approval_decision d ON d.step_id = s.id
                    WHERE s.expense_id = c.expense_id AND s.round = c.round)
            FROM approval_claim c JOIN expense e ON e.id = c.expense_id
            WHERE c.state IN ('approved', 'rejected') AND e.spent_on BETWEEN ?1 AND ?2
            """, [.text(from), .text(to)]
        ) { r in
            guard let start = r.value(at: 1).int64, let end = r.value(at: 2).int64, end >= start else { return }
            leads[r.text(at: 0) ?? DocumentKind.expense.rawValue, default: []].append(end - start)
        }

        var buckets: [AgeBucket] = []
        var lower = 0
        for end in bucketEnds + [Int.max] {
            let count = backlogAges.filter { $0 >= lower && $0 <= end }.count
            buckets.append(AgeBucket(fromDays: lower, toDays: end == Int.max ? nil : end, count: count))
            if end != Int.max { lower = end + 1 }
        }
        let kindOrder = DocumentKind.allCases.map(\.rawValue)
        func order(_ a: String, _ b: String) -> Bool {
            (kindOrder.firstIndex(of: a) ?? 99, a) < (kindOrder.firstIndex(of: b) ?? 99, b)
        }
        return ApprovalStatistics(
            period: period.text, from: from, to: to, asOf: today.iso,
            documents: counts.values.sorted { order($0.kind, $1.kind) },
            notUnderApproval: outside,
            steps: byPosition.keys.sorted().map { timing(String($0), byPosition[$0]!) },
            approvers: byApprover.keys.sorted().map { timing($0, name: names[$0] ?? "", byApprover[$0]!) },
            leadTimes: leads.keys.sorted(by: order).map { timing($0, leads[$0]!) },
            backlog: buckets)
    }
}

extension ApprovalDesk {
    /// How long approvals take in `period` (``ApprovalStatistics``), aged to today. Needs no identity and
    /// writes nothing: documents imported since the last command show as not routed.
    public func statistics(period: ReportPeriod) throws -> ApprovalStatistics {
        let today = self.today()
        return try store.read { connection in
            let directory = try Directory.load(connection)
            return try ApprovalStatistics.compute(
                connection, period: period, today: today, names: directory.people.mapValues(\.name))
        }
    }
}

extension ApprovalReport {
    /// A duration in the largest unit that keeps it readable: `45 s`, `12 min`, `3.5 h`, `2.1 d` (`秒`, `分钟`,
    /// `小时`, `天` in Chinese).
    public static func duration(seconds: Double, lang: OutputLanguage) -> String {
        func one(_ v: Double) -> String { String(format: "%.1f", v) }
        if seconds < 60 { return lang.pick("\(Int(seconds.rounded())) 秒", "\(Int(seconds.rounded())) s") }
        if seconds < 3600 {
            return lang.pick("\(Int((seconds / 60).rounded())) 分钟", "\(Int((seconds / 60).rounded())) min")
        }
        if seconds < 86_400 { return lang.pick("\(one(seconds / 3600)) 小时", "\(one(seconds / 3600)) h") }
        return lang.pick("\(one(seconds / 86_400)) 天", "\(one(seconds / 86_400)) d")
    }

    /// `report`'s page: documents by kind and state, time per step and per approver, lead times, backlog.
    public static func statisticsText(_ s: ApprovalStatistics, lang: OutputLanguage) -> String {
        var out = lang.pick(
            "审批情况 \(s.period)（单据日期 \(s.from) 至 \(s.to)）\n",
            "Approvals \(s.period) (documents dated \(s.from) to \(s.to))\n")
        func kindName(_ kind: String) -> String { CodeLabels.label(kind, in: Codes.documentKind, lang) }
        out += "\n" + lang.pick("按类型和状态的单据\n", "Documents by kind and state\n")
        let header = [
            lang.pick("类型", "kind"), lang.pick("未分配路径", "not routed"), lang.pick("待审批", "pending"),
            lang.pick("已批准", "approved"), lang.pick("已驳回", "rejected"), lang.pick("无法确定路径", "no route"),
            lang.pick("合计", "total"),
        ]
        let widths = [16, 12, 9, 9, 9, 12, 7]
        func row(_ cells: [String]) -> String {
            "  " + zip(cells, widths).enumerated().map { i, p in pad(p.0, p.1, right: i > 0) }.joined(separator: " ")
                + "\n"
        }
        out += row(header)
        if s.documents.isEmpty { out += lang.pick("  （本期没有单据）\n", "  (no documents in the period)\n") }
        for d in s.documents {
            out += row(
                [kindName(d.kind)]
                    + [d.notRouted, d.pending, d.approved, d.rejected, d.unroutable, d.total].map(String.init))
        }
        for d in s.documents {
            for (state, count) in d.other.sorted(by: { $0.key < $1.key }) {
                out += "  " + kindName(d.kind) + lang.pick("，\(state)：\(count)\n", ", \(state): \(count)\n")
            }
        }
        for (kind, count) in s.notUnderApproval.sorted(by: { $0.key < $1.key }) {
            out += lang.pick(
                "  另有 \(count) 张\(kindName(kind))在进入审批前已有结论（导入时即为已批准、已付款或已驳回），未计入。\n",
                "  Not counted: \(count) × \(kindName(kind)), decided before they came under approval "
                    + "(imported approved, paid or rejected).\n")
        }
        func timings(
            _ title: String, _ keyTitle: String, _ rows: [ApprovalStatistics.Timing],
            label: (ApprovalStatistics.Timing) -> String
        ) {
            out += "\n" + title + "\n"
            guard !rows.isEmpty else {
                out += lang.pick("  （本期没有已决定的步骤）\n", "  (nothing decided in the period)\n")
                return
            }
            out +=
                "  " + pad(keyTitle, 28) + " " + pad(lang.pick("次数", "count"), 6, right: true) + " "
                + pad(lang.pick("中位数", "median"), 11, right: true) + " "
                + pad(lang.pick("90% 分位", "90th pct"), 11, right: true) + "\n"
            for t in rows {
                out +=
                    "  " + pad(label(t), 28) + " " + pad(String(t.count), 6, right: true) + " "
                    + pad(duration(seconds: t.medianSeconds, lang: lang), 11, right: true) + " "
                    + pad(duration(seconds: Double(t.p90Seconds), lang: lang), 11, right: true) + "\n"
            }
        }
        timings(lang.pick("每一步的等待时间", "Time per step"), lang.pick("步骤", "step"), s.steps) {
            lang.pick("第 \($0.key) 步", "step \($0.key)")
        }
        timings(
            lang.pick("每位审批人的等待时间（按实际决定人）", "Time per approver (who decided)"), lang.pick("审批人", "approver"),
            s.approvers
        ) {
            person($0.key, $0.name)
        }
        timings(lang.pick("从提交到结论的时间", "Lead time, first route to decision"), lang.pick("类型", "kind"), s.leadTimes) {
            kindName($0.key)
        }
        out +=
            "\n"
            + lang.pick(
                "待审批单据的账龄（截至 \(s.asOf)，自提交日起）\n", "Backlog by age (pending, as of \(s.asOf), from submission)\n")
        out +=
            "  "
            + s.backlog.map { b in
                let range = b.toDays.map { "\(b.fromDays)–\($0)" } ?? "\(b.fromDays)+"
                return lang.pick("\(range) 天：\(b.count)", "\(range) days: \(b.count)")
            }.joined(separator: " · ") + "\n"
        return out
    }
}

/// An amount above which a claim needs more approval than below it.
public enum SplitThreshold: Sendable, Hashable {
    /// The approval limit of a manager on the submitter's chain (above it, someone higher must approve).
    case managerLimit(login: String, cents: Int64)
    /// A `[[category]]` rule's `above`.
    case category(name: String, aboveCents: Int64)
    /// `[finance]`'s `above`.
    case finance(aboveCents: Int64)
    /// `dual_control_above`.
    case dualControl(aboveCents: Int64)

    /// The amount in cents; claims strictly above it cross the threshold.
    public var cents: Int64 {
        switch self {
        case .managerLimit(_, let c), .category(_, let c), .finance(let c), .dualControl(let c): c
        }
    }

    /// The threshold in words, with names from `people`.
    func words(people: [String: PersonInfo]) -> String {
        let amount = ImportValue.moneyText(cents: cents)
        return switch self {
        case .managerLimit(let login, _): "the \(amount) approval limit of \(people[login]?.label ?? login)"
        case .category(let name, _): "the \(amount) threshold for \(name) approval"
        case .finance: "the \(amount) threshold for finance approval"
        case .dualControl: "the \(amount) threshold for dual control"
        }
    }
}

/// A claim that, with earlier ones, looks like one expense split to stay under a threshold.
public struct SplitFinding: Sendable, Hashable {
    /// The ids of the earlier claims that form the split with the new one, by date then id.
    public var relatedIDs: [String]
    /// The new claim's amount plus the related ones', in cents.
    public var combinedCents: Int64
    /// The lowest threshold the claims stay under one by one and cross together.
    public var threshold: SplitThreshold
    /// The finding in words, for the claim's history and the approver's screen.
    public var sentence: String
}

/// Flags claims split into pieces under a threshold: same submitter and category, close in time.
public enum SplitDetector {
    /// The split `claim` forms with `earlier` claims of its submitter, or `nil` when there is none.
    ///
    /// Earlier claims count when they have the same submitter and category, another id, and a date at most
    /// `split_window_days` days from the new claim's (either side). The thresholds are the manager-chain limits
    /// that change the route (each one higher than every limit below it on the chain, walked as the route
    /// planner walks it), the category rules for the claim's category, finance and dual control. The finding
    /// names the lowest threshold `t` such that the new claim and each counted claim are at most `t` while
    /// together they come to more than `t`; claims already above `t` are left out of that sum.
    /// - Parameter earlier: the submitter's other claims still standing (the caller leaves out rejected ones).
    public static func detect(
        _ claim: ClaimFacts, earlier: [ClaimFacts], people: [String: PersonInfo],
        policy: ApprovalPolicy
    ) -> SplitFinding? {
        let window = policy.controls.splitWindowDays
        let day = claim.date.daysSinceUnixEpoch
        let related =
            earlier
            .filter {
                $0.submitter == claim.submitter && $0.category == claim.category && $0.id != claim.id
                    && abs($0.date.daysSinceUnixEpoch - day) <= window
            }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        guard !related.isEmpty else { return nil }

        for threshold in thresholds(for: claim, people: people, policy: policy)
        where claim.amountCents <= threshold.cents {
            let pieces = related.filter { $0.amountCents <= threshold.cents }
            let combined = pieces.reduce(claim.amountCents) { sum, c in
                let (total, overflow) = sum.addingReportingOverflow(c.amountCents)
                return overflow ? Int64.max : total
            }
            guard combined > threshold.cents else { continue }
            let ids = pieces.map(\.id)
            let who = people[claim.submitter]?.label ?? claim.submitter
            let this = claim.id.isEmpty ? "this claim" : "claim \(claim.id)"
            let sentence =
                "\(this) and \(ids.count) other \(claim.category) claim\(ids.count == 1 ? "" : "s") "
                + "by \(who) within \(window) days (\(ids.joined(separator: ", "))) come to "
                + "\(ImportValue.moneyText(cents: combined)) together, above \(threshold.words(people: people)), "
                + "though none of them is above it alone"
            return SplitFinding(relatedIDs: ids, combinedCents: combined, threshold: threshold, sentence: sentence)
        }
        return nil
    }

    /// Every threshold that applies to claims like `claim`, lowest first (ties in the order listed in the type).
    static func thresholds(
        for claim: ClaimFacts, people: [String: PersonInfo],
        policy: ApprovalPolicy
    ) -> [SplitThreshold] {
        var list: [SplitThreshold] = []
        var chain = ApprovalChainWalk(above: claim.submitter, people: people, excluded: claim.excluded)
        var highest: Int64 = -1
        while let manager = chain.next() {
            let limit = policy.limits.limit(of: manager)
            if limit > highest {
                list.append(.managerLimit(login: manager.login, cents: limit))
                highest = limit
            }
        }
        for rule in policy.categories where rule.category == claim.category {
            list.append(.category(name: rule.category, aboveCents: rule.aboveCents))
        }
        if let finance = policy.finance { list.append(.finance(aboveCents: finance.aboveCents)) }
        if let dual = policy.controls.dualControlAboveCents { list.append(.dualControl(aboveCents: dual)) }
        return list.enumerated().sorted { ($0.element.cents, $0.offset) < ($1.element.cents, $1.offset) }
            .map(\.element)
    }
}

import Foundation

/// One person's approvals handed to another for a period (`delegate --to LOGIN --from --until`).
public struct Delegation: Sendable, Hashable, Codable {
    /// The login whose steps are delegated.
    public var from: String
    /// The login who may act on them.
    public var to: String
    /// The first day it applies, `YYYY-MM-DD`.
    public var starts: String
    /// The last day it applies (inclusive), `YYYY-MM-DD`.
    public var ends: String
    /// Whether it was withdrawn; a cancelled delegation never applies.
    public var cancelled: Bool

    /// A delegation from its parts.
    public init(from: String, to: String, starts: String, ends: String, cancelled: Bool = false) {
        self.from = from
        self.to = to
        self.starts = starts
        self.ends = ends
        self.cancelled = cancelled
    }
}

/// Why a person may not decide a step: the ``reason`` for code, the ``message`` in words addressed to them.
public struct Refusal: Error, LocalizedError, Sendable, Hashable {
    /// What stands in the way.
    public enum Reason: Sendable, Hashable {
        /// The actor submitted the claim.
        case submitter
        /// The actor is the claim's payee.
        case payee
        /// Above the dual-control threshold, the actor already approved another step of this claim.
        case alreadyApproved(aboveCents: Int64)
        /// The step is routed to someone else, who has not delegated to the actor.
        case notRoutedToYou(approver: String)
        /// Every delegation from the step's approver to the actor was cancelled.
        case delegationCancelled(from: String)
        /// The delegation ended before the decision date.
        case delegationEnded(from: String, ends: String)
        /// The delegation starts after the decision date.
        case delegationNotStarted(from: String, starts: String)
        /// A delegation exists, but no decision date was given to check it against.
        case noDecisionDate(from: String)
        /// The delegation's dates are not `YYYY-MM-DD`.
        case delegationUnreadable(from: String, dates: String)
        /// A delegate who already approved an earlier step of this claim (at any amount) may not decide
        /// another step of it for the person who delegated.
        case delegateAlreadyApproved(from: String)
    }

    /// What stands in the way.
    public var reason: Reason
    /// The reason in words: `this step is routed to wang.fang (王芳), not to you`.
    public var message: String

    /// A refusal, worded with the names found in `people`.
    public init(_ reason: Reason, people: [String: PersonInfo] = [:]) {
        self.reason = reason
        func label(_ login: String) -> String { people[login]?.label ?? login }
        message =
            switch reason {
            case .submitter: "you submitted this claim"
            case .payee: "you are the payee"
            case .alreadyApproved(let above):
                "you already approved a step of this claim; above \(ImportValue.moneyText(cents: above)) "
                    + "two different people must approve"
            case .notRoutedToYou(let approver): "this step is routed to \(label(approver)), not to you"
            case .delegationCancelled(let from): "the delegation from \(label(from)) to you was cancelled"
            case .delegationEnded(let from, let ends): "the delegation from \(label(from)) to you ended on \(ends)"
            case .delegationNotStarted(let from, let starts):
                "the delegation from \(label(from)) to you starts on \(starts)"
            case .noDecisionDate(let from):
                "the delegation from \(label(from)) to you cannot be checked without the decision date"
            case .delegationUnreadable(let from, let dates):
                "the delegation from \(label(from)) to you has unreadable dates (\(dates))"
            case .delegateAlreadyApproved(let from):
                "you already approved an earlier step of this claim, so you may not also decide "
                    + "\(label(from))'s step as their delegate"
            }
    }

    public var errorDescription: String? { message }
}

/// Decides whether a person may approve or reject one step of a claim.
public enum SeparationOfDuties {
    /// Why `actor` may not decide `step` of `claim` on `date`, or `nil` when they may.
    ///
    /// Checked in this order:
    /// 1. the submitter and the payee may never act, not even by delegation;
    /// 2. strictly above `dualControlAboveCents`, no one who already approved a step of this claim
    ///    (`alreadyApproved`, the logins who acted) may approve another;
    /// 3. the actor may act on a step routed to them;
    /// 4. or on a step routed to someone who delegated to them: not cancelled, and `starts ≤ date ≤ ends`.
    ///    Delegations are not transitive. Without a `date` no delegation applies. A delegate never decides a
    ///    step of a claim they already approved a step of, whatever the amount: a delegation hands on
    ///    someone's authority, not a second look at the same claim.
    /// - Parameters:
    ///   - alreadyApproved: the logins that approved earlier steps of this claim (whoever acted, delegate or not).
    ///   - dualControlAboveCents: the `dual_control_above` of the policy the claim was routed under.
    ///   - people: the directory, only to name people in the message.
    public static func check(
        actor: String, step: RouteStep, claim: ClaimFacts, delegations: [Delegation],
        on date: CivilDate?, alreadyApproved: Set<String> = [],
        dualControlAboveCents: Int64?, people: [String: PersonInfo] = [:]
    ) -> Refusal? {
        reason(
            actor: actor, step: step, claim: claim, delegations: delegations, on: date,
            alreadyApproved: alreadyApproved, dualControlAboveCents: dualControlAboveCents
        )
        .map { Refusal($0, people: people) }
    }

    private static func reason(
        actor: String, step: RouteStep, claim: ClaimFacts, delegations: [Delegation],
        on date: CivilDate?, alreadyApproved: Set<String>,
        dualControlAboveCents: Int64?
    ) -> Refusal.Reason? {
        if actor == claim.submitter { return .submitter }
        if actor == claim.payee { return .payee }
        if let above = dualControlAboveCents, claim.amountCents > above, alreadyApproved.contains(actor) {
            return .alreadyApproved(aboveCents: above)
        }
        if step.approver == actor { return nil }

        let candidates = delegations.filter { $0.from == step.approver && $0.to == actor }
        guard !candidates.isEmpty else { return .notRoutedToYou(approver: step.approver) }
        let live = candidates.filter { !$0.cancelled }
        guard !live.isEmpty else { return .delegationCancelled(from: step.approver) }
        guard let date else { return .noDecisionDate(from: step.approver) }
        var ended: String?
        var notStarted: String?
        var unreadable: String?
        for d in live {
            guard let starts = CivilDate(stored: d.starts), let ends = CivilDate(stored: d.ends) else {
                unreadable = unreadable ?? "\(d.starts) to \(d.ends)"
                continue
            }
            if starts <= date && date <= ends {
                return alreadyApproved.contains(actor) ? .delegateAlreadyApproved(from: step.approver) : nil
            }
            if date > ends {
                ended = max(ended ?? d.ends, d.ends)
            } else {
                notStarted = min(notStarted ?? d.starts, d.starts)
            }
        }
        if let ended { return .delegationEnded(from: step.approver, ends: ended) }
        if let notStarted { return .delegationNotStarted(from: step.approver, starts: notStarted) }
        return .delegationUnreadable(from: step.approver, dates: unreadable ?? "")
    }
}

import Testing

@testable import SalesCore

/// Who may decide a step: routed to them, delegated to them, never their own claim.
@Suite("Separation of duties")
struct PolicySeparationTests {
    typealias F = PolicyFixture

    let step = RouteStep(index: 1, approver: "wang.fang", reason: .manager(limitCents: 2_000_000))
    let claim = ClaimFacts(
        id: "E-1", submitter: "li.lei", payee: "han.mei", amountCents: 80_000, category: "travel",
        date: F.day)
    let march = Delegation(from: "wang.fang", to: "li.na", starts: "2025-03-01", ends: "2025-03-31")

    func date(_ text: String) -> CivilDate { CivilDate(stored: text)! }

    func check(
        _ actor: String, delegations: [Delegation] = [], on day: String? = "2025-03-15",
        alreadyApproved: Set<String> = [], dual: Int64? = nil
    ) -> Refusal? {
        SeparationOfDuties.check(
            actor: actor, step: step, claim: claim, delegations: delegations,
            on: day.map(date), alreadyApproved: alreadyApproved, dualControlAboveCents: dual,
            people: F.people)
    }

    @Test("the approver the step is routed to may act")
    func routed() {
        #expect(check("wang.fang") == nil)
    }

    @Test("never the submitter or the payee, not even by delegation")
    func selfAndPayee() {
        let toSubmitter = Delegation(from: "wang.fang", to: "li.lei", starts: "2025-01-01", ends: "2025-12-31")
        let toPayee = Delegation(from: "wang.fang", to: "han.mei", starts: "2025-01-01", ends: "2025-12-31")
        #expect(check("li.lei", delegations: [toSubmitter])?.message == "you submitted this claim")
        #expect(check("han.mei", delegations: [toPayee])?.message == "you are the payee")
        let own = SeparationOfDuties.check(
            actor: "wang.fang", step: step,
            claim: ClaimFacts(
                submitter: "wang.fang", amountCents: 1, category: "travel",
                date: F.day),
            delegations: [], on: nil, dualControlAboveCents: nil)
        #expect(own?.reason == .submitter)
    }

    @Test("someone else's step needs a delegation")
    func notRouted() {
        #expect(check("li.na")?.message == "this step is routed to wang.fang (王芳), not to you")
        #expect(
            check(
                "li.na",
                delegations: [
                    Delegation(
                        from: "zhou.min", to: "li.na", starts: "2025-01-01",
                        ends: "2025-12-31")
                ])?.reason
                == .notRoutedToYou(approver: "wang.fang"))
    }

    @Test("a delegation covering the decision date (both ends inclusive) lets the delegate act")
    func delegated() {
        #expect(check("li.na", delegations: [march], on: "2025-03-01") == nil)
        #expect(check("li.na", delegations: [march], on: "2025-03-31") == nil)
    }

    @Test("expired, future, cancelled, undated and unreadable delegations are refused in words")
    func delegationRefusals() {
        #expect(
            check("li.na", delegations: [march], on: "2025-04-01")?.message
                == "the delegation from wang.fang (王芳) to you ended on 2025-03-31")
        #expect(
            check("li.na", delegations: [march], on: "2025-02-28")?.message
                == "the delegation from wang.fang (王芳) to you starts on 2025-03-01")
        var cancelled = march
        cancelled.cancelled = true
        #expect(
            check("li.na", delegations: [cancelled])?.message
                == "the delegation from wang.fang (王芳) to you was cancelled")
        #expect(check("li.na", delegations: [march], on: nil)?.reason == .noDecisionDate(from: "wang.fang"))
        let bad = Delegation(from: "wang.fang", to: "li.na", starts: "2025-3-1", ends: "2025-02-30")
        #expect(
            check("li.na", delegations: [bad])?.reason
                == .delegationUnreadable(from: "wang.fang", dates: "2025-3-1 to 2025-02-30"))
        // One covering delegation among others is enough; delegations are not transitive.
        #expect(check("li.na", delegations: [cancelled, march]) == nil)
        let onward = Delegation(from: "li.na", to: "zhou.min", starts: "2025-01-01", ends: "2025-12-31")
        #expect(check("zhou.min", delegations: [march, onward])?.reason == .notRoutedToYou(approver: "wang.fang"))
    }

    @Test("above the dual-control threshold no one approves two steps of one claim")
    func dualControl() {
        #expect(
            check("wang.fang", alreadyApproved: ["wang.fang"], dual: 50_000)?.message
                == "you already approved a step of this claim; above 500.00 two different people must approve")
        #expect(
            check("li.na", delegations: [march], alreadyApproved: ["li.na"], dual: 50_000)?.reason
                == .alreadyApproved(aboveCents: 50_000))
        // At or below the threshold it is allowed.
        #expect(check("wang.fang", alreadyApproved: ["wang.fang"], dual: 80_000) == nil)
        #expect(check("wang.fang", alreadyApproved: ["wang.fang"], dual: nil) == nil)
    }

    @Test("a delegate never decides a step of a claim they approved an earlier step of, at any amount")
    func delegateApprovedEarlier() {
        #expect(
            check("li.na", delegations: [march], alreadyApproved: ["li.na"])?.reason
                == .delegateAlreadyApproved(from: "wang.fang"))
        #expect(check("li.na", delegations: [march], alreadyApproved: ["li.na"], dual: 80_000) != nil)
        #expect(check("li.na", delegations: [march], alreadyApproved: ["zhou.min"]) == nil)
    }
}

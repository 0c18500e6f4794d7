import Testing

@testable import SalesCore

/// Claims split into pieces under a threshold.
@Suite("Split claims")
struct PolicySplitTests {
    typealias F = PolicyFixture

    func claim(
        _ id: String, _ yuan: Int64, day: Int, _ category: String = "travel",
        by submitter: String = "li.lei"
    ) -> ClaimFacts {
        ClaimFacts(
            id: id, submitter: submitter, amountCents: F.yuan(yuan), category: category,
            date: CivilDate(year: 2026, month: 3, day: day)!)
    }

    func detect(_ new: ClaimFacts, _ earlier: [ClaimFacts], policy: ApprovalPolicy = F.policy) -> SplitFinding? {
        SplitDetector.detect(new, earlier: earlier, people: F.people, policy: policy)
    }

    @Test("two claims under a manager's limit that together exceed it")
    func managerLimit() throws {
        let f = try #require(detect(claim("E-2", 12_000, day: 10), [claim("E-1", 10_000, day: 8)]))
        #expect(f.relatedIDs == ["E-1"])
        #expect(f.combinedCents == F.yuan(22_000))
        #expect(f.threshold == .managerLimit(login: "wang.fang", cents: F.yuan(20_000)))
        #expect(
            f.sentence == "claim E-2 and 1 other travel claim by li.lei (李雷) within 7 days (E-1) come to "
                + "22000.00 together, above the 20000.00 approval limit of wang.fang (王芳), "
                + "though none of them is above it alone")
    }

    @Test("the window counts days either side, inclusive")
    func window() {
        let new = claim("E-9", 12_000, day: 10)
        #expect(detect(new, [claim("E-1", 10_000, day: 3)]) != nil)
        #expect(detect(new, [claim("E-1", 10_000, day: 17)]) != nil)
        #expect(detect(new, [claim("E-1", 10_000, day: 2)]) == nil)
        var narrow = F.policy
        narrow.controls.splitWindowDays = 1
        #expect(detect(new, [claim("E-1", 10_000, day: 8)], policy: narrow) == nil)
    }

    @Test("other categories, other submitters and the claim itself do not count")
    func unrelated() {
        let new = claim("E-9", 12_000, day: 10)
        #expect(detect(new, [claim("E-1", 10_000, day: 9, "training")]) == nil)
        #expect(detect(new, [claim("E-1", 10_000, day: 9, by: "han.mei")]) == nil)
        #expect(detect(new, [claim("E-9", 10_000, day: 9)]) == nil)
        #expect(detect(new, []) == nil)
    }

    @Test("category, finance and dual-control thresholds count too; the lowest one crossed is named")
    func otherThresholds() throws {
        // Each above wang.fang's 20000, together under li.na's 100000, but above advertising's 50000.
        let ad = try #require(
            detect(
                claim("A-2", 30_000, day: 10, "advertising"),
                [claim("A-1", 30_000, day: 9, "advertising")]))
        #expect(ad.threshold == .category(name: "advertising", aboveCents: F.yuan(50_000)))
        #expect(ad.sentence.contains("above the 50000.00 threshold for advertising approval"))
        #expect(detect(claim("T-2", 30_000, day: 10), [claim("T-1", 30_000, day: 9)]) == nil)
        var policy = F.policy
        policy.controls.dualControlAboveCents = F.yuan(40_000)
        #expect(
            detect(claim("T-2", 30_000, day: 10), [claim("T-1", 30_000, day: 9)], policy: policy)?.threshold
                == .dualControl(aboveCents: F.yuan(40_000)))
    }

    @Test("pieces already above the threshold are left out of the sum")
    func bigPiecesLeftOut() throws {
        let f = try #require(
            detect(
                claim("E-4", 15_000, day: 10),
                [
                    claim("E-1", 25_000, day: 9), claim("E-3", 6_000, day: 7),
                    claim("E-2", 1_000, day: 7),
                ]))
        #expect(f.relatedIDs == ["E-2", "E-3"])
        #expect(f.combinedCents == F.yuan(22_000))
    }

    @Test("thresholds: limits that raise the chain's maximum, then the rules, lowest first")
    func thresholds() {
        var people = F.people
        people["li.na"]?.approvalLimitCents = F.yuan(10_000)  // lower than wang.fang's: never decides a route
        let list = SplitDetector.thresholds(
            for: claim("X", 1, day: 1, "advertising"), people: people,
            policy: F.policy)
        #expect(
            list == [
                .managerLimit(login: "wang.fang", cents: F.yuan(20_000)),
                .category(name: "advertising", aboveCents: F.yuan(50_000)),
                .finance(aboveCents: F.yuan(100_000)),
                .managerLimit(login: "zhang.wei", cents: F.yuan(1_000_000)),
            ])
    }
}

import Testing

@testable import SalesCore

/// A small organisation used by the example tests.
///
/// ```
/// zhang.wei 张伟 (CEO, 1 000 000)
/// ├── li.na 李娜 (sales director, 100 000)
/// │   └── wang.fang 王芳 (manager, 20 000)
/// │       ├── li.lei 李雷 (rep)
/// │       └── han.mei 韩梅 (rep)
/// ├── zhou.min 周敏 (marketing head, 50 000)
/// ├── qian.li 钱力 (finance)
/// └── sun.yu 孙宇 (finance)
/// ```
enum PolicyFixture {
    static func yuan(_ y: Int64) -> Int64 { y * 100 }

    static let people: [String: PersonInfo] = {
        let list = [
            PersonInfo(login: "zhang.wei", name: "张伟", role: "admin", approvalLimitCents: yuan(1_000_000)),
            PersonInfo(login: "li.na", name: "李娜", reportsTo: "zhang.wei", approvalLimitCents: yuan(100_000)),
            PersonInfo(login: "wang.fang", name: "王芳", reportsTo: "li.na", approvalLimitCents: yuan(20_000)),
            PersonInfo(login: "li.lei", name: "李雷", role: "rep", reportsTo: "wang.fang"),
            PersonInfo(login: "han.mei", name: "韩梅", role: "rep", reportsTo: "wang.fang"),
            PersonInfo(login: "zhou.min", name: "周敏", reportsTo: "zhang.wei", approvalLimitCents: yuan(50_000)),
            PersonInfo(login: "qian.li", name: "钱力", role: "finance", reportsTo: "zhang.wei"),
            PersonInfo(login: "sun.yu", name: "孙宇", role: "finance", reportsTo: "zhang.wei"),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.login, $0) })
    }()

    static let policy = ApprovalPolicy(
        name: "test",
        categories: [.init(category: "advertising", aboveCents: yuan(50_000), approver: "zhou.min")],
        finance: .init(aboveCents: yuan(100_000), approver: .role("finance")))

    static let day = CivilDate(year: 2026, month: 3, day: 10)!

    static func claim(
        _ amountYuan: Int64, _ category: String = "travel", by submitter: String = "li.lei",
        payee: String? = nil
    ) -> ClaimFacts {
        ClaimFacts(submitter: submitter, payee: payee, amountCents: yuan(amountYuan), category: category, date: day)
    }
}

@Suite("Approval routes")
struct PolicyRouteTests {
    typealias F = PolicyFixture

    func approvers(_ plan: RoutePlan) -> [String] { plan.steps.map(\.approver) }

    func plan(
        _ claim: ClaimFacts, people: [String: PersonInfo] = F.people,
        policy: ApprovalPolicy = F.policy
    ) -> RoutePlan {
        RoutePlanner.plan(claim, people: people, policy: policy)
    }

    @Test("a small claim goes to the direct manager, whose limit covers it")
    func small() {
        let p = plan(F.claim(800))
        #expect(p.steps == [RouteStep(index: 1, approver: "wang.fang", reason: .manager(limitCents: F.yuan(20_000)))])
        #expect(p.isComplete)
        #expect(p.coveringStep(amountCents: F.yuan(800))?.approver == "wang.fang")
    }

    @Test("limits cover inclusively; the chain goes up until one does")
    func inclusive() {
        #expect(approvers(plan(F.claim(20_000))) == ["wang.fang"])
        #expect(approvers(plan(F.claim(20_001))) == ["wang.fang", "li.na"])
        #expect(plan(F.claim(20_001)).coveringStep(amountCents: F.yuan(20_001))?.approver == "li.na")
    }

    @Test("category approvers above the threshold (strictly), after the managers")
    func category() {
        #expect(approvers(plan(F.claim(50_000, "advertising"))) == ["wang.fang", "li.na"])
        let p = plan(F.claim(60_000, "advertising"))
        #expect(approvers(p) == ["wang.fang", "li.na", "zhou.min"])
        #expect(
            p.steps[2]
                == RouteStep(
                    index: 3, approver: "zhou.min",
                    reason: .category(name: "advertising", aboveCents: F.yuan(50_000))))
        #expect(approvers(plan(F.claim(60_000, "travel"))) == ["wang.fang", "li.na"])
    }

    @Test("finance by role: the smallest login who is neither submitter nor payee")
    func financeRole() {
        let p = plan(F.claim(150_000))
        #expect(approvers(p) == ["wang.fang", "li.na", "zhang.wei", "qian.li"])
        #expect(p.steps.last?.reason == .finance(aboveCents: F.yuan(100_000)))
        #expect(approvers(plan(F.claim(150_000, by: "qian.li"))) == ["zhang.wei", "sun.yu"])
        #expect(approvers(plan(F.claim(150_000, payee: "qian.li"))).last == "sun.yu")
    }

    @Test("finance by login; without anyone eligible, a problem")
    func financeLogin() {
        var policy = F.policy
        policy.finance = .init(aboveCents: 0, approver: .login("sun.yu"))
        #expect(approvers(plan(F.claim(100), policy: policy)) == ["wang.fang", "sun.yu"])
        policy.finance = .init(aboveCents: 0, approver: .role("analyst"))
        #expect(
            plan(F.claim(100), policy: policy).problems
                == [.noApprover(rule: "the finance rule above 0.00")])
    }

    @Test("inactive managers are skipped; their manager takes their place")
    func inactive() {
        var people = F.people
        people["wang.fang"]?.active = false
        #expect(approvers(plan(F.claim(800), people: people)) == ["li.na"])
    }

    @Test("never the submitter or the payee: the next one up takes their place")
    func submitterAndPayee() {
        #expect(approvers(plan(F.claim(800, payee: "wang.fang"))) == ["li.na"])
        #expect(approvers(plan(F.claim(800, by: "wang.fang"))) == ["li.na"])
        #expect(!approvers(plan(F.claim(60_000, "advertising", by: "zhou.min"))).contains("zhou.min"))
    }

    @Test("a category approver who cannot act is replaced by their manager, and the step says so")
    func standIn() {
        var people = F.people
        people["zhou.min"]?.active = false
        let p = plan(F.claim(60_000, "advertising"), people: people)
        #expect(
            p.steps.last
                == RouteStep(
                    index: 3, approver: "zhang.wei",
                    reason: .category(name: "advertising", aboveCents: F.yuan(50_000)),
                    inPlaceOf: "zhou.min"))
        // The marketing head's own claim: their manager already covers it, so the category step merges into it.
        #expect(approvers(plan(F.claim(60_000, "advertising", by: "zhou.min"))) == ["zhang.wei"])
    }

    @Test("each person once, in the first position")
    func duplicates() {
        var policy = F.policy
        policy.categories = [
            .init(category: "travel", aboveCents: 0, approver: "li.na"),
            .init(category: "travel", aboveCents: 1, approver: "zhou.min"),
        ]
        let p = plan(F.claim(30_000), policy: policy)
        #expect(approvers(p) == ["wang.fang", "li.na", "zhou.min"])
        #expect(p.steps.map(\.index) == [1, 2, 3])
        #expect(p.steps[1].reason == .manager(limitCents: F.yuan(100_000)))
    }

    @Test("no one covers: the route ends at the top and says so")
    func noOneCovers() {
        let p = plan(F.claim(2_000_000))
        #expect(approvers(p).prefix(3) == ["wang.fang", "li.na", "zhang.wei"])
        #expect(p.problems == [.noOneCovers(amountCents: F.yuan(2_000_000), top: "zhang.wei")])
        #expect(p.coveringStep(amountCents: F.yuan(2_000_000)) == nil)
        #expect(plan(F.claim(10, by: "zhang.wei")).problems == [.noOneCovers(amountCents: 1000, top: nil)])
        #expect(plan(F.claim(10, by: "zhang.wei")).problems[0].description == "there is no manager to approve 10.00")
    }

    @Test("dual control adds the next manager up, after the manager steps")
    func dualControl() {
        var policy = F.policy
        policy.controls.dualControlAboveCents = F.yuan(10_000)
        policy.categories = []
        #expect(approvers(plan(F.claim(10_000), policy: policy)) == ["wang.fang"])
        let p = plan(F.claim(15_000), policy: policy)
        #expect(
            p.steps == [
                RouteStep(index: 1, approver: "wang.fang", reason: .manager(limitCents: F.yuan(20_000))),
                RouteStep(index: 2, approver: "li.na", reason: .dualControl),
            ])
        #expect(p.isComplete)
        // Already two people: nothing added.
        #expect(approvers(plan(F.claim(50_000), policy: policy)) == ["wang.fang", "li.na"])
        // Nobody above the CEO's direct report: a problem.
        let top = plan(F.claim(15_000, by: "li.na"), policy: policy)
        #expect(approvers(top) == ["zhang.wei"])
        #expect(top.problems == [.dualControlUnavailable(amountCents: F.yuan(15_000), aboveCents: F.yuan(10_000))])
    }

    @Test("dual control steps go before category steps")
    func dualControlOrder() {
        var policy = F.policy
        policy.controls.dualControlAboveCents = 0
        policy.categories = [.init(category: "travel", aboveCents: 0, approver: "wang.fang")]
        // wang.fang is the submitter's manager and the category approver: one person, so li.na is added.
        #expect(approvers(plan(F.claim(100), policy: policy)) == ["wang.fang", "li.na"])
    }

    @Test("a reports_to loop is reported, not followed for ever")
    func cycle() {
        var people = F.people
        people["zhang.wei"]?.reportsTo = "wang.fang"
        let p = plan(F.claim(2_000_000), people: people)
        #expect(approvers(p) == ["wang.fang", "li.na", "zhang.wei", "qian.li"])
        #expect(p.problems.first == .cycle(["wang.fang", "li.na", "zhang.wei"]))
        #expect(
            p.problems.first?.description
                == "the reports_to links form a loop: wang.fang → li.na → zhang.wei → wang.fang")
        #expect(p.problems.contains(.noOneCovers(amountCents: F.yuan(2_000_000), top: "zhang.wei")))
    }

    @Test("unknown logins in reports_to, the policy or the claim are problems")
    func unknown() {
        var people = F.people
        people["wang.fang"]?.reportsTo = "nobody"
        let p = plan(F.claim(50_000), people: people)
        #expect(p.problems.first == .unknownPerson(login: "nobody", namedBy: "the reports_to of wang.fang"))
        var policy = F.policy
        policy.categories = [.init(category: "travel", aboveCents: 0, approver: "ghost")]
        #expect(
            plan(F.claim(100), policy: policy).problems
                == [.unknownPerson(login: "ghost", namedBy: "the travel rule above 0.00")])
        #expect(
            plan(F.claim(100, by: "stranger")).problems.first == .unknownPerson(login: "stranger", namedBy: "the claim")
        )
    }

    @Test("uniform limits: everyone on the chain gets default_limit")
    func uniformLimits() {
        var policy = F.policy
        policy.limits = .init(usePersonLimits: false, defaultLimitCents: F.yuan(30_000))
        #expect(approvers(plan(F.claim(25_000), policy: policy)) == ["wang.fang"])
    }
}

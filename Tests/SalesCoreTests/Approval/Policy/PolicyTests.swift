import TOMLKit
import Testing

@testable import SalesCore

/// Reading the approval policy from TOML, and the errors that name the key and value.
@Suite("Approval policy TOML")
struct PolicyTests {
    static let full = """
        name = "2026 expense policy"
        currency = "CNY"

        [limits]
        use_person_limits = true
        default_limit = 2000

        [[category]]
        name = "advertising"
        above = 50000
        approver = "zhou.min"

        [[category]]
        name = "events"
        above = "30000.50"
        approver = "zhou.min"

        [finance]
        above = 100000.00
        role = "finance"

        [controls]
        dual_control_above = 200000
        split_window_days = 5
        budget_control_default = "stop"
        """

    /// The message of the error `text` raises.
    func message(_ text: String) -> String {
        do {
            _ = try ApprovalPolicy.parse(text)
            return "no error"
        } catch {
            return (error as? PolicyError)?.errorDescription ?? "not a PolicyError: \(error)"
        }
    }

    @Test("every key is read, amounts exactly in cents")
    func full() throws {
        let p = try ApprovalPolicy.parse(Self.full)
        #expect(p.name == "2026 expense policy")
        #expect(p.currency == "CNY")
        #expect(p.limits == .init(usePersonLimits: true, defaultLimitCents: 200_000))
        #expect(
            p.categories == [
                .init(category: "advertising", aboveCents: 5_000_000, approver: "zhou.min"),
                .init(category: "events", aboveCents: 3_000_050, approver: "zhou.min"),
            ])
        #expect(p.finance == .init(aboveCents: 10_000_000, approver: .role("finance")))
        #expect(
            p.controls == .init(dualControlAboveCents: 20_000_000, splitWindowDays: 5, budgetControlDefault: "stop"))
    }

    @Test("TOMLDecoder reads it directly too")
    func decoderDirectly() throws {
        let p = try TOMLDecoder().decode(ApprovalPolicy.self, from: Self.full)
        #expect(p == (try ApprovalPolicy.parse(Self.full)))
    }

    @Test("a name alone is a policy: defaults for everything else")
    func defaults() throws {
        let p = try ApprovalPolicy.parse(#"name = "minimal""#)
        #expect(p == ApprovalPolicy(name: "minimal"))
        #expect(p.limits.usePersonLimits && p.limits.defaultLimitCents == nil)
        #expect(p.categories.isEmpty && p.finance == nil)
        #expect(p.controls == .init(dualControlAboveCents: nil, splitWindowDays: 7, budgetControlDefault: "warn"))
    }

    @Test("a named finance login", arguments: [#"approver = "qian.li""#])
    func financeLogin(line: String) throws {
        let p = try ApprovalPolicy.parse("name = \"p\"\n[finance]\nabove = 1\n\(line)")
        #expect(p.finance == .init(aboveCents: 100, approver: .login("qian.li")))
    }

    @Test(
        "amounts: integers, two-decimal numbers and decimal text",
        arguments: [
            ("50000", Int64(5_000_000)), ("50000.5", 5_000_050), ("50000.05", 5_000_005),
            (#""1234.56""#, 123_456), (#"" 7 ""#, 700), ("0", 0), ("1_000", 100_000),
        ])
    func amounts(text: String, cents: Int64) throws {
        let p = try ApprovalPolicy.parse("name = \"p\"\n[controls]\ndual_control_above = \(text)")
        #expect(p.controls.dualControlAboveCents == cents)
    }

    @Test("encoding writes TOML that reads back to the same policy")
    func roundTrip() throws {
        let p = try ApprovalPolicy.parse(Self.full)
        let again = try ApprovalPolicy.parse(try p.tomlText())
        #expect(again == p)
        var q = ApprovalPolicy(name: "q", finance: .init(aboveCents: 12_345, approver: .login("qian.li")))
        q.limits = .init(usePersonLimits: false, defaultLimitCents: 1)
        #expect(try ApprovalPolicy.parse(try q.tomlText()) == q)
    }

    @Test(
        "errors name the key and the value",
        arguments: [
            ("", "policy: `name` is missing"),
            (#"name = """#, #"policy: `name` = "": expected a non-empty name"#),
            ("name = 5", "policy: `name` = 5: expected text"),
            (#"name = "p"  currency = "USD""#, "policy, line 1:"),
            ("name = \"p\"\ncurrency = \"USD\"", #"policy: `currency` = "USD": expected "CNY""#),
            ("name = \"p\"\nlimit = 3", "policy: unknown key `limit` (known here: name, currency, limits, category,"),
            (
                "name = \"p\"\n[controls]\ndual_control_abve = 3",
                "policy: unknown key `controls.dual_control_abve` (known here: dual_control_above,"
            ),
            (
                "name = \"p\"\n[controls]\ndual_control_above = 1.234",
                "policy: `controls.dual_control_above` = 1.234 is not an amount: it has more than 2 decimal places"
            ),
            (
                "name = \"p\"\n[controls]\ndual_control_above = \"5万\"",
                #"policy: `controls.dual_control_above` = "5万" is not an amount: write yuan as digits"#
            ),
            (
                "name = \"p\"\n[controls]\ndual_control_above = -5",
                "policy: `controls.dual_control_above` = -5 is not an amount: it is below zero"
            ),
            (
                "name = \"p\"\n[controls]\ndual_control_above = true",
                "policy: `controls.dual_control_above` = true: expected an amount in yuan"
            ),
            (
                "name = \"p\"\n[controls]\nsplit_window_days = 0",
                "policy: `controls.split_window_days` = 0: expected a number of days from 1 to 366"
            ),
            (
                "name = \"p\"\n[controls]\nsplit_window_days = 2.5",
                "policy: `controls.split_window_days` = 2.5: expected a whole number of days"
            ),
            (
                "name = \"p\"\n[controls]\nbudget_control_default = \"block\"",
                #"policy: `controls.budget_control_default` = "block": expected one of stop, warn, ignore"#
            ),
            (
                "name = \"p\"\n[limits]\nuse_person_limits = false",
                "policy: `limits.default_limit (required when use_person_limits = false)` is missing"
            ),
            (
                "name = \"p\"\n[limits]\nuse_person_limits = \"yes\"",
                #"policy: `limits.use_person_limits` = "yes": expected true or false"#
            ),
            ("name = \"p\"\nlimits = 5", "policy: `limits` = 5: expected a table"),
            ("name = \"p\"\ncategory = 5", "policy: `category` = 5: expected [[category]] tables"),
            (
                "name = \"p\"\n[[category]]\nname = \"advertising\"\nabove = 1\napprover = \"a\"\n"
                    + "[[category]]\nname = \"food\"\nabove = 1\napprover = \"a\"",
                #"policy: `category[2].name` = "food": expected one of advertising, travel"#
            ),
            (
                "name = \"p\"\n[[category]]\nname = \"travel\"\napprover = \"a\"",
                "policy: `category[1].above` is missing"
            ),
            (
                "name = \"p\"\n[[category]]\nname = \"travel\"\nabove = 1\napprover = \"wang fang\"",
                #"policy: `category[1].approver` = "wang fang": expected a login (no spaces)"#
            ),
            (
                "name = \"p\"\n[[category]]\nname = \"travel\"\nabove = 1\napprover = \"a\"\nextra = 1",
                "policy: unknown key `category[1].extra` (known here: name, above, approver)"
            ),
            (
                "name = \"p\"\n[[category]]\nname = \"travel\"\nabove = 1\napprover = \"a\"\n"
                    + "[[category]]\nname = \"travel\"\nabove = \"1.00\"\napprover = \"b\"",
                "policy: `category[2]` = travel above 1.00: expected a category and amount not given twice"
            ),
            (
                "name = \"p\"\n[finance]\nabove = 1\napprover = \"a\"\nrole = \"finance\"",
                "policy: `finance.approver` and `finance.role` cannot both be given; keep one"
            ),
            ("name = \"p\"\n[finance]\nabove = 1", "policy: `finance.approver or finance.role` is missing"),
            (
                "name = \"p\"\n[finance]\nabove = 1\nrole = \"accounting\"",
                #"policy: `finance.role` = "accounting": expected one of rep, manager, finance, admin, analyst"#
            ),
            (
                "name = \"p\"\n[finance]\nabove = 2025-01-01\nrole = \"finance\"",
                "policy: `finance.above` = a date or time: expected an amount in yuan"
            ),
        ])
    func errors(text: String, expected: String) {
        let got = message(text)
        #expect(got.hasPrefix(expected), "\(got)")
        #expect(!got.contains("\n"), "one line: \(got)")
    }

    @Test("a person's limit: their own, else the default; the default for all without person limits")
    func limits() {
        let withLimit = PersonInfo(login: "a", name: "A", approvalLimitCents: 500)
        let without = PersonInfo(login: "b", name: "B", approvalLimitCents: 0)
        let own = ApprovalPolicy.Limits(usePersonLimits: true, defaultLimitCents: 100)
        #expect(own.limit(of: withLimit) == 500 && own.limit(of: without) == 100)
        #expect(ApprovalPolicy.Limits().limit(of: without) == 0)
        let uniform = ApprovalPolicy.Limits(usePersonLimits: false, defaultLimitCents: 100)
        #expect(uniform.limit(of: withLimit) == 100)
    }
}

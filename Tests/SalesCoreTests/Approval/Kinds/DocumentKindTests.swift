import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private typealias F = ApprovalFixture

/// The fixture's department (``ApprovalFixture``) plus a sales director `sd`, a product manager `pm` and a legal
/// reviewer `legal` (all reporting to boss), a customer `C1`, and two products: `SKU-1` (line Cloud, list
/// 100.00) and `SKU-2` (no line, list 50.00). Policy: the fixture's, plus
///
/// - contracts above 500,000 need sd and finance (role: fin1, the smallest finance login);
/// - a contract discount beyond 15% needs boss;
/// - non-standard terms need legal;
/// - a price exception beyond 10% off list needs the owner of the product's line (Cloud: pm); beyond 40% it
///   is refused.
enum KindFixture {
    static let kindRules = """

        [contract]
        above = 500000
        director = "sd"
        finance_role = "finance"
        discount_above = 15
        discount_approver = "boss"
        legal = "legal"

        [price]
        discount_above = 10
        refuse_above = 40

        [[product_line]]
        name = "Cloud"
        owner = "pm"
        """

    static func makeStore(rules: String = kindRules) throws -> Store {
        let store = try makeTempStore()
        try F.populate(store)
        try store.write { c in
            try c.execute(
                """
                INSERT INTO person (login, name, role, team, approval_limit_cents, active, reports_to_id)
                SELECT l, n, r, 'HQ', 0, 1, (SELECT id FROM person WHERE login = 'boss') FROM (
                    SELECT 'sd' AS l, '销售总监' AS n, 'manager' AS r UNION ALL SELECT 'pm', '产品经理', 'manager'
                    UNION ALL SELECT 'legal', '法务', 'analyst');
                INSERT INTO customer (code, name) VALUES ('C1', '华东客户');
                INSERT INTO product (sku, name, product_line, list_price_cents) VALUES
                    ('SKU-1', '云主机', 'Cloud', 10000), ('SKU-2', '配件', NULL, 5000);
                """)
        }
        _ = try F.desk(store, as: "admin").loadPolicy(text: F.policy + rules, fileName: "kinds.toml")
        return store
    }

    static let day = CivilDate(year: 2026, month: 3, day: 10)!

    static func contract(
        amount: Int64, list: Int64? = nil, nonStandard: Bool = false
    ) -> ApprovalDesk.DocumentSubmission {
        .init(
            kind: .contract, customer: "C1", date: day, description: "年度框架合同", amountCents: amount,
            listAmountCents: list, termMonths: 12, paymentTerms: "30% 预付，70% 验收后 30 天", nonStandard: nonStandard)
    }

    static func price(
        _ unitCents: Int64, quantity: Int64 = 10, product: String = "SKU-1"
    )
        -> ApprovalDesk.DocumentSubmission
    {
        .init(
            kind: .price, customer: "C1", date: day, description: "竞争对手报价", product: product,
            unitPriceCents: unitCents, quantity: quantity)
    }

    /// Each step's approver and reason, in order.
    static func route(_ detail: ClaimDetail) -> [String] {
        detail.steps.map { "\($0.approver): \($0.reason)" }
    }
}

@Suite("sales-approve: contracts and price exceptions on the one engine")
struct DocumentKindTests {
    private typealias K = KindFixture

    @Test("a contract above 500,000 goes up the manager chain, then to the sales director and finance")
    func contractAboveAmountNeedsDirectorAndFinance() throws {
        let store = try K.makeStore()
        // 600,000.00 at 650,000.00 list (7.69% off, within 15%): m1 (5,000) and rm (30,000) do not cover it,
        // boss (1,000,000) does; then [contract] above 500,000: sd, then finance by role (fin1).
        let filed = try F.desk(store, as: "rep1").submit(K.contract(amount: 60_000_000, list: 65_000_000))
        #expect(filed.id == "HT-2026-00001")
        #expect(filed.kind == "contract")
        #expect(filed.steps.map(\.approver) == ["m1", "rm", "boss", "sd", "fin1"])
        #expect(filed.steps[3].reason == "sales director, contracts above 500,000.00")
        #expect(filed.steps[4].reason == "finance, above 500,000.00")
        #expect(filed.discount == "7.69%")
        #expect(filed.budgets.isEmpty)
        // At exactly 500,000 the rule does not apply ("above" is strictly more).
        let at = try F.desk(store, as: "rep1").submit(K.contract(amount: 50_000_000))
        #expect(at.steps.map(\.approver) == ["m1", "rm", "boss"])
    }

    @Test("a contract discount beyond 15% needs the discount approver; exactly 15% does not")
    func contractDiscount() throws {
        let store = try K.makeStore()
        // 20,000 at 25,000 list is 20% off: m1 (5,000) then rm (30,000) cover it; boss for the discount.
        let deep = try F.desk(store, as: "rep1").submit(K.contract(amount: 2_000_000, list: 2_500_000))
        #expect(
            K.route(deep) == [
                "m1: manager, approves up to 5,000.00", "rm: manager, approves up to 30,000.00",
                "boss: discount 20.00% beyond 15% of list",
            ])
        // 21,250 at 25,000 is exactly 15% off.
        let edge = try F.desk(store, as: "rep1").submit(K.contract(amount: 2_125_000, list: 2_500_000))
        #expect(edge.steps.map(\.approver) == ["m1", "rm"])
    }

    @Test("non-standard terms need the named legal reviewer; a policy without one refuses such a contract")
    func nonStandardTermsNeedLegal() throws {
        let store = try K.makeStore()
        let filed = try F.desk(store, as: "rep1").submit(K.contract(amount: 400_000, nonStandard: true))
        #expect(
            K.route(filed) == ["m1: manager, approves up to 5,000.00", "legal: legal review of non-standard terms"])
        #expect(filed.terms?.nonStandard == true)

        let noLegal = try K.makeStore(rules: K.kindRules.replacingOccurrences(of: "legal = \"legal\"\n", with: ""))
        let before = try noLegal.read { try $0.scalar("SELECT count(*) FROM expense")?.int64 }
        #expect {
            try F.desk(noLegal, as: "rep1").submit(K.contract(amount: 400_000, nonStandard: true))
        } throws: { error in
            "\(error)".contains("non-standard terms and the policy names no reviewer for them ([contract] legal)")
        }
        // Refused, not filed: the store is as it was.
        #expect(try noLegal.read { try $0.scalar("SELECT count(*) FROM expense")?.int64 } == before)
    }

    @Test("a price exception beyond 10% off list needs the product line's owner; within it only the manager")
    func priceDiscountNeedsLineOwner() throws {
        let store = try K.makeStore()
        // 85.00 against 100.00 list is 15% off; 10 units: 850.00, which m1 (5,000) covers; then pm owns Cloud.
        let deep = try F.desk(store, as: "rep1").submit(K.price(8_500))
        #expect(deep.id == "TJ-2026-00001")
        #expect(deep.amountCents == 85_000)
        #expect(
            K.route(deep) == ["m1: manager, approves up to 5,000.00", "pm: owner of Cloud, discount 15.00% beyond 10%"])
        let mild = try F.desk(store, as: "rep1").submit(K.price(9_500))
        #expect(mild.steps.map(\.approver) == ["m1"])
        // A product with no line cannot be routed past 10%.
        #expect {
            try F.desk(store, as: "rep1").submit(K.price(4_000, product: "SKU-2"))
        } throws: { error in "\(error)".contains("product SKU-2 has no product line") }
    }

    @Test("a price exception beyond 40% off list is refused, and nothing is filed")
    func priceExceptionRefused() throws {
        let store = try K.makeStore()
        #expect {
            try F.desk(store, as: "rep1").submit(K.price(5_500))
        } throws: { error in
            let text = "\(error)"
            return text.contains("45.00% below list, beyond the 40% the policy allows ([price] refuse_above)")
                && (error as? ApprovalError)?.kind == .refused
        }
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM expense WHERE kind = 'price'")?.int64 } == 0)
        #expect(try store.read { try AuditLog.entries($0) }.allSatisfy { $0.action == "policy.loaded" })
    }

    @Test("separation of duties holds for every kind, and contracts draw on no budget")
    func separationAndNoBudgets() throws {
        let store = try K.makeStore()
        _ = try F.desk(store, as: "m1").submit(K.contract(amount: 400_000, nonStandard: true))
        // m1 files; rm (m1's manager) is the first step, legal the second. m1 cannot approve their own.
        #expect(throws: ApprovalError.self) { try F.desk(store, as: "m1").approve("HT-2026-00001") }
        let first = try F.desk(store, as: "rm").approve("HT-2026-00001")
        #expect(first.warnings.isEmpty)  // no "unbudgeted" warning: budgets are for expense claims
        let second = try F.desk(store, as: "legal").approve("HT-2026-00001")
        #expect(second.claimState == "approved")
        #expect(try F.desk(store, as: "admin").verify().isIntact)
    }

    @Test("an imported contract is routed like an imported claim, and a change of its terms routes it again")
    func importedContractRoutedAndRerouted() throws {
        let store = try K.makeStore()
        try importContract(store, number: "HT-IMP-1", amount: 2_000_000, list: 2_000_000)
        #expect(try F.desk(store, as: "m1").show("HT-IMP-1").steps.map(\.approver) == ["m1", "rm"])
        try store.write {
            try $0.execute("UPDATE expense SET list_amount_cents = 3000000 WHERE expense_no = 'HT-IMP-1'")
        }
        let again = try F.desk(store, as: "m1").show("HT-IMP-1")
        #expect(again.round == 2)
        #expect(again.steps.map(\.approver) == ["m1", "rm", "boss"])  // 33.33% off now: boss for the discount
        let actions = try store.read { try AuditLog.entries($0, subject: "expense:HT-IMP-1") }.map(\.action)
        #expect(actions == ["claim.routed", "claim.changed"])
        #expect(try F.desk(store, as: "admin").verify().isIntact)
    }

    @Test("the store refuses an incomplete contract, a price whose amount is not price × quantity, a kind change")
    func storeChecks() throws {
        let store = try K.makeStore()
        #expect(throws: (any Error).self) {
            try store.write { c in
                try c.execute(
                    """
                    INSERT INTO expense (expense_no, spent_on, category, amount_cents, kind, customer_id)
                    VALUES ('BAD', '2026-03-01', 'other', 100, 'contract', 1)
                    """)
            }
        }
        #expect(throws: (any Error).self) {
            try store.write { c in
                try c.execute(
                    """
                    INSERT INTO expense (expense_no, spent_on, category, amount_cents, kind, customer_id, product_id,
                                         list_price_cents, unit_price_cents, quantity)
                    VALUES ('BAD', '2026-03-01', 'other', 999, 'price', 1, 1, 10000, 8000, 10)
                    """)
            }
        }
        try importContract(store, number: "HT-IMP-1", amount: 2_000_000, list: 2_000_000)
        #expect(throws: (any Error).self) {
            try store.write { try $0.execute("UPDATE expense SET kind = 'expense' WHERE expense_no = 'HT-IMP-1'") }
        }
    }

    @Test(
        "verify replays contracts and price exceptions and names tampering with their rows",
        arguments: [
            (
                "UPDATE approval_claim SET terms = json_set(terms, '$.list_amount_cents', 2000000) "
                    + "WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'HT-2026-00001')",
                "approval_claim of claim HT-2026-00001: the table says terms"
            ),
            (
                "DROP TRIGGER expense_kind_fixed; UPDATE expense SET kind = 'expense', unit_price_cents = NULL, "
                    + "list_price_cents = NULL, quantity = NULL, product_id = NULL WHERE expense_no = 'TJ-2026-00001'",
                "approval_claim of claim TJ-2026-00001: the table says kind expense, the log says price"
            ),
            (
                "UPDATE approval_claim SET terms = NULL "
                    + "WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'TJ-2026-00001')",
                "approval_claim of claim TJ-2026-00001: the table says terms NULL"
            ),
            (
                "DROP TRIGGER approval_step_decided_once; UPDATE approval_step SET approver = 'rep2' "
                    + "WHERE reason = 'category' AND approver = 'pm'",
                "approval_step of claim TJ-2026-00001 round 1 step 2: the table says approver rep2, the log says pm"
            ),
        ])
    func tamperingDetected(sql: String, reason: String) throws {
        let store = try K.makeStore()
        _ = try F.desk(store, as: "rep1").submit(K.contract(amount: 2_000_000, list: 2_500_000))
        _ = try F.desk(store, as: "rep1").submit(K.price(8_500))
        _ = try F.desk(store, as: "m1").approve("TJ-2026-00001")
        let before = try F.desk(store, as: "admin").verify()
        #expect(before.isIntact, "\(before)")
        // The entries record the kind and the terms.
        let submitted = try store.read { try AuditLog.entries($0, subject: "expense:TJ-2026-00001") }.first
        #expect(submitted?.payload.contains("\"kind\":\"price\"") == true)
        #expect(submitted?.payload.contains("\"unit_price_cents\":8500") == true)
        try store.write { try $0.execute(sql) }
        let after = try F.desk(store, as: "admin").verify()
        guard case .broken(_, let why) = after else {
            Issue.record("verify passed after: \(sql)")
            return
        }
        #expect(why.hasPrefix(reason), "\(why)")
    }

    @Test("the policy's kind rules are checked on load, and round-trip through TOML")
    func policyRules() throws {
        let policy = try ApprovalPolicy.parse(F.policy + K.kindRules)
        #expect(policy.contract?.aboveCents == 50_000_000)
        #expect(policy.contract?.discountAboveBasisPoints == 1_500)
        #expect(policy.price?.refuseAboveBasisPoints == 4_000)
        #expect(policy.owner(ofProductLine: "Cloud") == "pm")
        #expect(try ApprovalPolicy.parse(try policy.tomlText()) == policy)
        #expect(throws: PolicyError.self) {
            try ApprovalPolicy.parse(F.policy + "\n[contract]\nabove = 1000\nfinance_role = \"finance\"\n")
        }
        #expect(throws: PolicyError.self) { try ApprovalPolicy.parse(F.policy + "\n[price]\ndiscount_above = 120\n") }
        #expect(throws: PolicyError.self) { try ApprovalPolicy.parse(F.policy + "\n[price]\nfloor = 10\n") }
        // A login the rules name must be in the directory.
        let store = try K.makeStore()
        #expect {
            _ = try F.desk(store, as: "admin").loadPolicy(
                text: F.policy + K.kindRules.replacingOccurrences(of: "\"pm\"", with: "\"nobody\""), fileName: "x.toml")
        } throws: { "\($0)".contains("[[product_line]] Cloud approver nobody is not in the people directory") }
    }
}

/// Inserts a contract as an import would (status `submitted`, no route yet), for customer C1, by rep1.
func importContract(_ store: Store, number: String, amount: Int64, list: Int64, nonStandard: Bool = false) throws {
    try store.write { c in
        try c.execute(
            """
            INSERT INTO expense (expense_no, submitted_by_id, spent_on, category, amount_cents, status, kind,
                                 customer_id, list_amount_cents, term_months, non_standard)
            VALUES (?, (SELECT id FROM person WHERE login = 'rep1'), '2026-03-10', 'other', ?, 'submitted',
                    'contract', (SELECT id FROM customer WHERE code = 'C1'), ?, 12, ?)
            """, [.text(number), .integer(amount), .integer(list), .integer(nonStandard ? 1 : 0)])
    }
}

import TOMLKit

/// The expense-approval policy: who approves a claim, above which amounts, and the controls around it.
///
/// Read from TOML, either with ``parse(_:)`` (which turns every failure into a ``PolicyError``) or with
/// `TOMLDecoder().decode(ApprovalPolicy.self, from: text)` (which throws ``PolicyError`` for invalid values and
/// TOMLKit's own errors for TOML syntax). Unknown keys are refused, so a misspelt key cannot pass unnoticed.
///
/// Amounts are yuan, written as an integer (`50000`), a number with at most two decimals (`50000.50`) or a
/// decimal string (`"50000.50"`); they are kept exactly, in cents. "Above" always means strictly greater:
/// a claim of exactly 50000.00 is not above 50000.
///
/// ```toml
/// name = "2026 expense policy"
/// currency = "CNY"
///
/// [limits]
/// use_person_limits = true
/// default_limit = 2000
/// final_approver = "qian.li"  # when the manager chain ends before anyone covers the amount
///
/// [[category]]
/// name = "advertising"
/// above = 50000
/// approver = "zhou.min"       # the marketing head
///
/// [finance]
/// above = 100000
/// role = "finance"            # or: approver = "qian.li"
///
/// [controls]
/// dual_control_above = 200000
/// split_window_days = 7
/// budget_control_default = "warn"
/// ```
public struct ApprovalPolicy: Codable, Sendable, Equatable {
    /// `name` (required): the policy's name, shown with every route computed from it.
    public var name: String
    /// `currency` (default `"CNY"`): the currency of every amount; only `CNY` is accepted, as the store keeps yuan.
    public var currency: String
    /// `[limits]`: how the submitter's manager chain is walked.
    public var limits: Limits
    /// `[[category]]`: extra approvers for a category above an amount, in file order.
    public var categories: [CategoryRule]
    /// `[finance]` (optional): the finance approval above a top amount.
    public var finance: FinanceRule?
    /// `[controls]`: dual control, split-claim detection and the default budget control.
    public var controls: Controls
    /// `[receipts]` (optional): receipts required above an amount, and the folder attached files go to.
    public var receipts: Receipts?
    /// `[reminders]` (optional): when `remind` lists a waiting step and when it escalates it.
    public var reminders: Reminders?
    /// `[contract]` (optional): the extra approvers of contracts (see `Kinds/KindPolicy.swift`).
    public var contract: ContractRules?
    /// `[price]` (optional): the discounts price exceptions may ask for.
    public var price: PriceRules?
    /// `[[product_line]]`: the owner of each product line, in file order.
    public var productLines: [ProductLineRule]

    /// A policy from its parts; see each type for the defaults.
    public init(
        name: String, currency: String = "CNY", limits: Limits = Limits(), categories: [CategoryRule] = [],
        finance: FinanceRule? = nil, controls: Controls = Controls(), receipts: Receipts? = nil,
        reminders: Reminders? = nil, contract: ContractRules? = nil, price: PriceRules? = nil,
        productLines: [ProductLineRule] = []
    ) {
        self.name = name
        self.currency = currency
        self.limits = limits
        self.categories = categories
        self.finance = finance
        self.controls = controls
        self.receipts = receipts
        self.reminders = reminders
        self.contract = contract
        self.price = price
        self.productLines = productLines
    }

    /// `[limits]`: who on the manager chain may approve up to which amount.
    public struct Limits: Codable, Sendable, Equatable {
        /// `use_person_limits` (default `true`): each person's `approval_limit` from the store is their limit.
        ///
        /// A person whose limit is 0 (none recorded) gets `default_limit`. With `false`, everyone on the chain
        /// gets `default_limit`, which is then required.
        public var usePersonLimits: Bool
        /// `default_limit` (optional amount): the limit of people with none; without it they can approve nothing.
        public var defaultLimitCents: Int64?
        /// `final_approver` (optional login): who approves when the submitter's manager chain ends before
        /// anyone whose limit covers the amount (the head of the department's own claims, say). Without it
        /// such a claim cannot be routed. If they are inactive, the submitter or the payee, their nearest
        /// eligible manager stands in.
        public var finalApprover: String?
        /// `max_claim` (optional amount, at most ``ClaimBounds/maximumClaimCents``): the most one claim may be.
        /// `submit` refuses more; an imported claim above it gets no route.
        public var maxClaimCents: Int64?

        /// Limits from their parts.
        public init(
            usePersonLimits: Bool = true, defaultLimitCents: Int64? = nil, finalApprover: String? = nil,
            maxClaimCents: Int64? = nil
        ) {
            self.usePersonLimits = usePersonLimits
            self.defaultLimitCents = defaultLimitCents
            self.finalApprover = finalApprover
            self.maxClaimCents = maxClaimCents
        }

        /// The amount, in cents, up to which (inclusive) `person` approves on the manager chain.
        public func limit(of person: PersonInfo) -> Int64 {
            if usePersonLimits, person.approvalLimitCents > 0 { return person.approvalLimitCents }
            return defaultLimitCents ?? 0
        }
    }

    /// One `[[category]]` entry: claims of `name` above `above` also need `approver`.
    public struct CategoryRule: Codable, Sendable, Equatable {
        /// `name` (required): an expense category code (advertising, travel, entertainment, training, events, other).
        public var category: String
        /// `above` (required amount): the rule applies to claims strictly above it.
        public var aboveCents: Int64
        /// `approver` (required): the login who approves; if inactive, the submitter or the payee, their
        /// nearest eligible manager stands in.
        public var approver: String

        /// A category rule from its parts.
        public init(category: String, aboveCents: Int64, approver: String) {
            self.category = category
            self.aboveCents = aboveCents
            self.approver = approver
        }
    }

    /// `[finance]`: claims strictly above `above` also need finance, named by login or by role.
    public struct FinanceRule: Codable, Sendable, Equatable {
        /// `above` (required amount): the rule applies to claims strictly above it.
        public var aboveCents: Int64
        /// `approver = "login"` or `role = "finance"`: exactly one of the two.
        public var approver: FinanceApprover

        /// A finance rule from its parts.
        public init(aboveCents: Int64, approver: FinanceApprover) {
            self.aboveCents = aboveCents
            self.approver = approver
        }
    }

    /// Who gives the finance approval.
    public enum FinanceApprover: Sendable, Equatable, Hashable {
        /// `approver = "login"`: that person; if inactive, the submitter or the payee, their nearest eligible
        /// manager stands in.
        case login(String)
        /// `role = "finance"`: the active person with that role and the smallest login who is neither the
        /// submitter nor the payee (deterministic; others may act on the step only by delegation).
        case role(String)
    }

    /// `[controls]`: controls beyond the route itself.
    public struct Controls: Codable, Sendable, Equatable {
        /// `dual_control_above` (optional amount): strictly above it, two distinct people must approve.
        public var dualControlAboveCents: Int64?
        /// `split_window_days` (default 7, 1–366): claims at most this many days apart can form a split.
        public var splitWindowDays: Int
        /// `budget_control_default` (default `"warn"`): `stop`, `warn` or `ignore`, for claims that no budget
        /// row covers (their scope, category and period have no budget at all).
        public var budgetControlDefault: String
        /// ``budgetControlDefault`` as a ``BudgetControl`` (`warn` for text that is none: `parse` refuses it).
        public var budgetControl: BudgetControl { BudgetControl(rawValue: budgetControlDefault) ?? .warn }
        /// `max_claim_age_days` (default 365, 1–3660): `submit` refuses a spending date more than this many
        /// days before today.
        public var maxClaimAgeDays: Int

        /// Controls from their parts.
        public init(
            dualControlAboveCents: Int64? = nil, splitWindowDays: Int = 7,
            budgetControlDefault: String = BudgetControl.warn.rawValue,
            maxClaimAgeDays: Int = ClaimBounds.defaultMaximumAgeDays
        ) {
            self.dualControlAboveCents = dualControlAboveCents
            self.splitWindowDays = splitWindowDays
            self.budgetControlDefault = budgetControlDefault
            self.maxClaimAgeDays = maxClaimAgeDays
        }
    }

    /// Reads a policy from TOML text, reporting every problem as a ``PolicyError``.
    /// - Throws: ``PolicyError`` naming the line (syntax) or the key and value (content).
    public static func parse(_ text: String) throws -> ApprovalPolicy {
        // A NUL written as an escape would be cut off by the TOML reader, so the checks of names would never
        // see it: it is refused here, with its line.
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains("\\u0000") || line.contains("\\U00000000") {
            throw PolicyError.syntax(line: i + 1, message: "a NUL character (\\u0000) is not allowed in the policy")
        }
        do {
            return try TOMLDecoder().decode(ApprovalPolicy.self, from: text)
        } catch let error as PolicyError {
            throw error
        } catch let error as TOMLParseError {
            throw PolicyError.syntax(line: Int(error.source.begin.line), message: error.description)
        } catch let error as DecodingError {
            throw PolicyError(error)
        } catch {
            throw PolicyError.syntax(line: 0, message: "\(error)")
        }
    }

    /// The policy as TOML text that ``parse(_:)`` reads back to an equal policy.
    public func tomlText() throws -> String {
        try TOMLEncoder().encode(self)
    }
}

// MARK: - Decoding

extension ApprovalPolicy {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown([
            "name", "currency", "limits", "category", "finance", "controls", "receipts", "reminders", "contract",
            "price", "product_line",
        ])
        guard let name = try t.string("name") else { throw PolicyError.missingKey("name") }
        guard !name.allSatisfy(\.isWhitespace) else {
            throw PolicyError.invalidValue(key: "name", value: "\"\(name)\"", expected: "a non-empty name")
        }
        if let problem = ClaimBounds.textProblem(name, option: "name", maxLength: ClaimBounds.remarkLength) {
            throw PolicyError.invalidValue(
                key: "name", value: "\"\(TerminalText.visible(name))\"",
                expected: "a name of printable text (\(problem))")
        }
        self.name = name
        currency = try t.string("currency") ?? "CNY"
        guard currency == "CNY" else {
            throw PolicyError.invalidValue(
                key: "currency", value: "\"\(currency)\"",
                expected: "\"CNY\" (the store keeps amounts in yuan)")
        }
        limits = try t.table(Limits.self, "limits") ?? Limits()
        categories = try t.tables(CategoryRule.self, "category")
        finance = try t.table(FinanceRule.self, "finance")
        controls = try t.table(Controls.self, "controls") ?? Controls()
        receipts = try t.table(Receipts.self, "receipts")
        reminders = try t.table(Reminders.self, "reminders")
        contract = try t.table(ContractRules.self, "contract")
        price = try t.table(PriceRules.self, "price")
        productLines = try t.tables(ProductLineRule.self, "product_line")
        var lines = Set<String>()
        for (i, line) in productLines.enumerated() where !lines.insert(line.name).inserted {
            throw PolicyError.invalidValue(
                key: "product_line[\(i + 1)]", value: "\"\(line.name)\"", expected: "a product line not given twice")
        }
        var seen = Set<String>()
        for (i, rule) in categories.enumerated() {
            let text = "\(rule.category) above \(ImportValue.moneyText(cents: rule.aboveCents))"
            guard seen.insert(text).inserted else {
                throw PolicyError.invalidValue(
                    key: "category[\(i + 1)]", value: text,
                    expected: "a category and amount not given twice")
            }
        }
    }
}

extension ApprovalPolicy.Limits {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown(["use_person_limits", "default_limit", "final_approver", "max_claim"])
        usePersonLimits = try t.bool("use_person_limits") ?? true
        defaultLimitCents = try t.amount("default_limit")
        finalApprover = t.has("final_approver") ? try t.login("final_approver") : nil
        maxClaimCents = try t.amount("max_claim")
        if let max = maxClaimCents, max <= 0 || max > ClaimBounds.maximumClaimCents {
            throw PolicyError.invalidValue(
                key: t.path("max_claim"), value: ImportValue.moneyText(cents: max),
                expected: "an amount above 0 and at most \(ImportValue.moneyText(cents: ClaimBounds.maximumClaimCents))"
            )
        }
        if !usePersonLimits, defaultLimitCents == nil {
            throw PolicyError.missingKey(t.path("default_limit") + " (required when use_person_limits = false)")
        }
    }
}

extension ApprovalPolicy.CategoryRule {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown(["name", "above", "approver"])
        guard let name = try t.string("name") else { throw PolicyError.missingKey(t.path("name")) }
        guard Codes.expenseCategory.contains(name) else {
            throw PolicyError.invalidValue(
                key: t.path("name"), value: "\"\(name)\"",
                expected: "one of " + Codes.expenseCategory.joined(separator: ", "))
        }
        guard let above = try t.amount("above") else { throw PolicyError.missingKey(t.path("above")) }
        category = name
        aboveCents = above
        approver = try t.login("approver")
    }
}

extension ApprovalPolicy.FinanceRule {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown(["above", "approver", "role"])
        guard let above = try t.amount("above") else { throw PolicyError.missingKey(t.path("above")) }
        aboveCents = above
        switch (t.has("approver"), t.has("role")) {
        case (true, true): throw PolicyError.conflictingKeys(t.path("approver"), t.path("role"))
        case (false, false): throw PolicyError.missingKey(t.path("approver") + " or " + t.path("role"))
        case (true, false): approver = .login(try t.login("approver"))
        case (false, true):
            let role = try t.string("role") ?? ""
            guard Codes.role.contains(role) else {
                throw PolicyError.invalidValue(
                    key: t.path("role"), value: "\"\(role)\"",
                    expected: "one of " + Codes.role.joined(separator: ", "))
            }
            approver = .role(role)
        }
    }
}

extension ApprovalPolicy.Controls {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown([
            "dual_control_above", "split_window_days", "budget_control_default", "max_claim_age_days",
        ])
        dualControlAboveCents = try t.amount("dual_control_above")
        splitWindowDays = try Self.days(t, "split_window_days", in: 1...366) ?? 7
        maxClaimAgeDays = try Self.days(t, "max_claim_age_days", in: 1...3660) ?? ClaimBounds.defaultMaximumAgeDays
        budgetControlDefault = try t.string("budget_control_default") ?? BudgetControl.warn.rawValue
        guard Codes.budgetControl.contains(budgetControlDefault) else {
            throw PolicyError.invalidValue(
                key: t.path("budget_control_default"), value: "\"\(budgetControlDefault)\"",
                expected: "one of " + Codes.budgetControl.joined(separator: ", "))
        }
    }

    /// A whole number of days at `key` within `range`, or `nil` when absent.
    private static func days(_ t: PolicyTable, _ key: String, in range: ClosedRange<Int64>) throws -> Int? {
        guard let days = try t.scalar(key) else { return nil }
        guard case .integer(let n) = days else {
            throw PolicyError.wrongType(key: t.path(key), value: days.text, expected: "a whole number of days")
        }
        guard range.contains(n) else {
            throw PolicyError.invalidValue(
                key: t.path(key), value: String(n),
                expected: "a number of days from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(n)
    }
}

// MARK: - Encoding

extension ApprovalPolicy {
    fileprivate enum Key: String, CodingKey {
        case name, currency, limits, category, finance, controls, contract, price
        case productLine = "product_line"
        case usePersonLimits = "use_person_limits"
        case defaultLimit = "default_limit"
        case finalApprover = "final_approver"
        case maxClaim = "max_claim"
        case maxClaimAgeDays = "max_claim_age_days"
        case above, approver, role
        case dualControlAbove = "dual_control_above"
        case splitWindowDays = "split_window_days"
        case budgetControlDefault = "budget_control_default"
    }

    /// An amount as TOML writes it back: whole yuan as an integer, anything else as exact decimal text.
    fileprivate static func encode(cents: Int64, _ c: inout KeyedEncodingContainer<Key>, key: Key) throws {
        if cents % 100 == 0 {
            try c.encode(cents / 100, forKey: key)
        } else {
            try c.encode(ImportValue.moneyText(cents: cents), forKey: key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(name, forKey: .name)
        try c.encode(currency, forKey: .currency)
        try c.encode(limits, forKey: .limits)
        if !categories.isEmpty { try c.encode(categories, forKey: .category) }
        try c.encodeIfPresent(finance, forKey: .finance)
        try c.encode(controls, forKey: .controls)
        var moves = encoder.container(keyedBy: MovesKey.self)
        try moves.encodeIfPresent(receipts, forKey: .receipts)
        try moves.encodeIfPresent(reminders, forKey: .reminders)
        try c.encodeIfPresent(contract, forKey: .contract)
        try c.encodeIfPresent(price, forKey: .price)
        if !productLines.isEmpty { try c.encode(productLines, forKey: .productLine) }
    }
}

extension ApprovalPolicy.Limits {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ApprovalPolicy.Key.self)
        try c.encode(usePersonLimits, forKey: .usePersonLimits)
        if let d = defaultLimitCents { try ApprovalPolicy.encode(cents: d, &c, key: .defaultLimit) }
        try c.encodeIfPresent(finalApprover, forKey: .finalApprover)
        if let m = maxClaimCents { try ApprovalPolicy.encode(cents: m, &c, key: .maxClaim) }
    }
}

extension ApprovalPolicy.CategoryRule {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ApprovalPolicy.Key.self)
        try c.encode(category, forKey: .name)
        try ApprovalPolicy.encode(cents: aboveCents, &c, key: .above)
        try c.encode(approver, forKey: .approver)
    }
}

extension ApprovalPolicy.FinanceRule {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ApprovalPolicy.Key.self)
        try ApprovalPolicy.encode(cents: aboveCents, &c, key: .above)
        switch approver {
        case .login(let login): try c.encode(login, forKey: .approver)
        case .role(let role): try c.encode(role, forKey: .role)
        }
    }
}

extension ApprovalPolicy.Controls {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ApprovalPolicy.Key.self)
        if let d = dualControlAboveCents { try ApprovalPolicy.encode(cents: d, &c, key: .dualControlAbove) }
        try c.encode(splitWindowDays, forKey: .splitWindowDays)
        try c.encode(budgetControlDefault, forKey: .budgetControlDefault)
        try c.encode(maxClaimAgeDays, forKey: .maxClaimAgeDays)
    }
}

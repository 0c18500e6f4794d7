import TOMLKit

/// The policy's per-kind rules: `[contract]`, `[price]` and `[[product_line]]`.
///
/// ```toml
/// [contract]
/// above = 500000                  # contracts strictly above it need the sales director and finance
/// director = "zhao.lei"           # the sales director
/// finance_role = "finance"        # or: finance = "qian.li"
/// discount_above = 15             # percent off list price; beyond it, discount_approver
/// discount_approver = "zhao.lei"
/// legal = "lin.yu"                # non-standard terms need this reviewer
///
/// [price]
/// discount_above = 10             # percent off list price; beyond it, the product line's owner
/// refuse_above = 40               # beyond it the exception is refused outright
///
/// [[product_line]]
/// name = "智能终端"
/// owner = "sun.li"
/// ```
///
/// Percentages are written like amounts (`15`, `12.5`, `"12.50"`) and kept exactly, in basis points; "beyond"
/// means strictly more than. The manager chain and dual control apply to every kind; `[[category]]`,
/// `[finance]` and the budgets to expense claims only; these rules to their kinds only.
extension ApprovalPolicy {
    /// `[contract]`: who else approves a contract.
    public struct ContractRules: Codable, Sendable, Equatable {
        /// `above` (optional amount): contracts strictly above it need ``director`` and the finance approver.
        public var aboveCents: Int64?
        /// `director` (login, required with `above`): the sales director.
        public var director: String?
        /// `finance = "login"` or `finance_role = "finance"` (one, required with `above`).
        public var finance: FinanceApprover?
        /// `discount_above` (optional percent, in basis points): a discount beyond it needs ``discountApprover``.
        public var discountAboveBasisPoints: Int64?
        /// `discount_approver` (login, required with `discount_above`).
        public var discountApprover: String?
        /// `legal` (optional login): the named reviewer of non-standard terms; without it a contract with
        /// non-standard terms cannot be routed.
        public var legal: String?

        /// Contract rules from their parts.
        public init(
            aboveCents: Int64? = nil, director: String? = nil, finance: FinanceApprover? = nil,
            discountAboveBasisPoints: Int64? = nil, discountApprover: String? = nil, legal: String? = nil
        ) {
            self.aboveCents = aboveCents
            self.director = director
            self.finance = finance
            self.discountAboveBasisPoints = discountAboveBasisPoints
            self.discountApprover = discountApprover
            self.legal = legal
        }
    }

    /// `[price]`: the discounts a price exception may ask for.
    public struct PriceRules: Codable, Sendable, Equatable {
        /// `discount_above` (optional percent): beyond it, the owner of the product's line approves too.
        public var discountAboveBasisPoints: Int64?
        /// `refuse_above` (optional percent): beyond it, the exception is refused (no route).
        public var refuseAboveBasisPoints: Int64?

        /// Price rules from their parts.
        public init(discountAboveBasisPoints: Int64? = nil, refuseAboveBasisPoints: Int64? = nil) {
            self.discountAboveBasisPoints = discountAboveBasisPoints
            self.refuseAboveBasisPoints = refuseAboveBasisPoints
        }
    }

    /// One `[[product_line]]`: the owner of a product line (`product.product_line`).
    public struct ProductLineRule: Codable, Sendable, Equatable {
        /// `name` (required): the product line, as the products sheet writes it.
        public var name: String
        /// `owner` (required login).
        public var owner: String

        /// A product line rule from its parts.
        public init(name: String, owner: String) {
            self.name = name
            self.owner = owner
        }
    }

    /// The owner of product line `line`, if the policy names one.
    public func owner(ofProductLine line: String) -> String? {
        productLines.first { $0.name == line }?.owner
    }

    /// Every login the kind rules name, with the key naming it (checked against the directory on load).
    var kindRuleLogins: [(login: String, key: String)] {
        var named: [(String, String)] = []
        if let c = contract {
            if let d = c.director { named.append((d, "[contract] director")) }
            if case .login(let f) = c.finance { named.append((f, "[contract] finance")) }
            if let d = c.discountApprover { named.append((d, "[contract] discount_approver")) }
            if let l = c.legal { named.append((l, "[contract] legal")) }
        }
        named += productLines.map { ($0.owner, "[[product_line]] \($0.name)") }
        return named
    }
}

// MARK: - Decoding

extension PolicyTable {
    /// The percent at `key` in basis points (`15` → 1500), or `nil` when absent; from 0 to 100.
    func percent(_ key: String) throws -> Int64? {
        guard let bp = try amount(key) else { return nil }
        guard bp <= 10_000 else {
            throw PolicyError.invalidValue(
                key: path(key), value: percentText(basisPoints: bp), expected: "a percentage from 0 to 100")
        }
        return bp
    }
}

extension ApprovalPolicy.ContractRules {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown([
            "above", "director", "finance", "finance_role", "discount_above", "discount_approver", "legal",
        ])
        aboveCents = try t.amount("above")
        director = t.has("director") ? try t.login("director") : nil
        switch (t.has("finance"), t.has("finance_role")) {
        case (true, true): throw PolicyError.conflictingKeys(t.path("finance"), t.path("finance_role"))
        case (true, false): finance = .login(try t.login("finance"))
        case (false, true):
            let role = try t.string("finance_role") ?? ""
            guard Codes.role.contains(role) else {
                throw PolicyError.invalidValue(
                    key: t.path("finance_role"), value: "\"\(role)\"",
                    expected: "one of " + Codes.role.joined(separator: ", "))
            }
            finance = .role(role)
        case (false, false): finance = nil
        }
        if aboveCents != nil, director == nil {
            throw PolicyError.missingKey(t.path("director") + " (required with above)")
        }
        if aboveCents != nil, finance == nil {
            throw PolicyError.missingKey(t.path("finance") + " or " + t.path("finance_role") + " (required with above)")
        }
        discountAboveBasisPoints = try t.percent("discount_above")
        discountApprover = t.has("discount_approver") ? try t.login("discount_approver") : nil
        if discountAboveBasisPoints != nil, discountApprover == nil {
            throw PolicyError.missingKey(t.path("discount_approver") + " (required with discount_above)")
        }
        legal = t.has("legal") ? try t.login("legal") : nil
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: PolicyKey.self)
        if let a = aboveCents { try ApprovalPolicy.encodeAmount(a, &c, key: "above") }
        try c.encodeIfPresent(director, forKey: PolicyKey("director"))
        switch finance {
        case .login(let login): try c.encode(login, forKey: PolicyKey("finance"))
        case .role(let role): try c.encode(role, forKey: PolicyKey("finance_role"))
        case nil: break
        }
        if let d = discountAboveBasisPoints { try ApprovalPolicy.encodeAmount(d, &c, key: "discount_above") }
        try c.encodeIfPresent(discountApprover, forKey: PolicyKey("discount_approver"))
        try c.encodeIfPresent(legal, forKey: PolicyKey("legal"))
    }
}

extension ApprovalPolicy.PriceRules {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown(["discount_above", "refuse_above"])
        discountAboveBasisPoints = try t.percent("discount_above")
        refuseAboveBasisPoints = try t.percent("refuse_above")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: PolicyKey.self)
        if let d = discountAboveBasisPoints { try ApprovalPolicy.encodeAmount(d, &c, key: "discount_above") }
        if let r = refuseAboveBasisPoints { try ApprovalPolicy.encodeAmount(r, &c, key: "refuse_above") }
    }
}

extension ApprovalPolicy.ProductLineRule {
    public init(from decoder: any Decoder) throws {
        let t = try PolicyTable(decoder)
        try t.refuseUnknown(["name", "owner"])
        guard let name = try t.string("name"), !name.allSatisfy(\.isWhitespace) else {
            throw PolicyError.missingKey(t.path("name"))
        }
        if let problem = ClaimBounds.textProblem(name, option: "name", maxLength: ClaimBounds.remarkLength) {
            throw PolicyError.invalidValue(
                key: t.path("name"), value: "\"\(TerminalText.visible(name))\"", expected: "printable text (\(problem))"
            )
        }
        self.name = name
        owner = try t.login("owner")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: PolicyKey.self)
        try c.encode(name, forKey: PolicyKey("name"))
        try c.encode(owner, forKey: PolicyKey("owner"))
    }
}

extension ApprovalPolicy {
    /// An amount (or percent in basis points) as TOML writes it back.
    static func encodeAmount(_ cents: Int64, _ c: inout KeyedEncodingContainer<PolicyKey>, key: String) throws {
        if cents % 100 == 0 {
            try c.encode(cents / 100, forKey: PolicyKey(key))
        } else {
            try c.encode(ImportValue.moneyText(cents: cents), forKey: PolicyKey(key))
        }
    }
}

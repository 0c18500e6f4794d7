import Foundation

/// What a document under approval is, as `expense.kind` stores it: an expense claim (报销单), a contract
/// (合同) or a price exception (特价申请). Every kind goes through the same engine: routing, separation of
/// duties, signatures, the audit log and `verify`; budgets apply to expense claims only.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    case expense
    case contract
    case price

    /// `报销单`, `合同`, `特价申请`.
    public var chineseName: String {
        switch self {
        case .expense: "报销单"
        case .contract: "合同"
        case .price: "特价申请"
        }
    }

    /// `expense claim`, `contract`, `price exception`.
    public var englishName: String {
        switch self {
        case .expense: "expense claim"
        case .contract: "contract"
        case .price: "price exception"
        }
    }

    /// The prefix of the numbers `submit` gives: `SA-`, `HT-`, `TJ-` (then the year and a count).
    var numberPrefix: String {
        switch self {
        case .expense: "SA"
        case .contract: "HT"
        case .price: "TJ"
        }
    }
}

/// The terms of a contract or price exception that routing looks at (`nil` on an expense claim).
public struct DocumentTerms: Sendable, Hashable, Codable {
    /// The customer's code (or name, when it has no code).
    public var customer: String?
    /// A contract's value at list prices, in cents; its discount is the share of it the amount gives up.
    public var listAmountCents: Int64?
    /// A contract's term in months.
    public var termMonths: Int?
    /// A contract's payment terms (付款条件), as written.
    public var paymentTerms: String?
    /// Whether a contract departs from the standard terms (非标准条款).
    public var nonStandard: Bool
    /// A price exception's product (SKU, or name when it has none).
    public var product: String?
    /// The product line of a price exception's product.
    public var productLine: String?
    /// A price exception's list price per unit, in cents.
    public var listPriceCents: Int64?
    /// A price exception's requested price per unit, in cents.
    public var unitPriceCents: Int64?
    /// A price exception's quantity.
    public var quantity: Int64?

    /// Terms from their parts.
    public init(
        customer: String? = nil, listAmountCents: Int64? = nil, termMonths: Int? = nil, paymentTerms: String? = nil,
        nonStandard: Bool = false, product: String? = nil, productLine: String? = nil, listPriceCents: Int64? = nil,
        unitPriceCents: Int64? = nil, quantity: Int64? = nil
    ) {
        self.customer = customer
        self.listAmountCents = listAmountCents
        self.termMonths = termMonths
        self.paymentTerms = paymentTerms
        self.nonStandard = nonStandard
        self.product = product
        self.productLine = productLine
        self.listPriceCents = listPriceCents
        self.unitPriceCents = unitPriceCents
        self.quantity = quantity
    }

    /// The (list, asked) pair the discount is taken on: a contract's list value and amount, or a price
    /// exception's list and requested unit price.
    func discountBase(amountCents: Int64) -> (list: Int64, asked: Int64)? {
        if let list = listPriceCents, let asked = unitPriceCents { return (list, asked) }
        if let list = listAmountCents { return (list, amountCents) }
        return nil
    }

    /// Whether the discount against list price is strictly more than `basisPoints` (1500 = 15%), in
    /// exact integer arithmetic: (list − asked) × 10000 > basisPoints × list. Amounts are at most
    /// ``ClaimBounds/maximumClaimCents``, so the products fit in 64 bits.
    func discountExceeds(basisPoints: Int64, amountCents: Int64) -> Bool {
        guard let (list, asked) = discountBase(amountCents: amountCents), list > 0 else { return false }
        let (left, o1) = (list - asked).multipliedReportingOverflow(by: 10_000)
        let (right, o2) = basisPoints.multipliedReportingOverflow(by: list)
        if o1 || o2 { return Double(list - asked) * 10_000 > Double(basisPoints) * Double(list) }
        return left > right
    }

    /// The discount as `12.50%`, rounded half up to hundredths of a percent; `nil` without a list price.
    func discountText(amountCents: Int64) -> String? {
        guard let (list, asked) = discountBase(amountCents: amountCents), list > 0 else { return nil }
        let off = list - asked
        let negative = off < 0
        let hundredths = (abs(off).multipliedReportingOverflow(by: 10_000).partialValue * 2 + list) / (2 * list)
        return (negative ? "-" : "") + "\(hundredths / 100).\(String(format: "%02lld", hundredths % 100))%"
    }
}

/// `1500` basis points as `15%`, `1250` as `12.5%`.
func percentText(basisPoints: Int64) -> String {
    let whole = basisPoints / 100
    let rest = basisPoints % 100
    if rest == 0 { return "\(whole)%" }
    return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : "\(whole).\(String(format: "%02lld", rest))%"
}

extension ApprovalReport {
    /// The `show` lines of a contract's or price exception's terms.
    static func kindLines(_ c: ClaimDetail, kind: DocumentKind, lang: OutputLanguage) -> String {
        var out = ""
        func line(_ zh: String, _ en: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += "  " + pad(lang.pick(zh, en), 12) + "  " + TerminalText.visible(value) + "\n"
        }
        let t = c.terms ?? DocumentTerms()
        switch kind {
        case .contract:
            line("签订日期", "signed on", c.spentOn)
            line("标准价总额", "list amount", t.listAmountCents.map { MoneyDisplay.text(cents: $0) })
            line("折扣", "discount", c.discount)
            line("期限", "term", t.termMonths.map { lang.pick("\($0) 个月", "\($0) months") })
            line("付款条件", "payment", t.paymentTerms)
            line("非标准条款", "non-standard", t.nonStandard ? lang.pick("是", "yes") : lang.pick("否", "no"))
        case .price:
            line("申请日期", "requested on", c.spentOn)
            line("产品", "product", t.product.map { p in t.productLine.map { "\(p) (\($0))" } ?? p })
            line("目录价", "list price", t.listPriceCents.map { MoneyDisplay.text(cents: $0) })
            line("申请价", "price asked", t.unitPriceCents.map { MoneyDisplay.text(cents: $0) })
            line("数量", "quantity", t.quantity.map(String.init))
            line("折扣", "discount", c.discount)
        case .expense:
            break
        }
        return out
    }
}

extension Entity {
    /// The document kind an entity's rows are filed as (`contracts`, `price_exceptions`); `nil` for the
    /// others (expense sheets keep the `expense` default).
    public var documentKind: DocumentKind? {
        switch self {
        case .contracts: .contract
        case .priceExceptions: .price
        default: nil
        }
    }
}

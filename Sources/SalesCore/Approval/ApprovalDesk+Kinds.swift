import Foundation

extension ApprovalDesk {
    // MARK: - Contracts and price exceptions

    /// A contract (合同) or price exception (特价申请) as `submit --kind contract|price` files it.
    public struct DocumentSubmission: Sendable {
        /// ``DocumentKind/contract`` or ``DocumentKind/price``.
        public var kind: DocumentKind
        /// The customer's code or name.
        public var customer: String
        /// A contract's signing date; the day a price exception is asked for.
        public var date: CivilDate
        public var description: String
        /// A contract's amount (its value at the agreed prices), in cents.
        public var amountCents: Int64?
        /// A contract's value at list prices, in cents; the amount when not given (no discount).
        public var listAmountCents: Int64?
        /// A contract's term in months.
        public var termMonths: Int?
        /// A contract's payment terms.
        public var paymentTerms: String?
        /// Whether a contract has non-standard terms.
        public var nonStandard: Bool
        /// A price exception's product: SKU, or a name only one product has.
        public var product: String?
        /// A price exception's requested unit price, in cents.
        public var unitPriceCents: Int64?
        /// A price exception's quantity.
        public var quantity: Int64?
        /// A price exception's list price per unit; the product's `list_price` when not given.
        public var listPriceCents: Int64?

        /// A submission from its parts.
        public init(
            kind: DocumentKind, customer: String, date: CivilDate, description: String, amountCents: Int64? = nil,
            listAmountCents: Int64? = nil, termMonths: Int? = nil, paymentTerms: String? = nil,
            nonStandard: Bool = false, product: String? = nil, unitPriceCents: Int64? = nil, quantity: Int64? = nil,
            listPriceCents: Int64? = nil
        ) {
            self.kind = kind
            self.customer = customer
            self.date = date
            self.description = description
            self.amountCents = amountCents
            self.listAmountCents = listAmountCents
            self.termMonths = termMonths
            self.paymentTerms = paymentTerms
            self.nonStandard = nonStandard
            self.product = product
            self.unitPriceCents = unitPriceCents
            self.quantity = quantity
            self.listPriceCents = listPriceCents
        }
    }

    /// Files a contract or price exception for the acting person and routes it under the policy in force:
    /// the manager chain on its amount, dual control, then the rules of its kind (``KindRoutes``).
    ///
    /// Numbers are `HT-<year>-<n>` (contracts) and `TJ-<year>-<n>` (price exceptions). A document whose
    /// route cannot be completed (a price beyond `[price] refuse_above`, non-standard terms with no
    /// reviewer named) is refused, not filed, and the store is left as it was.
    /// - Throws: ``ApprovalError`` (`invalid` for a value, `notFound` for an unknown customer or product,
    ///   `refused` when no policy is loaded or the route cannot be completed, naming why).
    public func submit(_ document: DocumentSubmission) throws -> ClaimDetail {
        let kind = document.kind
        guard kind != .expense else {
            throw ApprovalError.invalid("an expense claim is filed with --amount and --category, not as a document")
        }
        let description = ValueParser.trimmed(document.description)
        guard !description.isEmpty else { throw ApprovalError.invalid("--description must not be empty") }
        try ClaimBounds.checkText(
            document.description, option: "--description", maxLength: ClaimBounds.descriptionLength)
        try ClaimBounds.checkText(document.paymentTerms, option: "--payment-terms", maxLength: ClaimBounds.remarkLength)
        var terms = DocumentTerms()
        var amount: Int64
        switch kind {
        case .contract:
            guard let given = document.amountCents else { throw ApprovalError.invalid("a contract needs --amount") }
            amount = given
            guard let months = document.termMonths, (1...1200).contains(months) else {
                throw ApprovalError.invalid("a contract needs --term MONTHS, from 1 to 1200")
            }
            let list = document.listAmountCents ?? given
            guard list > 0, list <= ClaimBounds.maximumClaimCents else {
                throw ApprovalError.invalid(
                    "--list-amount \(ImportValue.moneyText(cents: list)): must be above 0 and at most "
                        + ImportValue.moneyText(cents: ClaimBounds.maximumClaimCents))
            }
            let paymentTerms = document.paymentTerms.map(ValueParser.trimmed).flatMap { $0.isEmpty ? nil : $0 }
            terms = DocumentTerms(
                listAmountCents: list, termMonths: months, paymentTerms: paymentTerms,
                nonStandard: document.nonStandard)
        case .price:
            guard let price = document.unitPriceCents, price > 0 else {
                throw ApprovalError.invalid("a price exception needs --price, the requested unit price, above 0")
            }
            guard let quantity = document.quantity, quantity > 0 else {
                throw ApprovalError.invalid("a price exception needs --quantity, a whole number above 0")
            }
            let (product, overflow) = price.multipliedReportingOverflow(by: quantity)
            guard !overflow, product <= ClaimBounds.maximumClaimCents else {
                throw ApprovalError.invalid(
                    "--price × --quantity is more than \(ImportValue.moneyText(cents: ClaimBounds.maximumClaimCents)), "
                        + "the most one document may be")
            }
            amount = product
            terms = DocumentTerms(unitPriceCents: price, quantity: quantity)
        case .expense:
            amount = 0
        }
        if let problem = ClaimBounds.amountProblem(amount) { throw ApprovalError.invalid("--amount " + problem) }
        let at = timestamp()
        let today = self.today()
        let id: String = try store.write { connection in
            let (directory, actor) = try acting(connection)
            let claims = ClaimStore(connection)
            guard let current = try claims.currentPolicy() else {
                throw ApprovalError.refused(
                    "no approval policy is loaded yet; an admin loads one with "
                        + "`sales-approve policy load FILE.toml`")
            }
            let policy = try ApprovalPolicy.parse(current.text)
            if let problem = ClaimBounds.amountProblem(amount, policyMaximumCents: policy.limits.maxClaimCents) {
                throw ApprovalError.invalid("--amount " + problem)
            }
            if let problem = ClaimBounds.dateProblem(
                document.date, today: today, maximumAgeDays: policy.controls.maxClaimAgeDays)
            {
                throw ApprovalError.invalid("--date " + problem)
            }
            let customerID: Int64
            if let byCode = try claims.customerID(code: document.customer) {
                customerID = byCode
            } else {
                let byName = try claims.customers(named: document.customer)
                guard byName.count == 1, let found = byName[0].id else {
                    if byName.isEmpty {
                        throw ApprovalError.notFound(
                            "--for-customer \(document.customer): no customer with that code or name")
                    }
                    throw ApprovalError.invalid(
                        "--for-customer \(document.customer): several customers have that name; give the code ("
                            + byName.compactMap(\.code).joined(separator: ", ") + ")")
                }
                customerID = found
            }
            terms.customer = try connection.scalar(
                "SELECT coalesce(code, name) FROM customer WHERE id = ?", [.integer(customerID)])?.text
            var productID: Int64?
            if kind == .price {
                guard let code = document.product else {
                    throw ApprovalError.invalid("a price exception needs --product")
                }
                guard let product = try claims.product(code) else {
                    throw ApprovalError.notFound("--product \(code): no product with that SKU, nor one with that name")
                }
                guard let list = document.listPriceCents ?? product.listPriceCents, list > 0 else {
                    throw ApprovalError.invalid(
                        "--product \(code) has no list price in the store; give --list-price")
                }
                productID = product.id
                terms.product = product.code
                terms.productLine = product.line
                terms.listPriceCents = list
            }
            // The route first: a document that cannot be routed is refused, not filed.
            var facts = ClaimFacts(submitter: actor.login, amountCents: amount, category: "other", date: document.date)
            facts.kind = kind
            facts.terms = terms
            let plan = RoutePlanner.plan(facts, people: directory.people, policy: policy)
            guard plan.isComplete else {
                throw ApprovalError.refused(
                    "this \(kind.englishName) cannot be routed under policy \(current.version) "
                        + "(\(current.name)): " + plan.problems.map(\.description).joined(separator: "; "))
            }
            let prefix = "\(kind.numberPrefix)-\(today.year)-"
            let number = prefix + String(format: "%05lld", try claims.lastClaimNumber(prefix: prefix) + 1)
            let expenseID = try claims.insertSubmittedDocument(
                kind: kind, number: number, submitter: actor.login, submittedOn: today, date: document.date,
                amountCents: amount, description: description, customerID: customerID, terms: terms,
                productID: productID)
            guard let claim = try claims.claim(expenseID: expenseID) else {
                throw ApprovalError.notFound("\(kind.englishName) \(number) vanished while it was filed")
            }
            try route(
                connection, claim: claim, policy: (current.version, policy), directory: directory,
                actor: actor.login, action: "claim.submitted", at: at)
            return number
        }
        return try show(id)
    }

    /// The audit payload's record of a document's kind and terms (nothing for an expense claim, so that
    /// entries about expense claims read as they always did).
    static func kindPayload(_ claim: ClaimRow) -> [String: AuditValue] {
        guard claim.kind != .expense else { return [:] }
        var payload: [String: AuditValue] = ["kind": .string(claim.kind.rawValue)]
        if let json = claim.termsJSON { payload["terms"] = AuditValue(json: json) }
        return payload
    }
}

extension AuditValue {
    /// The JSON text `json` (objects, arrays, text, whole numbers, booleans, null) as a value; `.null` for
    /// text that is not JSON.
    init(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        else {
            self = .null
            return
        }
        self = AuditValue(any: object)
    }

    init(any object: Any) {
        switch object {
        case let text as String: self = .string(text)
        // Terms hold whole numbers (0 and 1 for a flag), never JSON booleans.
        case let number as NSNumber: self = .int(number.int64Value)
        case let array as [Any]: self = .array(array.map { AuditValue(any: $0) })
        case let dictionary as [String: Any]: self = .object(dictionary.mapValues { AuditValue(any: $0) })
        default: self = .null
        }
    }
}

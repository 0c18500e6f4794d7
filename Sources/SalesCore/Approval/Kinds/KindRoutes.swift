/// The steps the rules of a contract's or price exception's kind add after the manager chain, in this order:
///
/// - a contract strictly above `[contract] above`: the sales director (`director`), then finance (`finance`
///   or `finance_role`);
/// - a contract whose discount against its list value is beyond `[contract] discount_above`:
///   `discount_approver`;
/// - a contract with non-standard terms: the legal reviewer (`legal`); without one it cannot be routed;
/// - a price exception whose discount is beyond `[price] refuse_above`: no route, it is refused;
/// - a price exception whose discount is beyond `[price] discount_above`: the owner of the product's line
///   (`[[product_line]]`); a product with no line, or a line with no owner, cannot be routed.
///
/// Expense claims get none. As for every step, a person appears once on a route (the first position is
/// kept), and an inactive approver, the submitter or the payee is replaced by their nearest eligible manager.
enum KindRoutes {
    /// A step a kind rule asks for, before the people are resolved.
    enum Rule {
        /// The person with this login (or whoever stands in for them).
        case person(String, RouteReason, name: String)
        /// The finance approver, by login or role.
        case finance(ApprovalPolicy.FinanceApprover, RouteReason, name: String)
    }

    static func rules(_ claim: ClaimFacts, policy: ApprovalPolicy, report: (RouteProblem) -> Void) -> [Rule] {
        let amount = claim.amountCents
        let terms = claim.terms ?? DocumentTerms()
        var rules: [Rule] = []
        switch claim.kind {
        case .expense:
            break
        case .contract:
            let c = policy.contract ?? ApprovalPolicy.ContractRules()
            if let above = c.aboveCents, amount > above, let director = c.director, let finance = c.finance {
                let money = MoneyDisplay.text(cents: above)
                rules.append(
                    .person(
                        director, .kindRule(rule: "contract_above", text: "sales director, contracts above \(money)"),
                        name: "the [contract] rule above \(money)"))
                rules.append(
                    .finance(finance, .finance(aboveCents: above), name: "the [contract] finance rule above \(money)"))
            }
            if let bp = c.discountAboveBasisPoints, let approver = c.discountApprover,
                terms.discountExceeds(basisPoints: bp, amountCents: amount)
            {
                let off = terms.discountText(amountCents: amount) ?? "?"
                rules.append(
                    .person(
                        approver,
                        .kindRule(
                            rule: "contract_discount",
                            text: "discount \(off) beyond \(percentText(basisPoints: bp)) of list"),
                        name: "the [contract] discount rule beyond \(percentText(basisPoints: bp))"))
            }
            if terms.nonStandard {
                if let legal = c.legal {
                    rules.append(
                        .person(
                            legal, .kindRule(rule: "non_standard", text: "legal review of non-standard terms"),
                            name: "the [contract] legal review of non-standard terms"))
                } else {
                    report(
                        .kindRule(
                            "the contract has non-standard terms and the policy names no reviewer for them "
                                + "([contract] legal)"))
                }
            }
        case .price:
            let p = policy.price ?? ApprovalPolicy.PriceRules()
            let off = terms.discountText(amountCents: amount) ?? "?"
            if let refuse = p.refuseAboveBasisPoints, terms.discountExceeds(basisPoints: refuse, amountCents: amount) {
                report(
                    .kindRule(
                        "the requested price is \(off) below list, beyond the \(percentText(basisPoints: refuse)) "
                            + "the policy allows ([price] refuse_above): refused"))
                return rules
            }
            if let bp = p.discountAboveBasisPoints, terms.discountExceeds(basisPoints: bp, amountCents: amount) {
                let line = terms.productLine ?? ""
                if line.isEmpty {
                    report(
                        .kindRule(
                            "a discount of \(off) needs the product line's owner, and product "
                                + "\(terms.product ?? "?") has no product line"))
                } else if let owner = policy.owner(ofProductLine: line) {
                    rules.append(
                        .person(
                            owner,
                            .kindRule(
                                rule: "price_discount",
                                text: "owner of \(line), discount \(off) beyond \(percentText(basisPoints: bp))"),
                            name: "the [price] discount rule for \(line)"))
                } else {
                    report(
                        .kindRule(
                            "a discount of \(off) needs the owner of product line \(line), "
                                + "which no [[product_line]] of the policy names"))
                }
            }
        }
        return rules
    }
}

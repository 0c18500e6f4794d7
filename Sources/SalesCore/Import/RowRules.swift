/// Rules that involve more than one cell of a row, checked before anything is written.
///
/// They mirror the store's CHECK constraints, so that a row the store would refuse is reported with
/// its sheet, row and a reason in words instead of failing the whole batch at the end.
enum RowRules {
    /// Every entity's required column groups, computed once (``Entity/requiredColumns`` builds them per call).
    private static let requiredColumns: [Entity: [[String]]] =
        Dictionary(uniqueKeysWithValues: Entity.allCases.map { ($0, $0.requiredColumns) })

    /// - Parameter failed: fields whose cell could not be parsed (already reported; not "missing").
    static func check(
        _ entity: Entity, values: [SQLValue], fieldIndex: [String: Int], plan: SheetPlan,
        sheet: String, row: Int, failed: Set<String> = []
    ) -> [ImportReport.RowError] {
        func value(_ field: String) -> SQLValue { fieldIndex[field].map { values[$0] } ?? .null }
        func label(_ field: String) -> String? {
            plan.columns.first { $0.field.name == field }?.label
        }
        var errors: [ImportReport.RowError] = []
        func fail(_ field: String?, _ reason: String) {
            errors.append(
                ImportReport.RowError(
                    sheet: sheet, row: row, column: field.flatMap(label), value: nil,
                    reason: reason))
        }

        // Every required field (or one of its stand-ins) has a value.
        for group in requiredColumns[entity]! where entity != .feedback || group.count == 1 || !group.contains("kind") {
            if group.allSatisfy({ value($0).isNull }) && !group.contains(where: failed.contains) {
                let names = group.compactMap { entity.field(named: $0) }.map { "\($0.chineseLabel) (\($0.name))" }
                fail(group.first, "missing " + names.joined(separator: " or "))
            }
        }

        switch entity {
        case .orders:
            let returned = value("status") == .text("returned")
            if let q = value("quantity").double, q < 0, !returned {
                fail("quantity", "a negative quantity is only allowed on a returned line (退货)")
            }
            if let a = value("amount").int64, a < 0, !returned {
                fail("amount", "a negative amount is only allowed on a returned line (退货)")
            }
            if let d = value("discount").int64, d < 0 { fail("discount", "the discount cannot be negative") }
            if let p = value("unit_price").int64, p < 0 { fail("unit_price", "the unit price cannot be negative") }
        case .opportunities:
            if value("created_on").isNull { fail(nil, "missing the date the opportunity was created (created_on)") }
            if let c = value("created_on").text, let d = value("closed_on").text, d < c {
                fail("closed_on", "closed on \(d), before it was created on \(c)")
            }
            if let a = value("expected_amount").int64, a < 0 {
                fail("expected_amount", "the expected amount cannot be negative")
            }
        case .receivables:
            if value("invoiced_on").isNull { fail(nil, "missing the invoice date (invoiced_on)") }
            if let a = value("amount").int64, a < 0 { fail("amount", "the amount cannot be negative") }
            if let a = value("paid_amount").int64, a < 0 { fail("paid_amount", "the paid amount cannot be negative") }
        case .expenses:
            if let a = value("amount").int64, a <= 0 { fail("amount", "an expense must be more than zero") }
        case .people:
            if let login = value("login").text, value("reports_to").text == login {
                fail("reports_to", "a person cannot report to themselves")
            }
            if let a = value("approval_limit").int64, a < 0 {
                fail("approval_limit", "the approval limit cannot be negative")
            }
        case .products:
            if let a = value("list_price").int64, a < 0 { fail("list_price", "the list price cannot be negative") }
            if let a = value("unit_cost").int64, a < 0 { fail("unit_cost", "the unit cost cannot be negative") }
        case .targets, .budgets:
            if let a = value("amount").int64, a < 0 { fail("amount", "the amount cannot be negative") }
            let scope = value("scope").text
            if scope == nil {
                fail(nil, "no scope: add a 范围 column (rep, team, region or company) or a 销售代表/团队/区域 column")
            }
            if let scope, scope != "company", (value("scope_key").text ?? "").isEmpty {
                fail("scope_key", "a \(scope) target needs the \(scope) it is for")
            }
        case .feedback:
            let kind = value("kind").text ?? (value("status").isNull ? "survey" : "complaint")
            if kind == "survey", !value("status").isNull { fail("status", "a survey has no complaint status") }
            if let r = value("date").text {
                if let d = value("resolved_on").text, d < r {
                    fail("resolved_on", "resolved on \(d), before it was received on \(r)")
                }
            }
        case .contracts:
            if let a = value("amount").int64, a <= 0 { fail("amount", "a contract's amount must be more than zero") }
            if let a = value("list_amount").int64, a <= 0 {
                fail("list_amount", "the amount at list price must be more than zero")
            }
            if let t = value("term_months").int64, !(1...1200).contains(t) {
                fail("term_months", "the term must be 1 to 1200 months (got \(t))")
            }
        case .priceExceptions:
            let list = value("list_price").int64
            let price = value("requested_price").int64
            let quantity = value("quantity").int64
            if let list, list <= 0 { fail("list_price", "the list price must be more than zero") }
            if let price, price <= 0 { fail("requested_price", "the requested price must be more than zero") }
            if let quantity, quantity <= 0 { fail("quantity", "the quantity must be a whole number above zero") }
            if let price, let quantity, price > 0, quantity > 0 {
                let (total, overflow) = price.multipliedReportingOverflow(by: quantity)
                if overflow || total > ClaimBounds.maximumClaimCents {
                    fail("quantity", "requested price × quantity is beyond the most one document may be")
                } else if let amount = value("amount").int64, amount != total {
                    fail(
                        "amount",
                        "the amount must be the requested price × the quantity, "
                            + "\(ImportValue.moneyText(cents: total)), not \(ImportValue.moneyText(cents: amount))")
                }
            }
        case .regions, .customers:
            break
        }
        return errors
    }
}

import Foundation

extension ClaimStore {
    /// The terms of document `e` (an `expense` row) as JSON, or `NULL` for an expense claim: what
    /// `approval_claim.terms` keeps when the document is routed, so that a change of terms routes it again
    /// (as a change of amount or category does). Codes, not row ids: the customer's code (or name), the
    /// product's SKU (or name) and its line.
    static let termsSQL = """
        (CASE e.kind WHEN 'expense' THEN NULL ELSE json_object(
            'kind', e.kind,
            'customer', (SELECT coalesce(code, name) FROM customer WHERE id = e.customer_id),
            'list_amount_cents', e.list_amount_cents, 'term_months', e.term_months,
            'payment_terms', e.payment_terms, 'non_standard', e.non_standard,
            'product', (SELECT coalesce(sku, name) FROM product WHERE id = e.product_id),
            'product_line', (SELECT product_line FROM product WHERE id = e.product_id),
            'list_price_cents', e.list_price_cents, 'unit_price_cents', e.unit_price_cents,
            'quantity', e.quantity) END)
        """

    /// The columns ``claims(where:_:)`` reads for a document's kind and terms (`pr` is its product).
    static let kindColumns = """
        e.kind, e.list_amount_cents, e.term_months, e.payment_terms, e.non_standard,
        coalesce(pr.sku, pr.name) AS product_code, pr.product_line, e.list_price_cents, e.unit_price_cents,
        e.quantity, coalesce(cu.code, cu.name) AS customer_code, \(termsSQL) AS terms_json, c.terms AS routed_terms
        """

    /// The product whose SKU is `code`, or the one product named `code`: id, SKU or name, line, list price.
    func product(_ code: String) throws -> (id: Int64, code: String, line: String?, listPriceCents: Int64?)? {
        var rows = try connection.query(
            "SELECT id, coalesce(sku, name), product_line, list_price_cents FROM product WHERE sku = ?", [.text(code)])
        if rows.isEmpty {
            rows = try connection.query(
                "SELECT id, coalesce(sku, name), product_line, list_price_cents FROM product WHERE name = ? LIMIT 2",
                [.text(code)])
            guard rows.count == 1 else { return nil }
        }
        let r = rows[0]
        return (r[0].int64 ?? 0, r[1].text ?? code, r[2].text, r[3].int64)
    }

    /// Files a submitted contract or price exception (an `expense` row of that kind, category `other`);
    /// returns its id.
    func insertSubmittedDocument(
        kind: DocumentKind, number: String, submitter login: String, submittedOn: CivilDate, date: CivilDate,
        amountCents: Int64, description: String, customerID: Int64, terms: DocumentTerms, productID: Int64?
    ) throws -> Int64 {
        let submitterID = try connection.scalar("SELECT id FROM person WHERE login = ?", [.text(login)])?.int64
        try connection.execute(
            """
            INSERT INTO expense (expense_no, submitted_by_id, submitted_on, spent_on, category, amount_cents,
                                 description, customer_id, status, kind, list_amount_cents, term_months,
                                 payment_terms, non_standard, product_id, list_price_cents, unit_price_cents, quantity)
            VALUES (?, ?, ?, ?, 'other', ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(number), SQLValue(submitterID), .text(submittedOn.iso), .text(date.iso), .integer(amountCents),
                .text(description), .integer(customerID), .text(kind.rawValue), SQLValue(terms.listAmountCents),
                SQLValue(terms.termMonths.map(Int64.init)), SQLValue(terms.paymentTerms),
                kind == .contract ? .integer(terms.nonStandard ? 1 : 0) : .null, SQLValue(productID),
                SQLValue(terms.listPriceCents), SQLValue(terms.unitPriceCents), SQLValue(terms.quantity),
            ])
        return connection.lastInsertRowID
    }
}

extension Statement {
    /// `expense.kind` of the row; a word the schema does not allow is refused by name.
    func kind(_ number: String) throws -> DocumentKind {
        try ClaimStore.decode(
            text("kind") ?? DocumentKind.expense.rawValue, as: DocumentKind.self, column: "expense.kind",
            row: "claim \(number)")
    }

    /// The row's contract or price-exception terms (``ClaimStore/kindColumns``), `nil` on an expense claim.
    func terms() throws -> DocumentTerms? {
        guard let kind = try text("kind"), kind != DocumentKind.expense.rawValue else { return nil }
        return DocumentTerms(
            customer: try text("customer_code"), listAmountCents: try value("list_amount_cents").int64,
            termMonths: try value("term_months").int64.map { Int($0) }, paymentTerms: try text("payment_terms"),
            nonStandard: try value("non_standard").int64 == 1, product: try text("product_code"),
            productLine: try text("product_line"), listPriceCents: try value("list_price_cents").int64,
            unitPriceCents: try value("unit_price_cents").int64, quantity: try value("quantity").int64)
    }
}

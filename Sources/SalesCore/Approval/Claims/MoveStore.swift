import Foundation

/// The kinds of `approval_move` rows: what happened to a claim besides routing and deciding its steps.
enum MoveKind: String, Sendable, CaseIterable {
    case withdrawn
    case sentBack = "sent_back"
    case resubmitted
    case reopened
    case commented
    case escalated

    /// The audit action that records a move of this kind.
    var action: String {
        switch self {
        case .withdrawn: "claim.withdrawn"
        case .sentBack: "claim.sent_back"
        case .resubmitted: "claim.resubmitted"
        case .reopened: "claim.reopened"
        case .commented: "claim.commented"
        case .escalated: "step.escalated"
        }
    }
}

/// One `approval_move` row.
struct MoveRow {
    var auditSeq: Int64
    var round: Int
    var move: MoveKind
    var actor: String
    var at: String
    var step: Int?
    var to: String?
    var text: String?
}

/// One `payment` row.
struct PaymentRow {
    var batch: String
    var amountCents: Int64
    var paidAt: String
    var paidBy: String
    var auditSeq: Int64
}

/// The SQL of the moves, receipts and payments of claims (migration `0010_approval_moves`), on one connection
/// inside the desk's transaction. It decides nothing (see ``ClaimStore``).
struct MoveStore {
    let connection: Connection

    init(_ connection: Connection) { self.connection = connection }

    // MARK: - Moves

    func insertMove(
        auditSeq: Int64, expenseID: Int64, round: Int, move: MoveKind, actor: String, at: String, step: Int? = nil,
        to: String? = nil, text: String? = nil
    ) throws {
        try connection.execute(
            """
            INSERT INTO approval_move (audit_seq, expense_id, round, move, actor, at, step, to_login, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(auditSeq), .integer(expenseID), .integer(Int64(round)), .text(move.rawValue), .text(actor),
                .text(at), SQLValue(step.map { Int64($0) }), SQLValue(to), SQLValue(text),
            ])
    }

    /// The moves of expense `expenseID`, oldest first; only those of `round` and `kind` when given.
    func moves(expenseID: Int64, round: Int? = nil, kind: MoveKind? = nil) throws -> [MoveRow] {
        var rows: [MoveRow] = []
        try connection.forEachRow(
            """
            SELECT audit_seq, round, move, actor, at, step, to_login, text FROM approval_move
            WHERE expense_id = ?1 AND (?2 IS NULL OR round = ?2) AND (?3 IS NULL OR move = ?3)
            ORDER BY audit_seq
            """, [.integer(expenseID), SQLValue(round.map { Int64($0) }), SQLValue(kind?.rawValue)]
        ) { r in
            let kindText = try r.text("move") ?? ""
            let kind = try ClaimStore.decode(
                kindText, as: MoveKind.self, column: "approval_move.move", row: "audit_seq \(try r.int64("audit_seq"))")
            rows.append(
                try MoveRow(
                    auditSeq: r.int64("audit_seq"), round: r.int("round"), move: kind, actor: r.text("actor") ?? "",
                    at: r.text("at") ?? "", step: r.value("step").int64.map { Int($0) }, to: r.text("to_login"),
                    text: r.text("text")))
        }
        return rows
    }

    /// The send-back of round `round` of expense `expenseID`, if that round was sent back to its submitter.
    func sentBack(expenseID: Int64, round: Int) throws -> MoveRow? {
        try moves(expenseID: expenseID, round: round, kind: .sentBack).last
    }

    /// The escalation of step `step` of round `round`, if it escalated.
    func escalation(expenseID: Int64, round: Int, step: Int) throws -> MoveRow? {
        try moves(expenseID: expenseID, round: round, kind: .escalated).last { $0.step == step }
    }

    // MARK: - Payments

    func payment(expenseID: Int64) throws -> PaymentRow? {
        try connection.query(
            "SELECT batch, amount_cents, paid_at, paid_by, audit_seq FROM payment WHERE expense_id = ?",
            [.integer(expenseID)]
        ).first.map {
            PaymentRow(
                batch: $0[0].text ?? "", amountCents: $0[1].int64 ?? 0, paidAt: $0[2].text ?? "",
                paidBy: $0[3].text ?? "", auditSeq: $0[4].int64 ?? 0)
        }
    }

    /// When and by whom batch `batch` was paid, and how many claims it holds, if it exists.
    func batch(_ batch: String) throws -> (paidAt: String, claims: Int64)? {
        let row = try connection.query(
            "SELECT min(paid_at), count(*) FROM payment WHERE batch = ?", [.text(batch)]
        ).first
        guard let row, let count = row[1].int64, count > 0 else { return nil }
        return (row[0].text ?? "", count)
    }

    func insertPayment(
        expenseID: Int64, batch: String, amountCents: Int64, at: String, by: String, auditSeq: Int64
    ) throws {
        try connection.execute(
            """
            INSERT INTO payment (expense_id, batch, amount_cents, paid_at, paid_by, audit_seq)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.integer(expenseID), .text(batch), .integer(amountCents), .text(at), .text(by), .integer(auditSeq)])
        try connection.execute(
            "UPDATE expense SET status = ? WHERE id = ?", [.text(ExpenseStatus.paid.rawValue), .integer(expenseID)])
    }

    /// Every payment, with its claim's number, by batch and claim.
    func payments() throws -> [(claim: String, row: PaymentRow)] {
        try connection.query(
            """
            SELECT e.expense_no, p.batch, p.amount_cents, p.paid_at, p.paid_by, p.audit_seq
            FROM payment p JOIN expense e ON e.id = p.expense_id ORDER BY p.paid_at, p.batch, e.expense_no
            """
        ).map {
            (
                $0[0].text ?? "",
                PaymentRow(
                    batch: $0[1].text ?? "", amountCents: $0[2].int64 ?? 0, paidAt: $0[3].text ?? "",
                    paidBy: $0[4].text ?? "", auditSeq: $0[5].int64 ?? 0)
            )
        }
    }

    // MARK: - Receipts

    func insertReceipt(
        auditSeq: Int64, expenseID: Int64, fileName: String, sha256: String, size: Int64, storedAs: String?,
        at: String, by: String
    ) throws {
        try connection.execute(
            """
            INSERT INTO approval_receipt (audit_seq, expense_id, file_name, sha256, size_bytes, stored_as,
                                          attached_at, attached_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(auditSeq), .integer(expenseID), .text(fileName), .text(sha256), .integer(size),
                SQLValue(storedAs), .text(at), .text(by),
            ])
    }

    /// The receipts attached to expense `expenseID`, oldest first.
    func receipts(expenseID: Int64) throws -> [ReceiptView] {
        try connection.query(
            """
            SELECT file_name, sha256, size_bytes, stored_as, attached_at, attached_by, audit_seq
            FROM approval_receipt WHERE expense_id = ? ORDER BY audit_seq
            """, [.integer(expenseID)]
        ).map {
            ReceiptView(
                fileName: $0[0].text ?? "", sha256: $0[1].text ?? "", sizeBytes: $0[2].int64 ?? 0,
                storedAs: $0[3].text, attachedAt: $0[4].text ?? "", attachedBy: $0[5].text ?? "",
                auditSeq: $0[6].int64 ?? 0)
        }
    }

    /// The numbers of the other claims a file with SHA-256 `sha256` is attached to.
    func otherClaims(withReceipt sha256: String, than expenseID: Int64) throws -> [String] {
        try connection.query(
            """
            SELECT DISTINCT e.expense_no FROM approval_receipt r JOIN expense e ON e.id = r.expense_id
            WHERE r.sha256 = ? AND r.expense_id <> ? ORDER BY e.expense_no
            """, [.text(sha256), .integer(expenseID)]
        ).compactMap { $0[0].text }
    }

    // MARK: - Invoice numbers

    /// The other expenses, not rejected or withdrawn, that carry invoice number `invoice`.
    func otherClaims(withInvoice invoice: String, than expenseID: Int64) throws -> [String] {
        try connection.query(
            """
            SELECT expense_no FROM expense
            WHERE invoice_no = ?1 AND id <> ?2
              AND status NOT IN ('rejected', 'withdrawn')
            ORDER BY expense_no LIMIT 5
            """, [.text(invoice), .integer(expenseID)]
        ).compactMap { $0[0].text }
    }
}

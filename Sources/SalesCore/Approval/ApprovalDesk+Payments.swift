import Foundation

extension ApprovalDesk {
    /// The longest payment batch reference: 64 characters.
    static let batchLength = 64

    /// Marks claims `ids` paid in batch `batch`, as a finance person: every claim must be approved and not yet
    /// paid, and none the payer's own; otherwise nothing is paid. Each claim gets its own audit entry
    /// (`claim.paid`) and `payment` row, and its status becomes `paid`, for good.
    /// - Throws: ``ApprovalError``: `invalid` for a blank, long or reused batch reference or a claim named twice;
    ///   `refused` for someone without the finance role, a claim not approved, or the payer's own claim;
    ///   `alreadyDecided` for a claim paid before; `notFound` for an unknown claim.
    public func pay(_ ids: [String], batch: String) throws -> PaymentBatch {
        try ClaimBounds.checkText(batch, option: "--batch", maxLength: Self.batchLength)
        let batch = ValueParser.trimmed(batch)
        guard !batch.isEmpty else { throw ApprovalError.invalid("--batch must name the payment batch") }
        guard !ids.isEmpty else { throw ApprovalError.invalid("name at least one claim to pay") }
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw ApprovalError.invalid("claim \(id) is named twice")
        }
        try routePending()
        let at = timestamp()
        return try store.write { connection in
            let (directory, identity) = try acting(connection)
            let actor = identity.login
            guard Self.financeRoles.contains(identity.person.role) else {
                throw ApprovalError.refused(
                    "marking claims paid needs the finance role; \(identity.person.label) is \(identity.person.role)")
            }
            try routePending(connection, directory: directory, actor: actor, at: at)
            let moves = MoveStore(connection)
            if let earlier = try moves.batch(batch) {
                throw ApprovalError.invalid(
                    "payment batch \(batch) was recorded before (\(earlier.claims) claim(s) at \(earlier.paidAt)); "
                        + "give each batch its own reference")
            }
            let claims = ClaimStore(connection)
            var paid: [PaymentBatch.Claim] = []
            for id in ids {
                let (claim, state, round, _) = try claimUnderApproval(claims, id)
                if let payment = try moves.payment(expenseID: claim.expenseID) {
                    throw ApprovalError(
                        .alreadyDecided, "claim \(id) was already paid in batch \(payment.batch) at \(payment.paidAt)")
                }
                guard state == .approved, claim.hasStatus(.approved) else {
                    let now = claim.hasStatus(.withdrawn) ? "withdrawn" : state.rawValue
                    throw ApprovalError.refused("claim \(id) is \(now); only approved claims can be paid")
                }
                if claim.submitter == actor || claim.payee == actor {
                    throw ApprovalError.refused(
                        "claim \(id): you \(claim.submitter == actor ? "submitted" : "are the payee of") this claim, "
                            + "so someone else in finance pays it (separation of duties)")
                }
                let entry = try audit(
                    connection, actor: actor, action: "claim.paid", subject: claim.subject,
                    payload: [
                        "batch": .string(batch), "amount_cents": .cents(claim.amountCents),
                        "round": .int(Int64(round)),
                    ], at: at)
                try moves.insertPayment(
                    expenseID: claim.expenseID, batch: batch, amountCents: claim.amountCents, at: at, by: actor,
                    auditSeq: entry.seq)
                paid.append(
                    .init(
                        id: id, amountCents: claim.amountCents, amount: ImportValue.moneyText(cents: claim.amountCents),
                        submitter: claim.submitter, auditSeq: entry.seq))
            }
            return Self.batch(batch, at: at, by: actor, claims: paid)
        }
    }

    static func batch(_ batch: String, at: String, by: String, claims: [PaymentBatch.Claim]) -> PaymentBatch {
        let total = ClaimBounds.checkedSum(claims.map(\.amountCents)) ?? Int64.max
        return PaymentBatch(
            batch: batch, paidAt: at, paidBy: by, claims: claims, totalCents: total,
            total: ImportValue.moneyText(cents: total))
    }

    /// Every payment batch, oldest first, with its claims.
    public func payments() throws -> [PaymentBatch] {
        try store.read { connection in
            _ = try acting(connection)
            var batches: [PaymentBatch] = []
            var index: [String: Int] = [:]
            let submitters = ClaimStore(connection)
            for (claim, row) in try MoveStore(connection).payments() {
                let item = PaymentBatch.Claim(
                    id: claim, amountCents: row.amountCents, amount: ImportValue.moneyText(cents: row.amountCents),
                    submitter: try submitters.claim(number: claim)?.submitter, auditSeq: row.auditSeq)
                if let i = index[row.batch] {
                    batches[i] = Self.batch(
                        row.batch, at: batches[i].paidAt, by: batches[i].paidBy, claims: batches[i].claims + [item])
                } else {
                    index[row.batch] = batches.count
                    batches.append(Self.batch(row.batch, at: row.paidAt, by: row.paidBy, claims: [item]))
                }
            }
            return batches
        }
    }
}

import Foundation

extension AuditReplay {
    /// One `approval_move` row as the log records it.
    struct Move: Equatable {
        var seq: Int64
        var number: String
        var round: Int64
        var move: String
        var actor: String
        var at: String
        var step: Int64?
        var to: String?
        var text: String?
    }

    /// One `approval_receipt` row as the log records it.
    struct Receipt: Equatable {
        var seq: Int64
        var number: String
        var file: String
        var sha256: String
        var size: Int64
        var storedAs: String?
        var at: String
        var actor: String
    }

    /// One `payment` row as the log records it.
    struct Payment: Equatable {
        var seq: Int64
        var batch: String
        var amountCents: Int64
        var at: String
        var actor: String
    }

    /// What the moves of issue 19 add to the replayed state: the moves, receipts and payments the log records.
    struct MovesState {
        var moves: [Int64: Move] = [:]
        var receipts: [Int64: Receipt] = [:]
        /// By claim number.
        var payments: [String: Payment] = [:]
    }
}

extension AuditReplay.State {
    /// `claim.withdrawn`, `claim.sent_back`, `claim.commented`, `step.escalated`, `receipt.attached`,
    /// `claim.paid`: each must concern a claim the log routed, in the state the move needs.
    mutating func applyMove(_ e: AuditReplay.Entry) -> String? {
        guard let number = e.subjectID("expense") else {
            return "\(e.action) of \(e.subject ?? "no subject"), which is not a claim (expense:NUMBER)"
        }
        guard var claim = claims[number] else {
            return "\(e.action) of claim \(number), which no entry before it routed"
        }
        let p = e.payload
        guard let round = p.int("round") else { return "\(e.action) of claim \(number) without the round it records" }
        guard round == claim.round else {
            return "\(e.action) of claim \(number) records round \(round), but the claim is in round \(claim.round) "
                + "(entry \(claim.seq))"
        }
        var move = AuditReplay.Move(
            seq: e.seq, number: number, round: round, move: "", actor: e.actor, at: e.at, step: nil, to: nil, text: nil)
        switch e.action {
        case "claim.withdrawn":
            guard claim.state == "pending" || claim.state == "unroutable", !claim.withdrawn else {
                return "claim.withdrawn of claim \(number), which was \(claim.withdrawn ? "withdrawn" : claim.state) "
                    + "(entry \(claim.seq))"
            }
            guard e.actor == claim.submitter else {
                return
                    "claim.withdrawn of claim \(number) by \(e.actor), who did not submit it (\(claim.submitter ?? "nobody"))"
            }
            claim.withdrawn = true
            move.move = "withdrawn"
            move.text = p.string("reason")
        case "claim.sent_back", "step.escalated":
            guard claim.state == "pending", !claim.withdrawn, claim.sentBackRound != claim.round else {
                return
                    "\(e.action) of claim \(number), which was \(claim.withdrawn ? "withdrawn" : claim.sentBackRound == claim.round ? "sent back" : claim.state) "
                    + "(entry \(claim.seq))"
            }
            guard let position = p.int("step") else {
                return "\(e.action) of claim \(number) without the step it records"
            }
            let key = AuditReplay.StepKey(round: round, position: position)
            guard let step = claim.steps[key], step.decision == nil else {
                return "\(e.action) of claim \(number) step \(position) of round \(round), which is not a pending step "
                    + "of its route"
            }
            let first = claim.steps.filter { $0.key.round == round && $0.value.decision == nil }.keys.min()
            guard first == key else {
                return "\(e.action) of claim \(number) step \(position), which is not the step the claim waits for"
            }
            move.step = position
            if e.action == "claim.sent_back" {
                let onBehalfOf = p.string("on_behalf_of")
                guard onBehalfOf == nil ? e.actor == step.approver : onBehalfOf == step.approver else {
                    return "claim.sent_back of claim \(number) step \(position) by \(e.actor)"
                        + (onBehalfOf.map { " on behalf of \($0)" } ?? "")
                        + ", but the step is routed to \(step.approver)"
                }
                guard let reason = p.string("reason") else {
                    return "claim.sent_back of claim \(number) without a reason"
                }
                claim.sentBackRound = round
                move.move = "sent_back"
                move.text = reason
            } else {
                guard let to = p.string("to") else {
                    return "step.escalated of claim \(number) without whom it escalated to"
                }
                if let earlier = moves.moves.values.first(where: {
                    $0.number == number && $0.move == "escalated" && $0.round == round && $0.step == position
                }) {
                    return
                        "step.escalated of claim \(number) step \(position) again (entry \(earlier.seq) escalated it)"
                }
                move.move = "escalated"
                move.to = to
            }
        case "claim.commented":
            guard let comment = p.string("comment") else {
                return "claim.commented of claim \(number) without a comment"
            }
            move.move = "commented"
            move.text = comment
        case "receipt.attached":
            guard let file = p.string("file"), let sha = p.string("sha256"), let size = p.int("size_bytes") else {
                return "receipt.attached of claim \(number) without the file, sha256 and size_bytes it records"
            }
            moves.receipts[e.seq] = AuditReplay.Receipt(
                seq: e.seq, number: number, file: file, sha256: sha, size: size, storedAs: p.string("stored_as"),
                at: e.at, actor: e.actor)
            claims[number] = claim
            return nil
        case "claim.paid":
            guard claim.state == "approved", !claim.paid else {
                return
                    "claim.paid of claim \(number), which was \(claim.paid ? "paid" : claim.state) (entry \(claim.seq))"
            }
            guard let batch = p.string("batch"), let amount = p.int("amount_cents") else {
                return "claim.paid of claim \(number) without the batch and amount_cents it records"
            }
            claim.paid = true
            claim.seq = e.seq
            moves.payments[number] = AuditReplay.Payment(
                seq: e.seq, batch: batch, amountCents: amount, at: e.at, actor: e.actor)
            claims[number] = claim
            return nil
        default:
            return "unknown action \(e.action): no command of the tool writes it"
        }
        if e.action != "claim.commented" { claim.seq = e.seq }
        claims[number] = claim
        moves.moves[e.seq] = move
        return nil
    }

    /// Whether a routing entry of `action` may follow `previous`: `claim.resubmitted` only after a send-back of
    /// the claim's round (by its submitter), `claim.reopened` only of an approved claim not yet paid.
    func routeMoveProblem(_ e: AuditReplay.Entry, number: String, previous: AuditReplay.Claim?) -> String? {
        switch e.action {
        case "claim.resubmitted":
            guard let earlier = previous else {
                return "claim.resubmitted of claim \(number), which no entry before it routed"
            }
            guard earlier.state == "pending", earlier.sentBackRound == earlier.round, !earlier.withdrawn else {
                return "claim.resubmitted of claim \(number), which was not sent back (entry \(earlier.seq))"
            }
            guard e.actor == earlier.submitter else {
                return "claim.resubmitted of claim \(number) by \(e.actor), who did not submit it "
                    + "(\(earlier.submitter ?? "nobody"))"
            }
        case "claim.reopened":
            guard let earlier = previous else {
                return "claim.reopened of claim \(number), which no entry before it routed"
            }
            guard earlier.state == "approved", !earlier.paid else {
                return "claim.reopened of claim \(number), which was \(earlier.paid ? "paid" : earlier.state) "
                    + "(entry \(earlier.seq))"
            }
            guard e.payload.string("reason") != nil else { return "claim.reopened of claim \(number) without a reason" }
        default:
            break
        }
        return nil
    }

    /// The move row a `claim.resubmitted` or `claim.reopened` entry records (after the claim's new round).
    mutating func recordRouteMove(_ e: AuditReplay.Entry, number: String, round: Int64) {
        switch e.action {
        case "claim.resubmitted":
            let changed = e.payload.strings("changed") ?? []
            moves.moves[e.seq] = AuditReplay.Move(
                seq: e.seq, number: number, round: round, move: "resubmitted", actor: e.actor, at: e.at, step: nil,
                to: nil, text: changed.isEmpty ? nil : changed.joined(separator: ", "))
        case "claim.reopened":
            moves.moves[e.seq] = AuditReplay.Move(
                seq: e.seq, number: number, round: round, move: "reopened", actor: e.actor, at: e.at, step: nil,
                to: nil, text: e.payload.string("reason"))
        default:
            break
        }
    }

    /// Compares `approval_move`, `approval_receipt` and `payment` with the log, both ways.
    func compareMoves(_ connection: Connection) throws -> String? {
        var r = try connection.prepare(
            """
            SELECT m.audit_seq, e.expense_no, m.round, m.move, m.actor, m.at, m.step, m.to_login, m.text
            FROM approval_move m LEFT JOIN expense e ON e.id = m.expense_id ORDER BY m.audit_seq
            """)
        var seen = Set<Int64>()
        while try r.step() {
            let seq = r.int64(at: 0)
            let here = "approval_move of entry \(seq)"
            guard let m = moves.moves[seq] else {
                return "\(here) (\(r.text(at: 3) ?? "") of claim \(r.text(at: 1) ?? "?")): no entry records it (a row "
                    + "the log does not explain)"
            }
            seen.insert(seq)
            let columns: [(String, String?, String?)] = [
                ("claim", r.text(at: 1), m.number), ("round", r.value(at: 2).int64.map(String.init), String(m.round)),
                ("move", r.text(at: 3), m.move), ("actor", r.text(at: 4), m.actor), ("at", r.text(at: 5), m.at),
                ("step", r.value(at: 6).int64.map(String.init), m.step.map(String.init)),
                ("to_login", r.text(at: 7), m.to), ("text", r.text(at: 8), m.text),
            ]
            for (column, table, log) in columns where table != log {
                return "\(here): the table says \(column) \(table ?? "NULL"), the log says \(log ?? "NULL")"
            }
        }
        if let missing = moves.moves.keys.filter({ !seen.contains($0) }).min() {
            let m = moves.moves[missing]!
            return "approval_move has no row for entry \(missing) (\(m.move) of claim \(m.number))"
        }

        r = try connection.prepare(
            """
            SELECT r.audit_seq, e.expense_no, r.file_name, r.sha256, r.size_bytes, r.stored_as, r.attached_at,
                   r.attached_by
            FROM approval_receipt r LEFT JOIN expense e ON e.id = r.expense_id ORDER BY r.audit_seq
            """)
        seen = []
        while try r.step() {
            let seq = r.int64(at: 0)
            let here = "approval_receipt of entry \(seq)"
            guard let x = moves.receipts[seq] else {
                return "\(here) (claim \(r.text(at: 1) ?? "?")): no receipt.attached entry records it (a row the log "
                    + "does not explain)"
            }
            seen.insert(seq)
            let columns: [(String, String?, String?)] = [
                ("claim", r.text(at: 1), x.number), ("file_name", r.text(at: 2), x.file),
                ("sha256", r.text(at: 3), x.sha256),
                ("size_bytes", r.value(at: 4).int64.map(String.init), String(x.size)),
                ("stored_as", r.text(at: 5), x.storedAs), ("attached_at", r.text(at: 6), x.at),
                ("attached_by", r.text(at: 7), x.actor),
            ]
            for (column, table, log) in columns where table != log {
                return "\(here): the table says \(column) \(table ?? "NULL"), the log says \(log ?? "NULL")"
            }
        }
        if let missing = moves.receipts.keys.filter({ !seen.contains($0) }).min() {
            return
                "approval_receipt has no row for entry \(missing) (a receipt of claim \(moves.receipts[missing]!.number))"
        }

        r = try connection.prepare(
            """
            SELECT e.expense_no, p.batch, p.amount_cents, p.paid_at, p.paid_by, p.audit_seq, p.expense_id
            FROM payment p LEFT JOIN expense e ON e.id = p.expense_id ORDER BY p.audit_seq
            """)
        var paid = Set<String>()
        while try r.step() {
            guard let number = r.text(at: 0) else { return "payment of expense id \(r.int64(at: 6)): no such expense" }
            let here = "payment of claim \(number)"
            guard let x = moves.payments[number] else {
                return "\(here) (batch \(r.text(at: 1) ?? "")): no claim.paid entry records it (a row the log does not "
                    + "explain)"
            }
            paid.insert(number)
            let columns: [(String, String?, String?)] = [
                ("batch", r.text(at: 1), x.batch),
                ("amount_cents", r.value(at: 2).int64.map(String.init), String(x.amountCents)),
                ("paid_at", r.text(at: 3), x.at), ("paid_by", r.text(at: 4), x.actor),
                ("audit_seq", r.value(at: 5).int64.map(String.init), String(x.seq)),
            ]
            for (column, table, log) in columns where table != log {
                return
                    "\(here): the table says \(column) \(table ?? "NULL"), the log says \(log ?? "NULL") (claim.paid, "
                    + "entry \(x.seq))"
            }
        }
        if let missing = moves.payments.keys.filter({ !paid.contains($0) }).min() {
            return
                "payment has no row for claim \(missing), which claim.paid (entry \(moves.payments[missing]!.seq)) records"
        }
        return nil
    }
}

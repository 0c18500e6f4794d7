import Crypto
import Foundation

/// Replays the audit log into the approval state it records, and compares that state with the tables.
///
/// The hash chain and the signatures prove what the log says; this proves the tables say the same. One
/// pass over the log, in seq order, builds the expected state:
///
/// - policy versions (`policy.loaded`): version, name, file name, SHA-256, when and by whom;
/// - claims (`claim.submitted`, `.routed`, `.rerouted`, `.changed`): policy version, round, state, amount,
///   category, the problem of a claim with no complete route, when it was routed; each round's steps
///   (position, approver, reason);
/// - decisions (`step.approved`, `step.rejected`): the step's state, and the decision row's decision,
///   actor, on whose behalf, time (the entry's), comment or reason, flags and entry number; the claim's
///   state afterwards;
/// - delegations (`delegation.created`, `.cancelled`): who to whom, from and until, created and cancelled
///   when;
/// - the identity mode and the enrolled keys (`store.initialised`, `key.enrolled`, `key.revoked`), with
///   whether whoever enrolled or revoked a key could: the account that ran `init`, or a person whose role
///   in the people directory is admin or finance (roles are not in the log; the directory as it stands
///   decides).
///
/// The log must also make sense on its own: rounds follow one another, a decision decides a pending step
/// of the claim's current round, a delegation is cancelled once, and so on. Then each approval table is
/// read once and compared both ways: a row the log does not explain, a value the log does not record,
/// and an entry no row shows are each a difference, and the first is reported in one line. `expense.status`
/// of a claim under approval must agree with the claim's state, as the store's trigger keeps it
/// (`submitted` or `withdrawn` while pending, `approved` or `paid` once approved, `rejected`).
///
/// Not compared, because they change without an entry of their own or are not recorded in one:
/// `approval_claim.split_note` (set on related claims when another claim is routed), the step's
/// `reason_detail` and `in_place_of` (the entry records position, approver and reason), and the rest of
/// `expense` (an import may change a claim's amount or category; the next command routes it again and
/// records that).
enum AuditReplay {
    /// The first difference between the log and the tables, or `nil` when they agree.
    ///
    /// A difference in the log itself (an entry that contradicts the entries before it) is reported at
    /// its entry; a difference between the log and the tables at seq 0, the line naming the table, the
    /// claim or row, and the entry concerned.
    static func firstDifference(_ connection: Connection) throws -> AuditVerification? {
        var state = State(roles: try roles(connection))
        let statement = try connection.prepare(
            "SELECT seq, at, actor, action, subject, payload FROM audit_log ORDER BY seq")
        while try statement.step() {
            let text = statement.text(at: 5) ?? ""
            let entry = Entry(
                seq: statement.int64(at: 0), at: statement.text(at: 1) ?? "", actor: statement.text(at: 2) ?? "",
                action: statement.text(at: 3) ?? "", subject: statement.text(at: 4), payload: Payload(text),
                text: text)
            if let problem = state.apply(entry) {
                return .broken(seq: entry.seq, reason: problem)
            }
        }
        if let difference = try state.comparePolicies(connection)
            ?? state.compareClaims(connection) ?? state.compareDelegations(connection)
            ?? state.compareMoves(connection)
        {
            return .broken(seq: 0, reason: difference)
        }
        return nil
    }

    /// Each person's role, by login.
    private static func roles(_ connection: Connection) throws -> [String: String] {
        var roles: [String: String] = [:]
        let statement = try connection.prepare("SELECT login, role FROM person")
        while try statement.step() {
            roles[statement.text(at: 0) ?? ""] = statement.text(at: 1) ?? ""
        }
        return roles
    }

    // MARK: - Entries

    struct Entry {
        var seq: Int64
        var at: String
        var actor: String
        var action: String
        var subject: String?
        var payload: Payload
        /// The payload as stored.
        var text: String

        /// `NUMBER` of a subject `expense:NUMBER` (or `delegation:`, `policy:` …), else `nil`.
        func subjectID(_ prefix: String) -> String? {
            guard let subject, subject.hasPrefix(prefix + ":") else { return nil }
            return String(subject.dropFirst(prefix.count + 1))
        }

    }

    /// An entry's payload, read as JSON.
    struct Payload {
        var object: [String: Any]

        init(_ text: String) {
            object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }

        func string(_ key: String) -> String? { object[key] as? String }

        func int(_ key: String) -> Int64? {
            (object[key] as? NSNumber)?.int64Value
        }

        func strings(_ key: String) -> [String]? {
            guard let array = object[key] as? [Any] else { return nil }
            let strings = array.compactMap { $0 as? String }
            return strings.count == array.count ? strings : nil
        }

        func objects(_ key: String) -> [Payload]? {
            guard let array = object[key] as? [Any] else { return nil }
            let objects = array.compactMap { $0 as? [String: Any] }
            guard objects.count == array.count else { return nil }
            return objects.map { Payload(object: $0) }
        }

        init(object: [String: Any]) { self.object = object }
    }

    // MARK: - The state the log records

    struct Policy {
        var seq: Int64
        var at: String
        var actor: String
        var name: String
        var file: String
        var sha256: String
    }

    struct StepKey: Hashable, Comparable {
        var round: Int64
        var position: Int64
        static func < (a: StepKey, b: StepKey) -> Bool { (a.round, a.position) < (b.round, b.position) }
    }

    struct Decision {
        var seq: Int64
        var action: String
        var decision: String
        var actor: String
        var onBehalfOf: String?
        var at: String
        var comment: String?
        var flags: String?

        /// `step.approved (entry 12)`.
        var name: String { "\(action) (entry \(seq))" }
    }

    struct Step {
        var routedSeq: Int64
        var approver: String
        var reason: String
        var state = "pending"
        var decision: Decision?
    }

    struct Claim {
        var number: String
        var seq: Int64
        var policyVersion: Int64
        var round: Int64
        var state: String
        var amountCents: Int64
        var category: String
        var problem: String?
        var routedAt: String
        var steps: [StepKey: Step] = [:]
        /// Who submitted it (the routing entries' `submitter`).
        var submitter: String? = nil
        /// Withdrawn by its submitter (`claim.withdrawn`); kept across rounds.
        var withdrawn = false
        /// The round a `claim.sent_back` sent back to the submitter.
        var sentBackRound: Int64? = nil
        /// Paid (`claim.paid`): final.
        var paid = false
        /// `expense` unless the entry records another kind (`contract`, `price`).
        var kind = DocumentKind.expense.rawValue
        /// The terms a contract or price exception was routed on, as canonical JSON; `nil` for an expense.
        var terms: String?
    }

    struct Delegation {
        var seq: Int64
        var from: String
        var to: String
        var startsOn: String
        var endsOn: String
        var createdAt: String
        var cancelledAt: String?
        var cancelledSeq: Int64?
    }

    struct State {
        var roles: [String: String]
        var ring = KeyRing()
        var initialisedSeq: Int64?
        var policies: [Int64: Policy] = [:]
        var claims: [String: Claim] = [:]
        var delegations: [Int64: Delegation] = [:]
        var moves = MovesState()

        init(roles: [String: String]) { self.roles = roles }

        // MARK: Replaying one entry

        /// Takes in one entry; returns why it contradicts the entries before it, or `nil`.
        mutating func apply(_ e: Entry) -> String? {
            switch e.action {
            case ApprovalIdentity.initialisedAction:
                if let first = initialisedSeq {
                    return "a second \(e.action) entry: the store was initialised at entry \(first), and init runs once"
                }
                initialisedSeq = e.seq
                ring.apply(seq: e.seq, at: e.at, actor: e.actor, action: e.action, payload: e.text)
                return nil
            case KeyRing.enrolledAction, KeyRing.revokedAction:
                return applyKey(e)
            case "policy.loaded":
                return applyPolicy(e)
            case "claim.submitted", "claim.routed", "claim.rerouted", "claim.changed", "claim.resubmitted",
                "claim.reopened":
                return applyRoute(e)
            case "claim.withdrawn", "claim.sent_back", "claim.commented", "step.escalated", "receipt.attached",
                "claim.paid":
                return applyMove(e)
            case "step.approved", "step.rejected":
                return applyDecision(e)
            case "delegation.created", "delegation.cancelled":
                return applyDelegation(e)
            default:
                return "unknown action \(e.action): no command of the tool writes it"
            }
        }

        private mutating func applyKey(_ e: Entry) -> String? {
            guard let login = e.payload.string("login"), let key = e.payload.string("key") else {
                return "\(e.action) without the login and key it concerns"
            }
            let verb = e.action == KeyRing.enrolledAction ? "enrolled" : "revoked"
            if e.actor != ring.initAccount, !ApprovalDesk.keyRoles.contains(roles[e.actor] ?? "") {
                let role = roles[e.actor].map { "is \($0) in the people directory" } ?? "is not in the people directory"
                return "\(e.actor) \(verb) a key for \(login) but may not: \(e.actor) \(role) (admin or finance "
                    + "needed) and is not the account that ran init (\(ring.initAccount ?? "none"))"
            }
            if e.action == KeyRing.enrolledAction, let current = ring.enrolled(login) {
                return "a second key enrolled for \(login), whose key \(current.key) (entry \(current.enrolledSeq)) "
                    + "was never revoked"
            }
            if e.action == KeyRing.revokedAction, ring.enrolled(login)?.key != key {
                return "revokes key \(key) of \(login), which is not the key enrolled for \(login) at this point"
            }
            ring.apply(seq: e.seq, at: e.at, actor: e.actor, action: e.action, payload: e.text)
            return nil
        }

        private mutating func applyPolicy(_ e: Entry) -> String? {
            guard let version = e.payload.int("version"), let name = e.payload.string("name"),
                let file = e.payload.string("file"), let sha = e.payload.string("sha256")
            else { return "policy.loaded without the version, name, file and sha256 it records" }
            let next = (policies.keys.max() ?? 0) + 1
            guard version == next else { return "policy.loaded records version \(version), but the next is \(next)" }
            guard e.subject == "policy:\(version)" else {
                return
                    "policy.loaded of version \(version) has the subject \(e.subject ?? "null"), not policy:\(version)"
            }
            policies[version] = Policy(seq: e.seq, at: e.at, actor: e.actor, name: name, file: file, sha256: sha)
            return nil
        }

        private mutating func applyRoute(_ e: Entry) -> String? {
            guard let number = e.subjectID("expense") else {
                return "\(e.action) of \(e.subject ?? "no subject"), which is not a claim (expense:NUMBER)"
            }
            let p = e.payload
            guard let round = p.int("round"), let state = p.string("state"), let version = p.int("policy_version"),
                let amount = p.int("amount_cents"), let category = p.string("category"), let route = p.objects("route")
            else {
                return "\(e.action) of claim \(number) without the round, state, policy_version, amount_cents, "
                    + "category and route it records"
            }
            let previous = claims[number]
            if let problem = routeMoveProblem(e, number: number, previous: previous) { return problem }
            if let earlier = previous, earlier.paid {
                return "\(e.action) of claim \(number), which was paid (entry \(earlier.seq)): paid is final"
            }
            switch (e.action, previous) {
            case ("claim.submitted", .some(let earlier)), ("claim.routed", .some(let earlier)):
                return "\(e.action) of claim \(number), which entry \(earlier.seq) routed before"
            case ("claim.rerouted", nil), ("claim.changed", nil):
                return "\(e.action) of claim \(number), which no entry before it routed"
            case ("claim.rerouted", .some(let earlier)) where earlier.state != "unroutable":
                return "claim.rerouted of claim \(number), which was \(earlier.state), not without a route "
                    + "(entry \(earlier.seq))"
            case ("claim.changed", .some(let earlier)) where earlier.state == "unroutable":
                return "claim.changed of claim \(number), which had no complete route (entry \(earlier.seq))"
            default:
                break
            }
            let expectedRound = (previous?.round ?? 0) + 1
            guard round == expectedRound else {
                return "\(e.action) of claim \(number) records round \(round), but the claim's next round is "
                    + "\(expectedRound)"
            }
            guard policies[version] != nil else {
                return "\(e.action) of claim \(number) under policy version \(version), which no policy.loaded "
                    + "entry before it records"
            }
            let problems = p.strings("problems") ?? []
            guard (state == "pending" && problems.isEmpty) || (state == "unroutable" && !problems.isEmpty) else {
                return "\(e.action) of claim \(number) records state \(state) with \(problems.count) problem(s)"
            }
            let kind = p.string("kind") ?? DocumentKind.expense.rawValue
            if let previous, previous.kind != kind {
                return "\(e.action) of claim \(number) records kind \(kind), but entry \(previous.seq) routed it as "
                    + "\(previous.kind): a document's kind never changes"
            }
            let terms = (p.object["terms"] as? [String: Any]).map { AuditValue(any: $0).canonicalJSON }
            guard (kind == DocumentKind.expense.rawValue) == (terms == nil) else {
                return "\(e.action) of claim \(number), a \(kind), "
                    + (terms == nil
                        ? "records no terms" : "records terms, which only a contract or price exception has")
            }
            var claim = Claim(
                number: number, seq: e.seq, policyVersion: version, round: round, state: state, amountCents: amount,
                category: category, problem: problems.isEmpty ? nil : problems.joined(separator: "; "),
                routedAt: e.at, steps: previous?.steps ?? [:], kind: kind, terms: terms)
            claim.submitter = p.string("submitter") ?? previous?.submitter
            claim.withdrawn = previous?.withdrawn ?? false
            if state == "pending" {
                for step in route {
                    guard let position = step.int("position"), let approver = step.string("approver"),
                        let reason = step.string("reason")
                    else { return "\(e.action) of claim \(number): a route step without position, approver, reason" }
                    let key = StepKey(round: round, position: position)
                    guard claim.steps[key] == nil else {
                        return "\(e.action) of claim \(number) routes step \(position) twice"
                    }
                    claim.steps[key] = Step(routedSeq: e.seq, approver: approver, reason: reason)
                }
            }
            claims[number] = claim
            recordRouteMove(e, number: number, round: round)
            return nil
        }

        private mutating func applyDecision(_ e: Entry) -> String? {
            guard let number = e.subjectID("expense") else {
                return "\(e.action) of \(e.subject ?? "no subject"), which is not a claim (expense:NUMBER)"
            }
            let p = e.payload
            guard let round = p.int("round"), let position = p.int("step"), let after = p.string("claim_state") else {
                return "\(e.action) of claim \(number) without the round, step and claim_state it records"
            }
            guard var claim = claims[number] else {
                return "\(e.action) of claim \(number), which no entry before it routed"
            }
            guard claim.state == "pending" else {
                return "\(e.action) of claim \(number), which was \(claim.state) (entry \(claim.seq))"
            }
            guard !claim.withdrawn, claim.sentBackRound != claim.round else {
                return "\(e.action) of claim \(number), which was "
                    + "\(claim.withdrawn ? "withdrawn" : "sent back to its submitter") (entry \(claim.seq))"
            }
            guard round == claim.round else {
                return "\(e.action) of claim \(number) decides a step of round \(round), but the claim is in round "
                    + "\(claim.round) (entry \(claim.seq))"
            }
            let key = StepKey(round: round, position: position)
            guard var step = claim.steps[key] else {
                return "\(e.action) of claim \(number) decides step \(position) of round \(round), which its route "
                    + "does not have"
            }
            if let decided = step.decision {
                return "\(e.action) of claim \(number) decides step \(position) again (\(decided.name) decided it)"
            }
            let onBehalfOf = p.string("on_behalf_of")
            guard onBehalfOf == nil ? e.actor == step.approver : onBehalfOf == step.approver else {
                return "\(e.action) of claim \(number) step \(position) by \(e.actor)"
                    + (onBehalfOf.map { " on behalf of \($0)" } ?? "") + ", but the step is routed to \(step.approver)"
            }
            let decision = e.action == "step.approved" ? "approved" : "rejected"
            let flags = p.strings("flags").map { AuditValue.array($0.map { .string($0) }).canonicalJSON }
            step.state = decision
            step.decision = Decision(
                seq: e.seq, action: e.action, decision: decision, actor: e.actor, onBehalfOf: onBehalfOf, at: e.at,
                comment: p.string(decision == "approved" ? "comment" : "reason"), flags: flags)
            claim.steps[key] = step
            let current = claim.steps.filter { $0.key.round == claim.round }.values
            let state =
                decision == "rejected"
                ? "rejected" : current.allSatisfy { $0.state == "approved" } ? "approved" : "pending"
            guard after == state else {
                return "\(e.action) of claim \(number) says the claim became \(after), but its steps make it \(state)"
            }
            claim.state = state
            claim.seq = e.seq
            claims[number] = claim
            return nil
        }

        private mutating func applyDelegation(_ e: Entry) -> String? {
            guard let idText = e.subjectID("delegation"), let id = Int64(idText) else {
                return "\(e.action) of \(e.subject ?? "no subject"), which is not a delegation (delegation:ID)"
            }
            let p = e.payload
            guard let from = p.string("from"), let to = p.string("to"), let starts = p.string("starts_on"),
                let ends = p.string("ends_on")
            else { return "\(e.action) of delegation \(id) without the from, to, starts_on and ends_on it records" }
            guard from == e.actor else { return "\(e.action) of delegation \(id) from \(from), written by \(e.actor)" }
            if e.action == "delegation.created" {
                if let earlier = delegations[id] {
                    return "delegation.created of delegation \(id), which entry \(earlier.seq) created before"
                }
                delegations[id] = Delegation(
                    seq: e.seq, from: from, to: to, startsOn: starts, endsOn: ends, createdAt: e.at)
                return nil
            }
            guard var delegation = delegations[id] else {
                return "delegation.cancelled of delegation \(id), which no entry before it created"
            }
            if let cancelled = delegation.cancelledSeq {
                return "delegation.cancelled of delegation \(id), which entry \(cancelled) cancelled before"
            }
            guard (delegation.from, delegation.to, delegation.startsOn, delegation.endsOn) == (from, to, starts, ends)
            else { return "delegation.cancelled of delegation \(id) records other people or dates than its creation" }
            delegation.cancelledAt = e.at
            delegation.cancelledSeq = e.seq
            delegations[id] = delegation
            return nil
        }

        // MARK: Comparing with the tables

        /// `the table says X, the log says Y`, with values quoted when they are text.
        private static func says(_ column: String, table: String?, log: String?) -> String {
            "the table says \(column) \(table.map(quote) ?? "NULL"), the log says \(log.map(quote) ?? "NULL")"
        }

        private static func quote(_ text: String) -> String {
            text.isEmpty || text.contains(" ") ? "'\(text)'" : text
        }

        func comparePolicies(_ connection: Connection) throws -> String? {
            let r = try connection.prepare(
                """
                SELECT version, name, policy_toml, file_name, file_sha256, loaded_at, loaded_by
                FROM approval_policy ORDER BY version
                """)
            var seen = Set<Int64>()
            while try r.step() {
                let version = r.int64(at: 0)
                let here = "approval_policy version \(version)"
                guard let p = policies[version] else {
                    return "\(here): no policy.loaded entry records it (a row the log does not explain)"
                }
                seen.insert(version)
                let columns: [(String, String?, String)] = [
                    ("name", r.text(at: 1), p.name), ("file_name", r.text(at: 3), p.file),
                    ("file_sha256", r.text(at: 4), p.sha256), ("loaded_at", r.text(at: 5), p.at),
                    ("loaded_by", r.text(at: 6), p.actor),
                ]
                for (column, table, log) in columns where table != log {
                    return "\(here): \(Self.says(column, table: table, log: log)) (policy.loaded, entry \(p.seq))"
                }
                let text = r.text(at: 2) ?? ""
                let sha = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
                guard sha == p.sha256 else {
                    return "\(here): the policy text in the table does not have the SHA-256 that policy.loaded "
                        + "(entry \(p.seq)) records: it was changed after it was loaded"
                }
            }
            if let missing = policies.filter({ !seen.contains($0.key) }).min(by: { $0.key < $1.key }) {
                return
                    "approval_policy has no version \(missing.key), which policy.loaded (entry \(missing.value.seq)) "
                    + "records"
            }
            return nil
        }

        func compareClaims(_ connection: Connection) throws -> String? {
            let r = try connection.prepare(
                """
                SELECT c.expense_id, e.expense_no, e.status, c.policy_version, c.round, c.state, c.amount_cents,
                       c.category, c.routed_at, c.problem, e.kind, c.terms
                FROM approval_claim c LEFT JOIN expense e ON e.id = c.expense_id
                ORDER BY e.expense_no, c.expense_id
                """)
            var numbers: [Int64: String] = [:]
            while try r.step() {
                let expenseID = r.int64(at: 0)
                guard let number = r.text(at: 1) else {
                    return "approval_claim of expense id \(expenseID): no such expense"
                }
                let here = "approval_claim of claim \(number)"
                guard let c = claims[number] else {
                    return "\(here): no entry routes it (a row the log does not explain)"
                }
                numbers[expenseID] = number
                let columns: [(String, String?, String?)] = [
                    ("state", r.text(at: 5), c.state),
                    ("round", r.value(at: 4).int64.map(String.init), String(c.round)),
                    ("policy_version", r.value(at: 3).int64.map(String.init), String(c.policyVersion)),
                    ("amount_cents", r.value(at: 6).int64.map(String.init), String(c.amountCents)),
                    ("category", r.text(at: 7), c.category), ("routed_at", r.text(at: 8), c.routedAt),
                    ("problem", r.text(at: 9), c.problem), ("kind", r.text(at: 10), c.kind),
                    ("terms", r.text(at: 11).map { AuditValue(json: $0).canonicalJSON }, c.terms),
                ]
                for (column, table, log) in columns where table != log {
                    return "\(here): \(Self.says(column, table: table, log: log)) (the last entry about it is \(c.seq))"
                }
                let status = r.text(at: 2) ?? ""
                let allowed: [String] =
                    switch c.state {
                    case "approved": [c.paid ? "paid" : "approved"]
                    case "rejected": ["rejected"]
                    default: [c.withdrawn ? "withdrawn" : "submitted"]
                    }
                guard allowed.contains(status) else {
                    let said = c.state + (c.paid ? " and paid" : "") + (c.withdrawn ? " and withdrawn" : "")
                    return "expense.status of claim \(number) is \(Self.quote(status)), but the log says the claim is "
                        + "\(said) (entry \(c.seq)): expected \(allowed.joined(separator: " or "))"
                }
            }
            let known = Set(numbers.values)
            if let missing = claims.values.filter({ !known.contains($0.number) }).min(by: { $0.number < $1.number }) {
                return "approval_claim has no row for claim \(missing.number), which entry \(missing.seq) records"
            }
            return try compareSteps(connection, numbers: numbers)
        }

        private func compareSteps(_ connection: Connection, numbers: [Int64: String]) throws -> String? {
            let r = try connection.prepare(
                """
                SELECT s.id, s.expense_id, s.round, s.position, s.approver, s.reason, s.state,
                       d.step_id IS NOT NULL, d.decision, d.actor, d.on_behalf_of, d.decided_at, d.comment, d.flags,
                       d.audit_seq
                FROM approval_step s LEFT JOIN approval_decision d ON d.step_id = s.id
                ORDER BY s.expense_id, s.round, s.position
                """)
            var seen: [String: Set<StepKey>] = [:]
            while try r.step() {
                guard let number = numbers[r.int64(at: 1)], let claim = claims[number] else {
                    return
                        "approval_step id \(r.int64(at: 0)): its expense (id \(r.int64(at: 1))) is not under approval"
                }
                let key = StepKey(round: r.int64(at: 2), position: r.int64(at: 3))
                let here = "approval_step of claim \(number) round \(key.round) step \(key.position)"
                guard let step = claim.steps[key] else {
                    return "\(here): no entry routes it (a row the log does not explain)"
                }
                seen[number, default: []].insert(key)
                let columns: [(String, String?, String)] = [
                    ("approver", r.text(at: 4), step.approver), ("reason", r.text(at: 5), step.reason),
                ]
                for (column, table, log) in columns where table != log {
                    return "\(here): \(Self.says(column, table: table, log: log)) (routed by entry \(step.routedSeq))"
                }
                let state = r.text(at: 6) ?? ""
                if state != step.state {
                    let why = step.decision.map { "decided by \($0.name)" } ?? "no entry decides it"
                    return "\(here): the table says \(state), the log says \(step.state) (\(why))"
                }
                let decisionHere = "approval_decision of claim \(number) round \(key.round) step \(key.position)"
                let hasRow = r.int64(at: 7) != 0
                switch (hasRow, step.decision) {
                case (false, nil):
                    continue
                case (true, nil):
                    return "\(decisionHere): no entry decides the step (a row the log does not explain)"
                case (false, .some(let d)):
                    return "\(decisionHere): no row, but \(d.name) decides the step"
                case (true, .some(let d)):
                    let columns: [(String, String?, String?)] = [
                        ("decision", r.text(at: 8), d.decision), ("actor", r.text(at: 9), d.actor),
                        ("on_behalf_of", r.text(at: 10), d.onBehalfOf), ("decided_at", r.text(at: 11), d.at),
                        ("comment", r.text(at: 12), d.comment), ("flags", r.text(at: 13), d.flags),
                        ("audit_seq", r.value(at: 14).int64.map(String.init), String(d.seq)),
                    ]
                    for (column, table, log) in columns where table != log {
                        return "\(decisionHere): \(Self.says(column, table: table, log: log)) (\(d.name))"
                    }
                }
            }
            for number in claims.keys.sorted() {
                let claim = claims[number]!
                let present = seen[number] ?? []
                if let missing = claim.steps.keys.filter({ !present.contains($0) }).min() {
                    return "approval_step has no row for claim \(number) round \(missing.round) step "
                        + "\(missing.position), which entry \(claim.steps[missing]!.routedSeq) routes"
                }
            }
            if let orphan = try connection.scalar(
                "SELECT step_id FROM approval_decision WHERE step_id NOT IN (SELECT id FROM approval_step) ORDER BY step_id"
            )?.int64 {
                return "approval_decision of step id \(orphan): no such step (a row the log does not explain)"
            }
            return nil
        }

        func compareDelegations(_ connection: Connection) throws -> String? {
            let r = try connection.prepare(
                """
                SELECT id, from_login, to_login, starts_on, ends_on, created_at, cancelled_at
                FROM approval_delegation ORDER BY id
                """)
            var seen = Set<Int64>()
            while try r.step() {
                let id = r.int64(at: 0)
                let here = "approval_delegation \(id)"
                guard let d = delegations[id] else {
                    return "\(here) (\(r.text(at: 1) ?? "") to \(r.text(at: 2) ?? "")): no delegation.created entry "
                        + "records it (a row the log does not explain)"
                }
                seen.insert(id)
                let columns: [(String, String?, String?)] = [
                    ("from_login", r.text(at: 1), d.from), ("to_login", r.text(at: 2), d.to),
                    ("starts_on", r.text(at: 3), d.startsOn), ("ends_on", r.text(at: 4), d.endsOn),
                    ("created_at", r.text(at: 5), d.createdAt), ("cancelled_at", r.text(at: 6), d.cancelledAt),
                ]
                for (column, table, log) in columns where table != log {
                    let entries =
                        "delegation.created, entry \(d.seq)" + (d.cancelledSeq.map { "; cancelled, entry \($0)" } ?? "")
                    return "\(here): \(Self.says(column, table: table, log: log)) (\(entries))"
                }
            }
            if let missing = delegations.filter({ !seen.contains($0.key) }).min(by: { $0.key < $1.key }) {
                return "approval_delegation has no row \(missing.key), which delegation.created (entry "
                    + "\(missing.value.seq)) records"
            }
            return nil
        }
    }
}

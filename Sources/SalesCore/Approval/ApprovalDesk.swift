import Crypto
import Foundation

/// Expense approval on one store: policy, submission, routing, decisions, delegation and the audit log.
///
/// The desk orchestrates: it resolves who is acting, runs each command in a transaction, applies the
/// policy and separation of duties, and audits what it changed. ``ClaimStore`` holds the SQL of claims,
/// steps, decisions, delegations and policy versions; the commands are spread over
/// `ApprovalDesk+Routing.swift` (submit, routing), `ApprovalDesk+Decisions.swift` (approve, reject,
/// delegate), `ApprovalDesk+Reading.swift` (queue, show), `ApprovalDesk+Keys.swift` (signing keys),
/// `ApprovalDesk+Moves.swift` (withdraw, send back, resubmit, reopen, comment, mine),
/// `ApprovalDesk+Payments.swift` (pay, payments), `ApprovalDesk+Receipts.swift` (attach, receipt rules, invoice
/// flags) and `ApprovalDesk+Reminders.swift` (remind, escalation); ``MoveStore`` holds the SQL of the moves.
///
/// Every state change runs in one ``Store/write(_:)`` transaction (`BEGIN IMMEDIATE`, retried while
/// another process holds the lock) together with the audit entry that records it, so either both are
/// stored or neither is. Claims that arrived by import are routed by the first command that writes
/// after them, under the policy then in force; a claim whose amount or category changed after it was
/// routed is routed again (a new round, under the policy version it was first routed under), and its
/// earlier decisions stay in its history.
public struct ApprovalDesk {
    /// The store.
    public let store: Store
    /// The operating-system account running the process.
    public let account: String
    /// The process environment (`$SALES_USER` is read from it in a training store).
    public let environment: [String: String]
    /// The clock: decision times, and today's date (in its time zone) for delegations and submissions.
    public let clock: Clock
    /// The acting account's signing key file (``SigningKeyFile``), read only when an entry must be
    /// signed; `nil` when the process has none (it then cannot write to a store that requires signatures).
    public let keyFile: SigningKeyFile?

    /// A desk on `store` for the process run by `account`, signing with the key in `keyFile`.
    public init(
        store: Store, account: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        keyFile: SigningKeyFile? = nil, timeZone: TimeZone = .current,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.account = account
        self.environment = environment
        self.keyFile = keyFile
        self.clock = Clock(timeZone: timeZone, now: now)
    }

    // MARK: - Identity and initialisation

    /// The acting person. - Throws: ``ApprovalError`` (`refused`) as ``ApprovalIdentity/resolve(_:account:environment:directory:)``.
    public func identity() throws -> ApprovalIdentity {
        try store.read { try acting($0).actor }
    }

    /// The people directory and the acting person, read in `connection`'s transaction: the preamble of every
    /// command that acts as someone. - Throws: as ``identity()``.
    func acting(_ connection: Connection) throws -> (directory: Directory, actor: ApprovalIdentity) {
        let directory = try Directory.load(connection)
        let actor = try ApprovalIdentity.resolve(
            connection, account: account, environment: environment, directory: directory)
        return (directory, actor)
    }

    /// The acting person's login, once the claims waiting for a route are routed (inside a write, at `at`),
    /// with the directory both were read from.
    func actingAfterRouting(_ connection: Connection, at: String) throws -> (directory: Directory, actor: String) {
        let (directory, identity) = try acting(connection)
        try routePending(connection, directory: directory, actor: identity.login, at: at)
        return (directory, identity.login)
    }

    /// The store's identity mode.
    public func identityMode() throws -> ApprovalIdentity.Mode {
        try store.read { try ApprovalIdentity.mode($0) }
    }

    /// Records how the store takes identities; once only, audited.
    /// - Throws: ``ApprovalError`` (`invalid`) when the store was initialised before.
    public func initialise(trustEnvironment: Bool) throws -> ApprovalIdentity.Mode {
        let mode: ApprovalIdentity.Mode = trustEnvironment ? .trustEnvironment : .operatingSystem
        let at = timestamp()
        return try store.write { connection in
            if try ApprovalIdentity.isInitialised(connection) {
                let current = try ApprovalIdentity.mode(connection)
                throw ApprovalError.invalid(
                    "this store was initialised for approval before (identities: "
                        + "\(Self.describe(current))); that setting cannot be changed")
            }
            if trustEnvironment, try ClaimStore(connection).hasClaims() {
                throw ApprovalError.refused(
                    "this store already holds claims under approval; only a store without "
                        + "any can be initialised for training or demo use (--trust-env)")
            }
            // An operating-system store signs every entry from this one on: the account's key becomes the
            // store's root key, with which it enrols the people's keys.
            var payload: [String: AuditValue] = ["identity": .string(mode.rawValue)]
            var signer: Curve25519.Signing.PrivateKey?
            if mode == .operatingSystem {
                guard let key = try loadKey() else {
                    throw ApprovalError.refused(
                        "init signs the store's first entry with your key, and \(account) has none"
                            + (keyFile.map { " in \($0.path)" } ?? "")
                            + ": run `sales-approve keys create` first")
                }
                payload["key"] = .string(PublicKeyText(key.publicKey).description)
                signer = key
            }
            try connection.execute(
                "INSERT INTO store_meta (key, value) VALUES (?, ?)",
                [.text(ApprovalIdentity.metaKey), .text(mode.rawValue)])
            try AuditLog.append(
                connection, actor: account, action: ApprovalIdentity.initialisedAction, subject: nil,
                payload: payload, at: at, signer: signer)
            return mode
        }
    }

    /// `the operating-system account` or `$SALES_USER (training and demo use)`.
    public static func describe(_ mode: ApprovalIdentity.Mode) -> String {
        switch mode {
        case .operatingSystem: "the operating-system account"
        case .trustEnvironment: "$SALES_USER, for training and demo use"
        }
    }

    // MARK: - Policy

    /// The roles that may load a policy.
    public static let policyRoles: Set<String> = ["admin", "finance"]

    /// Loads a policy as the next version, audited. Loading text identical to the policy in force changes
    /// nothing and returns that version with `loaded == false`.
    /// - Throws: ``PolicyError`` for the text; ``ApprovalError`` when the acting person may not load
    ///   policies or the policy names someone not in the directory.
    public func loadPolicy(text: String, fileName: String) throws -> (version: PolicyVersion, loaded: Bool) {
        let policy = try ApprovalPolicy.parse(text)
        let sha = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let at = timestamp()
        return try store.write { connection in
            let (directory, actor) = try acting(connection)
            guard Self.policyRoles.contains(actor.person.role) else {
                throw ApprovalError.refused(
                    "loading the approval policy needs the admin or finance role; "
                        + "\(actor.person.label) is \(actor.person.role)")
            }
            var named: [(String, String)] = policy.categories.map { ($0.approver, "[[category]] \($0.category)") }
            if let final = policy.limits.finalApprover { named.append((final, "[limits] final_approver")) }
            if let finance = policy.finance, case .login(let login) = finance.approver {
                named.append((login, "[finance]"))
            }
            named += policy.kindRuleLogins
            for (login, key) in named where directory.people[login] == nil {
                throw ApprovalError.notFound("\(fileName): \(key) approver \(login) is not in the people directory")
            }
            let claims = ClaimStore(connection)
            if let current = try claims.currentPolicy(), current.fileSHA256 == sha {
                return (current, false)
            }
            let stored = try claims.insertPolicy(
                name: policy.name, text: text, fileName: fileName, sha256: sha, at: at, by: actor.login)
            try audit(
                connection, actor: actor.login, action: "policy.loaded", subject: "policy:\(stored.version)",
                payload: [
                    "version": .int(stored.version), "name": .string(policy.name),
                    "file": .string(fileName), "sha256": .string(sha),
                ], at: at)
            return (stored, true)
        }
    }

    /// The policy in force (the latest version), or a given version; `nil` when none was loaded.
    public func policy(version: Int64? = nil) throws -> PolicyVersion? {
        try store.read { connection in
            let claims = ClaimStore(connection)
            if let version { return try claims.policyVersion(version) }
            return try claims.currentPolicy()
        }
    }

    // MARK: - Verifying

    /// Recomputes the audit chain and its signatures (against `anchor` if given), checks that `store_meta`'s
    /// copy of the identity mode agrees with the log's `store.initialised` entry (a disagreement is reported
    /// at that entry, or at seq 0 when the log has none), then replays the log and compares the state it
    /// records with the approval tables (``AuditReplay``; a difference is reported at seq 0, or at the
    /// entry that contradicts the ones before it). Needs no identity: anyone who can read the store may
    /// check it.
    public func verify(anchor: AuditAnchor? = nil) throws -> AuditVerification {
        try store.read { connection in
            let chain = try AuditLog.verify(connection, anchor: anchor)
            guard chain.isIntact else { return chain }
            if let mismatch = try ApprovalIdentity.metaMismatch(connection) {
                return .broken(seq: mismatch.seq, reason: mismatch.reason)
            }
            return try AuditReplay.firstDifference(connection) ?? chain
        }
    }

    // MARK: - Clock

    func timestamp() -> String { clock.timestamp() }

    /// Today in the desk's time zone.
    public func today() -> CivilDate { clock.today() }
}

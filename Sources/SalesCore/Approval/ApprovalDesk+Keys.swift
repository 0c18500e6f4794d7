import Crypto
import Foundation

// MARK: - Signing keys

extension ApprovalDesk {
    /// The roles that may enrol and revoke keys (besides the account that ran `init`).
    public static let keyRoles: Set<String> = ["admin", "finance"]

    /// The key in ``keyFile``, or `nil` when there is none.
    /// - Throws: ``ApprovalError`` when the file is readable by others or does not hold a key.
    func loadKey() throws -> Curve25519.Signing.PrivateKey? {
        try keyFile?.load()
    }

    /// The key that signs an entry by `actor` now, or `nil` when the store takes unsigned entries.
    ///
    /// A training store takes unsigned entries, but an entry is signed there too when the key file holds
    /// the key enrolled for `actor` (so a demo shows signed decisions); otherwise it is simply unsigned.
    /// - Throws: ``ApprovalError`` (`refused`) when `actor` has no key enrolled, this account has no key
    ///   file, its key is not the one enrolled, or the key file cannot be used.
    func signingKey(_ connection: Connection, actor: String) throws -> Curve25519.Signing.PrivateKey? {
        let ring = try KeyRing.load(connection)
        guard ring.signing.isRequired else {
            guard ring.signing == .training, case let enrolled = ring.keys(for: actor), !enrolled.isEmpty,
                let key = try? loadKey(), enrolled.contains(PublicKeyText(key.publicKey))
            else { return nil }
            return key
        }
        let enrolled = ring.keys(for: actor)
        let howTo =
            "run `sales-approve keys create` as \(actor), then have \(ring.initAccount ?? "the account that ran init") "
            + "or an admin or finance person run `sales-approve keys enroll \(actor) ed25519:…` with the key it printed"
        guard !enrolled.isEmpty else {
            throw ApprovalError.refused("\(actor) has no signing key enrolled in this store; \(howTo)")
        }
        guard let key = try loadKey() else {
            throw ApprovalError.refused(
                "entries in this store are signed, and there is no signing key"
                    + (keyFile.map { " in \($0.path)" } ?? "") + "; \(howTo)")
        }
        guard enrolled.contains(PublicKeyText(key.publicKey)) else {
            throw ApprovalError.refused(
                "the key in \(keyFile?.path ?? "your key file") (\(PublicKeyText(key.publicKey))) is not the one "
                    + "enrolled for \(actor) in this store")
        }
        return key
    }

    /// Appends an audit entry by `actor`, signed with their key when the store requires it.
    @discardableResult
    func audit(
        _ connection: Connection, actor: String, action: String, subject: String?,
        payload: [String: AuditValue], at: String
    ) throws -> AuditEntry {
        try AuditLog.append(
            connection, actor: actor, action: action, subject: subject, payload: payload, at: at,
            signer: signingKey(connection, actor: actor))
    }

    /// Who may enrol or revoke keys: the account that ran `init` on this store, or an active person with
    /// the admin or finance role. Returns the login that acts.
    private func keyAdministrator(_ connection: Connection, ring: KeyRing) throws -> String {
        if let initAccount = ring.initAccount, initAccount == account { return account }
        let actor = try acting(connection).actor
        guard Self.keyRoles.contains(actor.person.role) else {
            throw ApprovalError.refused(
                "enrolling and revoking keys needs the admin or finance role, or the account that ran init on "
                    + "this store (\(ring.initAccount ?? "none yet")); \(actor.person.label) is \(actor.person.role)")
        }
        return actor.login
    }

    /// Enrols `key` as `login`'s signing key, as a signed audit entry.
    /// - Throws: ``ApprovalError``: `invalid` for a key that is not `ed25519:<base64>` or a login that
    ///   already has a key; `notFound` for a login not in the directory; `refused` for someone who may not
    ///   enrol keys.
    public func enrollKey(login: String, key text: String) throws -> KeyRing.Enrolment {
        guard let key = PublicKeyText(text) else {
            throw ApprovalError.invalid("\(text): not a public key (expected ed25519: and the base64 of 32 bytes)")
        }
        let at = timestamp()
        return try store.write { connection in
            let ring = try KeyRing.load(connection)
            let actor = try keyAdministrator(connection, ring: ring)
            guard try Directory.load(connection).people[login] != nil else {
                throw ApprovalError.notFound("\(login) is not in the people directory (person.login)")
            }
            if let current = ring.enrolled(login) {
                throw ApprovalError.invalid(
                    "\(login) already has key \(current.key) enrolled (entry \(current.enrolledSeq)); "
                        + "revoke it first (sales-approve keys revoke \(login))")
            }
            let entry = try audit(
                connection, actor: actor, action: KeyRing.enrolledAction, subject: "person:\(login)",
                payload: ["login": .string(login), "key": .string(key.description)], at: at)
            return KeyRing.Enrolment(
                login: login, key: key.description, enrolledAt: at, enrolledBy: actor, enrolledSeq: entry.seq)
        }
    }

    /// Revokes `login`'s enrolled key, as a signed audit entry; entries it signed before stay valid.
    /// - Throws: ``ApprovalError``: `notFound` when `login` has no key enrolled; `refused` for someone who
    ///   may not revoke keys.
    public func revokeKey(login: String) throws -> KeyRing.Enrolment {
        let at = timestamp()
        return try store.write { connection in
            let ring = try KeyRing.load(connection)
            let actor = try keyAdministrator(connection, ring: ring)
            guard var current = ring.enrolled(login) else {
                throw ApprovalError.notFound("\(login) has no key enrolled in this store")
            }
            let entry = try audit(
                connection, actor: actor, action: KeyRing.revokedAction, subject: "person:\(login)",
                payload: ["login": .string(login), "key": .string(current.key)], at: at)
            current.revokedAt = at
            current.revokedBy = actor
            current.revokedSeq = entry.seq
            return current
        }
    }

    /// The store's keys as its audit log records them: whether entries are signed, every enrolment.
    public func keyRing() throws -> KeyRing {
        try store.read { try KeyRing.load($0) }
    }
}

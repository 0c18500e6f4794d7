import Crypto
import Foundation

/// The signing keys a store's audit log has enrolled, replayed from the log itself (never from a table
/// anyone could edit): who must sign, and with which key, at a given point of the log.
///
/// - A store whose `store.initialised` entry records `os-account` and a `key` requires every entry from
///   that one on to be signed: the `init` entry and the entries of the account that ran `init` by that key
///   (the store's root key), every other entry by the key enrolled for its actor (`key.enrolled`) and not
///   revoked (`key.revoked`) before it.
/// - A training store (`trust-env`), a store never initialised, and one initialised before entries were
///   signed (no `key` in its `store.initialised` entry) take unsigned entries. A training store signs an
///   entry when its author's key file holds the key enrolled for them, and such a signature is checked.
public struct KeyRing: Sendable, Equatable {
    /// Whether entries must be signed.
    public enum Signing: Sendable, Equatable {
        /// No `store.initialised` entry (yet): entries are not signed.
        case notInitialised
        /// A training or demo store: entries are not signed.
        case training
        /// An operating-system store initialised before entries were signed (its `store.initialised` entry,
        /// at `seq`, records no key): entries are not signed.
        case unsignedStore(seq: Int64)
        /// Every entry from `seq` (the `store.initialised` entry) on must be signed.
        case required(since: Int64)

        /// Whether entries must be signed.
        public var isRequired: Bool {
            if case .required = self { return true }
            return false
        }
    }

    /// One enrolled key, with its revocation if any.
    public struct Enrolment: Sendable, Equatable, Codable {
        public var login: String
        public var key: String
        public var enrolledAt: String
        public var enrolledBy: String
        public var enrolledSeq: Int64
        public var revokedAt: String?
        public var revokedBy: String?
        public var revokedSeq: Int64?

        enum CodingKeys: String, CodingKey {
            case login, key
            case enrolledAt = "enrolled_at"
            case enrolledBy = "enrolled_by"
            case enrolledSeq = "enrolled_seq"
            case revokedAt = "revoked_at"
            case revokedBy = "revoked_by"
            case revokedSeq = "revoked_seq"
        }
    }

    /// The audit action that enrols a key: subject `person:LOGIN`, payload `{"key", "login"}`.
    public static let enrolledAction = "key.enrolled"
    /// The audit action that revokes a key: subject `person:LOGIN`, payload `{"key", "login"}`.
    public static let revokedAction = "key.revoked"

    /// Whether entries must be signed, as far as the log has been replayed.
    public var signing: Signing = .notInitialised
    /// The operating-system account that ran `init`.
    public var initAccount: String?
    /// The key recorded by `init`: the init account's.
    public var rootKey: PublicKeyText?
    /// Every enrolment, oldest first.
    public var enrolments: [Enrolment] = []

    /// An empty ring: the state before the first entry.
    public init() {}

    /// The keys `actor` may sign with at this point: their enrolled key, and the root key if they ran `init`.
    public func keys(for actor: String) -> [PublicKeyText] {
        var keys = enrolments.filter { $0.login == actor && $0.revokedSeq == nil }.compactMap { PublicKeyText($0.key) }
        if actor == initAccount, let rootKey { keys.append(rootKey) }
        return keys
    }

    /// The key enrolled for `login` and not revoked, if any.
    public func enrolled(_ login: String) -> Enrolment? {
        enrolments.last { $0.login == login && $0.revokedSeq == nil }
    }

    /// Takes in one entry (in seq order): `store.initialised` (the first only), `key.enrolled`, `key.revoked`.
    public mutating func apply(seq: Int64, at: String, actor: String, action: String, payload: String) {
        switch action {
        case ApprovalIdentity.initialisedAction:
            guard signing == .notInitialised else { return }
            let object = Self.object(payload)
            initAccount = actor
            if (object["identity"] as? String) == ApprovalIdentity.Mode.trustEnvironment.rawValue {
                signing = .training
            } else if let text = object["key"] as? String, let key = PublicKeyText(text) {
                rootKey = key
                signing = .required(since: seq)
            } else {
                signing = .unsignedStore(seq: seq)
            }
        case Self.enrolledAction:
            let object = Self.object(payload)
            guard let login = object["login"] as? String, let key = object["key"] as? String else { return }
            enrolments.append(
                Enrolment(login: login, key: key, enrolledAt: at, enrolledBy: actor, enrolledSeq: seq))
        case Self.revokedAction:
            let object = Self.object(payload)
            guard let login = object["login"] as? String,
                let index = enrolments.lastIndex(where: { $0.login == login && $0.revokedSeq == nil })
            else { return }
            enrolments[index].revokedAt = at
            enrolments[index].revokedBy = actor
            enrolments[index].revokedSeq = seq
        default:
            break
        }
    }

    /// Why the entry at `seq` by `actor` does not carry a valid signature, or `nil` when it does (or need
    /// not). Call it after ``apply(seq:at:actor:action:payload:)`` for `store.initialised` and before it
    /// for key entries: a key entry is signed by a key enrolled before it.
    ///
    /// In a training store an entry need not be signed, but one that carries a signature is checked the same
    /// way.
    public func problem(seq: Int64, actor: String, signature: String?, digest: [UInt8]) -> String? {
        switch signing {
        case .required(let since):
            guard let signature, !signature.isEmpty else {
                return "not signed: every entry from the store's initialisation (entry \(since)) on must be signed "
                    + "by its author, and this one (by \(actor)) carries no signature"
            }
            return signatureProblem(actor: actor, signature: signature, digest: digest)
        case .training:
            guard let signature else { return nil }
            return signatureProblem(actor: actor, signature: signature, digest: digest)
        case .notInitialised, .unsignedStore:
            return nil
        }
    }

    private func signatureProblem(actor: String, signature: String, digest: [UInt8]) -> String? {
        let keys = keys(for: actor)
        guard !keys.isEmpty else {
            return "signed by \(actor), who had no key enrolled at this point of the log"
        }
        guard
            keys.contains(where: { $0.key.map { AuditSignature.isValid(signature, digest: digest, key: $0) } ?? false })
        else {
            return "bad signature: it does not verify with the key enrolled for \(actor)"
        }
        return nil
    }

    /// Replays the store's `store.initialised`, `key.enrolled` and `key.revoked` entries.
    public static func load(_ connection: Connection) throws -> KeyRing {
        var ring = KeyRing()
        try connection.forEachRow(
            "SELECT seq, at, actor, action, payload FROM audit_log WHERE action IN (?, ?, ?) ORDER BY seq",
            [.text(ApprovalIdentity.initialisedAction), .text(enrolledAction), .text(revokedAction)]
        ) { row in
            ring.apply(
                seq: try row.int64("seq"), at: try row.text("at") ?? "", actor: try row.text("actor") ?? "",
                action: try row.text("action") ?? "", payload: try row.text("payload") ?? "")
        }
        return ring
    }

    private static func object(_ payload: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]) ?? [:]
    }
}

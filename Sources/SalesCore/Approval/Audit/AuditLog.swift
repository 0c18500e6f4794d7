import Crypto
import Foundation

/// One row of `audit_log`: a state change of an approval, chained to the entry before it.
public struct AuditEntry: Sendable, Equatable {
    /// 1, 2, 3, … without gaps.
    public var seq: Int64
    /// When, as ISO-8601 UTC (`2026-03-01T09:30:00Z`).
    public var at: String
    /// The login of the person who acted.
    public var actor: String
    /// What happened, e.g. `claim.submitted`, `step.approved`.
    public var action: String
    /// What it happened to, e.g. `expense:EX2025-0001`; `nil` for store-wide actions.
    public var subject: String?
    /// The details as canonical JSON text (see ``AuditValue/canonicalJSON``).
    public var payload: String
    /// The previous entry's ``hash``; 64 zeros for the first entry.
    public var prevHash: String
    /// SHA-256 of the previous hash's 32 bytes followed by this entry's canonical form, as lowercase hex.
    public var hash: String
    /// The author's Ed25519 signature of the 32 bytes of ``hash`` (`ed25519:<base64>`), or `nil` when
    /// unsigned; not part of the canonical form (see ``KeyRing``).
    public var signature: String?

    public init(
        seq: Int64, at: String, actor: String, action: String, subject: String?, payload: String,
        prevHash: String, hash: String, signature: String? = nil
    ) {
        self.signature = signature
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The bytes that are hashed after the previous hash (see ``AuditCanonical``).
    var canonicalForm: [UInt8] {
        var out: [UInt8] = []
        AuditCanonical.appendEntry(
            seq: seq, at: at.utf8, actor: actor.utf8, action: action.utf8,
            subject: subject?.utf8, payload: payload.utf8, to: &out)
        return out
    }
}

/// The outcome of ``AuditLog/verify(_:anchor:)``.
public enum AuditVerification: Sendable, Equatable {
    /// Every entry fits the chain (and the anchor, if one was given); `head` is the last entry's hash,
    /// or 64 zeros for an empty log.
    case intact(count: Int, head: String)
    /// The first entry that does not fit, and why.
    case broken(seq: Int64, reason: String)

    /// Whether the log verified.
    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }

    /// The verified head to save with ``AuditAnchor/save(to:)``; `nil` when broken or empty.
    public var anchor: AuditAnchor? {
        guard case .intact(let count, let head) = self, count > 0 else { return nil }
        return AuditAnchor(seq: Int64(count), hash: head)
    }
}

/// The tamper-evident log of every state change of an approval.
///
/// Each entry's `hash` is `SHA-256(previous hash bytes || canonical form of the entry)`, lowercase hex;
/// the first entry's previous hash is 32 zero bytes. The canonical form is defined in
/// ``AuditCanonical``; it covers every stored column but the two hashes, and those are checked by the
/// chain itself, so any change to any byte of any column of any entry breaks the chain at that entry.
///
/// Entries are appended inside the write transaction of the change they record, so either both are
/// stored or neither is; concurrent writers serialise on SQLite's write lock, so seqs never collide.
/// The triggers of migration `0005_approval` refuse `UPDATE` and `DELETE`; the chain makes tampering that goes
/// around them (dropped triggers, an edited file) visible to ``verify(_:anchor:)``, and an
/// ``AuditAnchor`` saved elsewhere makes entries cut from the end visible too.
public enum AuditLog {
    /// The previous hash of the first entry: 32 zero bytes, as hex.
    public static let genesisHash = String(repeating: "0", count: 64)

    private static let headSQL = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
    private static let insertSQL = """
        INSERT INTO audit_log (seq, at, actor, action, subject, payload, prev_hash, hash, signature)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let selectSQL = """
        SELECT seq, at, actor, action, subject, payload, prev_hash, hash, signature FROM audit_log
        """

    // MARK: - Writing

    /// Appends an entry after the current head and returns it.
    ///
    /// Call it inside the write transaction of the change it records (``Store/write(_:)``): the head is
    /// read and the entry inserted under that transaction's write lock, so concurrent appenders, in this
    /// process or others, line up one after another and the entry commits or rolls back with the change.
    /// - Parameters:
    ///   - actor: the acting login.
    ///   - action: what happened, e.g. `step.approved`.
    ///   - subject: what it happened to, e.g. `expense:EX2025-0001`, or `nil`.
    ///   - payload: the details; stored as canonical JSON.
    ///   - at: the time as ISO-8601 UTC, e.g. from ``timestamp(_:)``.
    ///   - signer: the author's key, which signs the entry's hash; `nil` for an unsigned entry.
    /// - Throws: ``AuditError/notInTransaction``, ``AuditError/corruptHead(seq:)``, or ``StoreError``
    ///   (a constraint for a malformed `at` or an empty actor or action).
    @discardableResult
    public static func append(
        _ connection: Connection, actor: String, action: String, subject: String?,
        payload: [String: AuditValue], at: String, signer: Curve25519.Signing.PrivateKey? = nil
    ) throws -> AuditEntry {
        guard !connection.isAutocommit else { throw AuditError.notInTransaction }
        let head = try connection.cachedStatement(headSQL)
        var previous = (seq: Int64(0), hash: genesisHash)
        if try head.step() {
            previous = (head.int64(at: 0), head.text(at: 1) ?? "")
        }
        head.reset()
        guard let previousDigest = AuditCanonical.digest(fromHex: previous.hash) else {
            throw AuditError.corruptHead(seq: previous.seq)
        }
        var entry = AuditEntry(
            seq: previous.seq + 1, at: at, actor: actor, action: action, subject: subject,
            payload: AuditValue.object(payload).canonicalJSON, prevHash: previous.hash, hash: "")
        entry.hash = AuditCanonical.hash(previous: previousDigest, canonical: entry.canonicalForm)
        entry.signature = try signer.map { try AuditSignature.sign(hash: entry.hash, with: $0) }
        try connection.cachedStatement(insertSQL).execute([
            .integer(entry.seq), .text(entry.at), .text(entry.actor), .text(entry.action), SQLValue(entry.subject),
            .text(entry.payload), .text(entry.prevHash), .text(entry.hash), SQLValue(entry.signature),
        ])
        return entry
    }

    // MARK: - Reading

    /// The last entry's seq and hash as stored (not verified), or `nil` for an empty log.
    ///
    /// To save an anchor, prefer ``AuditVerification/anchor`` of a verification: a head that verified.
    public static func head(_ connection: Connection) throws -> AuditAnchor? {
        let statement = try connection.prepare(headSQL)
        guard try statement.step() else { return nil }
        return AuditAnchor(seq: statement.int64(at: 0), hash: statement.text(at: 1) ?? "")
    }

    /// The entries about `subject` (every entry when `nil`), oldest first: a claim's history.
    public static func entries(_ connection: Connection, subject: String? = nil) throws -> [AuditEntry] {
        let sql = subject == nil ? selectSQL + " ORDER BY seq" : selectSQL + " WHERE subject = ? ORDER BY seq"
        var entries: [AuditEntry] = []
        try connection.forEachRow(sql, subject.map { [.text($0)] } ?? []) { row in
            entries.append(
                try AuditEntry(
                    seq: row.int64("seq"), at: row.text("at") ?? "", actor: row.text("actor") ?? "",
                    action: row.text("action") ?? "", subject: row.text("subject"), payload: row.text("payload") ?? "",
                    prevHash: row.text("prev_hash") ?? "", hash: row.text("hash") ?? "",
                    signature: row.text("signature")))
        }
        return entries
    }

    // MARK: - Verifying

    /// Recomputes the chain and names the first entry that does not fit.
    ///
    /// Entries are streamed in `seq` order with one query, so memory stays flat however long the log.
    /// Each entry is checked in this order, and the first failure is reported at the entry's stored seq:
    /// 1. its seq is one more than the previous entry's (1 for the first) — else a seq gap
    ///    (an entry was deleted, or an entry's seq was changed);
    /// 2. its `prev_hash` is the previous entry's `hash` — else an entry before it was deleted or entries
    ///    were reordered;
    /// 3. its `hash` is SHA-256(previous hash bytes || canonical form) — else the entry was changed;
    /// 4. in a store that requires signatures (see ``KeyRing``), its `signature` is its actor's signature
    ///    of the hash by a key enrolled for them at that point of the log — else it was forged or written
    ///    without the tool; in a training store, where entries need not be signed, a signature that is
    ///    there is checked the same way.
    ///
    /// With an `anchor`, the entry at `anchor.seq` must exist and carry `anchor.hash`; a log cut short
    /// below the anchor is reported at `anchor.seq`. Run it inside ``Store/read(_:)`` for a consistent
    /// snapshot.
    public static func verify(_ connection: Connection, anchor: AuditAnchor? = nil) throws -> AuditVerification {
        let statement = try connection.prepare(selectSQL + " ORDER BY seq")
        var expectedSeq: Int64 = 1
        var previousHex = Array(genesisHash.utf8)
        var previousDigest = [UInt8](repeating: 0, count: 32)
        var canonical: [UInt8] = []
        canonical.reserveCapacity(512)
        var ring = KeyRing()
        while try statement.step() {
            let seq = statement.int64(at: 0)
            if seq != expectedSeq {
                let missing =
                    expectedSeq == seq - 1 ? "entry \(expectedSeq) is" : "entries \(expectedSeq)…\(seq - 1) are"
                return .broken(
                    seq: seq, reason: "seq gap: \(missing) missing (expected seq \(expectedSeq), found \(seq))")
            }
            let linked = statement.withTextBytes(at: 6) { $0?.elementsEqual(previousHex) ?? false }
            guard linked else {
                return .broken(
                    seq: seq,
                    reason: seq == 1
                        ? "prev_hash of the first entry is not 64 zeros (entries before it deleted, or prev_hash changed)"
                        : "prev_hash does not match the previous entry's hash (an entry deleted or reordered, or prev_hash changed)"
                )
            }
            canonical.removeAll(keepingCapacity: true)
            appendCanonicalRow(statement, seq: seq, to: &canonical)
            let digest = AuditCanonical.digest(previous: previousDigest, canonical: canonical)
            let digestHex = AuditCanonical.hexBytes(digest)
            let matches = statement.withTextBytes(at: 7) { $0?.elementsEqual(digestHex) ?? false }
            guard matches else {
                return .broken(seq: seq, reason: "hash mismatch: the entry was changed after it was written")
            }
            let action = statement.text(at: 3) ?? ""
            if action == ApprovalIdentity.initialisedAction || ring.signing.isRequired
                || action == KeyRing.enrolledAction || action == KeyRing.revokedAction
                || (ring.signing == .training && !statement.isNull(at: 8))
            {
                let at = statement.text(at: 1) ?? ""
                let actor = statement.text(at: 2) ?? ""
                let payload = statement.text(at: 5) ?? ""
                if action == ApprovalIdentity.initialisedAction {
                    ring.apply(seq: seq, at: at, actor: actor, action: action, payload: payload)
                }
                if let problem = ring.problem(
                    seq: seq, actor: actor, signature: statement.text(at: 8), digest: digest)
                {
                    return .broken(seq: seq, reason: problem)
                }
                if action != ApprovalIdentity.initialisedAction {
                    ring.apply(seq: seq, at: at, actor: actor, action: action, payload: payload)
                }
            }
            if let anchor, anchor.seq == seq, !digestHex.elementsEqual(anchor.hash.utf8) {
                return .broken(
                    seq: seq,
                    reason: "anchor hash differs: the log was rewritten from this entry on "
                        + "(anchor \(anchor.hash), log \(String(decoding: digestHex, as: UTF8.self)))")
            }
            previousHex = digestHex
            previousDigest = digest
            expectedSeq += 1
        }
        let count = Int(expectedSeq - 1)
        if let anchor, anchor.seq > Int64(count) {
            return .broken(
                seq: anchor.seq,
                reason: "anchor's entry \(anchor.seq) is missing: the log was truncated "
                    + "(it ends at entry \(count))")
        }
        return .intact(count: count, head: String(decoding: previousHex, as: UTF8.self))
    }

    /// Appends the canonical form of the row `statement` is on, from the stored bytes.
    private static func appendCanonicalRow(_ statement: Statement, seq: Int64, to out: inout [UInt8]) {
        statement.withTextBytes(at: 1) { at in
            statement.withTextBytes(at: 2) { actor in
                statement.withTextBytes(at: 3) { action in
                    statement.withTextBytes(at: 4) { subject in
                        statement.withTextBytes(at: 5) { payload in
                            AuditCanonical.appendEntry(
                                seq: seq, at: at ?? .init(start: nil, count: 0),
                                actor: actor ?? .init(start: nil, count: 0),
                                action: action ?? .init(start: nil, count: 0),
                                subject: subject,
                                payload: payload ?? .init(start: nil, count: 0), to: &out)
                        }
                    }
                }
            }
        }
    }
}

// MARK: - Canonical form

/// The canonical form of an audit entry: the exact bytes hashed after the previous hash.
///
/// It is the UTF-8 of one JSON object, with no whitespace and its keys in byte order:
///
///     {"action":A,"actor":B,"at":C,"payload":P,"seq":N,"subject":S}
///
/// - `N` is the seq in decimal (`-` for negatives, no leading zeros).
/// - `A`, `B`, `C`, `P` and `S` are JSON strings made from the column's stored bytes: `"` becomes `\"`,
///   `\` becomes `\\`, each byte 0x00–0x1F becomes `\u00xx` (lowercase hex), and every other byte is
///   copied unchanged (UTF-8 stays as is, `/` is not escaped). The payload is embedded as a string,
///   not as nested JSON, so its text is hashed byte for byte.
/// - `S` is `null` when `subject` is NULL (so NULL and the empty string differ).
///
/// Every column value maps to a distinct piece of text and the pieces are delimited, so two entries
/// with the same canonical form agree in every column: any change of any byte of `seq`, `at`, `actor`,
/// `action`, `subject` or `payload` changes the hash. `prev_hash` enters as the 32 bytes it encodes,
/// before the canonical form, and is compared with the previous entry's `hash`; `hash` is compared
/// with the recomputed value. Payloads written by ``AuditLog`` are themselves canonical JSON
/// (``AuditValue/canonicalJSON``), with the same string escaping.
enum AuditCanonical {
    /// Appends the canonical form of one entry.
    static func appendEntry<Bytes: Sequence<UInt8>>(
        seq: Int64, at: Bytes, actor: Bytes, action: Bytes,
        subject: Bytes?, payload: Bytes, to out: inout [UInt8]
    ) {
        out.append(contentsOf: #"{"action":"#.utf8)
        appendString(action, to: &out)
        out.append(contentsOf: #","actor":"#.utf8)
        appendString(actor, to: &out)
        out.append(contentsOf: #","at":"#.utf8)
        appendString(at, to: &out)
        out.append(contentsOf: #","payload":"#.utf8)
        appendString(payload, to: &out)
        out.append(contentsOf: #","seq":"#.utf8)
        out.append(contentsOf: String(seq).utf8)
        out.append(contentsOf: #","subject":"#.utf8)
        if let subject {
            appendString(subject, to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `bytes` as a JSON string: quotes around, `"` and `\` backslashed, bytes below 0x20 as
    /// `\u00xx` with lowercase hex, all other bytes unchanged.
    static func appendString<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0x00..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// SHA-256 of `previous` (32 bytes) followed by `canonical`.
    static func digest(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: canonical)
        return Array(hasher.finalize())
    }

    /// ``digest(previous:canonical:)`` as lowercase hex.
    static func hash(previous: [UInt8], canonical: [UInt8]) -> String {
        String(decoding: hexBytes(digest(previous: previous, canonical: canonical)), as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The lowercase hex digits of `bytes`, as ASCII bytes.
    static func hexBytes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return out
    }

    /// The 32 bytes that 64 lowercase hex digits spell, or `nil` for anything else.
    static func digest(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}

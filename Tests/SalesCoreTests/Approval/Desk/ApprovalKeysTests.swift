import Crypto
import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private typealias F = ApprovalFixture

private func approvalError(_ body: () throws -> Void) -> ApprovalError? {
    do { try body() } catch let e as ApprovalError { return e } catch { Issue.record("unexpected \(error)") }
    return nil
}

/// Appends an entry as someone with write access to the file would: the chain's hash recomputed, signed
/// with `key` or not at all.
private func forge(_ store: Store, actor: String, key: Curve25519.Signing.PrivateKey? = nil) throws -> Int64 {
    try store.write { c in
        try AuditLog.append(
            c, actor: actor, action: "step.approved", subject: "expense:BX1", payload: ["forged": .bool(true)],
            at: "2026-03-15T12:00:00Z", signer: key
        ).seq
    }
}

@Suite("sales-approve: signing keys and signed audit entries")
struct ApprovalKeysTests {
    @Test("keys create: folder 0700, file 0600, never overwritten; a key file others can read is refused")
    func keyFile() throws {
        let home = try temporaryDirectory().path
        let account = SystemAccount(uid: 0, login: "m1", home: home)
        let file = SigningKeyFile(account: account, environment: [:])
        #expect(file.path == home + "/.config/sales-toolkit/signing-key")
        let xdg = try temporaryDirectory().path
        #expect(
            SigningKeyFile(account: account, environment: ["XDG_CONFIG_HOME": xdg]).path
                == xdg + "/sales-toolkit/signing-key")
        #expect(try file.load() == nil)
        let key = try file.create()
        #expect(key.description.hasPrefix("ed25519:") && PublicKeyText(key.description) == key)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: file.folder)
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(try file.load().map { PublicKeyText($0.publicKey) } == key)
        #expect(throws: ApprovalError.self) { _ = try file.create() }
        #expect(try file.load().map { PublicKeyText($0.publicKey) } == key)
        chmod(file.path, 0o640)
        do {
            _ = try file.load()
            Issue.record("a key file group can read was used")
        } catch let error as ApprovalError {
            #expect(error.kind == .refused)
            #expect(error.message.contains("run chmod 600 \(file.path)"))
        }
        #expect(PublicKeyText("ed25519:AAAA") == nil && PublicKeyText("rsa:" + key.description.dropFirst(8)) == nil)
    }

    @Test(
        "an operating-system store signs every entry; people without an enrolled key are refused; verify checks each signature"
    )
    func signedStore() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000)
        let root = try F.keyFile()
        let m1 = try F.keyFile()
        let adminKey = try F.keyFile()
        #expect(
            try F.desk(store, as: "root", keyFile: root.file).initialise(trustEnvironment: false) == .operatingSystem)
        #expect(try F.desk(store, as: "root").keyRing().signing == .required(since: 2))

        // m1 has a key file but no enrolled key: refused, told how to get one.
        let unsigned = approvalError { _ = try F.desk(store, as: "m1", keyFile: m1.file).approve("BX1") }
        #expect(unsigned?.kind == .refused)
        #expect(unsigned?.message.contains("m1 has no signing key enrolled") == true)
        #expect(unsigned?.message.contains("sales-approve keys create") == true)

        // Only the init account or an enrolled admin/finance person enrols keys.
        #expect(
            approvalError { _ = try F.desk(store, as: "rep1").enrollKey(login: "m1", key: "\(m1.publicKey)") }?.kind
                == .refused)
        #expect(
            approvalError {
                _ = try F.desk(store, as: "root", keyFile: root.file).enrollKey(login: "m1", key: "ed25519:xyz")
            }?.kind == .invalid)
        _ = try F.desk(store, as: "root", keyFile: root.file).enrollKey(login: "admin", key: "\(adminKey.publicKey)")
        let enrolled = try F.desk(store, as: "admin", keyFile: adminKey.file).enrollKey(
            login: "m1", key: "\(m1.publicKey)")
        #expect(enrolled.login == "m1" && enrolled.enrolledBy == "admin")
        #expect(
            approvalError {
                _ = try F.desk(store, as: "root", keyFile: root.file).enrollKey(
                    login: "m1", key: "\(adminKey.publicKey)")
            }?.kind == .invalid)

        // m1 with someone else's key file is refused; with their own, the decision is signed.
        let wrong = approvalError { _ = try F.desk(store, as: "m1", keyFile: adminKey.file).approve("BX1") }
        #expect(wrong?.message.contains("is not the one enrolled for m1") == true)
        let outcome = try F.desk(store, as: "m1", keyFile: m1.file).approve("BX1")
        #expect(outcome.claimState == "approved")
        let entries = try store.read { try AuditLog.entries($0) }
        #expect(entries.first?.signature == nil)  // the policy, loaded before init
        #expect(entries.dropFirst().allSatisfy { $0.signature?.hasPrefix("ed25519:") == true })
        let verified = try F.desk(store, as: "m1").verify()
        #expect(verified.isIntact, "\(verified)")

        // Revoking keeps the past valid and refuses the future.
        let revoked = try F.desk(store, as: "root", keyFile: root.file).revokeKey(login: "m1")
        #expect(revoked.revokedSeq != nil)
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 100_000)
        #expect(approvalError { _ = try F.desk(store, as: "m1", keyFile: m1.file).approve("BX2") }?.kind == .refused)
        #expect(try F.desk(store, as: "m1").verify().isIntact)
        let ring = try F.desk(store, as: "m1").keyRing()
        #expect(ring.enrolments.map(\.login) == ["admin", "m1"])
        #expect(ring.enrolments.last?.revokedBy == "root")
    }

    @Test("a forged entry with a recomputed hash fails verify: unsigned, signed by an unknown key, or by a revoked one")
    func forgedEntries() throws {
        let store = try F.makeStore()
        let root = try F.keyFile()
        let m1 = try F.keyFile()
        _ = try F.desk(store, as: "root", keyFile: root.file).initialise(trustEnvironment: false)
        _ = try F.desk(store, as: "root", keyFile: root.file).enrollKey(login: "m1", key: "\(m1.publicKey)")
        #expect(try F.desk(store, as: "m1").verify().isIntact)

        let seq = try forge(store, actor: "m1")
        guard case .broken(let at, let reason) = try F.desk(store, as: "m1").verify() else {
            Issue.record("an unsigned forged entry passed verify")
            return
        }
        #expect(at == seq && reason.hasPrefix("not signed:") && reason.contains("by m1"))
        #expect(
            ApprovalReport.verifyText(try F.desk(store, as: "m1").verify(), lang: .en).hasPrefix(
                "BROKEN at entry \(seq): not signed"))

        let other = try makeSignedStore()
        _ = try forge(other.store, actor: "m1", key: Curve25519.Signing.PrivateKey())
        guard case .broken(_, let bad) = try F.desk(other.store, as: "m1").verify() else {
            Issue.record("an entry signed by an unknown key passed verify")
            return
        }
        #expect(bad.contains("bad signature") && bad.contains("m1"))

        let third = try makeSignedStore()
        _ = try F.desk(third.store, as: "root", keyFile: third.root).revokeKey(login: "m1")
        _ = try forge(third.store, actor: "m1", key: try third.m1.load())
        guard case .broken(_, let late) = try F.desk(third.store, as: "m1").verify() else {
            Issue.record("an entry signed by a revoked key passed verify")
            return
        }
        #expect(late.contains("no key enrolled at this point"))
    }

    @Test("a training store takes unsigned entries, and says so")
    func trainingUnsigned() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000)
        _ = try F.desk(store, as: "admin").initialise(trustEnvironment: true)
        _ = try ApprovalDesk(store: store, account: "x", environment: ["SALES_USER": "m1"]).approve("BX1")
        #expect(try F.desk(store, as: "m1").verify().isIntact)
        #expect(try F.desk(store, as: "m1").keyRing().signing == .training)
        #expect(
            ApprovalReport.signingText(.training, lang: .en)
                == "Training/demo store: only the entries of people with an enrolled key are signed.")
    }

    private func makeSignedStore() throws -> (store: Store, root: SigningKeyFile, m1: SigningKeyFile) {
        let store = try F.makeStore()
        let root = try F.keyFile()
        let m1 = try F.keyFile()
        _ = try F.desk(store, as: "root", keyFile: root.file).initialise(trustEnvironment: false)
        _ = try F.desk(store, as: "root", keyFile: root.file).enrollKey(login: "m1", key: "\(m1.publicKey)")
        return (store, root.file, m1.file)
    }
}

import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Tampering that goes around the triggers (dropped, as anyone who can write the file could) is found
/// by `verify`, which names the first entry that no longer fits.
@Suite("Audit log: tamper detection")
struct AuditTamperTests {
    static let columns = ["seq", "at", "actor", "action", "subject", "payload", "prev_hash", "hash"]
    static let entryCount = 40

    /// A log of ``entryCount`` entries without its triggers.
    func tamperableLog() throws -> (Store, [AuditEntry]) {
        let store = try makeAuditStore()
        let entries = try appendSampleEntries(store, count: Self.entryCount)
        try dropAuditTriggers(store)
        #expect(try verifyAudit(store) == .intact(count: Self.entryCount, head: entries.last!.hash))
        return (store, entries)
    }

    /// `character` replaced by a different one of the same kind, so the schema's checks mostly still pass.
    func replacement(for character: Character, column: String, using generator: inout AuditRandom) -> Character {
        let pool: String
        if character.isASCII, character.isNumber {
            pool = "0123456789"
        } else if column.hasSuffix("hash") {
            pool = "0123456789abcdef"
        } else if character.isASCII, character.isLowercase {
            pool = "abcdefghijklmnopqrstuvwxyz"
        } else if character.isASCII, character.isUppercase {
            pool = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        } else {
            pool = "x-é中 ."
        }
        let choices = pool.filter { $0 != character }
        return choices.randomElement(using: &generator)!
    }

    /// Changes one character of `column` of entry `seq` and returns the value written (NULL becomes "x").
    /// Changes the schema's CHECK or UNIQUE constraints refuse are retried with another position.
    func changeOneCharacter(
        _ store: Store, seq: Int64, column: String,
        using generator: inout AuditRandom
    ) throws -> (old: SQLValue, new: SQLValue) {
        let old = try #require(
            try store.read { try $0.scalar("SELECT \(column) FROM audit_log WHERE seq = ?", [.integer(seq)]) })
        for _ in 0..<500 {
            let new: SQLValue
            switch old {
            case .null:
                new = "x"
            case .integer(let number):
                var digits = Array(String(number))
                let position = Int.random(in: 0..<digits.count, using: &generator)
                digits[position] = replacement(for: digits[position], column: column, using: &generator)
                new = .integer(Int64(String(digits))!)
            case .text(let text):
                var characters = Array(text)
                let position = Int.random(in: 0..<characters.count, using: &generator)
                characters[position] = replacement(for: characters[position], column: column, using: &generator)
                new = .text(String(characters))
            default:
                Issue.record("unexpected value \(old)")
                return (old, old)
            }
            do {
                try store.write {
                    try $0.execute("UPDATE audit_log SET \(column) = ? WHERE seq = ?", [new, .integer(seq)])
                }
                return (old, new)
            } catch let error as StoreError where error.kind == .constraint {
                continue
            }
        }
        Issue.record("no accepted change of \(column) of entry \(seq)")
        return (old, old)
    }

    @Test(
        "one changed character in any column of a random entry breaks the chain at that entry",
        arguments: [UInt64(1), 2, 3])
    func oneCharacterChanged(seed: UInt64) throws {
        var generator = AuditRandom(seed: seed)
        let (store, entries) = try tamperableLog()
        let seqs = (0..<4).map { _ in Int64.random(in: 1...Int64(Self.entryCount), using: &generator) } + [1, 40]
        for seq in seqs {
            for column in Self.columns {
                let (old, new) = try changeOneCharacter(store, seq: seq, column: column, using: &generator)
                try #require(old != new)
                let result = try verifyAudit(store)
                guard case .broken(let brokenSeq, let reason) = result else {
                    Issue.record("entry \(seq), \(column) \(old) → \(new): still \(result)")
                    continue
                }
                if column == "seq" {
                    // The entry left its place: the gap shows at the next entry, or at the moved entry itself.
                    #expect([seq, seq + 1, new.int64!].contains(brokenSeq), "\(old) → \(new): \(reason)")
                } else {
                    #expect(brokenSeq == seq, "entry \(seq), \(column) \(old) → \(new): \(reason)")
                }
                // Undo, and the log is whole again
                let now: SQLValue = column == "seq" ? new : .integer(seq)
                try store.write { try $0.execute("UPDATE audit_log SET \(column) = ? WHERE seq = ?", [old, now]) }
                #expect(try verifyAudit(store) == .intact(count: Self.entryCount, head: entries.last!.hash))
            }
        }
    }

    @Test(
        "one changed byte of any text column, even one that makes invalid UTF-8, breaks the chain there",
        arguments: [UInt64(7), 8])
    func oneByteChanged(seed: UInt64) throws {
        var generator = AuditRandom(seed: seed)
        let (store, entries) = try tamperableLog()
        var tampered = 0
        for _ in 0..<30 {
            let seq = Int64.random(in: 1...Int64(Self.entryCount), using: &generator)
            let column = Self.columns.dropFirst().randomElement(using: &generator)!
            let old = try store.read {
                try $0.scalar("SELECT CAST(\(column) AS BLOB) FROM audit_log WHERE seq = ?", [.integer(seq)])
            }
            guard case .blob(let bytes)? = old, !bytes.isEmpty else { continue }  // NULL subject: covered above
            var changed = false
            for _ in 0..<200 where !changed {
                var tampered = bytes
                tampered[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(
                    in: 1...255, using: &generator)
                do {
                    try store.write {
                        try $0.execute(
                            "UPDATE audit_log SET \(column) = CAST(? AS TEXT) WHERE seq = ?",
                            [.blob(tampered), .integer(seq)])
                    }
                    changed = true
                } catch let error as StoreError where error.kind == .constraint {}
            }
            guard changed else { continue }
            tampered += 1
            let result = try verifyAudit(store)
            #expect(result.brokenSeq == seq, "entry \(seq), \(column): \(result)")
            try store.write {
                try $0.execute(
                    "UPDATE audit_log SET \(column) = CAST(? AS TEXT) WHERE seq = ?", [.blob(bytes), .integer(seq)])
            }
            #expect(try verifyAudit(store) == .intact(count: Self.entryCount, head: entries.last!.hash))
        }
        #expect(tampered >= 20, "only \(tampered) of 30 changes got past the schema's checks")
    }

    @Test("a NULL subject set to the empty string, or a subject set to NULL, is detected")
    func subjectNullness() throws {
        let (store, _) = try tamperableLog()
        try store.write { try $0.execute("UPDATE audit_log SET subject = '' WHERE seq = 5") }  // seq 5 had NULL
        #expect(try verifyAudit(store).brokenSeq == 5)
        try store.write { try $0.execute("UPDATE audit_log SET subject = NULL WHERE seq IN (5, 6)") }
        #expect(try verifyAudit(store).brokenSeq == 6)
    }

    @Test("a deleted middle entry breaks the chain at the next entry")
    func deletedMiddleEntry() throws {
        let (store, _) = try tamperableLog()
        try store.write { try $0.execute("DELETE FROM audit_log WHERE seq = 20") }
        let result = try verifyAudit(store)
        #expect(result.brokenSeq == 21)
        #expect(result.reason?.contains("seq gap") == true)
    }

    @Test("a deleted entry with the later ones renumbered breaks at its place on prev_hash")
    func deletedAndRenumbered() throws {
        let (store, _) = try tamperableLog()
        try store.write {
            try $0.execute("DELETE FROM audit_log WHERE seq = 20")
            try $0.execute("UPDATE audit_log SET seq = -seq WHERE seq > 20")
            try $0.execute("UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0")
        }
        let result = try verifyAudit(store)
        #expect(result.brokenSeq == 20)
        #expect(result.reason?.contains("prev_hash") == true)
    }

    @Test("a deleted first entry is detected", arguments: [false, true])
    func deletedFirstEntry(renumber: Bool) throws {
        let (store, _) = try tamperableLog()
        try store.write {
            try $0.execute("DELETE FROM audit_log WHERE seq = 1")
            if renumber { try $0.execute("UPDATE audit_log SET seq = seq - 1") }  // ascending rowid order: no clash
        }
        #expect(try verifyAudit(store).brokenSeq == (renumber ? 1 : 2))
    }

    @Test("two entries' contents swapped break the chain at the earlier one", arguments: [(3, 4), (10, 30), (1, 40)])
    func reordered(first: Int64, second: Int64) throws {
        let (store, _) = try tamperableLog()
        try store.write {
            try $0.execute("UPDATE audit_log SET seq = -1 WHERE seq = ?", [.integer(first)])
            try $0.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", [.integer(first), .integer(second)])
            try $0.execute("UPDATE audit_log SET seq = ? WHERE seq = -1", [.integer(second)])
        }
        let result = try verifyAudit(store)
        #expect(result.brokenSeq == first)
        #expect(result.reason?.contains("prev_hash") == true)
    }

    @Test("entries cut from the end leave an intact chain, but not against an anchor saved before")
    func truncated() throws {
        // Given a log whose verified head was saved to a file
        let (store, entries) = try tamperableLog()
        let anchorPath = try temporaryDirectory().appendingPathComponent("audit.anchor").path
        try #require(try verifyAudit(store).anchor).save(to: anchorPath)

        // When the last three entries are deleted
        try store.write { try $0.execute("DELETE FROM audit_log WHERE seq > 37") }

        // Then the chain alone looks intact, but the anchor finds the cut
        #expect(try verifyAudit(store) == .intact(count: 37, head: entries[36].hash))
        let result = try verifyAudit(store, anchor: AuditAnchor.load(from: anchorPath))
        #expect(result.brokenSeq == 40)
        #expect(result.reason?.contains("truncated") == true)
    }

    @Test("a rewritten tail with recomputed hashes is intact alone, but differs from the anchor")
    func rewrittenTail() throws {
        let (store, _) = try tamperableLog()
        let anchor = try #require(try verifyAudit(store).anchor)

        // When entries 30… are replaced by a new, self-consistent chain
        try store.write { try $0.execute("DELETE FROM audit_log WHERE seq >= 30") }
        try appendSampleEntries(store, count: 11, firstIndex: 1030)

        #expect(try verifyAudit(store).isIntact)
        let result = try verifyAudit(store, anchor: anchor)
        #expect(result.brokenSeq == 40)
        #expect(result.reason?.contains("anchor hash differs") == true)
    }

    @Test("an anchor pointing past a shorter rewritten log reports truncation even after re-appending")
    func anchorBeyondHead() throws {
        let (store, _) = try tamperableLog()
        let anchor = try #require(try verifyAudit(store).anchor)
        try store.write { try $0.execute("DELETE FROM audit_log WHERE seq > 10") }
        try appendSampleEntries(store, count: 5, firstIndex: 2000)
        #expect(try verifyAudit(store, anchor: anchor).brokenSeq == 40)
    }
}

extension AuditVerification {
    /// The seq of the first broken entry, or `nil` when intact.
    var brokenSeq: Int64? {
        if case .broken(let seq, _) = self { return seq }
        return nil
    }

    /// Why the log is broken, or `nil` when intact.
    var reason: String? {
        if case .broken(_, let reason) = self { return reason }
        return nil
    }
}

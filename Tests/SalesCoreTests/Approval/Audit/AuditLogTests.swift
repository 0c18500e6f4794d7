import Crypto
import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Appending to the audit log, the canonical form, verification of an untouched log, anchors.
@Suite("Audit log: append and verify")
struct AuditLogTests {
    @Test("an empty log is intact with the genesis head")
    func emptyLog() throws {
        let store = try makeAuditStore()
        #expect(try verifyAudit(store) == .intact(count: 0, head: AuditLog.genesisHash))
        #expect(try store.read { try AuditLog.head($0) } == nil)
        #expect(try verifyAudit(store).anchor == nil)
    }

    @Test("appended entries chain from 64 zeros and verify intact with count and head")
    func appendAndVerify() throws {
        // Given a log of 12 entries
        let store = try makeAuditStore()
        let entries = try appendSampleEntries(store, count: 12)

        // Then they are numbered 1…12, each linked to the one before
        #expect(entries.map(\.seq) == Array(1...12))
        #expect(entries[0].prevHash == AuditLog.genesisHash)
        for (earlier, later) in zip(entries, entries.dropFirst()) {
            #expect(later.prevHash == earlier.hash)
        }
        #expect(Set(entries.map(\.hash)).count == 12)

        // And the log reads back as written, and verifies
        #expect(try store.read { try AuditLog.entries($0) } == entries)
        #expect(try store.read { try AuditLog.entries($0, subject: "expense:EX2025-0003") } == [entries[2]])
        #expect(try verifyAudit(store) == .intact(count: 12, head: entries[11].hash))
        #expect(try store.read { try AuditLog.head($0) } == AuditAnchor(seq: 12, hash: entries[11].hash))
        #expect(try verifyAudit(store).anchor == AuditAnchor(seq: 12, hash: entries[11].hash))
    }

    @Test("the canonical form is the documented JSON, and the hash is SHA-256(prev bytes || it)")
    func canonicalForm() throws {
        let store = try makeAuditStore()
        let entry = try store.write { connection in
            try AuditLog.append(
                connection, actor: "li.lei", action: "claim.submitted", subject: "expense:EX2025-0001",
                payload: ["b": 1, "a": ["x", true, nil], "é": "q\"\\\n\u{1}/中", "amount": .cents(-1050)],
                at: "2026-03-01T09:30:00Z")
        }
        #expect(
            entry.payload
                == #"{"a":["x",true,null],"amount":-1050,"b":1,"é":"q\"\\\n\u0001/中"}"#
                .replacingOccurrences(of: #"\n"#, with: #"\u000a"#))
        let expected =
            #"{"action":"claim.submitted","actor":"li.lei","at":"2026-03-01T09:30:00Z","payload":"#
            + #""{\"a\":[\"x\",true,null],\"amount\":-1050,\"b\":1,\"é\":\"q\\\"\\\\\\u000a\\u0001/中\"}","#
            + #""seq":1,"subject":"expense:EX2025-0001"}"#
        #expect(String(decoding: entry.canonicalForm, as: UTF8.self) == expected)

        let digest = SHA256.hash(data: [UInt8](repeating: 0, count: 32) + Array(expected.utf8))
        #expect(entry.hash == digest.map { String(format: "%02x", $0) }.joined())

        // A NULL subject is `null`, distinct from the empty string
        var withoutSubject = entry
        withoutSubject.subject = nil
        #expect(String(decoding: withoutSubject.canonicalForm, as: UTF8.self).hasSuffix(#""seq":1,"subject":null}"#))
        withoutSubject.subject = ""
        #expect(String(decoding: withoutSubject.canonicalForm, as: UTF8.self).hasSuffix(#""seq":1,"subject":""}"#))
    }

    @Test("payload text is valid JSON that SQLite reads back")
    func payloadIsJSON() throws {
        let store = try makeAuditStore()
        try appendSampleEntries(store, count: 3)
        let reason = try store.read {
            try $0.scalar("SELECT json_extract(payload, '$.reason') FROM audit_log WHERE seq = 2")
        }
        #expect(reason == .text("差旅 2: \"taxi\" \\ night\nshift"))
        let login = try store.read {
            try $0.scalar("SELECT json_extract(payload, '$.steps[1].login') FROM audit_log WHERE seq = 2")
        }
        #expect(login == .text("zhou.min"))
    }

    @Test("append outside a transaction is refused")
    func appendOutsideTransaction() throws {
        let store = try makeAuditStore()
        let connection = try Connection(path: store.path)
        defer { connection.close() }
        #expect(throws: AuditError.notInTransaction) {
            try AuditLog.append(
                connection, actor: "li.lei", action: "x", subject: nil, payload: [:],
                at: "2026-03-01T09:30:00Z")
        }
    }

    @Test("an entry rolls back with the change it records")
    func rollsBackWithTheChange() throws {
        struct Refused: Error {}
        let store = try makeAuditStore()
        try appendSampleEntries(store, count: 2)
        #expect(throws: Refused.self) {
            try store.write { connection in
                try AuditLog.append(
                    connection, actor: "li.lei", action: "step.approved", subject: nil, payload: [:],
                    at: "2026-03-01T09:30:00Z")
                throw Refused()
            }
        }
        #expect(try verifyAudit(store).anchor?.seq == 2)
        let next = try appendSampleEntries(store, count: 1, firstIndex: 3)
        #expect(next[0].seq == 3)
    }

    @Test("a malformed time is refused by the schema")
    func malformedTime() throws {
        let store = try makeAuditStore()
        #expect(throws: StoreError.self) {
            try store.write {
                try AuditLog.append($0, actor: "li.lei", action: "x", subject: nil, payload: [:], at: "yesterday")
            }
        }
        #expect(Clock.timestamp(Date(timeIntervalSince1970: 1_772_357_400)) == "2026-03-01T09:30:00Z")
        _ = try store.write {
            try AuditLog.append(
                $0, actor: "li.lei", action: "x", subject: nil, payload: [:], at: Clock.system.timestamp())
        }
    }

    @Test("an anchor is saved and loaded as small JSON; bad files are refused")
    func anchorFile() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("audit.anchor").path
        let anchor = AuditAnchor(seq: 42, hash: String(repeating: "ab", count: 32))
        try anchor.save(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"hash":"\#(anchor.hash)","seq":42}"# + "\n")
        #expect(try AuditAnchor.load(from: path) == anchor)

        let bad: [String: String] = [
            "missing": "",
            "not-json": "hello",
            "zero-seq": #"{"hash":"\#(anchor.hash)","seq":0}"#,
            "upper-hash": #"{"hash":"\#(anchor.hash.uppercased())","seq":1}"#,
            "short-hash": #"{"hash":"abc","seq":1}"#,
        ]
        for (name, text) in bad {
            let badPath = folder.appendingPathComponent(name).path
            if name != "missing" { try text.write(toFile: badPath, atomically: true, encoding: .utf8) }
            #expect(throws: AuditError.self, "\(name)") { try AuditAnchor.load(from: badPath) }
        }
    }

    @Test("a verified head used as anchor keeps verifying as the log grows")
    func anchorOnGrowingLog() throws {
        let store = try makeAuditStore()
        try appendSampleEntries(store, count: 5)
        let anchor = try #require(try verifyAudit(store).anchor)
        try appendSampleEntries(store, count: 5, firstIndex: 6)
        #expect(try verifyAudit(store, anchor: anchor).isIntact)
        #expect(try verifyAudit(store, anchor: anchor) == verifyAudit(store))
    }
}

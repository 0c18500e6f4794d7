import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// The built `sales-approve`: what it says and exits when the command line or the store path is wrong.
@Suite("sales-approve, command-line errors")
struct ApproveCommandLineTests {
    private func trainingStore() throws -> String { try ApprovalFixture.trainingStore() }

    private func run(_ db: String, as user: String, _ arguments: [String]) throws -> ToolRun {
        try ApprovalFixture.run(db, as: user, arguments)
    }

    /// Whether standard error holds exactly one error line (a training store's own notice aside).
    private func isOneLine(_ text: String) -> Bool { errorLines(text).count == 1 }

    @Test("only init creates a store: every other subcommand on a missing file exits 66 in one line")
    func onlyInitCreates() throws {
        let folder = try temporaryDirectory()
        let db = folder.appendingPathComponent("typo.db").path
        let commands: [[String]] = [
            ["queue"], ["show", "X1"], ["approve", "X1"], ["reject", "X1", "--reason", "r"],
            ["delegate", "--to", "m1", "--until", "2099-12-31"], ["delegate", "--cancel"], ["policy", "show"],
            ["policy", "load", fixtureURL("demo-policy.toml").path],
            ["submit", "--amount", "10", "--category", "other", "--date", "2026-01-02", "--description", "x"],
            ["verify"],
        ]
        for command in commands {
            let refused = try run(db, as: "m1", command)
            #expect(refused.status == 66, "\(command): \(refused.status) \(refused.stderr)")
            #expect(isOneLine(refused.stderr), "\(command): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: db), "\(command) created \(db)")
        }
        // Plain init needs the account's signing key (docs/approve.md); a training store needs none.
        let initialised = try runTool("sales-approve", ["init", "--trust-env", "--db", db])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(FileManager.default.fileExists(atPath: db))
    }

    @Test("a negative --amount is refused as an amount, not read as an option; reject without --reason is one line")
    func arguments() throws {
        let db = try trainingStore()
        for amount in [["--amount", "-5"], ["--amount=-5"]] {
            let negative = try run(
                db, as: "rep1",
                ["submit"] + amount + ["--category", "other", "--date", "2026-01-02", "--description", "x"])
            #expect(negative.status == 65, "\(amount): \(negative.stderr)")
            #expect(
                errorLines(negative.stderr) == ["sales-approve: --amount must be more than 0 (got -5.00)"],
                "\(negative.stderr)")
        }
        let malformed = try run(
            db, as: "rep1",
            ["submit", "--amount", "12,0x0", "--category", "other", "--date", "2026-01-02", "--description", "x"])
        #expect(malformed.status == 64)
        #expect(isOneLine(malformed.stderr))

        let noReason = try run(db, as: "m1", ["reject", "X1"])
        #expect(noReason.status == 64)
        #expect(
            errorLines(noReason.stderr) == ["sales-approve: a rejection needs a reason (--reason TEXT)"],
            "\(noReason.stderr)")
    }

    @Test("verify --save-anchor that cannot write prints no OK; verify needs only read access")
    func verify() throws {
        let db = try trainingStore()
        let failed = try runTool(
            "sales-approve", ["verify", "--db", db, "--save-anchor", "/nonexistent/folder/head.json", "--lang", "en"])
        #expect(failed.status == 66, "\(failed.stderr)")
        #expect(failed.stdout.isEmpty, "\(failed.stdout)")
        #expect(isOneLine(failed.stderr))
        let anchor = try temporaryDirectory().appendingPathComponent("head.json").path
        let saved = try runTool("sales-approve", ["verify", "--db", db, "--save-anchor", anchor, "--lang", "en"])
        #expect(saved.status == 0)
        #expect(saved.stdout.hasPrefix("OK: ") && saved.stdout.contains("Saved the head to"))

        // A reader who may not write the store or its folder, and finds no write-ahead log files beside it
        // (the last writer removed them on closing).
        try Store.open(path: db).close()
        #expect(
            !FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm")
        )
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent().path
        let tool = productsDirectory().appendingPathComponent("sales-approve").path
        let process = Process()
        if geteuid() == 0 {
            // As root every file is writable: check as another account (nobody) instead.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                // Neither a read-only file (root writes anyway) nor another account is possible here.
                return
            }
            for path in [folder, db] + ["-wal", "-shm"].map({ db + $0 })
            where FileManager.default.fileExists(atPath: path) {
                try FileManager.default.setAttributes(
                    [.posixPermissions: path == folder ? 0o755 : 0o644], ofItemAtPath: path)
            }
            // The tool must be reachable by that account: every folder above it searchable.
            var above = URL(fileURLWithPath: tool).deletingLastPathComponent()
            var reachable = true
            while above.path != "/" {
                let mode =
                    (try? FileManager.default.attributesOfItem(atPath: above.path)[.posixPermissions] as? Int) ?? 0
                if mode & 0o001 == 0 { reachable = false }
                above.deleteLastPathComponent()
            }
            guard reachable else { return }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = [
                "--reuid=65534", "--regid=65534", "--clear-groups", tool, "verify", "--db", db, "--lang", "en",
            ]
        } else {
            for path in [db] + ["-wal", "-shm"].map({ db + $0 }) where FileManager.default.fileExists(atPath: path) {
                try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["verify", "--db", db, "--lang", "en"]
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stdout.hasPrefix("OK: "), "\(stdout) \(stderr)")
    }
}

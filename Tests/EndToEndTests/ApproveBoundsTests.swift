import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// The built `sales-approve` keeps amounts, dates and text within bounds at the door, and prints text
/// that reached the store some other way escaped.
@Suite("sales-approve, bounds at the door")
struct ApproveBoundsTests {
    private func trainingStore() throws -> String { try ApprovalFixture.trainingStore() }

    private func run(_ db: String, as user: String, _ arguments: [String]) throws -> ToolRun {
        try ApprovalFixture.run(db, as: user, arguments)
    }

    private func submit(
        _ db: String, amount: String = "100", date: String? = nil, description: String = "taxi"
    )
        throws -> ToolRun
    {
        try run(
            db, as: "rep1",
            [
                "submit", "--amount", amount, "--category", "other", "--date", date ?? day(-3), "--description",
                description,
            ])
    }

    /// Today (the tool's clock, the machine's time zone) moved by `offset` days, as `YYYY-MM-DD`.
    private func day(_ offset: Int) -> String {
        CivilDate(daysSinceUnixEpoch: Clock().today().daysSinceUnixEpoch + offset).iso
    }

    private func loadPolicy(_ db: String, _ text: String) throws -> ToolRun {
        let file = try temporaryDirectory().appendingPathComponent("policy.toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try run(db, as: "admin", ["policy", "load", file.path])
    }

    /// Whether standard error holds exactly one error line (a training store's own notice aside).
    private func isOneLine(_ text: String) -> Bool { errorLines(text).count == 1 }

    @Test("amounts: a hard ceiling per claim, a policy maximum, and budgets that add up without overflow")
    func amounts() throws {
        let db = try trainingStore()
        for amount in ["92233720368547758.07", "1000000000.01"] {
            let huge = try submit(db, amount: amount)
            #expect(huge.status == 65, "\(amount): \(huge.stderr)")
            #expect(huge.stderr.contains("--amount \(amount) is above the ceiling of 1000000000.00"), "\(huge.stderr)")
            #expect(isOneLine(huge.stderr))
        }
        #expect(try submit(db, amount: "1500").status == 0)

        let capped = try loadPolicy(
            db, ApprovalFixture.policy.replacingOccurrences(of: "[limits]\n", with: "[limits]\nmax_claim = 1000\n"))
        #expect(capped.status == 0, "\(capped.stderr)")
        let over = try submit(db, amount: "1000.01")
        #expect(over.status == 65)
        #expect(over.stderr.contains("above the policy's maximum of 1000.00") && over.stderr.contains("max_claim"))
        #expect(isOneLine(over.stderr))
        #expect(try submit(db, amount: "1000").status == 0)
        let tooHigh = try loadPolicy(
            db,
            ApprovalFixture.policy.replacingOccurrences(of: "[limits]\n", with: "[limits]\nmax_claim = 2000000000\n"))
        #expect(tooHigh.status == 65)
        #expect(tooHigh.stderr.contains("limits.max_claim"))

        // Imported claims meet the same bounds: above them they get no route and cannot be approved.
        let store = try Store.open(path: db)
        try ApprovalFixture.importClaim(
            store, number: "BIG", submitter: "rep1", amountCents: Int64.max, category: "travel")
        try ApprovalFixture.importClaim(store, number: "T1", submitter: "rep1", amountCents: 10_000)

        let queue = try run(db, as: "m1", ["queue", "--json"])
        #expect(queue.status == 0, "\(queue.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: queue.stdoutData) as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? String }.contains("T1"))
        #expect(!items.compactMap { $0["id"] as? String }.contains("BIG"))
        let big = try run(db, as: "m1", ["show", "BIG"])
        #expect(big.status == 0, "\(big.stderr)")
        #expect(big.stdout.contains("no complete route") && big.stdout.contains("above the ceiling"))
        let refused = try run(db, as: "m1", ["approve", "BIG"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("above the ceiling"))

        // Two approved claims (written as an old import or sqlite3 could) whose sum overflows 64 bits: the
        // budget they count in cannot be added up, so every command that needs it names the row instead of
        // showing a wrong "approved so far".
        try ApprovalFixture.importClaim(
            store, number: "H1", submitter: "rep2", amountCents: Int64.max - 10, category: "travel", status: "approved")
        try ApprovalFixture.importClaim(
            store, number: "H2", submitter: "rep2", amountCents: 1_000, category: "travel", status: "approved")
        let h1 = try #require(try store.read { try $0.scalar("SELECT id FROM expense WHERE expense_no = 'H1'")?.int64 })
        for arguments in [["queue"], ["show", "T1"], ["approve", "T1"]] {
            let named = try run(db, as: "m1", arguments)
            #expect(named.status == 65, "\(arguments): \(named.stderr)")
            #expect(
                named.stderr.contains("expense row \(h1) (H1) holds amount_cents \(Int64.max - 10), above the ceiling"),
                "\(named.stderr)")
            #expect(isOneLine(named.stderr) && !named.stderr.contains("overflow"), "\(named.stderr)")
            #expect(!named.stdout.contains("92233720368547"))
        }
        // Once the row is corrected, the budget adds up again and its stop holds.
        try store.write { try $0.execute("UPDATE expense SET amount_cents = 995000 WHERE expense_no = 'H1'") }
        store.close()
        let shown = try run(db, as: "m1", ["show", "T1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("budget stop"))
        let stopped = try run(db, as: "m1", ["approve", "T1"])
        #expect(stopped.status == 77, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("would overrun budget"))
    }

    @Test("a forged expense beyond the ceiling: sales-export and sales-approve name the row, never a figure")
    func forgedAmount() throws {
        let db = try trainingStore()
        let store = try Store.open(path: db)
        try ApprovalFixture.importClaim(store, number: "OK1", submitter: "rep1", amountCents: 50_000)
        try ApprovalFixture.importClaim(
            store, number: "OK2", submitter: "rep2", amountCents: 20_000, category: "travel", status: "approved")
        store.close()
        let export = ["--db", db, "--period", "2026", "--lang", "en", "--format", "json"]
        let before = try runTool("sales-export", export)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(try run(db, as: "m1", ["show", "OK1"]).status == 0)

        // A row written with sqlite3, as anyone who can write the file could: approved, 92 quadrillion yuan.
        let forged = try Store.open(path: db)
        try forged.write { c in
            try c.execute(
                """
                INSERT INTO expense (expense_no, submitted_by_id, spent_on, category, amount_cents, status)
                VALUES ('FORGED', (SELECT id FROM person WHERE login = 'rep2'), '2026-03-11', 'travel',
                        9223372036854775000, 'approved')
                """)
        }
        let id = try #require(try forged.read { try $0.scalar("SELECT max(id) FROM expense")?.int64 })
        forged.close()
        let row =
            "expense row \(id) (FORGED) holds amount_cents 9223372036854775000, above the ceiling of 1000000000.00"

        for format in ["json", "md"] {
            let summary = try runTool(
                "sales-export", ["--db", db, "--period", "2026", "--lang", "en", "--format", format])
            #expect(summary.status == 65, "\(format): \(summary.stderr)")
            #expect(summary.stderr.contains(row), "\(summary.stderr)")
            #expect(isOneLine(summary.stderr) && !summary.stderr.contains("overflow"), "\(summary.stderr)")
            #expect(summary.stdout.isEmpty)
        }
        // Another period does not add it up, so it is not refused.
        #expect(try runTool("sales-export", ["--db", db, "--period", "2025", "--lang", "en"]).status == 0)

        for arguments in [["queue"], ["show", "OK1"], ["approve", "OK1"]] {
            let named = try run(db, as: "m1", arguments)
            #expect(named.status == 65, "\(arguments): \(named.stderr)")
            #expect(named.stderr.contains(row), "\(named.stderr)")
            #expect(isOneLine(named.stderr), "\(named.stderr)")
        }
        // The forged claim itself is shown as stored (it is history, not under approval), amount and all.
        let shown = try run(db, as: "m1", ["show", "FORGED"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("not under approval") && shown.stdout.contains("92,233,720,368,547,750.00"))

        // Order lines are not bounded like claims; when their revenue cannot be added up in 64 bits, the
        // summary names the largest stored amount instead of calling the store damaged (exit 76).
        let lines = try Store.open(path: db)
        let lineID = try lines.write { c -> Int64 in
            try c.execute("DELETE FROM expense WHERE expense_no = 'FORGED'")
            try c.execute("INSERT INTO customer (code, name) VALUES ('C1', '客户一')")
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents) VALUES
                    ('SO-1', '2026-02-01', (SELECT id FROM customer WHERE code = 'C1'), 100000),
                    ('SO-F', '2026-02-02', (SELECT id FROM customer WHERE code = 'C1'), 9223372036854775000)
                """)
            return c.lastInsertRowID
        }
        lines.close()
        let overflow = try runTool("sales-export", export)
        #expect(overflow.status == 65, "\(overflow.stderr)")
        #expect(
            overflow.stderr.contains(
                "the largest stored amount is order_line row \(lineID) (SO-F): amount_cents 9223372036854775000"),
            "\(overflow.stderr)")
        #expect(isOneLine(overflow.stderr) && overflow.stdout.isEmpty, "\(overflow.stderr)")
    }

    @Test("dates: the spending date is not after today nor older than the policy's window")
    func dates() throws {
        let db = try trainingStore()
        for date in ["2030-01-01", "1900-01-01", day(1), day(-366)] {
            let refused = try submit(db, date: date)
            #expect(refused.status == 65, "\(date): \(refused.stderr)")
            #expect(refused.stderr.contains("--date \(date) is"), "\(refused.stderr)")
            #expect(isOneLine(refused.stderr))
        }
        #expect(try submit(db, date: day(0)).status == 0)
        #expect(try submit(db, date: day(-365)).status == 0)

        let narrow = try loadPolicy(
            db, ApprovalFixture.policy + "\nmax_claim_age_days = 30\n")
        #expect(narrow.status == 0, "\(narrow.stderr)")
        let old = try submit(db, date: day(-31))
        #expect(old.status == 65)
        #expect(old.stderr.contains("more than 30 days before today"))
        #expect(try submit(db, date: day(-30)).status == 0)
    }

    @Test("text: length limits and no control characters at input, named with the option and the position")
    func textAtInput() throws {
        let db = try trainingStore()
        let escape = try submit(db, description: "ok \u{1B}[32mAPPROVED")
        #expect(escape.status == 65)
        #expect(escape.stderr.contains("--description: control character \\u{1B} at position 4"), "\(escape.stderr)")
        #expect(!escape.stderr.contains("\u{1B}"))
        #expect(isOneLine(escape.stderr))
        for bad in ["a\nb", "a\tb", "a\u{7F}", "a\u{85}", "a\u{2028}", "abc\u{202E}", "\u{2066}x"] {
            let refused = try submit(db, description: bad)
            #expect(refused.status == 65, "\(bad.unicodeScalars.map(\.value)): \(refused.stderr)")
            #expect(isOneLine(refused.stderr))
        }
        let long = try submit(db, description: String(repeating: "说", count: 2_001))
        #expect(long.status == 65)
        #expect(long.stderr.contains("--description: 2001 characters is too long (at most 2000)"))
        #expect(try submit(db, description: String(repeating: "说", count: 2_000)).status == 0)

        let store = try Store.open(path: db)
        try ApprovalFixture.importClaim(store, number: "T1", submitter: "rep1", amountCents: 10_000)
        store.close()
        let comment = try run(db, as: "m1", ["approve", "T1", "--comment", "fine\u{1B}[2J"])
        #expect(comment.status == 65)
        #expect(comment.stderr.contains("--comment: control character \\u{1B} at position 5"))
        let reason = try run(db, as: "m1", ["reject", "T1", "--reason", "no\nreceipt"])
        #expect(reason.status == 65)
        #expect(reason.stderr.contains("--reason: control character \\n at position 3"))
        let longReason = try run(db, as: "m1", ["reject", "T1", "--reason", String(repeating: "x", count: 1_001)])
        #expect(longReason.status == 65)
        #expect(longReason.stderr.contains("--reason: 1001 characters is too long (at most 1000)"))

        for name in ["bad\\u0000name", "two\\nlines", "\\u001B[31mred"] {
            let policy = try loadPolicy(
                db,
                ApprovalFixture.policy.replacingOccurrences(of: "name = \"test policy\"", with: "name = \"\(name)\""))
            #expect(policy.status == 65, "\(name): \(policy.status) \(policy.stderr)")
            if !name.contains("u0000") {  // TOML itself may refuse a NUL; any other is refused by the name check
                #expect(policy.stderr.contains("`name`"), "\(policy.stderr)")
            }
            #expect(isOneLine(policy.stderr))
            #expect(!policy.stderr.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
        }
    }

    @Test("text already in the store is printed escaped by show and queue, so it cannot rewrite the screen")
    func textOnScreen() throws {
        let db = try trainingStore()
        let store = try Store.open(path: db)
        try ApprovalFixture.importClaim(store, number: "T1", submitter: "rep1", amountCents: 10_000)
        try ApprovalFixture.importClaim(store, number: "T2", submitter: "rep1", amountCents: 20_000)
        try store.write { c in
            try c.execute("UPDATE expense SET description = ? WHERE expense_no = 'T1'", [.text("taxi\n状态 已批准")])
            try c.execute(
                "UPDATE expense SET description = ? WHERE expense_no = 'T2'", [.text("\u{1B}[32mAPPROVED\u{202E}")])
            try c.execute("UPDATE person SET name = ? WHERE login = 'rep1'", [.text("张三\u{1B}[2J")])
        }
        store.close()
        for id in ["T1", "T2"] {
            let page = try run(db, as: "m1", ["show", id])
            #expect(page.status == 0, "\(page.stderr)")
            #expect(!page.stdout.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
            #expect(!page.stdout.contains("\n状态"))
        }
        let t1 = try run(db, as: "m1", ["show", "T1"]).stdout
        #expect(t1.contains("taxi\\n状态 已批准"))
        #expect(t1.contains("rep1 张三\\u{1B}[2J"))
        #expect(try run(db, as: "m1", ["show", "T2"]).stdout.contains("\\u{1B}[32mAPPROVED\\u{202E}"))
        let queue = try run(db, as: "m1", ["queue"])
        #expect(queue.status == 0)
        #expect(queue.stdout.contains("张三\\u{1"))
        #expect(!queue.stdout.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
        let approved = try run(db, as: "m1", ["approve", "T1"])
        #expect(approved.status == 0, "\(approved.stderr)")
        let decided = try run(db, as: "rm", ["show", "T1"])
        #expect(!decided.stdout.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
    }
}

/// The lines of standard error other than a training store's notice (`training/demo store …`).
func errorLines(_ stderr: String) -> [String] {
    stderr.split(separator: "\n").map(String.init).filter { !$0.contains("training/demo store") }
}

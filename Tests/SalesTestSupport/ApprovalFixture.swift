import Foundation
import SalesCore

/// A small department for approval tests, with a policy and budgets whose answers can be checked by hand.
///
/// ```
/// boss 老板 (manager, 1,000,000)
/// ├── rm 区域经理 (manager, 30,000) ─┬ m1 一组经理 (manager, 5,000) ── rep1, rep2 (region East, team East-1)
/// │                                 └ m2 二组经理 (manager, no limit, nobody reports to them: a delegate)
/// ├── mkt 市场总监 (manager, 100,000)
/// ├── fin1, fin2 (finance), admin (admin)
/// └── gone (manager, 50,000, inactive)
/// ```
/// Policy: people's own limits; advertising above 20,000 also needs mkt; finance above 50,000 (role);
/// dual control above 100,000; split window 7 days; claims no budget covers: warn.
/// Budgets: region East travel 2026Q1 10,000 stop; company advertising 2026 200,000 warn;
/// team East-1 entertainment 2026-03 3,000 ignore.
public enum ApprovalFixture {
    public static let policy = """
        name = "test policy"
        [limits]
        use_person_limits = true
        [[category]]
        name = "advertising"
        above = 20000
        approver = "mkt"
        [finance]
        above = 50000
        role = "finance"
        [controls]
        dual_control_above = 100000
        split_window_days = 7
        budget_control_default = "warn"
        """

    /// The day the tests run on: 2026-03-15 12:00 UTC.
    public static let now = Date(timeIntervalSince1970: 1_773_576_000)

    /// Writes the people, region and budgets into `store` (no policy loaded, not initialised).
    public static func populate(_ store: Store) throws {
        try store.write { c in
            try c.execute(
                """
                INSERT INTO region (name) VALUES ('East'), ('West');
                INSERT INTO person (login, name, role, team, approval_limit_cents, active) VALUES
                    ('boss', '老板', 'manager', 'HQ', 100000000, 1),
                    ('rm', '区域经理', 'manager', 'East', 3000000, 1),
                    ('m1', '一组经理', 'manager', 'East-1', 500000, 1),
                    ('m2', '二组经理', 'manager', 'East-2', 0, 1),
                    ('rep1', '张三', 'rep', 'East-1', 0, 1),
                    ('rep2', '李四', 'rep', 'East-1', 0, 1),
                    ('mkt', '市场总监', 'manager', 'Marketing', 10000000, 1),
                    ('fin1', '财务一', 'finance', 'Finance', 0, 1),
                    ('fin2', '财务二', 'finance', 'Finance', 0, 1),
                    ('admin', '管理员', 'admin', 'Ops', 0, 1),
                    ('gone', '离职经理', 'manager', 'HQ', 5000000, 0);
                UPDATE person SET reports_to_id = (SELECT id FROM person WHERE login = 'boss')
                    WHERE login IN ('rm', 'mkt', 'fin1', 'fin2', 'admin', 'gone');
                UPDATE person SET reports_to_id = (SELECT id FROM person WHERE login = 'rm') WHERE login IN ('m1', 'm2');
                UPDATE person SET reports_to_id = (SELECT id FROM person WHERE login = 'm1') WHERE login IN ('rep1', 'rep2');
                UPDATE person SET region_id = (SELECT id FROM region WHERE name = 'East') WHERE login IN ('rep1', 'rep2', 'm1');
                INSERT INTO budget (scope, scope_key, category, period, amount_cents, control) VALUES
                    ('region', 'East', 'travel', '2026Q1', 1000000, 'stop'),
                    ('company', '', 'advertising', '2026', 20000000, 'warn'),
                    ('team', 'East-1', 'entertainment', '2026-03', 300000, 'ignore');
                """)
        }
    }

    /// Inserts an expense as an import would (status `submitted`, no route yet); returns nothing.
    public static func importClaim(
        _ store: Store, number: String, submitter: String, amountCents: Int64,
        category: String = "travel", spentOn: String = "2026-03-10",
        payee: String? = nil, status: String = "submitted"
    ) throws {
        try store.write { c in
            try c.execute(
                """
                INSERT INTO expense (expense_no, submitted_by_id, payee_id, spent_on, category, amount_cents, status)
                VALUES (?, (SELECT id FROM person WHERE login = ?), (SELECT id FROM person WHERE login = ?), ?, ?, ?, ?)
                """,
                [
                    .text(number), .text(submitter), SQLValue(payee), .text(spentOn), .text(category),
                    .integer(amountCents), .text(status),
                ])
        }
    }

    /// A desk acting as `login` (the operating-system account), at ``now`` in UTC, signing with the key in
    /// `keyFile` when given.
    public static func desk(
        _ store: Store, as login: String, keyFile: SigningKeyFile? = nil, now: Date = now
    ) -> ApprovalDesk {
        ApprovalDesk(
            store: store, account: login, environment: [:], keyFile: keyFile,
            timeZone: TimeZone(identifier: "UTC")!, now: { now })
    }

    /// A new signing key in a fresh temporary config folder, and its public key.
    public static func keyFile() throws -> (file: SigningKeyFile, publicKey: PublicKeyText) {
        let account = SystemAccount(uid: 0, login: "test", home: try temporaryDirectory().path)
        let file = SigningKeyFile(account: account, environment: [:])
        return (file, try file.create())
    }

    /// A populated store with the policy loaded by `admin`.
    public static func makeStore(path: String? = nil) throws -> Store {
        let store = try path.map { try Store.open(path: $0) } ?? makeTempStore()
        try populate(store)
        _ = try desk(store, as: "admin").loadPolicy(text: policy, fileName: "test-policy.toml")
        return store
    }

    /// A populated store at a fresh path, initialised for training use (`$SALES_USER` honoured), for the
    /// end-to-end tests that run the built `sales-approve`.
    public static func trainingStore() throws -> String {
        let db = try temporaryDirectory().appendingPathComponent("sales.db").path
        let store = try makeStore(path: db)
        _ = try desk(store, as: "admin").initialise(trustEnvironment: true)
        store.close()
        return db
    }

    /// Runs the built `sales-approve` on `db` as `user` (through `$SALES_USER`), in English.
    public static func run(_ db: String, as user: String, _ arguments: [String]) throws -> ToolRun {
        try runTool("sales-approve", arguments + ["--db", db, "--lang", "en"], environment: ["SALES_USER": user])
    }
}

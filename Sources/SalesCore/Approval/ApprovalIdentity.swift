import Foundation

/// Who is acting: the operating-system account of the process (the passwd entry of its effective uid,
/// see ``SystemAccount``), matched to `person.login`.
///
/// `$SALES_USER` stands in for the account only in a store initialised for training or demo use
/// (`sales-approve init --trust-env`); in any other store setting it is refused, so nobody acts as
/// someone else by accident or on purpose. The mode is read from the hash-chained `store.initialised`
/// entry of the audit log, not from `store_meta`: editing that row changes nothing, and `verify` names
/// the disagreement. The file's permissions remain the security boundary.
public struct ApprovalIdentity: Sendable, Equatable {
    /// How a store takes identities, recorded by the audit log's `store.initialised` entry (and, for
    /// reading with `sqlite3`, in `store_meta` under ``metaKey``).
    public enum Mode: String, Sendable {
        /// The operating-system account; `$SALES_USER` is refused. The default.
        case operatingSystem = "os-account"
        /// `$SALES_USER` when set, else the account: for training and demo stores only.
        case trustEnvironment = "trust-env"
    }

    /// The `store_meta` key holding the ``Mode``.
    public static let metaKey = "approval_identity"
    /// The environment variable a training store honours.
    public static let environmentVariable = "SALES_USER"

    /// The acting login, as found in `person.login`.
    public var login: String
    /// The acting person's entry in the directory.
    public var person: PersonInfo
    /// The store's mode.
    public var mode: Mode
    /// Whether the login came from `$SALES_USER` rather than the account.
    public var fromEnvironment: Bool

    /// The audit action that records ``Mode``, with the payload `{"identity": mode}`.
    public static let initialisedAction = "store.initialised"

    /// The `store.initialised` entry of the audit log: the first one, as later ones cannot be written.
    public struct Initialisation: Sendable, Equatable {
        /// The entry's seq.
        public var seq: Int64
        /// The operating-system account that ran `init`.
        public var account: String
        /// The mode it recorded; an unreadable payload counts as ``Mode/operatingSystem``.
        public var mode: Mode
    }

    /// The store's `store.initialised` audit entry, or `nil` when it was never initialised.
    public static func initialisation(_ connection: Connection) throws -> Initialisation? {
        var found: Initialisation?
        try connection.forEachRow(
            "SELECT seq, actor, payload FROM audit_log WHERE action = ? ORDER BY seq LIMIT 1",
            [.text(initialisedAction)]
        ) { row in
            let payload = try row.text("payload") ?? ""
            let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
            let mode = (object?["identity"] as? String).flatMap(Mode.init(rawValue:)) ?? .operatingSystem
            found = Initialisation(seq: try row.int64("seq"), account: try row.text("actor") ?? "", mode: mode)
        }
        return found
    }

    /// The store's identity mode, from the audit log (``Mode/operatingSystem`` when it was never
    /// initialised). `store_meta` is not consulted: anyone who can write the file can edit it.
    public static func mode(_ connection: Connection) throws -> Mode {
        try initialisation(connection)?.mode ?? .operatingSystem
    }

    /// The `store_meta` copy of the mode as stored (any text), or `nil` when there is none.
    public static func metaValue(_ connection: Connection) throws -> String? {
        try connection.scalar("SELECT value FROM store_meta WHERE key = ?", [.text(metaKey)])?.text
    }

    /// Whether the store was initialised with `sales-approve init` (in either mode): by the audit log or
    /// by `store_meta`, so removing either does not allow a second `init`.
    public static func isInitialised(_ connection: Connection) throws -> Bool {
        try initialisation(connection) != nil || metaValue(connection) != nil
    }

    /// Where `store_meta` disagrees with the audit log about the mode, one line naming it; `nil` when
    /// they agree.
    public static func metaMismatch(_ connection: Connection) throws -> (seq: Int64, reason: String)? {
        let recorded = try initialisation(connection)
        let meta = try metaValue(connection)
        guard meta != recorded?.mode.rawValue else { return nil }
        let metaText = meta.map { "'\($0)'" } ?? "absent"
        guard let recorded else {
            return (
                0,
                "store_meta \(metaKey) is \(metaText) but the audit log has no \(initialisedAction) entry: "
                    + "store_meta was edited outside the tool; identities follow the log (os-account)"
            )
        }
        return (
            recorded.seq,
            "store_meta \(metaKey) is \(metaText) but the audit log's \(initialisedAction) entry \(recorded.seq) "
                + "records '\(recorded.mode.rawValue)': store_meta was edited outside the tool; identities follow "
                + "the log"
        )
    }

    /// The acting person for a process run by `account` with `environment`.
    /// - Throws: ``ApprovalError`` (`refused`) when `$SALES_USER` is set in a store that does not take
    ///   it, or the login is not an active person in the directory.
    public static func resolve(
        _ connection: Connection, account: String, environment: [String: String],
        directory: Directory
    ) throws -> ApprovalIdentity {
        let mode = try mode(connection)
        let variable = environment[environmentVariable].map(ValueParser.trimmed) ?? ""
        var login = account
        var fromEnvironment = false
        if !variable.isEmpty {
            guard mode == .trustEnvironment else {
                throw ApprovalError.refused(
                    "$\(environmentVariable) is set (\(variable)), but this store takes the acting person from the "
                        + "operating-system account (\(account)); only a store initialised for training or demo use "
                        + "(sales-approve init --trust-env) honours it. Unset \(environmentVariable) to act as \(account)."
                )
            }
            login = variable
            fromEnvironment = true
        }
        guard let person = directory.people[login] else {
            let source = fromEnvironment ? "$\(environmentVariable)" : "operating-system account"
            throw ApprovalError.refused(
                "\(login) (\(source)) is not in the people directory (person.login); "
                    + "ask an admin to import them")
        }
        guard person.active else {
            throw ApprovalError.refused("\(person.label) is marked inactive in the people directory")
        }
        return ApprovalIdentity(login: login, person: person, mode: mode, fromEnvironment: fromEnvironment)
    }
}

/// The people directory as routing and budgets need it: every `person` row, by login.
public struct Directory: Sendable {
    /// Each person, by login.
    public var people: [String: PersonInfo]
    /// Each person's team (`person.team`), by login, when recorded.
    public var team: [String: String]
    /// Each person's region name, by login, when recorded.
    public var region: [String: String]

    /// The directory from its parts.
    public init(people: [String: PersonInfo], team: [String: String] = [:], region: [String: String] = [:]) {
        self.people = people
        self.team = team
        self.region = region
    }

    /// Reads every person of the store.
    public static func load(_ connection: Connection) throws -> Directory {
        var directory = Directory(people: [:])
        try connection.forEachRow(
            """
            SELECT p.login, p.name, p.role, m.login AS reports_to, p.approval_limit_cents, p.active, p.team,
                   r.name AS region
            FROM person p LEFT JOIN person m ON m.id = p.reports_to_id LEFT JOIN region r ON r.id = p.region_id
            """
        ) { row in
            let login = try row.text("login") ?? ""
            directory.people[login] = try PersonInfo(
                login: login, name: row.text("name") ?? "", role: row.text("role") ?? "rep",
                reportsTo: row.text("reports_to"), approvalLimitCents: row.int64("approval_limit_cents"),
                active: row.int64("active") != 0)
            if let team = try row.text("team") { directory.team[login] = team }
            if let region = try row.text("region") { directory.region[login] = region }
        }
        return directory
    }

    /// `wang.fang (王芳)`, or the login itself for someone not in the directory.
    public func label(_ login: String) -> String { people[login]?.label ?? login }
}

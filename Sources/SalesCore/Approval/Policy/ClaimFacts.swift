/// What routing needs to know of a person: the `person` row, reduced.
public struct PersonInfo: Sendable, Hashable, Codable {
    /// The person's login (`person.login`), their key in the directory.
    public var login: String
    /// Their name, shown next to the login (`王芳`).
    public var name: String
    /// `rep`, `manager`, `finance`, `admin` or `analyst`.
    public var role: String
    /// The login of their manager, `nil` at the top.
    public var reportsTo: String?
    /// Up to which amount (inclusive, in cents) they approve on a manager chain; 0 when none is recorded.
    public var approvalLimitCents: Int64
    /// Whether they still work here; inactive people are skipped and their manager takes their place.
    public var active: Bool

    /// A person from their parts.
    public init(
        login: String, name: String, role: String = "manager", reportsTo: String? = nil,
        approvalLimitCents: Int64 = 0, active: Bool = true
    ) {
        self.login = login
        self.name = name
        self.role = role
        self.reportsTo = reportsTo
        self.approvalLimitCents = approvalLimitCents
        self.active = active
    }

    /// `wang.fang (王芳)`, or the login alone when the name is empty or the same.
    public var label: String { name.isEmpty || name == login ? login : "\(login) (\(name))" }
}

/// The facts of one expense claim that routing, separation of duties and split detection look at.
public struct ClaimFacts: Sendable, Hashable {
    /// The claim's number (`expense_no`); empty before one is given.
    public var id: String
    /// The login of the person who submitted it.
    public var submitter: String
    /// The login of the person paid, when it is someone other than the submitter; `nil` otherwise.
    public var payee: String?
    /// The amount in cents (fen).
    public var amountCents: Int64
    /// The expense category code (`advertising`, `travel`, …).
    public var category: String
    /// The day the money was spent (a contract's signing date, a price exception's date of request).
    public var date: CivilDate
    /// What the document is; ``DocumentKind/expense`` unless said otherwise.
    public var kind: DocumentKind = .expense
    /// A contract's or price exception's terms; `nil` on an expense claim.
    public var terms: DocumentTerms?

    /// A claim from its parts.
    public init(
        id: String = "", submitter: String, payee: String? = nil, amountCents: Int64, category: String,
        date: CivilDate
    ) {
        self.id = id
        self.submitter = submitter
        self.payee = payee
        self.amountCents = amountCents
        self.category = category
        self.date = date
    }

    /// The logins that may never approve this claim: the submitter and the payee.
    public var excluded: Set<String> {
        var s: Set<String> = [submitter]
        if let payee { s.insert(payee) }
        return s
    }
}

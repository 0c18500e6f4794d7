/// The words a reader sees for each enumeration code of ``Codes``: the one table reports label codes with.
///
/// The Chinese word is the first Chinese label the importer reads for the code (``EnumerationLabels``), so a
/// report says 线下, 直销, 电商 where the workbook said so; the English word is below. A value that is not a
/// code of its list (text written into the store by other means) is shown as stored.
public enum CodeLabels {
    /// The English words, per code list (keyed by the lists of ``Codes``).
    private static let english: [[String]: [String: String]] = [
        Codes.channel: [
            "ecommerce": "E-commerce", "social": "Social commerce", "offline": "Offline stores",
            "direct": "Direct sales", "distributor": "Distributors", "other": "Other",
        ],
        Codes.orderStatus: ["completed": "Completed", "cancelled": "Cancelled", "returned": "Returned"],
        Codes.role: [
            "rep": "Sales rep", "manager": "Manager", "finance": "Finance", "admin": "Administrator",
            "analyst": "Analyst",
        ],
        Codes.productTier: ["high": "High-end", "mid": "Mid-range", "low": "Low-end"],
        Codes.scope: ["rep": "Rep", "team": "Team", "region": "Region", "company": "Company"],
        Codes.stage: [
            "lead": "Lead", "qualified": "Qualified", "proposal": "Proposal", "negotiation": "Negotiation",
            "won": "Won", "lost": "Lost",
        ],
        Codes.expenseCategory: [
            "advertising": "Advertising", "travel": "Travel", "entertainment": "Entertainment",
            "training": "Training", "events": "Events", "other": "Other",
        ],
        Codes.expenseStatus: [
            "submitted": "Submitted", "approved": "Approved", "rejected": "Rejected", "paid": "Paid",
        ],
        Codes.budgetControl: ["stop": "Stop (blocks an overrun)", "warn": "Warn", "ignore": "Not controlled"],
        Codes.feedbackKind: ["survey": "Survey", "complaint": "Complaint"],
        Codes.documentKind: ["expense": "Expense claim", "contract": "Contract", "price": "Price exception"],
        Codes.complaintStatus: ["open": "Open", "resolved": "Resolved", "closed": "Closed"],
    ]

    /// The Chinese words that differ from the importer's first Chinese label (which is a keyword an admin
    /// types, not always the word a report prints).
    private static let chinese: [[String]: [String: String]] = [
        Codes.scope: ["rep": "个人", "company": "全公司"],
        Codes.budgetControl: ["stop": "禁止超支", "warn": "超支预警", "ignore": "不控制"],
        Codes.documentKind: ["expense": "报销单", "contract": "合同", "price": "特价申请"],
    ]

    /// The word for `code` of the list `codes` (one of ``Codes``) in `language`; `code` itself when it is not one
    /// of the list's codes.
    public static func label(_ code: String, in codes: [String], _ language: OutputLanguage) -> String {
        guard codes.contains(code) else { return code }
        switch language {
        case .zh:
            return chinese[codes]?[code] ?? EnumerationLabels.displayLabel(of: code, in: codes) ?? code
        case .en:
            return english[codes]?[code] ?? code
        }
    }
}

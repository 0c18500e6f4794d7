import Foundation

extension ApprovalPolicy {
    /// `[receipts]`: when a claim needs a receipt before it can be approved, and where attached files are kept.
    ///
    /// ```toml
    /// [receipts]
    /// required_above = 500       # approving a claim strictly above 500.00 needs a receipt attached
    /// folder = "receipts"        # attached files are copied here, beside the store
    /// ```
    public struct Receipts: Codable, Sendable, Equatable {
        /// `required_above` (optional amount): strictly above it, no step of a claim is approved until a
        /// receipt is attached (`sales-approve attach`).
        public var requiredAboveCents: Int64?
        /// `folder` (optional): a folder relative to the store's own folder (no `..`, not absolute) into which
        /// `attach` copies each file, named by its SHA-256. Without it only the file's name, size and SHA-256
        /// are recorded.
        public var folder: String?

        /// Receipts rules from their parts.
        public init(requiredAboveCents: Int64? = nil, folder: String? = nil) {
            self.requiredAboveCents = requiredAboveCents
            self.folder = folder
        }

        public init(from decoder: any Decoder) throws {
            let t = try PolicyTable(decoder)
            try t.refuseUnknown(["required_above", "folder"])
            requiredAboveCents = try t.amount("required_above")
            folder = try t.string("folder")
            if let folder, let problem = Self.folderProblem(folder) {
                throw PolicyError.invalidValue(key: t.path("folder"), value: "\"\(folder)\"", expected: problem)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: MovesKey.self)
            if let above = requiredAboveCents {
                if above % 100 == 0 {
                    try c.encode(above / 100, forKey: .requiredAbove)
                } else {
                    try c.encode(ImportValue.moneyText(cents: above), forKey: .requiredAbove)
                }
            }
            try c.encodeIfPresent(folder, forKey: .folder)
        }

        /// Why `folder` cannot be the receipts folder, or `nil`.
        static func folderProblem(_ folder: String) -> String? {
            let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
            if folder.isEmpty || folder.hasPrefix("/") || parts.contains("..") || parts.contains("")
                || ClaimBounds.textProblem(folder, option: "folder", maxLength: 200) != nil
            {
                return "a folder relative to the store's folder (no leading /, no .., no empty part, printable "
                    + "text of at most 200 characters)"
            }
            return nil
        }
    }

    /// `[reminders]`: when `sales-approve remind` lists a waiting step, and when it escalates one.
    ///
    /// ```toml
    /// [reminders]
    /// after_days = 3             # a step waiting more than 3 days is listed for its approver
    /// escalate_after_days = 4    # 4 days more (over 7 in all) and it escalates to the approver's manager
    /// ```
    public struct Reminders: Codable, Sendable, Equatable {
        /// `after_days` (required, 1–365): a step waiting strictly more whole days than this is listed.
        public var afterDays: Int
        /// `escalate_after_days` (optional, 1–365): a step waiting strictly more than `after_days` plus this
        /// many whole days escalates to the approver's manager; without it nothing escalates.
        public var escalateAfterDays: Int?

        /// Reminder rules from their parts.
        public init(afterDays: Int, escalateAfterDays: Int? = nil) {
            self.afterDays = afterDays
            self.escalateAfterDays = escalateAfterDays
        }

        public init(from decoder: any Decoder) throws {
            let t = try PolicyTable(decoder)
            try t.refuseUnknown(["after_days", "escalate_after_days"])
            guard let after = try Self.days(t, "after_days") else { throw PolicyError.missingKey(t.path("after_days")) }
            afterDays = after
            escalateAfterDays = try Self.days(t, "escalate_after_days")
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: MovesKey.self)
            try c.encode(afterDays, forKey: .afterDays)
            try c.encodeIfPresent(escalateAfterDays, forKey: .escalateAfterDays)
        }

        private static func days(_ t: PolicyTable, _ key: String) throws -> Int? {
            guard let days = try t.scalar(key) else { return nil }
            guard case .integer(let n) = days else {
                throw PolicyError.wrongType(key: t.path(key), value: days.text, expected: "a whole number of days")
            }
            guard (1...365).contains(n) else {
                throw PolicyError.invalidValue(
                    key: t.path(key), value: String(n), expected: "a number of days from 1 to 365")
            }
            return Int(n)
        }
    }

    enum MovesKey: String, CodingKey {
        case receipts, reminders
        case requiredAbove = "required_above"
        case folder
        case afterDays = "after_days"
        case escalateAfterDays = "escalate_after_days"
    }
}

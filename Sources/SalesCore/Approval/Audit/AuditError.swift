import Foundation

/// Why the audit log could not be written, or an anchor could not be read or saved.
///
/// A log that no longer verifies is not an error: ``AuditLog/verify(_:anchor:)`` returns
/// ``AuditVerification/broken(seq:reason:)``.
public enum AuditError: Error, LocalizedError, Equatable, Sendable {
    /// ``AuditLog/append(_:actor:action:subject:payload:at:)`` was called outside a transaction.
    case notInTransaction
    /// The last entry's hash is not 64 lowercase hex digits, so the chain cannot be continued.
    case corruptHead(seq: Int64)
    /// An anchor file could not be read or written, or does not hold an anchor.
    case anchorFile(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notInTransaction:
            "audit log: entries are appended inside the write transaction of the change they record"
        case .corruptHead(let seq):
            "audit log: entry \(seq) has a damaged hash, so no entry can follow it; run `verify`"
        case .anchorFile(let path, let reason):
            "audit anchor \(path): \(reason)"
        }
    }
}

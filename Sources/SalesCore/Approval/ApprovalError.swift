import Foundation

/// Why `sales-approve` refused or could not do what was asked, the signing key file's problems included.
/// Each case is one line for the user.
public struct ApprovalError: Error, LocalizedError, Sendable, Equatable {
    /// What kind of failure, for the exit status.
    public enum Kind: Sendable, Equatable {
        /// The request is not allowed for this person: separation of duties, not their step, a budget
        /// stop, an identity that is not accepted.
        case refused
        /// The claim was decided already (by someone else, possibly a moment ago).
        case alreadyDecided
        /// A claim, person, region or customer named in the request does not exist.
        case notFound
        /// A value in the request cannot be used (an amount, a date, a category, a policy).
        case invalid
        /// A file named in the request cannot be read.
        case cannotOpen
        /// A file the tool keeps (the signing key file or its folder) could not be read or written.
        case io
    }

    /// What kind of failure.
    public var kind: Kind
    /// The message, addressed to the person who ran the command.
    public var message: String

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var errorDescription: String? { message }

    static func refused(_ message: String) -> ApprovalError { ApprovalError(.refused, message) }
    static func notFound(_ message: String) -> ApprovalError { ApprovalError(.notFound, message) }
    static func invalid(_ message: String) -> ApprovalError { ApprovalError(.invalid, message) }
}

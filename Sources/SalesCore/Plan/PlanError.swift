import Foundation

/// Why `sales-plan` cannot do what it was asked.
public struct PlanError: LocalizedError, Sendable, Equatable {
    /// What kind of failure, for the exit code.
    public enum Kind: Sendable, Equatable {
        /// An argument's value is wrong (a horizon before the data, a total below zero).
        case usage
        /// The store or a file lacks what the command needs (no orders, too short a history, a bad row).
        case data
        /// A file named on the command line does not exist or cannot be read.
        case noInput
        /// An output file cannot be written.
        case io
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var errorDescription: String? { message }
}

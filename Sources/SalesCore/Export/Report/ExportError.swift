import Foundation

/// Why `sales-export` could not write what was asked: an unusable `--out`, or a failed write.
public struct ExportError: Error, LocalizedError, Equatable, Sendable {
    public let message: String
    /// A write failed at the operating-system level (exit 74) rather than a bad argument (exit 64).
    public let isIO: Bool

    public init(_ message: String, isIO: Bool) {
        self.message = message
        self.isIO = isIO
    }

    public var errorDescription: String? { message }
}

import Foundation

/// An error reading a CSV file: the file, the line and what is wrong, on one line.
///
/// ``errorDescription`` reads e.g. `orders.csv, line 12: a quoted field opened on this line is never closed`.
public struct CSVError: Error, LocalizedError, Sendable, Equatable {
    /// What went wrong, as a category callers can branch on.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be opened.
        case cannotOpen = "cannot-open"
        /// The operating system reported an error while reading.
        case readFailed = "read-failed"
        /// The system's `iconv` cannot convert the detected encoding.
        case encodingUnavailable = "encoding-unavailable"
        /// Bytes that are not valid in the detected encoding.
        case invalidEncoding = "invalid-encoding"
        /// A NUL character: the file is binary, not text.
        case binaryFile = "binary-file"
        /// A quoted field still open at the end of the file.
        case unterminatedQuote = "unterminated-quote"
        /// A field longer than Excel's cell limit of 32,767 characters.
        case fieldTooLong = "field-too-long"
        /// A record with more fields than Excel's 16,384 columns.
        case tooManyFields = "too-many-fields"
    }

    /// The category of the failure.
    public var kind: Kind
    /// The file, as the user named it.
    public var file: String
    /// The 1-based physical line (line breaks inside quoted fields count), when the error has one.
    public var line: Int?
    /// The byte offset in the file, for invalid bytes.
    public var byteOffset: Int64?
    /// What is wrong, and what to do about it.
    public var detail: String

    /// Creates an error.
    public init(kind: Kind, file: String, line: Int? = nil, byteOffset: Int64? = nil, detail: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.byteOffset = byteOffset
        self.detail = detail
    }

    public var errorDescription: String? {
        "\(file)\(line.map { ", line \($0)" } ?? ""): \(detail)"
    }
}

/// One record of a CSV file, its fields held as UTF-8.
///
/// A blank line is a record with no fields (``count`` 0), so callers can skip it while row numbers stay right.
public struct CSVRow: Sendable {
    /// The 1-based record number, blank lines included: the row number Excel shows for the file.
    public let number: Int
    /// Every field's bytes, one after another.
    let bytes: [UInt8]
    /// Where each field ends in ``bytes``.
    let ends: [Int]

    /// The number of fields; an empty trailing field counts (`a,b,` has 3); 0 for a blank line.
    public var count: Int { ends.count }

    /// Whether the record is a blank line.
    public var isBlank: Bool { ends.isEmpty }

    /// The field at `index` as a string; empty past the last field.
    public func field(at index: Int) -> String {
        withFieldBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every field as a string.
    public var fields: [String] { (0..<count).map(field(at:)) }

    /// Calls `body` with the UTF-8 bytes of the field at `index` (empty past the last field), creating no string.
    ///
    /// The buffer is valid only during the call.
    public func withFieldBytes<Result>(
        at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    )
        rethrows -> Result
    {
        precondition(index >= 0, "negative field index \(index)")
        guard index < ends.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let start = index == 0 ? 0 : ends[index - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }
}

/// What a pass of ``CSVReader/readRows(maxRow:_:)`` read.
public struct CSVSummary: Sendable, Equatable {
    /// The records passed to the caller, blank lines included.
    public var rows: Int
    /// The file's encoding.
    public var encoding: CSVEncoding
    /// The field delimiter used.
    public var delimiter: UInt8
    /// Whether the whole file was read (false when reading stopped at `maxRow`).
    public var complete: Bool
}

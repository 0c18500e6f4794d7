/// An A1-style cell reference: column letters and a row number, within Excel's grid (A1…XFD1048576).
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let maxColumn = 16_384
    public static let maxRow = 1_048_576

    /// 1-based column (A = 1).
    public var column: Int
    /// 1-based row.
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses `B7`, `xfd1048576` or `$C$3`; nil for anything outside the grid or not a reference.
    public init?(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.removeAll { $0 == UInt8(ascii: "$") }
        guard let parsed = bytes.withUnsafeBufferPointer({ CellReference.parse($0) }),
            let row = parsed.row
        else { return nil }
        self.init(column: parsed.column, row: row)
    }

    /// Parses the bytes of a reference; the row may be absent (a column-only reference).
    /// Returns nil for garbage or coordinates outside the grid.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int?)? {
        var i = 0
        var column = 0
        while i < bytes.count {
            var b = bytes[i]
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            guard b >= 0x41 && b <= 0x5A else { break }
            column = column * 26 + Int(b - 0x40)
            if column > maxColumn { return nil }
            i += 1
        }
        guard column > 0, i <= 3 else { return nil }
        if i == bytes.count { return (column, nil) }
        var row = 0
        guard bytes[i] != 0x30 else { return nil }  // no leading zero
        while i < bytes.count {
            let b = bytes[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            row = row * 10 + Int(b - 0x30)
            if row > maxRow { return nil }
            i += 1
        }
        return row > 0 ? (column, row) : nil
    }

    /// Column letters for a 1-based column number (1 → A, 28 → AB).
    public static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(0x41 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    public var description: String { CellReference.columnName(column) + String(row) }

    public static func < (a: CellReference, b: CellReference) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

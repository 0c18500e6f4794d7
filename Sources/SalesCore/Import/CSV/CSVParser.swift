/// The RFC 4180 state machine: turns UTF-8 text, fed in chunks, into records.
///
/// Deviations, as Excel reads CSV: a quote inside an unquoted field is kept literally (`5" pipe`), and text after a
/// closing quote joins the field (`"ab"c` is `abc`). Line breaks may be CRLF, LF or CR, also inside quoted fields,
/// where they are kept as written.
struct CSVParser {
    /// Excel's limit on the characters (UTF-16 code units) in a cell.
    static let maxFieldLength = 32_767
    /// Excel's limit on the columns of a sheet.
    static let maxFields = 16_384

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private enum State {
        /// Nothing of the current record read yet.
        case recordStart
        /// Just after a delimiter.
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// A quote inside a quoted field: the field's end, or the first of a doubled quote.
        case quoteInQuoted
    }

    /// The file's name, for errors.
    let file: String
    /// The field separator.
    let delimiter: UInt8
    /// The number of records emitted so far.
    private(set) var rowNumber = 0
    /// The physical line of the next byte.
    private(set) var line = 1

    private var state = State.recordStart
    /// The current record's fields, one after another.
    private var bytes: [UInt8] = []
    /// Where each finished field of the current record ends in `bytes`.
    private var ends: [Int] = []
    /// Where the current field starts in `bytes`.
    private var fieldStart = 0
    /// The line where the current field starts.
    private var fieldLine = 1
    /// The previous byte was a CR, so an LF now belongs to the same line break.
    private var afterCR = false

    /// Creates a parser for one pass over a file.
    init(file: String, delimiter: UInt8) {
        self.file = file
        self.delimiter = delimiter
    }

    /// Parses `input`, passing each complete record to `emit`; returns false as soon as `emit` does.
    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, emit: (CSVRow) throws -> Bool) throws -> Bool {
        let n = input.count
        var i = 0
        while i < n {
            let byte = input[i]
            if afterCR {
                afterCR = false
                if byte == Self.lf {  // the LF of a CRLF: the line was already counted
                    if state == .quoted { try append(byte) }
                    i += 1
                    continue
                }
            }
            switch state {
            case .quoted:
                var j = i
                while j < n {
                    let c = input[j]
                    if c == Self.quote || c == Self.cr || c == Self.lf || c == 0 { break }
                    j += 1
                }
                try append(UnsafeBufferPointer(rebasing: input[i..<j]))
                i = j
                guard j < n else { continue }
                i += 1
                switch input[j] {
                case Self.quote:
                    state = .quoteInQuoted
                case 0:
                    throw binaryFile()
                case let c:  // a line break inside the field
                    try append(c)
                    line += 1
                    afterCR = c == Self.cr
                }
            case .quoteInQuoted:
                if byte == Self.quote {  // a doubled quote
                    try append(byte)
                    state = .quoted
                    i += 1
                } else {
                    state = .unquoted  // the field's end; read this byte as unquoted text
                }
            case .recordStart, .fieldStart, .unquoted:
                if state != .unquoted {
                    fieldLine = line
                    if byte == Self.quote {
                        state = .quoted
                        i += 1
                        continue
                    }
                }
                var j = i
                while j < n {
                    let c = input[j]
                    if c == delimiter || c == Self.cr || c == Self.lf || c == 0 { break }
                    j += 1
                }
                if j > i {
                    try append(UnsafeBufferPointer(rebasing: input[i..<j]))
                    state = .unquoted
                    i = j
                    guard j < n else { continue }
                }
                let c = input[i]
                i += 1
                if c == delimiter {
                    try endField()
                    state = .fieldStart
                } else if c == 0 {
                    throw binaryFile()
                } else {
                    if state != .recordStart { try endField() }
                    line += 1
                    afterCR = c == Self.cr
                    state = .recordStart
                    guard try emitRecord(emit) else { return false }
                }
            }
        }
        return true
    }

    /// Ends the input: emits a last record not followed by a line break; fails on a quote still open.
    mutating func finish(emit: (CSVRow) throws -> Bool) throws -> Bool {
        switch state {
        case .recordStart:
            return true
        case .quoted:
            throw CSVError(
                kind: .unterminatedQuote, file: file, line: fieldLine,
                detail: "a quoted field opened on this line is never closed; add the missing \"")
        case .fieldStart, .unquoted, .quoteInQuoted:
            try endField()
            state = .recordStart
            return try emitRecord(emit)
        }
    }

    /// Chooses the delimiter from the first line, outside quotes: the most frequent of `,` `;` tab, comma on a tie or none.
    static func sniffDelimiter(_ text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts = [0, 0, 0]
        var inQuotes = false
        for byte in text {
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == cr || byte == lf { break }
                if let k = candidates.firstIndex(of: byte) { counts[k] += 1 }
            }
        }
        var best = 0
        for k in 1..<candidates.count where counts[k] > counts[best] { best = k }
        return candidates[best]
    }

    // MARK: - Building records

    private mutating func append(_ byte: UInt8) throws {
        bytes.append(byte)
        try checkGrowth()
    }

    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) throws {
        bytes.append(contentsOf: run)
        try checkGrowth()
    }

    /// Stops a runaway field (say, after a stray quote) before it holds more bytes than any legal field can.
    private func checkGrowth() throws {
        if bytes.count - fieldStart > 4 * Self.maxFieldLength { throw fieldTooLong() }
    }

    private mutating func endField() throws {
        let end = bytes.count
        if end - fieldStart > Self.maxFieldLength {
            var units = 0  // UTF-16 code units, as Excel counts: one per character, two from U+10000 on
            for byte in bytes[fieldStart..<end] where byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
            if units > Self.maxFieldLength { throw fieldTooLong() }
        }
        guard ends.count < Self.maxFields else {
            throw CSVError(
                kind: .tooManyFields, file: file, line: fieldLine,
                detail: "a record has more than \(Self.maxFields) fields (Excel's column limit)")
        }
        ends.append(end)
        fieldStart = end
    }

    private mutating func emitRecord(_ emit: (CSVRow) throws -> Bool) throws -> Bool {
        rowNumber += 1
        let more = try emit(CSVRow(number: rowNumber, bytes: bytes, ends: ends))
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        fieldStart = 0
        return more
    }

    private func fieldTooLong() -> CSVError {
        CSVError(
            kind: .fieldTooLong, file: file, line: fieldLine,
            detail: "a field starting on this line is longer than \(Self.maxFieldLength) characters"
                + " (Excel's cell limit); check for a quote that is never closed")
    }

    private func binaryFile() -> CSVError {
        CSVError(
            kind: .binaryFile, file: file, line: line,
            detail: "contains a NUL character; this is a binary file, not CSV text")
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a CSV file as records, streaming: memory stays flat whatever the file's size.
///
/// The importer treats a CSV file as a workbook with one sheet, named ``sheetName``. ``init(path:displayName:)``
/// reads the first 64 KiB to detect the ``encoding`` and the ``delimiter``; each ``readRows(maxRow:_:)`` reads the
/// file from the start in 256 KiB chunks.
///
/// Fields follow RFC 4180 as Excel reads it: quoted fields may hold delimiters, doubled quotes
/// and line breaks; a stray quote inside an unquoted field is kept literally rather than rejected.
///
/// ```swift
/// let reader = try CSVReader(path: "orders.csv")
/// let summary = try reader.readRows { row in
///     guard !row.isBlank else { return }
///     print(row.number, row.field(at: 0))
/// }
/// ```
public final class CSVReader {
    /// The file's path.
    public let path: String
    /// The file's name in errors (the path as the user typed it).
    public let displayName: String
    /// The encoding detected from the file's first bytes.
    public let encoding: CSVEncoding
    /// The field separator: sniffed from the first line, and settable before reading.
    public var delimiter: UInt8

    /// How many bytes each read takes.
    let chunkSize: Int

    /// The bytes read by the default initialiser each time.
    static let defaultChunkSize = 256 * 1024
    /// The bytes examined to detect the encoding and the delimiter.
    static let sampleSize = 64 * 1024

    /// Opens a CSV file and detects its encoding and delimiter.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayName: the name to use in errors; the path by default.
    /// - Throws: ``CSVError`` if the file cannot be read.
    public convenience init(path: String, displayName: String? = nil) throws {
        try self.init(path: path, displayName: displayName, chunkSize: Self.defaultChunkSize)
    }

    /// Opens a CSV file that will be read `chunkSize` bytes at a time (small sizes test chunk boundaries).
    init(path: String, displayName: String?, chunkSize: Int) throws {
        precondition(chunkSize > 0, "chunk size must be positive")
        let name = displayName ?? path
        self.path = path
        self.displayName = name
        self.chunkSize = chunkSize

        var sample = [UInt8](repeating: 0, count: Self.sampleSize)
        let file = try Self.openFile(path, name: name)
        defer { close(file) }
        let count = try sample.withUnsafeMutableBufferPointer {
            try Self.readChunk(file, into: $0, name: name)
        }
        sample.removeLast(sample.count - count)
        let encoding = CSVEncoding.detect(sample)
        self.encoding = encoding

        var text: [UInt8] = []
        if var decoder = makeCSVDecoder(for: encoding) {
            sample.withUnsafeBufferPointer {
                _ = decoder.decode(
                    UnsafeBufferPointer(rebasing: $0[encoding.bomLength...]), isFinal: false, into: &text)
            }
        }
        delimiter = text.withUnsafeBufferPointer(CSVParser.sniffDelimiter)
    }

    /// The sheet name the importer gives the file: its name without folder or extension.
    public var sheetName: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Whether a path names a file to read as CSV, by its extension: `.csv`, `.tsv` or `.txt`, in any case.
    public static func looksLikeCSV(path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ["csv", "tsv", "txt"].contains(path[path.index(after: dot)...].lowercased())
    }

    /// Reads the file from the start, passing each record to `body`, blank lines included (with no fields).
    /// - Parameters:
    ///   - maxRow: stop after the record with this number.
    ///   - body: receives each record; the row's storage is reused once it returns, unless `body` kept it.
    /// - Returns: how many records were read, and whether that was the whole file.
    /// - Throws: ``CSVError`` for an unreadable file, invalid bytes, a binary file, a quote never closed, or a
    ///   field or record past Excel's limits; whatever `body` throws.
    public func readRows(maxRow: Int? = nil, _ body: (CSVRow) throws -> Void) throws -> CSVSummary {
        if let maxRow, maxRow <= 0 {
            return CSVSummary(rows: 0, encoding: encoding, delimiter: delimiter, complete: false)
        }
        guard var decoder = makeCSVDecoder(for: encoding) else {
            throw CSVError(
                kind: .encodingUnavailable, file: displayName,
                detail: "this system's iconv cannot convert \(encoding.displayName); save the file as UTF-8 CSV")
        }
        let file = try Self.openFile(path, name: displayName)
        defer { close(file) }
        var offset = Int64(encoding.bomLength)  // the file offset of raw[0]
        guard lseek(file, off_t(offset), SEEK_SET) == offset else { throw readError() }

        let raw = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize + 8)
        defer { raw.deallocate() }
        var text: [UInt8] = []
        text.reserveCapacity(chunkSize * 3 / 2 + 16)
        var parser = CSVParser(file: displayName, delimiter: delimiter)
        func emit(_ row: CSVRow) throws -> Bool {
            try body(row)
            return maxRow.map { row.number < $0 } ?? true
        }

        var carried = 0  // bytes of a cut-off character, moved to the start of raw
        while true {
            let space = UnsafeMutableBufferPointer(rebasing: raw[carried..<carried + chunkSize])
            let count = try Self.readChunk(file, into: space, name: displayName)
            let isFinal = count < chunkSize
            let available = carried + count
            text.removeAll(keepingCapacity: true)
            let result = decoder.decode(UnsafeBufferPointer(rebasing: raw[..<available]), isFinal: isFinal, into: &text)
            let more = try text.withUnsafeBufferPointer { try parser.feed($0, emit: emit) }
            guard more else {
                return CSVSummary(rows: parser.rowNumber, encoding: encoding, delimiter: delimiter, complete: false)
            }
            if let invalid = result.invalidOffset.map({ offset + Int64($0) }) {
                throw CSVError(
                    kind: .invalidEncoding, file: displayName, line: parser.line, byteOffset: invalid,
                    detail: "bytes that are not valid \(encoding.displayName) at byte offset \(invalid)"
                        + "; save the file as UTF-8 CSV")
            }
            if isFinal {
                let more = try parser.finish(emit: emit)
                return CSVSummary(rows: parser.rowNumber, encoding: encoding, delimiter: delimiter, complete: more)
            }
            carried = available - result.consumed
            assert(carried <= 8, "a decoder left more than one character")
            if carried > 0 {
                UnsafeMutableRawPointer(raw.baseAddress!)
                    .copyMemory(from: raw.baseAddress! + result.consumed, byteCount: carried)
            }
            offset += Int64(result.consumed)
        }
    }

    // MARK: - File access

    private static func openFile(_ path: String, name: String) throws -> Int32 {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else {
            throw CSVError(kind: .cannotOpen, file: name, detail: "cannot open: \(String(cString: strerror(errno)))")
        }
        return file
    }

    /// Fills `buffer` from the file, short only at the end of the file.
    private static func readChunk(
        _ file: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, name: String
    ) throws -> Int {
        var total = 0
        while total < buffer.count {
            let count = read(file, buffer.baseAddress! + total, buffer.count - total)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CSVError(
                    kind: .readFailed, file: name, detail: "cannot read: \(String(cString: strerror(errno)))")
            }
            total += count
        }
        return total
    }

    private func readError() -> CSVError {
        CSVError(kind: .readFailed, file: displayName, detail: "cannot read: \(String(cString: strerror(errno)))")
    }
}

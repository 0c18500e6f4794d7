/// The shared-string table: every string's UTF-8 bytes in one buffer, with an offsets array.
///
/// Rich-text runs are joined, phonetic runs (`rPh`) left out, `_xHHHH_` escapes decoded.
/// One allocation for all text keeps memory close to the text's own size.
final class SharedStrings {
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>
    private(set) var used = 0
    /// `offsets[i]..<offsets[i + 1]` are the bytes of string `i`.
    private(set) var offsets: [Int] = [0]

    var count: Int { offsets.count - 1 }

    init(capacity: Int) {
        bytes = .allocate(capacity: max(capacity, 256))
    }

    deinit { bytes.deallocate() }

    @inline(__always)
    func string(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = offsets[index]
        let end = offsets[index + 1]
        return UnsafeBufferPointer(start: bytes.baseAddress! + start, count: end - start)
    }

    func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        reserve(chunk.count)
        _ = UnsafeMutableBufferPointer(rebasing: bytes[used...]).initialize(from: chunk)
        used += chunk.count
    }

    /// Bytes appended since the last `finishString`.
    var pendingCount: Int { used - offsets[offsets.count - 1] }

    /// Ends the current string: decodes escapes in place and records its end.
    func finishString() {
        let start = offsets[offsets.count - 1]
        let region = UnsafeMutableBufferPointer(rebasing: bytes[start..<used])
        used = start + TextDecoding.decodeEscapes(region, count: region.count)
        offsets.append(used)
    }

    private func reserve(_ extra: Int) {
        guard used + extra > bytes.count else { return }
        var capacity = bytes.count * 2
        while capacity < used + extra { capacity *= 2 }
        let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        _ = grown.initialize(from: bytes[..<used])
        bytes.deallocate()
        bytes = grown
    }
}

/// Parses `sharedStrings.xml` into a ``SharedStrings`` table.
final class SharedStringsHandler: XMLEventHandler {
    let table: SharedStrings
    private let limits: XLSXLimits
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    init(limits: XLSXLimits, sizeHint: UInt64) {
        self.limits = limits
        // Text is usually about half of the part's XML.
        table = SharedStrings(capacity: Int(min(sizeHint / 2, UInt64(limits.maxSharedStringBytes))))
    }

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) throws {
        switch name[0] {
        case UInt8(ascii: "s") where nameEquals(name, "si"):
            guard table.count < limits.maxSharedStrings else {
                throw XLSXError(.limitExceeded, "more than \(limits.maxSharedStrings) shared strings")
            }
            inItem = true
        case UInt8(ascii: "t") where nameEquals(name, "t"):
            inText = inItem && phoneticDepth == 0
        case UInt8(ascii: "r") where nameEquals(name, "rPh"):
            phoneticDepth += 1
        default:
            break
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>) throws {
        switch name[0] {
        case UInt8(ascii: "s") where nameEquals(name, "si"):
            let raw = table.pendingCount
            table.finishString()
            inItem = false
            if raw > limits.maxCellCharacters {
                let s = table.string(at: table.count - 1)
                let length = TextDecoding.utf16Length(s)
                if length > limits.maxCellCharacters {
                    throw XLSXError(
                        .invalidCell,
                        "shared string \(table.count - 1) holds \(length) characters "
                            + "(limit \(limits.maxCellCharacters))")
                }
            }
        case UInt8(ascii: "t") where nameEquals(name, "t"):
            inText = false
        case UInt8(ascii: "r") where nameEquals(name, "rPh"):
            phoneticDepth -= 1
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard inText else { return }
        // Escapes take at most 7 bytes per character: anything longer is over the limit for sure.
        if table.pendingCount + bytes.count > limits.maxCellCharacters * 7 {
            throw XLSXError(
                .invalidCell, "shared string \(table.count) is longer than \(limits.maxCellCharacters) characters")
        }
        if table.used + bytes.count > limits.maxSharedStringBytes {
            throw XLSXError(.limitExceeded, "shared strings exceed \(limits.maxSharedStringBytes) bytes")
        }
        table.append(bytes)
    }
}

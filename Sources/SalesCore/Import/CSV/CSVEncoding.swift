/// The text encoding of a CSV file, detected from its first bytes.
///
/// Excel writes "CSV UTF-8" with a byte-order mark, "Unicode text" as UTF-16 LE with one, and plain "CSV"
/// on Chinese Windows in the ANSI code page (GBK, which GB18030 contains).
public enum CSVEncoding: String, Sendable, Equatable, CaseIterable {
    /// UTF-8 without a byte-order mark.
    case utf8
    /// UTF-8 after a byte-order mark (EF BB BF).
    case utf8BOM = "utf-8-bom"
    /// UTF-16 little-endian after a byte-order mark (FF FE).
    case utf16LE = "utf-16le"
    /// UTF-16 big-endian after a byte-order mark (FE FF).
    case utf16BE = "utf-16be"
    /// GB18030, a superset of GBK and GB2312: anything that is not valid UTF-8 and has no byte-order mark.
    case gb18030

    /// How many bytes of byte-order mark start a file in this encoding.
    public var bomLength: Int {
        switch self {
        case .utf8BOM: return 3
        case .utf16LE, .utf16BE: return 2
        case .utf8, .gb18030: return 0
        }
    }

    /// The encoding's usual name, for messages.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf8BOM: return "UTF-8 (with BOM)"
        case .utf16LE: return "UTF-16 LE"
        case .utf16BE: return "UTF-16 BE"
        case .gb18030: return "GB18030"
        }
    }

    /// Detects the encoding of a file from its first bytes.
    ///
    /// A byte-order mark decides; otherwise the sample is UTF-8 if it is valid UTF-8, allowing a character
    /// cut off at the sample's end, and GB18030 if it is not.
    /// - Parameter sample: the file's first bytes (the reader uses 64 KiB).
    public static func detect(_ sample: [UInt8]) -> CSVEncoding {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
        if sample.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if sample.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        let check = sample.withUnsafeBufferPointer(UTF8Validation.check)
        return check.valid == sample.count || check.tailIsIncomplete ? .utf8 : .gb18030
    }
}

/// UTF-8 well-formedness, as in Table 3-7 of the Unicode Standard (no overlongs, surrogates or values past U+10FFFF).
enum UTF8Validation {
    /// How many leading bytes form complete, valid characters, and whether the rest is only a character cut off at the end.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> (valid: Int, tailIsIncomplete: Bool) {
        let n = bytes.count
        var i = 0
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xED:
                length = 3
                high = 0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF4:
                length = 4
                high = 0x8F
            case 0xF1...0xF3: length = 4
            default: return (i, false)
            }
            for k in 1..<length {
                guard i + k < n else { return (i, true) }
                let byte = bytes[i + k]
                let (min, max) = k == 1 ? (low, high) : (0x80, 0xBF)
                guard byte >= min && byte <= max else { return (i, false) }
            }
            i += length
        }
        return (n, false)
    }
}

/// Decoding of the text escapes OOXML uses for characters XML cannot carry.
enum TextDecoding {
    /// Decodes `_xHHHH_` escapes (ECMA-376 Part 1, §22.4.2.4) in place; returns the new length.
    ///
    /// `_x005F_` stands for a literal underscore, so `_x005F_x0041_` reads as `_x0041_`.
    /// A UTF-16 surrogate pair written as two escapes becomes one character; a lone surrogate becomes U+FFFD.
    static func decodeEscapes(_ buffer: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Int {
        guard let base = buffer.baseAddress, count >= 7 else { return count }
        // Fast exit: most text has no escape.
        var hasEscape = false
        var k = 0
        while k + 6 < count {
            if base[k] == 0x5F && base[k + 1] == 0x78 {
                hasEscape = true
                break
            }
            k += 1
        }
        guard hasEscape else { return count }
        var read = 0
        var write = 0
        while read < count {
            if let unit = escapedUnit(base, read, count) {
                var scalarValue = UInt32(unit)
                var consumed = 7
                if (0xD800...0xDBFF).contains(unit), let low = escapedUnit(base, read + 7, count),
                    (0xDC00...0xDFFF).contains(low)
                {
                    scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    consumed = 14
                }
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                for byte in UTF8.encode(scalar)! {
                    base[write] = byte
                    write += 1
                }
                read += consumed
            } else {
                base[write] = base[read]
                write += 1
                read += 1
            }
        }
        return write
    }

    @inline(__always)
    private static func escapedUnit(_ p: UnsafeMutablePointer<UInt8>, _ i: Int, _ count: Int) -> UInt16? {
        guard i + 7 <= count, p[i] == 0x5F, p[i + 1] == 0x78, p[i + 6] == 0x5F else { return nil }
        var value: UInt16 = 0
        for j in 2..<6 {
            let b = p[i + j]
            let digit: UInt16
            switch b {
            case 0x30...0x39: digit = UInt16(b - 0x30)
            case 0x41...0x46: digit = UInt16(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt16(b - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Counts the characters (extended grapheme clusters are not needed: Excel counts UTF-16 units)
    /// of UTF-8 text, as Excel does: in UTF-16 code units.
    static func utf16Length(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes {
            if b & 0xC0 != 0x80 { n += 1 }
            if b >= 0xF0 { n += 1 }  // a 4-byte sequence is a surrogate pair in UTF-16
        }
        return n
    }
}

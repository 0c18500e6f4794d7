#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one call of ``CSVDecoder/decode(_:isFinal:into:)`` did.
struct CSVDecodeResult: Equatable {
    /// How many input bytes became output; the rest (a character cut at the chunk's end) comes again next time.
    var consumed: Int
    /// Where in the input the first invalid sequence starts, if there is one.
    var invalidOffset: Int?
}

/// Turns a file's bytes into UTF-8, one chunk at a time.
protocol CSVDecoder {
    /// Appends the UTF-8 for the complete characters at the start of `input` to `output`.
    ///
    /// Stops at the first invalid sequence, or before a character cut off at the end of `input`
    /// (which is invalid when `isFinal` says no more input follows).
    mutating func decode(
        _ input: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]
    )
        -> CSVDecodeResult
}

/// A decoder for `encoding`, or nil when the system cannot convert it.
func makeCSVDecoder(for encoding: CSVEncoding) -> (any CSVDecoder)? {
    switch encoding {
    case .utf8, .utf8BOM: return UTF8Decoder()
    case .utf16LE: return UTF16Decoder(bigEndian: false)
    case .utf16BE: return UTF16Decoder(bigEndian: true)
    case .gb18030: return IconvDecoder(from: "GB18030")
    }
}

// MARK: - UTF-8

/// Validates UTF-8 and copies it through.
struct UTF8Decoder: CSVDecoder {
    mutating func decode(
        _ input: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]
    )
        -> CSVDecodeResult
    {
        let (valid, tailIsIncomplete) = UTF8Validation.check(input)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[..<valid]))
        if valid == input.count || (tailIsIncomplete && !isFinal) {
            return CSVDecodeResult(consumed: valid)
        }
        return CSVDecodeResult(consumed: valid, invalidOffset: valid)
    }
}

// MARK: - UTF-16

/// Converts UTF-16 of either byte order to UTF-8; an unpaired surrogate is invalid.
struct UTF16Decoder: CSVDecoder {
    /// Whether the high byte of each code unit comes first.
    let bigEndian: Bool

    mutating func decode(
        _ input: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]
    )
        -> CSVDecodeResult
    {
        func unit(at i: Int) -> UInt32 {
            bigEndian ? UInt32(input[i]) << 8 | UInt32(input[i + 1]) : UInt32(input[i + 1]) << 8 | UInt32(input[i])
        }
        let n = input.count
        var i = 0
        while i + 1 < n {
            let first = unit(at: i)
            var scalar = first
            var width = 2
            switch first {
            case 0xD800...0xDBFF:
                guard i + 3 < n else {
                    return CSVDecodeResult(consumed: i, invalidOffset: isFinal ? i : nil)
                }
                let second = unit(at: i + 2)
                guard (0xDC00...0xDFFF).contains(second) else { return CSVDecodeResult(consumed: i, invalidOffset: i) }
                scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                width = 4
            case 0xDC00...0xDFFF:
                return CSVDecodeResult(consumed: i, invalidOffset: i)
            default:
                break
            }
            Self.appendUTF8(scalar, to: &output)
            i += width
        }
        return CSVDecodeResult(consumed: i, invalidOffset: isFinal && i < n ? i : nil)
    }

    /// Appends the UTF-8 form of a Unicode scalar value.
    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

// MARK: - iconv

/// Converts a legacy encoding (GB18030) to UTF-8 with the C library's `iconv`.
///
/// Foundation's `String(data:encoding:)` is not used: its GB18030 support on Linux is unreliable.
final class IconvDecoder: CSVDecoder {
    private let converter: iconv_t
    private let scratch: UnsafeMutableBufferPointer<CChar>

    /// Opens a converter from `encoding` (an `iconv -l` name) to UTF-8, or returns nil if there is none.
    init?(from encoding: String) {
        guard let converter = iconv_open("UTF-8", encoding), Int(bitPattern: converter) != -1 else { return nil }
        self.converter = converter
        scratch = .allocate(capacity: 64 * 1024)
    }

    deinit {
        iconv_close(converter)
        scratch.deallocate()
    }

    func decode(_ input: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]) -> CSVDecodeResult {
        guard let base = input.baseAddress, !input.isEmpty else { return CSVDecodeResult(consumed: 0) }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        while inLeft > 0 {
            var outPointer: UnsafeMutablePointer<CChar>? = scratch.baseAddress
            var outLeft = scratch.count
            let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            let code = status == -1 ? errno : 0
            let produced = scratch.count - outLeft
            UnsafeRawBufferPointer(start: scratch.baseAddress, count: produced).withMemoryRebound(to: UInt8.self) {
                output.append(contentsOf: $0)
            }
            let consumed = input.count - inLeft
            switch code {
            case 0, E2BIG:
                continue  // done, or the scratch buffer was full: go on converting
            case EINVAL:  // a character cut off at the end of the input
                return CSVDecodeResult(consumed: consumed, invalidOffset: isFinal ? consumed : nil)
            default:  // EILSEQ: an invalid sequence
                return CSVDecodeResult(consumed: consumed, invalidOffset: consumed)
            }
        }
        return CSVDecodeResult(consumed: input.count)
    }
}

extension CSVDecodeResult {
    init(consumed: Int) { self.init(consumed: consumed, invalidOffset: nil) }
}

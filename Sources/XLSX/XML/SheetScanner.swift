import Foundation

/// Which parser reads a worksheet part's XML.
///
/// `SALES_XLSX_PARSER=libxml2` in the environment forces libxml2 for every worksheet (for differential
/// checks and the bench); other parts are always read by libxml2.
enum SheetParserEngine: Sendable {
    /// ``SheetScanner``, restarting the part with libxml2 on anything outside its grammar.
    case scanner
    /// libxml2's SAX2 parser only.
    case libxml2
    /// ``SheetScanner`` without the restart: throws ``ScannerFallback`` instead (tests use it to see
    /// that the scanner, not libxml2, read a part).
    case scannerOnly

    static let configured: SheetParserEngine =
        ProcessInfo.processInfo.environment["SALES_XLSX_PARSER"] == "libxml2" ? .libxml2 : .scanner
}

/// Thrown by ``SheetScanner`` when the part holds something outside its grammar: the part is then read
/// again from its start by libxml2, which reports (or accepts) it.
struct ScannerFallback: Error, CustomStringConvertible {
    let reason: String
    let offset: UInt64
    var description: String { "scanner fallback at byte \(offset): \(reason)" }
}

/// A pull scanner for worksheet parts, specialised to what spreadsheet writers emit, feeding
/// ``SheetHandler`` the very events libxml2's SAX2 parser would (local names, attributes by local name,
/// character data in pieces), from the inflated bytes in chunks (memory stays flat).
///
/// Its grammar: an optional UTF-8 byte-order mark and XML declaration (version 1.0, encoding UTF-8, standalone), whitespace, then
/// elements with ASCII names (one optional prefix), attributes in either quote without `&`, `<` or
/// tab/CR/LF in their values, character data with the five predefined entities, character references
/// and CRLF normalisation, and CDATA sections; all text valid UTF-8 of XML characters. Anything else —
/// another encoding, a DOCTYPE, a comment or processing instruction, an unknown
/// entity, mismatched or malformed markup, duplicate attributes, a nesting deeper than 200, an
/// element tag longer than its buffer — is not guessed at: it throws ``ScannerFallback`` and the part is
/// read again by libxml2 (rows already handed over are not handed over twice), so libxml2 reports the
/// error in its words, and its DTD and entity guards apply.
///
/// Parsing ends, as with libxml2, when the handler throws ``StopParsing`` (at `</sheetData>`).
final class SheetScanner {
    private static let capacity = 1 << 17
    private static let maxDepth = 200
    private static let maxAttributes = 32
    private static let maxNameLength = 256

    private let source: ZipEntryStream
    private unowned(unsafe) let handler: SheetHandler
    private let buffer: UnsafeMutablePointer<UInt8>
    /// The unread bytes are `buffer[start..<end]`; `consumed` bytes of the part came before `buffer[0]`.
    private var start = 0
    private var end = 0
    private var consumed: UInt64 = 0
    private var eof = false

    /// Open elements: qualified names, NUL-terminated, one after another.
    private let openNames: UnsafeMutablePointer<UInt8>
    private let openStart: UnsafeMutablePointer<Int>
    private let openLength: UnsafeMutablePointer<Int>
    private let openLocal: UnsafeMutablePointer<Int>
    private var depth = 0

    /// NUL-terminated copies of the current tag's local names and prefixes.
    private let names: UnsafeMutablePointer<UInt8>
    /// libxml2's attribute layout: local name, prefix, URI, value start, value end.
    private let attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    /// Per attribute while a tag is scanned: name start, colon (or -1), name end, value start, value end.
    private let spans: UnsafeMutablePointer<Int>
    private let scratch: UnsafeMutablePointer<UInt8>
    private let table: UnsafePointer<UInt8>

    private init(source: ZipEntryStream, handler: SheetHandler) {
        self.source = source
        self.handler = handler
        buffer = .allocate(capacity: Self.capacity)
        openNames = .allocate(capacity: Self.maxDepth * (Self.maxNameLength + 1))
        openStart = .allocate(capacity: Self.maxDepth + 1)
        openLength = .allocate(capacity: Self.maxDepth)
        openLocal = .allocate(capacity: Self.maxDepth)
        openStart[0] = 0
        names = .allocate(capacity: (Self.maxAttributes + 1) * 2 * (Self.maxNameLength + 1) + 16)
        attributes = .allocate(capacity: Self.maxAttributes * 5)
        spans = .allocate(capacity: Self.maxAttributes * 5)
        scratch = .allocate(capacity: 16)
        table = byteClasses
    }

    deinit {
        buffer.deallocate()
        openNames.deallocate()
        openStart.deallocate()
        openLength.deallocate()
        openLocal.deallocate()
        names.deallocate()
        attributes.deallocate()
        spans.deallocate()
        scratch.deallocate()
    }

    /// Scans the part to its end, or until the handler throws ``StopParsing``.
    /// - Throws: ``ScannerFallback`` for anything outside the grammar; the handler's and the stream's
    ///   errors otherwise, with the file and part filled in as ``SAXParser`` does.
    static func scan(_ source: ZipEntryStream, handler: SheetHandler, file: String) throws {
        let scanner = SheetScanner(source: source, handler: handler)
        do {
            try withExtendedLifetime(scanner) { try scanner.run() }
        } catch let stop as StopParsing {
            if stop.checkingTheRest { try source.skipToEnd() }
        } catch let fallback as ScannerFallback {
            throw fallback
        } catch var e as XLSXError {
            if e.file == nil { e.file = file }
            if e.part == nil { e.part = source.entry.name }
            throw e
        }
    }

    // MARK: - Input

    private func fallback(_ reason: String, at position: Int? = nil) -> ScannerFallback {
        ScannerFallback(reason: reason, offset: consumed + UInt64(position ?? start))
    }

    /// Moves the unread bytes to the front and reads more; false at the end of the part.
    private func fill() throws -> Bool {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            consumed += UInt64(start)
            end -= start
            start = 0
        }
        while !eof && end < Self.capacity {
            let got = try source.read(into: buffer + end, capacity: Self.capacity - end)
            if got == 0 {
                eof = true
            } else {
                end += got
                return true
            }
        }
        return false
    }

    /// Makes at least `n` unread bytes available, if the part has them.
    @inline(__always)
    private func ensure(_ n: Int) throws -> Bool {
        while end - start < n {
            guard try fill() else { return end - start >= n }
        }
        return true
    }

    /// More bytes for a token that does not fit yet; refuses a token longer than the buffer.
    private func more(_ what: String) throws {
        if start == 0 && end == Self.capacity { throw fallback("\(what) longer than the scanner's buffer") }
        guard try fill() else { throw fallback("the part ends inside \(what)") }
    }

    // MARK: - Document

    private func run() throws {
        try prolog()
        while depth > 0 {
            if start == end { guard try fill() else { throw fallback("the part ends inside an element") } }
            if buffer[start] == lt {
                guard try ensure(2) else { throw fallback("the part ends inside markup") }
                switch buffer[start + 1] {
                case slash:
                    while !(try endTag()) { try more("an end tag") }
                case bang:
                    try cdata()
                case question:
                    throw fallback("processing instruction")
                default:
                    while !(try startTag()) { try more("a start tag") }
                }
            } else {
                try text()
            }
        }
        // After the root element: only whitespace (comments and processing instructions go to libxml2).
        while true {
            while start < end {
                guard table[Int(buffer[start])] & whitespaceClass != 0 else {
                    throw fallback("content after the root element")
                }
                start += 1
            }
            guard try fill() else { return }
        }
    }

    private func prolog() throws {
        _ = try ensure(512)
        // A UTF-8 byte-order mark, which libxml2 skips too.
        if end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
            start += 3
        }
        if end - start >= 5, matches(start, "<?xml"), end - start > 5,
            table[Int(buffer[start + 5])] & whitespaceClass != 0
        {
            try declaration()
        }
        while true {
            while start < end && table[Int(buffer[start])] & whitespaceClass != 0 { start += 1 }
            if start < end { break }
            guard try fill() else { throw fallback("the part has no root element") }
        }
        guard buffer[start] == lt else { throw fallback("text or a byte-order mark before the root element") }
        guard try ensure(2) else { throw fallback("the part ends inside markup") }
        let next = buffer[start + 1]
        guard next != bang && next != question && next != slash else {
            throw fallback("a DOCTYPE, comment or processing instruction before the root element")
        }
        while !(try startTag()) { try more("a start tag") }
    }

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, each pseudo-attribute but the version
    /// optional, in this order.
    private func declaration() throws {
        var p = start + 5
        func spaces() -> Bool {
            let from = p
            while p < end && table[Int(buffer[p])] & whitespaceClass != 0 { p += 1 }
            return p > from
        }
        func pseudo(_ name: StaticString) throws -> UnsafeBufferPointer<UInt8>? {
            guard matches(p, name) else { return nil }
            p += name.utf8CodeUnitCount
            _ = spaces()
            guard p < end, buffer[p] == UInt8(ascii: "=") else { throw fallback("XML declaration") }
            p += 1
            _ = spaces()
            guard p < end, buffer[p] == quote || buffer[p] == apostrophe else { throw fallback("XML declaration") }
            let q = buffer[p]
            p += 1
            let valueStart = p
            while p < end && buffer[p] != q && buffer[p] >= 0x20 && buffer[p] < 0x80 { p += 1 }
            guard p < end, buffer[p] == q else { throw fallback("XML declaration") }
            p += 1
            return UnsafeBufferPointer(start: buffer + valueStart, count: p - 1 - valueStart)
        }
        guard spaces(), let version = try pseudo("version"), equals(version, "1.0", caseInsensitive: false) else {
            throw fallback("XML declaration: version other than 1.0")
        }
        var spaced = spaces()
        if spaced, let encoding = try pseudo("encoding") {
            guard equals(encoding, "utf-8", caseInsensitive: true) else {
                throw fallback("XML declaration: encoding other than UTF-8")
            }
            spaced = spaces()
        }
        if spaced, let standalone = try pseudo("standalone") {
            guard equals(standalone, "yes", caseInsensitive: false) || equals(standalone, "no", caseInsensitive: false)
            else { throw fallback("XML declaration: standalone") }
            _ = spaces()
        }
        guard p + 1 < end, buffer[p] == question, buffer[p + 1] == gt else { throw fallback("XML declaration") }
        start = p + 2
    }

    @inline(__always)
    private func matches(_ p: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard end - p >= n else { return false }
        return memcmp(buffer + p, literal.utf8Start, n) == 0
    }

    private func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, caseInsensitive: Bool) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        for i in 0..<bytes.count {
            var b = bytes[i]
            if caseInsensitive && b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { b += 32 }
            if b != literal.utf8Start[i] { return false }
        }
        return true
    }

    // MARK: - Markup

    /// A qualified name at `p0`: its end and the position of its colon (-1 without); nil if cut off.
    @inline(__always)
    private func qualifiedName(_ p0: Int) throws -> (end: Int, colon: Int)? {
        var p = p0
        let end = end
        guard p < end else { return nil }
        guard table[Int(buffer[p])] & nameStartClass != 0 else { throw fallback("name", at: p) }
        p += 1
        var colon = -1
        while true {
            guard p < end else { return nil }
            let b = buffer[p]
            if table[Int(b)] & nameClass != 0 {
                p += 1
            } else if b == colon8 {
                guard colon < 0 else { throw fallback("name with two colons", at: p) }
                colon = p
                p += 1
                guard p < end else { return nil }
                guard table[Int(buffer[p])] & nameStartClass != 0 else { throw fallback("name", at: p) }
                p += 1
            } else {
                break
            }
        }
        guard p - p0 <= Self.maxNameLength else { throw fallback("name too long", at: p0) }
        return (p, colon)
    }

    @inline(__always)
    private func skipSpaces(_ p: inout Int) -> Bool {
        let from = p
        let e = end
        while p < e && table[Int(buffer[p])] & whitespaceClass != 0 { p += 1 }
        return p > from
    }

    /// Copies `buffer[from..<to]` NUL-terminated into `names` at `at`; returns the copy.
    @inline(__always)
    private func copyName(_ from: Int, _ to: Int, _ at: inout Int) -> UnsafePointer<UInt8> {
        let out = names + at
        out.update(from: buffer + from, count: to - from)
        out[to - from] = 0
        at += to - from + 1
        return UnsafePointer(out)
    }

    /// A start tag at `start`; false if the buffer ends inside it (nothing is consumed or delivered).
    private func startTag() throws -> Bool {
        guard let (nameEnd, nameColon) = try qualifiedName(start + 1) else { return false }
        var p = nameEnd
        var count = 0
        var selfClosing = false
        while true {
            let spaced = skipSpaces(&p)
            guard p < end else { return false }
            let b = buffer[p]
            if b == gt {
                p += 1
                break
            }
            if b == slash {
                guard p + 1 < end else { return false }
                guard buffer[p + 1] == gt else { throw fallback("'/' not followed by '>'", at: p) }
                selfClosing = true
                p += 2
                break
            }
            guard spaced else { throw fallback("attribute not preceded by whitespace", at: p) }
            guard count < Self.maxAttributes else { throw fallback("too many attributes", at: p) }
            let attributeStart = p
            guard let (attributeEnd, colon) = try qualifiedName(p) else { return false }
            p = attributeEnd
            _ = skipSpaces(&p)
            guard p < end else { return false }
            guard buffer[p] == equalsSign else { throw fallback("attribute without '='", at: p) }
            p += 1
            _ = skipSpaces(&p)
            guard p < end else { return false }
            let q = buffer[p]
            guard q == quote || q == apostrophe else { throw fallback("unquoted attribute value", at: p) }
            p += 1
            let valueStart = p
            let end = end
            while true {
                guard p < end else { return false }
                let c = buffer[p]
                if table[Int(c)] & attributeClass != 0 {
                    p += 1
                } else if c == q {
                    break
                } else if c == quote || c == apostrophe {
                    p += 1
                } else if c >= 0x80 {
                    let n = utf8Length(buffer + p, end - p)
                    if n < 0 { return false }
                    guard n > 0 else { throw fallback("invalid UTF-8 in an attribute value", at: p) }
                    p += n
                } else {
                    throw fallback("reference, '<' or control character in an attribute value", at: p)
                }
            }
            let s = spans + count * 5
            s[0] = attributeStart
            s[1] = colon
            s[2] = attributeEnd
            s[3] = valueStart
            s[4] = p
            p += 1
            count += 1
        }
        // The tag is whole: check it, then deliver it.
        guard depth < Self.maxDepth else { throw fallback("elements nested deeper than \(Self.maxDepth)") }
        var delivered = 0
        var at = 0
        let local = copyName(nameColon < 0 ? start + 1 : nameColon + 1, nameEnd, &at)
        for i in 0..<count {
            let s = spans + i * 5
            let localStart = s[1] < 0 ? s[0] : s[1] + 1
            let localLength = s[2] - localStart
            for j in 0..<i {
                let t = spans + j * 5
                let otherStart = t[1] < 0 ? t[0] : t[1] + 1
                if t[2] - otherStart == localLength
                    && memcmp(buffer + localStart, buffer + otherStart, localLength) == 0
                {
                    throw fallback("two attributes with one local name")
                }
            }
            // Namespace declarations are not attributes in SAX2.
            let isDeclaration =
                s[1] < 0
                ? (localLength == 5 && memcmp(buffer + s[0], "xmlns", 5) == 0)
                : (s[1] - s[0] == 5 && memcmp(buffer + s[0], "xmlns", 5) == 0)
            if isDeclaration { continue }
            let a = attributes + delivered * 5
            a[0] = copyName(localStart, s[2], &at)
            if s[1] < 0 {
                a[1] = nil
                a[2] = nil
            } else {
                a[1] = copyName(s[0], s[1], &at)
                a[2] = a[1]
            }
            a[3] = UnsafePointer(buffer + s[3])
            a[4] = UnsafePointer(buffer + s[4])
            delivered += 1
        }
        if !selfClosing {
            // Record the open element's qualified name for its end tag.
            let at = openStart[depth]
            let length = nameEnd - start - 1
            (openNames + at).update(from: buffer + start + 1, count: length)
            openNames[at + length] = 0
            openLength[depth] = length
            openLocal[depth] = nameColon < 0 ? 0 : nameColon - start
            depth += 1
            openStart[depth] = at + length + 1
        }
        start = p
        try handler.startElement(local, XMLAttributes(base: delivered > 0 ? attributes : nil, count: delivered))
        if selfClosing { try handler.endElement(local) }
        return true
    }

    /// An end tag at `start`; false if the buffer ends inside it.
    private func endTag() throws -> Bool {
        guard depth > 0 else { throw fallback("end tag without a start tag") }
        let open = depth - 1
        let length = openLength[open]
        let name = openNames + openStart[open]
        guard end - start >= length + 3 else { return false }
        guard memcmp(buffer + start + 2, name, length) == 0 else { throw fallback("mismatched end tag") }
        var p = start + 2 + length
        _ = skipSpaces(&p)
        guard p < end else { return false }
        guard buffer[p] == gt else { throw fallback("mismatched end tag", at: p) }
        start = p + 1
        depth = open
        try handler.endElement(UnsafePointer(name + openLocal[open]))
        return true
    }

    /// `<![CDATA[ … ]]>` at `start`, whole in the buffer, without CR (libxml2 would normalise it).
    private func cdata() throws {
        guard try ensure(9), matches(start, "<![CDATA[") else {
            throw fallback("comment or declaration inside an element")
        }
        var p = start + 9
        while true {
            while p + 2 < end {
                let c = buffer[p]
                if c == closeBracket && buffer[p + 1] == closeBracket && buffer[p + 2] == gt {
                    try handler.characters(UnsafeBufferPointer(start: buffer + start + 9, count: p - start - 9))
                    start = p + 3
                    return
                }
                if table[Int(c)] & textClass != 0 || c == lt || c == amp || c == closeBracket {
                    p += 1
                } else if c >= 0x80 {
                    let n = utf8Length(buffer + p, end - p)
                    if n < 0 { break }
                    guard n > 0 else { throw fallback("invalid UTF-8 in CDATA", at: p) }
                    p += n
                } else {
                    throw fallback("CR or control character in CDATA", at: p)
                }
            }
            let offset = p - start
            try more("a CDATA section")
            p = start + offset
        }
    }

    // MARK: - Character data

    /// Character data up to the next `<`, delivered in pieces.
    private func text() throws {
        while true {
            var p = start
            // The byte loops read locals, not the properties.
            let e = end
            let buffer = buffer
            let table = table
            while true {
                while p < e && table[Int(buffer[p])] & textClass != 0 { p += 1 }
                if p < e && buffer[p] >= 0x80 {
                    let n = utf8Length(buffer + p, e - p)
                    if n > 0 {
                        p += n
                        continue
                    }
                    if n == 0 { throw fallback("invalid UTF-8 or a non-character", at: p) }
                }
                break
            }
            if p > start {
                try handler.characters(UnsafeBufferPointer(start: buffer + start, count: p - start))
                start = p
            }
            if p == end || buffer[p] >= 0x80 {
                // Cut off at the buffer's end (a UTF-8 sequence is taken whole).
                guard try fill() else { throw fallback("the part ends inside an element") }
                continue
            }
            switch buffer[p] {
            case lt:
                return
            case amp:
                try reference()
            case carriageReturn:
                guard try ensure(2) else { throw fallback("the part ends inside an element") }
                scratch[0] = lineFeed
                start += buffer[start + 1] == lineFeed ? 2 : 1
                try handler.characters(UnsafeBufferPointer(start: scratch, count: 1))
            case closeBracket:
                guard try ensure(3) else { throw fallback("the part ends inside an element") }
                if buffer[start + 1] == closeBracket && buffer[start + 2] == gt {
                    throw fallback("']]>' in character data")
                }
                try handler.characters(UnsafeBufferPointer(start: buffer + start, count: 1))
                start += 1
            default:
                throw fallback("control character in character data", at: p)
            }
        }
    }

    /// `&name;` or `&#…;` at `start`.
    private func reference() throws {
        _ = try ensure(16)
        let limit = min(end, start + 16)
        var q = start + 1
        while q < limit && buffer[q] != semicolon { q += 1 }
        guard q < limit, q > start + 1 else { throw fallback("entity reference") }
        let nameStart = start + 1
        let length = q - nameStart
        if buffer[nameStart] == hash {
            var value: UInt32 = 0
            var digits = 0
            if length > 1 && buffer[nameStart + 1] == UInt8(ascii: "x") {
                for i in (nameStart + 2)..<q {
                    let b = buffer[i]
                    let d: UInt32
                    switch b {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
                    default: throw fallback("character reference")
                    }
                    value = value &* 16 &+ d
                    digits += 1
                    guard value <= 0x10FFFF else { throw fallback("character reference") }
                }
            } else {
                for i in (nameStart + 1)..<q {
                    let b = buffer[i]
                    guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else {
                        throw fallback("character reference")
                    }
                    value = value &* 10 &+ UInt32(b - UInt8(ascii: "0"))
                    digits += 1
                    guard value <= 0x10FFFF else { throw fallback("character reference") }
                }
            }
            guard digits > 0, isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
                throw fallback("character reference to a non-character")
            }
            var n = 0
            for byte in UTF8.encode(scalar)! {
                scratch[n] = byte
                n += 1
            }
            start = q + 1
            try handler.characters(UnsafeBufferPointer(start: scratch, count: n))
            return
        }
        let name = UnsafeBufferPointer(start: buffer + nameStart, count: length)
        let byte: UInt8
        if equals(name, "amp", caseInsensitive: false) {
            byte = amp
        } else if equals(name, "lt", caseInsensitive: false) {
            byte = lt
        } else if equals(name, "gt", caseInsensitive: false) {
            byte = gt
        } else if equals(name, "quot", caseInsensitive: false) {
            byte = quote
        } else if equals(name, "apos", caseInsensitive: false) {
            byte = apostrophe
        } else {
            throw fallback("entity reference other than the five predefined")
        }
        scratch[0] = byte
        start = q + 1
        try handler.characters(UnsafeBufferPointer(start: scratch, count: 1))
    }
}

// MARK: - Bytes

private let lt = UInt8(ascii: "<")
private let gt = UInt8(ascii: ">")
private let amp = UInt8(ascii: "&")
private let slash = UInt8(ascii: "/")
private let bang = UInt8(ascii: "!")
private let question = UInt8(ascii: "?")
private let quote = UInt8(ascii: "\"")
private let apostrophe = UInt8(ascii: "'")
private let equalsSign = UInt8(ascii: "=")
private let colon8 = UInt8(ascii: ":")
private let semicolon = UInt8(ascii: ";")
private let hash = UInt8(ascii: "#")
private let closeBracket = UInt8(ascii: "]")
private let carriageReturn: UInt8 = 0x0D
private let lineFeed: UInt8 = 0x0A

private let nameStartClass: UInt8 = 1
private let nameClass: UInt8 = 2
private let whitespaceClass: UInt8 = 4
/// Character data taken as is: printable ASCII but `<`, `&`, `]`; tab and LF.
private let textClass: UInt8 = 8
/// Attribute-value bytes taken as is: printable ASCII but `<`, `&` and the quotes.
private let attributeClass: UInt8 = 16

/// Written once, then only read.
nonisolated(unsafe) private let byteClasses: UnsafePointer<UInt8> = {
    let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    t.initialize(repeating: 0, count: 256)
    for b in 0..<256 {
        var c: UInt8 = 0
        let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        if isLetter || b == 0x5F { c |= nameStartClass | nameClass }
        if (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E { c |= nameClass }
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { c |= whitespaceClass }
        if (b >= 0x20 && b < 0x80 && b != 0x3C && b != 0x26 && b != 0x5D) || b == 0x09 || b == 0x0A { c |= textClass }
        if b >= 0x20 && b < 0x80 && b != 0x3C && b != 0x26 && b != 0x22 && b != 0x27 { c |= attributeClass }
        t[b] = c
    }
    return UnsafePointer(t)
}()

/// XML 1.0's `Char`.
@inline(__always)
private func isXMLCharacter(_ v: UInt32) -> Bool {
    v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
        || (v >= 0x10000 && v <= 0x10FFFF)
}

/// The length of the UTF-8 sequence at `p` (lead byte ≥ 0x80) if it encodes an XML character;
/// 0 if it is invalid or not a character, -1 if `available` bytes do not hold all of it.
@inline(__always)
func utf8Length(_ p: UnsafeMutablePointer<UInt8>, _ available: Int) -> Int {
    let b0 = p[0]
    if b0 < 0xC2 { return 0 }
    if b0 < 0xE0 {
        guard available >= 2 else { return -1 }
        return p[1] & 0xC0 == 0x80 ? 2 : 0
    }
    if b0 < 0xF0 {
        guard available >= 3 else { return -1 }
        let b1 = p[1]
        let b2 = p[2]
        guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return 0 }
        if b0 == 0xE0 && b1 < 0xA0 { return 0 }
        if b0 == 0xED && b1 >= 0xA0 { return 0 }
        if b0 == 0xEF && b1 == 0xBF && b2 >= 0xBE { return 0 }
        return 3
    }
    if b0 < 0xF5 {
        guard available >= 4 else { return -1 }
        let b1 = p[1]
        guard b1 & 0xC0 == 0x80, p[2] & 0xC0 == 0x80, p[3] & 0xC0 == 0x80 else { return 0 }
        if b0 == 0xF0 && b1 < 0x90 { return 0 }
        if b0 == 0xF4 && b1 >= 0x90 { return 0 }
        return 4
    }
    return 0
}

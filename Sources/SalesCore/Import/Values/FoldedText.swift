/// A cell's text as the value grammars read it: UTF-8 decoded to scalars, widths folded, trimmed.
///
/// Folding, one scalar at a time: full-width ASCII forms (`０`–`９`, `Ａ`, `．`, `，`, `（`, `－`, `：`, `／`)
/// become ASCII; the ideographic space, no-break spaces and other Unicode spaces, tabs and line breaks
/// become one space; `￥` becomes `¥`; the minus sign `−` (U+2212), hyphens (U+2010, U+2011, U+FE63) and the
/// en dash become `-`; ASCII letters are lowercased; zero-width characters and byte-order marks are dropped.
/// Leading and trailing spaces are removed. Nothing else changes (`年`, `万`, `✓` stay as they are).
///
/// The scalars live in a stack buffer for the duration of a closure, so parsing a value allocates nothing.
struct FoldedText {
    /// The folded, trimmed scalars.
    let scalars: UnsafeBufferPointer<UInt32>

    /// The most scalars any non-text grammar reads; longer text is refused before parsing.
    static let capacity = 96

    var count: Int { scalars.count }
    var isEmpty: Bool { scalars.isEmpty }

    @inline(__always)
    subscript(_ i: Int) -> UInt32 { scalars[i] }

    /// Folds `utf8` and calls `body` with the result, or returns `nil` when the text is longer than `capacity`.
    static func with<R>(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (FoldedText) -> R) -> R? {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { buffer -> R? in
            var n = 0
            var i = 0
            let count = utf8.count
            while i < count {
                var scalar = UInt32(utf8[i])
                if scalar < 0x80 {
                    i += 1
                } else {
                    (scalar, i) = decode(utf8, at: i)
                }
                let folded = fold(scalar)
                if folded == dropped { continue }
                if folded == space && (n == 0 || buffer[n - 1] == space) { continue }
                guard n < capacity else { return nil }
                buffer[n] = folded
                n += 1
            }
            if n > 0 && buffer[n - 1] == space { n -= 1 }
            return body(FoldedText(scalars: UnsafeBufferPointer(rebasing: buffer[..<n])))
        }
    }

    /// Folds a string; see ``with(_:_:)-(UnsafeBufferPointer<UInt8>,_)``.
    static func with<R>(_ text: String, _ body: (FoldedText) -> R) -> R? {
        var text = text
        return text.withUTF8 { with($0, body) }
    }

    static let space: UInt32 = 0x20
    /// The marker for scalars folding drops.
    static let dropped: UInt32 = 0xFFFF_FFFF

    /// The folded form of one scalar.
    @inline(__always)
    static func fold(_ s: UInt32) -> UInt32 {
        switch s {
        case 0x41...0x5A: return s + 0x20
        case 0x09...0x0D, 0x20: return space
        case 0x00...0x7F: return s
        case 0xFF21...0xFF3A: return s - 0xFEE0 + 0x20
        case 0xFF01...0xFF5E: return s - 0xFEE0
        case 0x3000, 0x00A0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x0085: return space
        case 0x200B...0x200D, 0x2060, 0xFEFF: return dropped
        case 0xFFE5: return 0xA5
        case 0x2212, 0x2010, 0x2011, 0x2013, 0xFE63: return 0x2D
        default: return s
        }
    }

    /// Decodes the multi-byte UTF-8 sequence at `i`; malformed bytes read as U+FFFD.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        let n = p.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n, p[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(p[k] & 0x3F)
        }
        if b0 & 0xE0 == 0xC0, let c1 = cont(i + 1) {
            return ((b0 & 0x1F) << 6 | c1, i + 2)
        }
        if b0 & 0xF0 == 0xE0, let c1 = cont(i + 1), let c2 = cont(i + 2) {
            return ((b0 & 0x0F) << 12 | c1 << 6 | c2, i + 3)
        }
        if b0 & 0xF8 == 0xF0, let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) {
            return ((b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, i + 4)
        }
        return (0xFFFD, i + 1)
    }

    // MARK: - Reading helpers

    /// The scalars as a `String`, with `separators` left out (labels are compared in this form).
    func key(dropping separators: (UInt32) -> Bool) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: FoldedText.capacity * 4) { out in
            var n = 0
            for s in scalars where !separators(s) {
                guard let scalar = Unicode.Scalar(s) else { continue }
                for byte in UTF8.encode(scalar)! {
                    out[n] = byte
                    n += 1
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
        }
    }

    /// The scalars as a lookup key, with `separators` left out; nil when longer than a key holds.
    func labelKey(dropping separators: (UInt32) -> Bool) -> LabelKey? {
        var key = LabelKey()
        for s in scalars where !separators(s) {
            guard let scalar = Unicode.Scalar(s) else { continue }
            for byte in UTF8.encode(scalar)! {
                guard key.append(byte) else { return nil }
            }
        }
        return key
    }

    /// Whether the scalars from `i` on spell `word` (ASCII, lowercase, or any scalars).
    @inline(__always)
    func matches(_ word: [UInt32], at i: Int) -> Bool {
        guard i + word.count <= count else { return false }
        for k in 0..<word.count where scalars[i + k] != word[k] { return false }
        return true
    }
}

/// A folded label's UTF-8 bytes (at most 32), held inline so that looking a label up allocates nothing.
struct LabelKey: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private(set) var count = 0

    static let capacity = 32

    /// Appends a byte; false when the key is full.
    mutating func append(_ byte: UInt8) -> Bool {
        guard count < Self.capacity else { return false }
        withUnsafeMutableBytes(of: &words) { $0[count] = byte }
        count += 1
        return true
    }

    static func == (a: LabelKey, b: LabelKey) -> Bool {
        a.count == b.count && a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2
            && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        if count > 8 { hasher.combine(words.1) }
        if count > 16 { hasher.combine(words.2) }
        if count > 24 { hasher.combine(words.3) }
        hasher.combine(count)
    }
}

/// Scalar constants the grammars compare against.
enum Ch {
    static let zero: UInt32 = 0x30
    static let minus: UInt32 = 0x2D
    static let plus: UInt32 = 0x2B
    static let dot: UInt32 = 0x2E
    static let comma: UInt32 = 0x2C
    static let slash: UInt32 = 0x2F
    static let colon: UInt32 = 0x3A
    static let space: UInt32 = 0x20
    static let openParen: UInt32 = 0x28
    static let closeParen: UInt32 = 0x29
    static let apostrophe: UInt32 = 0x27
    static let underscore: UInt32 = 0x5F
    static let yen: UInt32 = 0xA5
    static let dollar: UInt32 = 0x24
    static let year: UInt32 = 0x5E74  // 年
    static let month: UInt32 = 0x6708  // 月
    static let day: UInt32 = 0x65E5  // 日
    static let hao: UInt32 = 0x53F7  // 号
    static let hao2: UInt32 = 0x865F  // 號
    static let di: UInt32 = 0x7B2C  // 第
    static let ji: UInt32 = 0x5B63  // 季
    static let du: UInt32 = 0x5EA6  // 度
    static let fen: UInt32 = 0x5206  // 分
    static let yuan: UInt32 = 0x5143  // 元
    static let qian: UInt32 = 0x5343  // 千
    static let bai: UInt32 = 0x767E  // 百
    static let wan: UInt32 = 0x4E07  // 万
    static let wanT: UInt32 = 0x842C  // 萬
    static let yi: UInt32 = 0x4EBF  // 亿
    static let yiT: UInt32 = 0x5104  // 億

    @inline(__always) static func isDigit(_ s: UInt32) -> Bool { s &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ s: UInt32) -> Bool { s &- 0x61 < 26 }

    /// The scalars of an ASCII or CJK word, for ``FoldedText/matches(_:at:)``.
    static func word(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
}

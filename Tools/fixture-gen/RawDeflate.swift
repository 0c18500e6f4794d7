/// A tiny raw-deflate (RFC 1951) encoder and CRC-32 for the hostile packages, with no zlib.
///
/// It does not search for matches: content is described as ``DeflateSegment``s, literal bytes or a
/// pattern repeated to a length, and each repetition becomes back-references. That is all the hostile
/// packages need, and it lets a few megabytes of compressed data honestly inflate to gigabytes
/// (a run of 258-byte matches costs two bits each) while the generator stays fast even in a debug build.

/// A piece of an entry's uncompressed content.
enum DeflateSegment {
    /// These bytes, as they are.
    case literal([UInt8])
    /// `pattern` repeated (the last copy possibly cut short) until `length` bytes; `length >= pattern.count`.
    case run(pattern: [UInt8], length: Int)
    /// The same, coded with deflate's fixed Huffman table instead: 13 bits for each 258-byte match (when
    /// the pattern is at most 4 bytes), so the data inflates about 159:1, under a 200:1 ratio guard.
    case fixedRun(pattern: [UInt8], length: Int)

    static func text(_ s: String) -> DeflateSegment { .literal(Array(s.utf8)) }

    var length: Int {
        switch self {
        case .literal(let b): return b.count
        case .run(_, let length), .fixedRun(_, let length): return length
        }
    }

    /// The bytes, materialised (only for small segments: stored entries, checks).
    var bytes: [UInt8] {
        switch self {
        case .literal(let b): return b
        case .run(let pattern, let length), .fixedRun(let pattern, let length):
            return (0..<length).map { pattern[$0 % pattern.count] }
        }
    }
}

extension Array where Element == DeflateSegment {
    var totalLength: Int { reduce(0) { $0 + $1.length } }
    var materialized: [UInt8] { flatMap(\.bytes) }
}

// MARK: - CRC-32

enum CRC32 {
    private static let polynomial: UInt32 = 0xEDB8_8320

    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? polynomial ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes`, continuing from `crc` (0 for a new computation).
    static func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        var c = ~crc
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// a(x)·b(x) modulo the CRC polynomial (reflected bit order), as zlib's `multmodp`.
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var m: UInt32 = 1 << 31
        var p: UInt32 = 0
        var b = b
        while true {
            if a & m != 0 {
                p ^= b
                if a & (m - 1) == 0 { break }
            }
            m >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ polynomial : b >> 1
        }
        return p
    }

    /// x^(2^k) modulo the polynomial, k = 0…31.
    private static let powers: [UInt32] = {
        var p: UInt32 = 1 << 30  // x^1
        var out: [UInt32] = [p]
        for _ in 1..<32 {
            p = multiply(p, p)
            out.append(p)
        }
        return out
    }()

    /// x^(n·2^k) modulo the polynomial.
    private static func xPower(_ n: UInt64, _ k: Int) -> UInt32 {
        var p: UInt32 = 1 << 31  // x^0
        var n = n
        var k = k
        while n != 0 {
            if n & 1 != 0 { p = multiply(powers[k & 31], p) }
            n >>= 1
            k += 1
        }
        return p
    }

    /// The CRC of A followed by B, from the CRC of A, the CRC of B and B's length (zlib's `crc32_combine`).
    static func combine(_ crcA: UInt32, _ crcB: UInt32, lengthB: UInt64) -> UInt32 {
        multiply(xPower(lengthB, 3), crcA) ^ crcB
    }

    /// The CRC of segments, without materialising runs (a run of gigabytes costs microseconds).
    static func of(_ segments: [DeflateSegment]) -> UInt32 {
        var crc: UInt32 = 0
        for segment in segments {
            switch segment {
            case .literal(let bytes):
                crc = update(crc, bytes)
            case .run(let pattern, let length), .fixedRun(let pattern, let length):
                let copies = length / pattern.count
                // CRC of `copies` copies by doubling.
                var result: UInt32 = 0
                var base = update(0, pattern)
                var baseLength = UInt64(pattern.count)
                var n = copies
                while n > 0 {
                    if n & 1 != 0 { result = combine(result, base, lengthB: baseLength) }
                    base = combine(base, base, lengthB: baseLength)
                    baseLength *= 2
                    n >>= 1
                }
                let tail = Array(pattern.prefix(length - copies * pattern.count))
                result = combine(result, update(0, tail), lengthB: UInt64(tail.count))
                crc = combine(crc, result, lengthB: UInt64(length))
            }
        }
        return crc
    }
}

// MARK: - Bits

/// Writes bits least-significant first, as deflate packs them.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var pending = 0

    mutating func write(_ value: UInt32, _ count: Int) {
        guard count > 0 else { return }
        accumulator |= UInt64(value & UInt32(truncatingIfNeeded: (UInt64(1) << count) - 1)) << pending
        pending += count
        while pending >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            pending -= 8
        }
    }

    /// A Huffman code: deflate stores codes most-significant bit first.
    mutating func writeCode(_ code: UInt32, _ length: Int) {
        var reversed: UInt32 = 0
        for i in 0..<length where code & (1 << i) != 0 { reversed |= 1 << (length - 1 - i) }
        write(reversed, length)
    }

    var isAligned: Bool { pending == 0 }

    /// Appends whole bytes `times` times; the writer must be at a byte boundary.
    mutating func appendAligned(_ chunk: [UInt8], times: Int) {
        precondition(pending == 0)
        bytes.reserveCapacity(bytes.count + chunk.count * times)
        for _ in 0..<times { bytes.append(contentsOf: chunk) }
    }

    /// `count` zero bits, fast.
    mutating func writeZeros(_ count: Int) {
        var n = count
        while n > 0 && pending != 0 {
            write(0, 1)
            n -= 1
        }
        bytes.append(contentsOf: repeatElement(0, count: n / 8))
        write(0, n % 8)
    }

    mutating func finish() -> [UInt8] {
        if pending > 0 { write(0, 8 - pending) }
        return bytes
    }
}

// MARK: - Deflate

enum RawDeflate {
    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtra = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
        9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// The length symbol (257…285) for a match length of 3…258.
    private static func lengthSymbol(_ length: Int) -> Int {
        if length == 258 { return 285 }
        var i = lengthBase.count - 2
        while lengthBase[i] > length { i -= 1 }
        return 257 + i
    }

    private static func distanceSymbol(_ distance: Int) -> Int {
        var i = distanceBase.count - 1
        while distanceBase[i] > distance { i -= 1 }
        return i
    }

    /// Compresses segments into a raw deflate stream.
    static func compress(_ segments: [DeflateSegment]) -> [UInt8] {
        var w = BitWriter()
        for segment in segments {
            switch segment {
            case .literal(let bytes):
                literalBlock(bytes, &w)
            case .run(let pattern, let length), .fixedRun(let pattern, let length):
                precondition(!pattern.isEmpty && pattern.count <= 32_768 && length >= pattern.count)
                literalBlock(pattern, &w)
                let rest = length - pattern.count
                if rest < 3 {
                    literalBlock((0..<rest).map { pattern[$0 % pattern.count] }, &w)
                } else if case .fixedRun = segment {
                    fixedMatchBlock(total: rest, distance: pattern.count, &w)
                } else {
                    matchBlock(total: rest, distance: pattern.count, &w)
                }
            }
        }
        // An empty final block.
        w.write(1, 1)
        w.write(1, 2)
        w.writeCode(0, 7)
        return w.finish()
    }

    /// A fixed-Huffman block of literals.
    private static func literalBlock(_ bytes: [UInt8], _ w: inout BitWriter) {
        guard !bytes.isEmpty else { return }
        w.write(0, 1)
        w.write(1, 2)
        for b in bytes {
            if b < 144 {
                w.writeCode(0x30 + UInt32(b), 8)
            } else {
                w.writeCode(0x190 + UInt32(b) - 144, 9)
            }
        }
        w.writeCode(0, 7)  // end of block
    }

    /// A dynamic-Huffman block of matches copying `total` bytes from `distance` back: symbol 285
    /// (length 258) has the one-bit code `0`, as has the only distance code, so most matches cost two bits.
    private static func matchBlock(total: Int, distance: Int, _ w: inout BitWriter) {
        // Split into 258-byte matches plus at most two shorter ones (each 3…258).
        var full = total / 258
        var tail: [Int] = []
        switch total % 258 {
        case 0: break
        case let r where r >= 3: tail = [r]
        case let r:
            full -= 1
            tail = [258 + r - 3, 3]
        }
        let tailSymbols = tail.map(lengthSymbol)
        var others = [256] + Set(tailSymbols.filter { $0 != 285 }).sorted()
        if others.count == 1 { others.append(257) }  // a second short code keeps the code complete
        var lengths = [Int](repeating: 0, count: 286)
        lengths[285] = 1
        if others.count == 2 {
            lengths[others[0]] = 2
            lengths[others[1]] = 2
        } else {
            lengths[others[0]] = 2
            lengths[others[1]] = 3
            lengths[others[2]] = 3
        }
        let codes = canonicalCodes(lengths)
        let dSymbol = distanceSymbol(distance)
        var all = lengths + [Int](repeating: 0, count: dSymbol + 1)
        all[286 + dSymbol] = 1

        w.write(0, 1)
        w.write(2, 2)
        w.write(29, 5)  // 286 literal/length codes
        w.write(UInt32(dSymbol), 5)  // dSymbol + 1 distance codes
        w.write(14, 4)  // 18 code-length codes
        // Code-length codes 0…5, 17 and 18 all get length 3: a complete code of eight symbols.
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
        let used: Set<Int> = [0, 1, 2, 3, 4, 5, 17, 18]
        for symbol in order { w.write(used.contains(symbol) ? 3 : 0, 3) }
        let clCode: [Int: UInt32] = [0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 17: 6, 18: 7]
        var i = 0
        while i < all.count {
            if all[i] != 0 {
                w.writeCode(clCode[all[i]]!, 3)
                i += 1
                continue
            }
            var run = 0
            while i + run < all.count, all[i + run] == 0 { run += 1 }
            var left = run
            while left >= 11 {
                let n = min(left, 138)
                w.writeCode(clCode[18]!, 3)
                w.write(UInt32(n - 11), 7)
                left -= n
            }
            if left >= 3 {
                w.writeCode(clCode[17]!, 3)
                w.write(UInt32(left - 3), 3)
                left = 0
            }
            for _ in 0..<left { w.writeCode(clCode[0]!, 3) }
            i += run
        }

        let dExtra = distanceExtra[dSymbol]
        let dValue = UInt32(distance - distanceBase[dSymbol])
        if dValue == 0 {
            // Code 0, distance code 0, extra bits all zero: every match is a run of zero bits.
            w.writeZeros(full * (2 + dExtra))
        } else {
            for _ in 0..<full {
                w.writeCode(0, 1)
                w.writeCode(0, 1)
                w.write(dValue, dExtra)
            }
        }
        for length in tail {
            let s = lengthSymbol(length)
            w.writeCode(codes[s], lengths[s])
            w.write(UInt32(length - lengthBase[s - 257]), lengthExtra[s - 257])
            w.writeCode(0, 1)
            w.write(dValue, dExtra)
        }
        w.writeCode(codes[256], lengths[256])
    }

    /// Splits `total` bytes into matches of 3…258 bytes, as many of 258 as possible.
    private static func matchLengths(_ total: Int) -> (full: Int, tail: [Int]) {
        var full = total / 258
        switch total % 258 {
        case 0: return (full, [])
        case let r where r >= 3: return (full, [r])
        case let r:
            full -= 1
            return (full, [258 + r - 3, 3])
        }
    }

    /// A fixed-Huffman block of matches copying `total` bytes from `distance` back.
    private static func fixedMatchBlock(total: Int, distance: Int, _ w: inout BitWriter) {
        let (full, tail) = matchLengths(total)
        let dSymbol = distanceSymbol(distance)
        let dExtra = distanceExtra[dSymbol]
        let dValue = UInt32(distance - distanceBase[dSymbol])
        func match(_ length: Int, _ w: inout BitWriter) {
            let s = lengthSymbol(length)
            if s < 280 {
                w.writeCode(UInt32(s - 256), 7)
            } else {
                w.writeCode(0xC0 + UInt32(s - 280), 8)
            }
            w.write(UInt32(length - lengthBase[s - 257]), lengthExtra[s - 257])
            w.writeCode(UInt32(dSymbol), 5)
            w.write(dValue, dExtra)
        }
        w.write(0, 1)
        w.write(1, 2)
        // Eight identical matches fill a whole number of bytes: write them once, then copy those bytes.
        var left = full
        while left > 0 && !w.isAligned {
            match(258, &w)
            left -= 1
        }
        var group = BitWriter()
        for _ in 0..<8 { match(258, &group) }
        if group.isAligned {
            let bytes = group.finish()
            w.appendAligned(bytes, times: left / 8)
            left %= 8
        }
        for _ in 0..<left { match(258, &w) }
        for length in tail { match(length, &w) }
        w.writeCode(0, 7)  // end of block
    }

    /// Canonical Huffman codes for code lengths (RFC 1951 §3.2.2).
    private static func canonicalCodes(_ lengths: [Int]) -> [UInt32] {
        let maxLength = lengths.max() ?? 0
        var count = [Int](repeating: 0, count: maxLength + 1)
        for l in lengths where l > 0 { count[l] += 1 }
        var next = [UInt32](repeating: 0, count: maxLength + 2)
        var code: UInt32 = 0
        if maxLength > 0 {
            for bits in 1...maxLength {
                code = (code + UInt32(count[bits - 1])) << 1
                next[bits] = code
            }
        }
        var codes = [UInt32](repeating: 0, count: lengths.count)
        for (symbol, l) in lengths.enumerated() where l > 0 {
            codes[symbol] = next[l]
            next[l] += 1
        }
        return codes
    }
}

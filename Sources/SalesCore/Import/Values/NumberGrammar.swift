/// The grammar of numbers typed as text: amounts, quantities, whole numbers and scores.
///
/// ```
/// number  := prefix* body suffix*
/// prefix  := sign | "(" | currency            each at most once, spaces between allowed
/// sign    := "-" | "+"                         (full-width, U+2212 and hyphens fold to "-")
/// body    := digits ("," ddd)* ("." digits)? | "." digits
/// suffix  := unit | "元" | currency-code | "分" | ")"
/// unit    := 千 | 万 萬 | 百万 百萬 | 千万 千萬 | 亿 億    (×10³ ×10⁴ ×10⁶ ×10⁷ ×10⁸)
/// ```
///
/// Currencies (`¥ $ RMB CNY 人民币`, `元`) only for money, `分` only for scores. Refused with a reason:
/// European decimal commas (`1234,50`, `1.234,50`, `1 234,50`), spaces or apostrophes between digits,
/// groups other than three digits after a comma, several decimal points, scientific notation, a trailing
/// minus (`1234-`), percentages, and two signs (`-(12)`).
struct NumberGrammar {
    var currency = false
    var units = false
    var scoreSuffix = false

    static let money = NumberGrammar(currency: true, units: true)
    static let decimal = NumberGrammar(units: true)
    static let integer = NumberGrammar(units: true)
    static let score = NumberGrammar(scoreSuffix: true)

    private static let rmb = Ch.word("rmb")
    private static let cny = Ch.word("cny")
    private static let renminbi = Ch.word("人民币")
    private static let renminbiT = Ch.word("人民幣")

    /// The length of a currency token at `i`, or 0.
    private func currencyToken(_ t: FoldedText, _ i: Int) -> Int {
        let c = t[i]
        if c == Ch.yen || c == Ch.dollar { return 1 }
        if t.matches(Self.rmb, at: i) || t.matches(Self.cny, at: i) { return 3 }
        if t.matches(Self.renminbi, at: i) || t.matches(Self.renminbiT, at: i) { return 3 }
        return 0
    }

    /// A Chinese unit at `i`: its length and power of ten.
    private func unitToken(_ t: FoldedText, _ i: Int) -> (length: Int, exponent: Int)? {
        let c = t[i]
        let next = i + 1 < t.count ? t[i + 1] : 0
        switch c {
        case Ch.wan, Ch.wanT: return (1, 4)
        case Ch.yi, Ch.yiT: return (1, 8)
        case Ch.bai where next == Ch.wan || next == Ch.wanT: return (2, 6)
        case Ch.qian where next == Ch.wan || next == Ch.wanT: return (2, 7)
        case Ch.qian: return (1, 3)
        default: return nil
        }
    }

    /// Reads the whole of `t` as a number.
    func scan(_ t: FoldedText) -> Result<ExactNumber, Reason> {
        let end = t.count
        var i = 0
        var negative = false
        var sawSign = false
        var paren = false
        var sawCurrency = false
        // Prefixes.
        while i < end {
            let c = t[i]
            if c == Ch.space {
                i += 1
                continue
            }
            if c == Ch.minus || c == Ch.plus {
                if sawSign || paren { return .failure(Reason("it has two signs")) }
                sawSign = true
                negative = c == Ch.minus
                i += 1
                continue
            }
            if c == Ch.openParen {
                if paren || sawSign { return .failure(Reason("it has two signs")) }
                paren = true
                i += 1
                continue
            }
            let length = currencyToken(t, i)
            if length > 0 {
                guard currency else { return .failure(Reason("a currency is not expected here")) }
                if sawCurrency { return .failure(Reason("it names the currency twice")) }
                sawCurrency = true
                i += length
                continue
            }
            break
        }
        // Body.
        var accumulator = DigitAccumulator()
        var integerDigits = 0
        var fractionDigits = 0
        var sawComma = false
        var groupLength = 0
        while i < end {
            let c = t[i]
            if Ch.isDigit(c) {
                accumulator.push(UInt8(c - Ch.zero), fraction: false)
                integerDigits += 1
                groupLength += 1
                i += 1
            } else if c == Ch.comma {
                if sawComma ? groupLength != 3 : (groupLength == 0 || groupLength > 3) {
                    return .failure(commaProblem(t, from: i + 1))
                }
                guard i + 1 < end, Ch.isDigit(t[i + 1]) else { return .failure(commaProblem(t, from: i + 1)) }
                sawComma = true
                groupLength = 0
                i += 1
            } else if (c == Ch.space || c == Ch.apostrophe || c == Ch.underscore) && integerDigits > 0
                && i + 1 < end && Ch.isDigit(t[i + 1])
            {
                return .failure(
                    Reason(
                        "it has spaces or marks between digits; write 1234.50"
                            + " (European decimal commas are not accepted)"))
            } else {
                break
            }
        }
        if sawComma && groupLength != 3 { return .failure(commaProblem(t, lastGroup: groupLength, at: i)) }
        if i < end && t[i] == Ch.dot {
            i += 1
            while i < end, Ch.isDigit(t[i]) {
                accumulator.push(UInt8(t[i] - Ch.zero), fraction: true)
                fractionDigits += 1
                i += 1
            }
            if i < end && t[i] == Ch.dot { return .failure(Reason("it has more than one decimal point")) }
            if i < end && t[i] == Ch.comma {
                return .failure(
                    Reason(
                        "a comma is not a decimal point; write 1234.50"
                            + " (European decimal commas are not accepted)"))
            }
        }
        guard integerDigits + fractionDigits > 0 else { return .failure(Reason("it is not a number")) }
        if i + 1 < end && t[i] == 0x65 && (Ch.isDigit(t[i + 1]) || t[i + 1] == Ch.minus || t[i + 1] == Ch.plus) {
            return .failure(Reason("scientific notation is not accepted; write the number in full"))
        }
        // Suffixes.
        var unitExponent = 0
        var sawUnit = false
        var sawYuan = false
        var sawScore = false
        var closed = false
        while i < end {
            let c = t[i]
            if c == Ch.space {
                i += 1
                continue
            }
            if units && !sawUnit && !sawYuan, let unit = unitToken(t, i) {
                unitExponent = unit.exponent
                sawUnit = true
                i += unit.length
                continue
            }
            if currency && !sawYuan && c == Ch.yuan {
                sawYuan = true
                i += 1
                continue
            }
            if currency && !sawCurrency {
                let length = currencyToken(t, i)
                if length > 1 {
                    sawCurrency = true
                    i += length
                    continue
                }
            }
            if scoreSuffix && !sawScore && c == Ch.fen {
                sawScore = true
                i += 1
                continue
            }
            if paren && !closed && c == Ch.closeParen {
                closed = true
                i += 1
                continue
            }
            if c == Ch.minus && i == end - 1 {
                return .failure(Reason("a trailing minus is not accepted; write -1234"))
            }
            if c == 0x25 || c == 0xFF05 { return .failure(Reason("a percentage is not accepted here")) }
            break
        }
        if i < end {
            return .failure(Reason("\"\(Self.text(t, from: i))\" after the number is not understood"))
        }
        if paren && !closed { return .failure(Reason("an opening parenthesis is not closed")) }
        guard accumulator.isExact else { return .failure(Reason("it has more than 19 significant digits")) }
        return .success(accumulator.number(negative: negative || paren, extraExponent: unitExponent))
    }

    /// Why a comma at this position is not a thousands separator.
    private func commaProblem(_ t: FoldedText, from i: Int) -> Reason {
        var digits = 0
        var k = i
        while k < t.count, Ch.isDigit(t[k]) {
            digits += 1
            k += 1
        }
        return commaProblem(t, lastGroup: digits, at: k)
    }

    /// Why a comma followed by `lastGroup` digits, ending at `k`, is not a thousands separator.
    private func commaProblem(_ t: FoldedText, lastGroup digits: Int, at k: Int) -> Reason {
        if digits >= 1 && digits <= 2 && (k == t.count || !(t[k] == Ch.comma || t[k] == Ch.dot)) {
            return Reason("a comma is not a decimal point; write 1234.50 (European decimal commas are not accepted)")
        }
        return Reason("thousands separators must group three digits, as in 1,234,567")
    }

    /// The folded scalars from `i` on, as text (for reasons).
    static func text(_ t: FoldedText, from i: Int) -> String {
        var s = String.UnicodeScalarView()
        for k in i..<min(t.count, i + 12) {
            if let u = Unicode.Scalar(t[k]) { s.append(u) }
        }
        return String(s)
    }
}

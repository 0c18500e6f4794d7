import Foundation
import Testing

@testable import SalesCore

/// The scoring CSV writes its numbers as bytes (``TextBytes``) for speed; they must read exactly as the
/// `String` formatting the rest of the toolkit uses.
@Suite("Score CSV numbers written as bytes")
struct ScoreTextBytesTests {
    private static func text(_ write: (inout TextBytes) -> Void) -> String {
        var t = TextBytes()
        write(&t)
        return String(decoding: t.bytes, as: UTF8.self)
    }

    /// Edges of every digit count and group of three, and the extremes.
    static let integers: [Int64] = {
        var values: [Int64] = [0, 1, -1, 9, 10, 99, 100, 999, 1000, 1001, 99_999, 100_000, 999_999, 1_000_000]
        var p: Int64 = 1
        for _ in 0..<18 {
            p *= 10
            values += [p - 1, p, p + 1, -p, -(p - 1)]
        }
        return values + [Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 123_456_789_012_345_678]
    }()

    @Test("integers and money read as String(n), moneyText and MoneyDisplay.text")
    func integers() {
        for n in Self.integers {
            #expect(Self.text { $0.append(n) } == String(n), "\(n)")
            #expect(Self.text { $0.appendMoney(cents: n) } == ImportValue.moneyText(cents: n), "\(n)")
            #expect(Self.text { $0.appendGroupedMoney(cents: n) } == MoneyDisplay.text(cents: n), "\(n)")
        }
    }

    @Test("leading zeros up to a width, never cutting digits")
    func width() {
        #expect(Self.text { $0.appendDigits(7, width: 3) } == "007")
        #expect(Self.text { $0.appendDigits(0, width: 3) } == "000")
        #expect(Self.text { $0.appendDigits(1234, width: 3) } == "1234")
        #expect(Self.text { $0.appendDigits(UInt64.max, width: 25) } == String(UInt64.max))
    }

    @Test("fixed decimals read as ScoreReport.fixed")
    func fixed() {
        var generator = ScoreRandom(seed: 18)
        var values: [Double] = [
            0, -0.0, 0.5, -0.5, 0.004, 0.005, 1.0 / 3, -2.0 / 3, 123.456_789, 1e11, -1e11, 1e12, .nan, .infinity,
        ]
        for _ in 0..<2_000 { values.append(Double.random(in: -1e6...1e6, using: &generator)) }
        for x in values {
            for digits in 0...6 {
                #expect(Self.text { $0.appendFixed(x, digits) } == ScoreReport.fixed(x, digits), "\(x) \(digits)")
            }
        }
    }
}

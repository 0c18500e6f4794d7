import Foundation
import SalesTestSupport
import Testing
import XLSX

@testable import SalesCore

@Suite("Value parsing: round trips")
struct ValuePropertyTests {
    /// `¥#,##0.00`, as Excel formats yuan.
    static func yuanText(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        var digits = String(magnitude / 100)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "¥" + digits + grouped + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    @Test func centsRoundTripThroughFormattedText() {
        var random = SeededRandom(seed: 20_260_305)
        for k in 0..<5000 {
            let cents: Int64 =
                switch k % 4 {
                case 0: Int64.random(in: -99_999...99_999, using: &random)
                case 1: Int64.random(in: -10_000_000_000...10_000_000_000, using: &random)
                case 2: Int64.random(in: Int64.min + 1...Int64.max, using: &random)
                default: Int64.random(in: 0...1_000_000_000_000, using: &random)
                }
            let text = Self.yuanText(cents)
            #expect(parsed(text, .money) == .money(cents: cents), "\(text)")
            let magnitude = Int64(cents.magnitude)
            #expect(parsed("(" + Self.yuanText(magnitude) + ")", .money) == .money(cents: -magnitude))
        }
        #expect(Self.yuanText(123_456_789) == "¥1,234,567.89")
    }

    @Test func numberCellsRoundTripThroughDoubles() {
        // What a library writes for a Double amount: its shortest digits (Swift prints the same as Python's repr).
        var random = SeededRandom(seed: 7)
        for _ in 0..<5000 {
            let cents = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &random)
            let value = Double(cents) / 100
            #expect(parsed(CellInput(CellValue.number(value)), .money) == .money(cents: cents), "\(value)")
            // Excel's 17-digit form of the same double.
            let seventeen = String(format: "%.17g", value)
            #expect(parsed(.number(ExactNumber(raw: seventeen)!), .money) == .money(cents: cents), "\(seventeen)")
        }
    }

    @Test func datesRoundTripThroughEveryTextForm() {
        var random = SeededRandom(seed: 42)
        let first = CivilDate(year: 1900, month: 1, day: 1)!.daysSinceUnixEpoch
        let last = CivilDate(year: 2199, month: 12, day: 31)!.daysSinceUnixEpoch
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let dmy = ValueParser(dateOrder: .dmy)
        let mdy = ValueParser(dateOrder: .mdy)
        for _ in 0..<2000 {
            let date = CivilDate(daysSinceUnixEpoch: Int.random(in: first...last, using: &random))
            let (y, m, d) = (date.year, date.month, date.day)
            let mm = m < 10 ? "0\(m)" : "\(m)"
            let dd = d < 10 ? "0\(d)" : "\(d)"
            let forms = [
                date.iso, "\(y)-\(m)-\(d)", "\(y)/\(m)/\(d)", "\(y).\(m).\(d)", "\(y)\(mm)\(dd)",
                "\(y)年\(m)月\(d)日", "\(y)年\(mm)月\(dd)日", fullWidth("\(y)年\(m)月\(d)日"), "\(date.iso) 10:20:30",
                "\(y)/\(m)/\(d) 10:20", "\(date.iso)T23:59:59", "\(d) \(months[m - 1]) \(y)",
                "\(months[m - 1]) \(d), \(y)",
            ]
            for form in forms {
                #expect(parsed(form, .date) == .date(date), "\(form)")
            }
            #expect(parsed("\(dd)/\(mm)/\(y)", .date, parser: dmy) == .date(date))
            #expect(parsed("\(m)/\(d)/\(y)", .date, parser: mdy) == .date(date))
            let serial = ExcelDate.serial(ExcelDateTime(year: y, month: m, day: d), system: .excel1900)
            #expect(parsed(dateCell(serial: serial), .date) == .date(date))
        }
    }

    private func fullWidth(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { c in
                    (0x21...0x7E).contains(c.value) ? Unicode.Scalar(c.value + 0xFEE0)! : c
                }))
    }
}

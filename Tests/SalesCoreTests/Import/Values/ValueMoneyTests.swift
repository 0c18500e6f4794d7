import Testing

@testable import SalesCore

@Suite("Value parsing: money")
struct ValueMoneyTests {
    @Test(
        "amounts typed as text",
        arguments: [
            ("1234.5", 123_450),
            ("1234", 123_400),
            ("1,234.50", 123_450),
            ("1,234,567.89", 123_456_789),
            ("１２３４．５０", 123_450),
            ("１，２３４．５０", 123_450),
            ("¥1,234.50", 123_450),
            ("￥1234", 123_400),
            ("$12.30", 1230),
            ("RMB 1,234", 123_400),
            ("rmb1234", 123_400),
            ("CNY1234", 123_400),
            ("人民币1234元", 123_400),
            ("1234元", 123_400),
            ("1,234 RMB", 123_400),
            ("12.5万", 12_500_000),
            ("12.5 万元", 12_500_000),
            ("12.5萬", 12_500_000),
            ("1.2亿", 12_000_000_000),
            ("1.2億元", 12_000_000_000),
            ("3千", 300_000),
            ("1.5百万", 150_000_000),
            ("2千万", 2_000_000_000),
            ("1.23456万", 1_234_560),
            ("(1,234.00)", -123_400),
            ("（1,234.00）", -123_400),
            ("(¥1,234.00)", -123_400),
            ("¥(1,234.00)", -123_400),
            ("-1234", -123_400),
            ("−1234", -123_400),
            ("－1234", -123_400),
            ("-¥1,234.50", -123_450),
            ("¥-1,234.50", -123_450),
            ("+12", 1200),
            (".5", 50),
            ("0.05", 5),
            ("0", 0),
            ("-0", 0),
            ("12.340", 1234),
            ("1234.500000", 123_450),
            ("　¥ 1,234.50　", 123_450),
            ("00012.30", 1230),
        ] as [(String, Int64)])
    func text(input: String, cents: Int64) {
        #expect(parsed(input, .money) == .money(cents: cents))
    }

    @Test(
        "amounts refused with a reason",
        arguments: [
            ("12.345", "more than 2 decimal places"),
            ("1.2345678万", "more than 2 decimal places"),
            ("1234,50", "European decimal commas"),
            ("1.234,50", "European decimal commas"),
            ("1 234,50", "European decimal commas"),
            ("12,34,567", "group three digits"),
            ("1234,567", "group three digits"),
            ("1,2345", "group three digits"),
            ("1,234.5.6", "more than one decimal point"),
            ("1234-", "trailing minus"),
            ("-(12)", "two signs"),
            ("--12", "two signs"),
            ("(12", "not closed"),
            ("12%", "percentage"),
            ("1.5e3", "scientific notation"),
            ("abc", "not a number"),
            ("¥", "not a number"),
            ("12 apples", "\"apples\" after the number"),
            ("¥¥12", "currency twice"),
            ("12元元", "\"元\" after the number"),
            ("92233720368547758.08", "too large"),
            ("99999999999999999999", "more than 19 significant digits"),
            ("1000亿亿", "亿\" after the number"),
        ])
    func refused(input: String, reason: String) throws {
        let error = try #require(failure(input, .money))
        #expect(error.reason.contains(reason), "\(error)")
        #expect(error.expected == "an amount such as 1,234.50, ¥1234 or 12.5万")
        #expect(error.found == input.trimmingSpaces)
    }

    @Test func int64Boundary() {
        #expect(parsed("92233720368547758.07", .money) == .money(cents: Int64.max))
        #expect(parsed("-92233720368547758.07", .money) == .money(cents: -Int64.max))
        #expect(failure("92233720368547758.08", .money) != nil)
        #expect(failure("922337203685477.59万", .money)?.reason.contains("too large") == true)
        #expect(parsed("9223372036854.775807万", .money) == .money(cents: Int64.max))
        #expect(failure(numberCell("1E+20"), .money)?.reason.contains("too large") == true)
    }

    @Test func twoVersusThreeDecimals() {
        #expect(parsed("0.01", .money) == .money(cents: 1))
        #expect(failure("0.001", .money)?.reason == "it has more than 2 decimal places")
        #expect(parsed("0.001万", .money) == .money(cents: 1000))
        #expect(parsed("0.000001万", .money) == .money(cents: 1))
        #expect(failure("0.0000001万", .money) != nil)
        #expect(parsed("1.00000000亿", .money) == .money(cents: 10_000_000_000))
    }

    @Test(
        "the column's money scale multiplies",
        arguments: [
            ("12.5", 10_000, 12_500_000),
            ("1.23456", 10_000, 1_234_560),
            ("3", 1000, 300_000),
            ("0.5万", 10_000, 5_000_000_000),
            ("7", 3, 2100),
        ] as [(String, Int, Int64)])
    func scale(input: String, scale: Int, cents: Int64) {
        #expect(parsed(input, .money, scale: scale) == .money(cents: cents))
    }

    @Test func scaleAppliesToNumberCells() {
        #expect(parsed(numberCell("12.5"), .money, scale: 10_000) == .money(cents: 12_500_000))
        #expect(failure(numberCell("1.2345678"), .money, scale: 10_000)?.reason == "it has more than 2 decimal places")
        #expect(failure("1.2345678", .money, scale: 10_000) != nil)
        #expect(parsed("1.234567", .money, scale: 10_000) == .money(cents: 1_234_567))
    }

    @Test(
        "number cells: exact digits, binary artefacts rounded to the cent",
        arguments: [
            ("2469.1300000000001", 246_913),
            ("0.30000000000000004", 30),
            ("1234.5", 123_450),
            ("1234", 123_400),
            ("-1234.5699999999999", -123_457),
            ("1.2345600000000001E+4", 1_234_560),
            ("1E+3", 100_000),
            ("1234.5600001", 123_456),
            ("99999999999999.98", 9_999_999_999_999_998),
            ("0", 0),
            ("1E-20", 0),
        ] as [(String, Int64)])
    func numberCells(raw: String, cents: Int64) {
        #expect(parsed(numberCell(raw), .money) == .money(cents: cents))
    }

    @Test(
        "number cells further than 1e-6 from a cent are refused",
        arguments: [
            "12.345", "0.001", "1234.5678", "1234.56001",
        ])
    func numberCellsOffTheCent(raw: String) throws {
        let error = try #require(failure(numberCell(raw), .money))
        #expect(error.reason == "it has more than 2 decimal places")
        #expect(error.found == raw)
    }

    @Test func otherCellsAreRefused() {
        #expect(failure(dateCell(serial: 46_086), .money)?.reason.contains("holds a date") == true)
        #expect(failure(.boolean(true), .money)?.found == "TRUE")
        #expect(
            failure(.error("#N/A"), .money)?.description
                == "expected an amount such as 1,234.50, ¥1234 or 12.5万, found \"#N/A\":"
                + " the cell holds the spreadsheet error #N/A")
        #expect(failure(.time(.init(hour: 10, minute: 0, second: 0)), .money) != nil)
    }

    @Test func bytesEntryPoint() throws {
        var text = "¥1,234.50"
        let cents = text.withUTF8 { ValueParser().parseMoney(utf8: $0) }
        #expect(try cents.get() == 123_450)
        var bad = "12.345"
        let error = bad.withUTF8 { ValueParser().parseMoney(utf8: $0) }
        #expect(throws: ValueError.self) { try error.get() }
    }

    @Test(
        "decimal text of money",
        arguments: [(123_450, "1234.50"), (-5, "-0.05"), (0, "0.00"), (100, "1.00")]
            as [(Int64, String)])
    func moneyText(cents: Int64, text: String) {
        #expect(ImportValue.money(cents: cents).description == text)
    }
}

extension String {
    /// Without leading and trailing spaces of any width (as `ValueError.found` echoes text).
    var trimmingSpaces: String { ValueParser.trimmed(self) }
}

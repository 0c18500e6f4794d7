import Testing
import XLSX

@testable import SalesCore

@Suite("Value parsing: decimals, whole numbers and scores")
struct ValueNumberTests {
    @Test(
        "decimals are exact and canonical",
        arguments: [
            ("12.5", "12.5"), ("12.50", "12.5"), ("1,234.500", "1234.5"), ("１２．５", "12.5"), ("-3", "-3"),
            ("−0.25", "-0.25"), ("(2)", "-2"), ("0.001", "0.001"), ("000", "0"), ("1.2万", "12000"),
            ("0.00001万", "0.1"), (".5", "0.5"), ("3.14159265358979", "3.14159265358979"),
        ])
    func decimals(input: String, text: String) {
        #expect(parsed(input, .decimal) == .decimal(text))
    }

    @Test func decimalsRefused() {
        #expect(failure("¥12", .decimal)?.reason == "a currency is not expected here")
        #expect(failure("12元", .decimal) != nil)
        #expect(failure("1,5", .decimal)?.reason.contains("European") == true)
        #expect(failure("12 pcs", .decimal) != nil)
        #expect(failure("twelve", .decimal)?.expected == "a number such as 12.5")
    }

    @Test(
        "number cells as decimals",
        arguments: [
            ("0.30000000000000004", "0.3"), ("12.5", "12.5"), ("3", "3"), ("1E-3", "0.001"), ("1.5E+3", "1500"),
            ("2469.1300000000001", "2469.13"),
        ])
    func decimalCells(raw: String, text: String) {
        #expect(parsed(numberCell(raw), .decimal) == .decimal(text))
    }

    @Test func integers() {
        #expect(parsed("12", .integer) == .integer(12))
        #expect(parsed("1,200", .integer) == .integer(1200))
        #expect(parsed("3.0", .integer) == .integer(3))
        #expect(parsed("-7", .integer) == .integer(-7))
        #expect(parsed("３万", .integer) == .integer(30_000))
        #expect(parsed("9223372036854775807", .integer) == .integer(Int64.max))
        #expect(failure("9223372036854775808", .integer)?.reason == "it is too large")
        #expect(failure("3.5", .integer)?.reason == "it is not a whole number")
        #expect(failure("¥3", .integer) != nil)
        #expect(parsed(numberCell("3"), .integer) == .integer(3))
        #expect(parsed(numberCell("3.0000000000000004"), .integer) == .integer(3))
        #expect(parsed(numberCell("1234567890123456789"), .integer) == .integer(1_234_567_890_123_456_789))
        #expect(failure(numberCell("3.5"), .integer)?.found == "3.5")
        #expect(failure(dateCell(serial: 46_086), .integer) != nil)
    }

    @Test(
        "scores 1 to 5",
        arguments: [
            ("1", 1), ("5", 5), ("4分", 4), ("４", 4), ("４分", 4), ("4.0", 4), (" 3 分 ", 3),
        ])
    func scores(input: String, score: Int) {
        #expect(parsed(input, .score1to5) == .score(score))
    }

    @Test("scores refused", arguments: ["0", "6", "4.5", "-1", "五", "4星", "¥4", "4万"])
    func scoresRefused(input: String) throws {
        let error = try #require(failure(input, .score1to5))
        #expect(error.expected == "a score from 1 to 5")
    }

    @Test func scoreCells() {
        #expect(parsed(numberCell("4"), .score1to5) == .score(4))
        #expect(parsed(numberCell("4.0000000000000009"), .score1to5) == .score(4))
        #expect(failure(numberCell("4.5"), .score1to5)?.reason == "scores are whole numbers from 1 to 5")
        #expect(failure(numberCell("6"), .score1to5) != nil)
        #expect(failure(.boolean(true), .score1to5) != nil)
    }

    @Test(
        "exact numbers read a cell's <v>",
        arguments: [
            ("0", "0"), ("-0", "0"), ("1234.5000", "1234.5"), ("1E+3", "1000"), ("1.5e-2", "0.015"), ("+7", "7"),
            (".5", "0.5"), ("5.", "5"), ("12345678901234567890123", "12345678901234567890000"),
        ])
    func exactNumbers(raw: String, text: String) throws {
        #expect(try #require(ExactNumber(raw: raw)).description == text)
    }

    @Test func exactNumbersRefuse() {
        for raw in ["", "-", "1e", "1,5", "abc", " 1", "1 ", "0x10", "nan", "inf"] {
            #expect(ExactNumber(raw: raw) == nil, "\(raw)")
        }
        #expect(ExactNumber(Double.nan) == nil)
        #expect(ExactNumber(0.1 + 0.2)?.rounded(toSignificantDigits: 15).description == "0.3")
        #expect(ExactNumber(1e300)?.description == "1E+300")
    }
}

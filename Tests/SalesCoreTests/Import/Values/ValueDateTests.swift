import Testing
import XLSX

@testable import SalesCore

@Suite("Value parsing: dates")
struct ValueDateTests {
    @Test(
        "year-first text dates",
        arguments: [
            "2026-03-05", "2026-3-5", "2026/3/5", "2026/03/05", "2026.3.5", "20260305",
            "2026年3月5日", "2026年03月05日", "2026 年 3 月 5 日", "2026年3月5号", "2026年3月5",
            "２０２６年３月５日", "２０２６－０３－０５", "２０２６／３／５", "　2026-03-05　",
            "2026-03-05 10:20:30", "2026/3/5 10:20", "2026-03-05T10:20:30", "2026-03-05T10:20:30.250",
            "2026-03-05T10:20:30Z", "2026-03-05T10:20:30+08:00", "2026-03-05 10:20 PM", "2026年3月5日 下午3:20",
            "20260305 10:20", "2026–03–05",
            "5 Mar 2026", "05-Mar-2026", "Mar 5, 2026", "March 5 2026", "5 march 2026", "Mar. 5, 2026",
        ])
    func yearFirst(input: String) {
        #expect(parsed(input, .date) == .date(day(2026, 3, 5)), "\(input)")
    }

    @Test("day or month first needs --date-order", arguments: ["05/03/2026", "5-3-2026", "5.3.2026", "25/03/2026"])
    func ambiguous(input: String) throws {
        let error = try #require(failure(input, .date))
        #expect(error.reason.contains("--date-order dmy"))
        #expect(error.reason.contains("--date-order mdy"))
        #expect(error.found == input)
    }

    @Test func dateOrder() {
        let dmy = ValueParser(dateOrder: .dmy)
        let mdy = ValueParser(dateOrder: .mdy)
        let ymd = ValueParser(dateOrder: .ymd)
        #expect(parsed("05/03/2026", .date, parser: dmy) == .date(day(2026, 3, 5)))
        #expect(parsed("05/03/2026", .date, parser: mdy) == .date(day(2026, 5, 3)))
        #expect(parsed("5-3-2026", .date, parser: dmy) == .date(day(2026, 3, 5)))
        #expect(parsed("2026-03-05", .date, parser: mdy) == .date(day(2026, 3, 5)))
        #expect(failure("25/03/2026", .date, parser: mdy)?.reason == "month 25 does not exist")
        #expect(failure("05/03/2026", .date, parser: ymd)?.reason.contains("ymd") == true)
        #expect(ValueParser.DateOrder.allCases.map(\.rawValue) == ["ymd", "dmy", "mdy"])
    }

    @Test("two-digit years are refused, with or without a date order", arguments: ["05/03/26", "26/3/5", "5-Mar-26"])
    func twoDigitYears(input: String) {
        for parser in [ValueParser(), ValueParser(dateOrder: .dmy)] {
            #expect(failure(input, .date, parser: parser)?.reason.contains("two-digit years") == true, "\(input)")
        }
    }

    @Test(
        "dates that do not exist",
        arguments: [
            ("2026-02-30", "day 30 does not exist in February 2026"),
            ("2026-02-29", "day 29 does not exist in February 2026"),
            ("2026/13/45", "month 13 does not exist"),
            ("2026-00-10", "month 0 does not exist"),
            ("2026-04-31", "day 31 does not exist in April 2026"),
            ("1899-12-31", "year 1899 is outside 1900–2199"),
            ("2200-01-01", "year 2200 is outside 1900–2199"),
            ("2026-03-05 25:00", "the time after the date does not exist"),
            ("2026-03-05 10:20 tomorrow", "the time after the date is not understood"),
            ("2026-03", "a month is not a date; add the day"),
            ("2026", "a year alone is not a date"),
            ("2026-03/05", "it mixes separators"),
            ("46086", "a number typed as text is not a date; format the column as a date"),
            ("next week", "it is not a date"),
            ("2026-3-5-1", "the time after the date is not understood"),
        ])
    func invalid(input: String, reason: String) throws {
        let error = try #require(failure(input, .date))
        #expect(error.reason == reason)
        #expect(error.expected == "a date such as 2026-03-05 or 2026年3月5日")
    }

    @Test func leapDays() {
        #expect(parsed("2024-02-29", .date) == .date(day(2024, 2, 29)))
        #expect(parsed("2000-02-29", .date) == .date(day(2000, 2, 29)))
        #expect(failure("1900-02-29", .date)?.reason == "day 29 does not exist in February 1900")
    }

    @Test func errorDescription() throws {
        let error = try #require(failure("2026/13/45", .date))
        #expect(
            error.description
                == "expected a date such as 2026-03-05 or 2026年3月5日, found \"2026/13/45\": month 13 does not exist")
    }

    // MARK: - Cells

    @Test func dateCellsDropTheTime() {
        #expect(parsed(dateCell(serial: 46_086), .date) == .date(day(2026, 3, 5)))
        #expect(parsed(dateCell(serial: 46_086.75), .date) == .date(day(2026, 3, 5)))
        let lateEvening = ExcelDateTime(year: 2026, month: 3, day: 5, time: .init(hour: 23, minute: 59, second: 59))
        #expect(parsed(.date(lateEvening), .date) == .date(day(2026, 3, 5)))
        #expect(parsed(dateCell(serial: 44_624, system: .excel1904), .date) == .date(day(2026, 3, 5)))
    }

    @Test("the 1900 leap-year serials") func phantomLeapDay() {
        #expect(parsed(dateCell(serial: 59), .date) == .date(day(1900, 2, 28)))
        #expect(parsed(dateCell(serial: 61), .date) == .date(day(1900, 3, 1)))
        #expect(parsed(dateCell(serial: 1), .date) == .date(day(1900, 1, 1)))
        #expect(failure(dateCell(serial: 60), .date)?.reason.contains("1900-02-29") == true)
        #expect(failure(dateCell(serial: 0), .date)?.reason == "year 1899 is outside 1900–2199")
        // The 1904 system has no phantom day: serial 60 is 1904-03-01.
        let parser1904 = ValueParser(dateSystem: .excel1904)
        #expect(parsed(dateCell(serial: 60, system: .excel1904), .date, parser: parser1904) == .date(day(1904, 3, 1)))
    }

    @Test func plainNumbersAsSerials() {
        #expect(parsed(numberCell("46086"), .date) == .date(day(2026, 3, 5)))
        #expect(parsed(numberCell("46086.5"), .date) == .date(day(2026, 3, 5)))
        #expect(parsed(numberCell("20000"), .date) == .date(day(1954, 10, 3)))
        #expect(parsed(numberCell("80000"), .date) == .date(day(2119, 1, 11)))
        let parser1904 = ValueParser(dateSystem: .excel1904)
        #expect(parsed(numberCell("44624"), .date, parser: parser1904) == .date(day(2026, 3, 5)))
        #expect(parsed(numberCell("20260305"), .date) == .date(day(2026, 3, 5)))
        for raw in ["19999", "80001", "1234", "-46086", "3.5"] {
            #expect(failure(numberCell(raw), .date)?.reason.contains("Excel serial") == true, "\(raw)")
        }
        #expect(failure(numberCell("20261305"), .date)?.reason == "month 13 does not exist")
    }

    @Test func otherCells() {
        #expect(failure(.time(.init(hour: 10, minute: 20, second: 0)), .date)?.found == "10:20:00")
        #expect(failure(.boolean(false), .date) != nil)
        #expect(failure(.error("#VALUE!"), .date)?.found == "#VALUE!")
        #expect(failure(.duration(seconds: 3600), .date)?.found == "1:00:00")
        #expect(
            failure(.number(raw: "-5", value: -5, isDate: true, dateValue: nil), .date)?.reason
                .contains("outside Excel's dates") == true)
    }

    @Test func civilDate() {
        let d = day(2026, 3, 5)
        #expect(d.iso == "2026-03-05")
        #expect(CivilDate(daysSinceUnixEpoch: d.daysSinceUnixEpoch) == d)
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(day(2026, 3, 5) < day(2026, 3, 6))
        #expect(day(1999, 12, 31) < day(2000, 1, 1))
        #expect(day(1900, 1, 1).iso == "1900-01-01")
    }
}

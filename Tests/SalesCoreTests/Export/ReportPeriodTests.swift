import Foundation
import Testing

@testable import SalesCore

@Suite("sales-export metrics: report periods")
struct ExportReportPeriodTests {
    @Test(
        "a year, a quarter and a month, written exactly as the store writes them",
        arguments: [
            ("2026", ReportPeriod.Kind.year, 0), ("2026Q3", .quarter, 3), ("2026-07", .month, 7),
            ("2026Q1", .quarter, 1), ("2026-12", .month, 12), ("1999", .year, 0),
        ])
    func parses(text: String, kind: ReportPeriod.Kind, number: Int) throws {
        let period = try ReportPeriod.parse(text)
        #expect(period.kind == kind && period.number == number)
        #expect(period.text == text && period.description == text)
    }

    @Test(
        "anything else is refused with one line naming the value",
        arguments: [
            "2026Q5", "2026Q0", "2026q3", "2026-13", "2026-00", "2026-7", " 2026", "2026 ", "26",
            "2026H1", "2026-07-01", "202607", "Q3 2026", "2026年", "", "abcd", "1000", "２０２６", "2026Q3x",
        ])
    func refuses(text: String) {
        #expect(throws: MetricsError.invalidPeriod(text)) { try ReportPeriod.parse(text) }
        let message = MetricsError.invalidPeriod(text).errorDescription ?? ""
        #expect(message.contains("'\(text)'"))
        #expect(!message.contains("\n"))
    }

    @Test("first and last days, inclusive")
    func dates() throws {
        #expect(try ReportPeriod.parse("2026").startDate == "2026-01-01")
        #expect(try ReportPeriod.parse("2026").endDate == "2026-12-31")
        #expect(try ReportPeriod.parse("2026Q3").startDate == "2026-07-01")
        #expect(try ReportPeriod.parse("2026Q3").endDate == "2026-09-30")
        #expect(try ReportPeriod.parse("2026Q1").endDate == "2026-03-31")
        #expect(try ReportPeriod.parse("2026-04").endDate == "2026-04-30")
        #expect(try ReportPeriod.parse("2024-02").endDate == "2024-02-29")
        #expect(try ReportPeriod.parse("2026-02").endDate == "2026-02-28")
        #expect(try ReportPeriod.parse("2026-07").contains(date: "2026-07-31"))
        #expect(try !ReportPeriod.parse("2026-07").contains(date: "2026-08-01"))
    }

    @Test(
        "days in the period, leap years included",
        arguments: [
            ("2026", 365), ("2024", 366), ("2000", 366), ("2100", 365), ("2024Q1", 91), ("2025Q1", 90),
            ("2026Q2", 91), ("2026Q3", 92), ("2026Q4", 92), ("2024-02", 29), ("2100-02", 28),
            ("2000-02", 29), ("2026-07", 31), ("2026-09", 30),
        ])
    func dayCount(text: String, days: Int) throws {
        #expect(try ReportPeriod.parse(text).dayCount == days)
    }

    @Test(
        "the period before crosses year boundaries",
        arguments: [
            ("2026", "2025"), ("2026Q1", "2025Q4"), ("2026Q3", "2026Q2"), ("2026-01", "2025-12"),
            ("2026-07", "2026-06"), ("2025-03", "2025-02"),
        ])
    func previous(text: String, expected: String) throws {
        let period = try ReportPeriod.parse(text)
        #expect(period.previous?.text == expected)
        #expect(period.comparison(.previous)?.text == expected)
        #expect(period.previous?.next == period)
    }

    @Test(
        "the same period a year earlier", arguments: [("2026", "2025"), ("2026Q1", "2025Q1"), ("2024-02", "2023-02")])
    func yearOverYear(text: String, expected: String) throws {
        let period = try ReportPeriod.parse(text)
        #expect(period.yearAgo?.text == expected)
        #expect(period.comparison(.yearOverYear)?.text == expected)
        #expect(period.comparison(.none) == nil)
    }

    @Test("a year ago of 29 February 2024's month has 28 days")
    func leapMonthYearAgo() throws {
        let february = try ReportPeriod.parse("2024-02")
        #expect(february.dayCount == 29)
        #expect(february.yearAgo?.dayCount == 28)
        #expect(february.yearAgo?.endDate == "2023-02-28")
    }

    @Test("quarters and months inside a period")
    func parts() throws {
        let year = try ReportPeriod.parse("2026")
        #expect(year.quarters.map(\.text) == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"])
        #expect(year.months.count == 12 && year.months.first?.text == "2026-01" && year.months.last?.text == "2026-12")
        let quarter = try ReportPeriod.parse("2026Q3")
        #expect(quarter.months.map(\.text) == ["2026-07", "2026-08", "2026-09"])
        #expect(quarter.quarters == [quarter])
        #expect(quarter.calendarYear == year)
        let month = try ReportPeriod.parse("2026-08")
        #expect(month.quarters.isEmpty && month.months == [month])
        #expect(month.quarterOf?.text == "2026Q3")
        #expect(year.contains(quarter) && quarter.contains(month) && !month.contains(quarter))
    }

    @Test(
        "the last quarter completed by the period's end",
        arguments: [
            ("2026", "2026Q4"), ("2026Q2", "2026Q2"), ("2026-07", "2026Q2"), ("2026-09", "2026Q3"),
            ("2026-02", "2025Q4"), ("2026-03", "2026Q1"),
        ])
    func lastCompletedQuarter(text: String, expected: String) throws {
        #expect(try ReportPeriod.parse(text).lastCompletedQuarter?.text == expected)
    }

    @Test("periods order by start, the longer first")
    func ordering() throws {
        let sorted = try ["2026-02", "2026Q1", "2026", "2025Q4"].map(ReportPeriod.parse).sorted()
        #expect(sorted.map(\.text) == ["2025Q4", "2026", "2026Q1", "2026-02"])
    }

    @Test("comparison modes: yoy, previous, none, exactly")
    func comparisonModes() throws {
        #expect(try ComparisonMode.parse("yoy") == .yearOverYear)
        #expect(try ComparisonMode.parse("previous") == .previous)
        #expect(try ComparisonMode.parse("none") == .none)
        #expect(throws: MetricsError.invalidComparison("YoY")) { try ComparisonMode.parse("YoY") }
        #expect(MetricsError.invalidComparison("mom").errorDescription?.contains("'mom'") == true)
    }

    @Test("periods encode as their text")
    func codable() throws {
        let period = try ReportPeriod.parse("2026Q3")
        let data = try JSONEncoder().encode([period])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026Q3\"]")
        #expect(try JSONDecoder().decode([ReportPeriod].self, from: data) == [period])
    }
}

@Suite("sales-export metrics: day ranges")
struct ExportDayRangeTests {
    @Test("ranges merge where they touch or overlap")
    func merge() {
        let merged = DayRange.merged([
            DayRange("2026-01-01", "2026-03-31"), DayRange("2025-01-01", "2025-03-31"),
            DayRange("2026-04-01", "2026-06-30"), DayRange("2025-02-01", "2025-02-28"),
        ])
        #expect(merged == [DayRange("2025-01-01", "2025-03-31"), DayRange("2026-01-01", "2026-06-30")])
    }

    @Test("subtracting leaves the days outside the cut, across month ends")
    func subtract() {
        let left = DayRange.subtracting(
            [DayRange("2024-02-29", "2024-03-31")], from: [DayRange("2024-01-01", "2024-12-31")])
        #expect(left == [DayRange("2024-01-01", "2024-02-28"), DayRange("2024-04-01", "2024-12-31")])
        #expect(
            DayRange.subtracting([DayRange("2024-01-01", "2024-12-31")], from: [DayRange("2024-03-01", "2024-03-31")])
                .isEmpty)
    }
}

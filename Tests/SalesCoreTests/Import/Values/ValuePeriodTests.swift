import Testing
import XLSX

@testable import SalesCore

@Suite("Value parsing: periods")
struct ValuePeriodTests {
    @Test(
        "periods typed as text",
        arguments: [
            ("2026", "2026"), ("2026年", "2026"), ("2026年度", "2026"), ("２０２６", "2026"),
            ("2026Q3", "2026Q3"), ("2026q3", "2026Q3"), ("2026 Q3", "2026Q3"), ("2026-Q3", "2026Q3"),
            ("2026年第3季度", "2026Q3"), ("2026年第三季度", "2026Q3"), ("2026年3季度", "2026Q3"), ("2026年第四季", "2026Q4"),
            ("2026年Q3", "2026Q3"), ("Q3 2026", "2026Q3"), ("Q3-2026", "2026Q3"), ("q1/2026", "2026Q1"),
            ("２０２６Ｑ３", "2026Q3"),
            ("2026-07", "2026-07"), ("2026-7", "2026-07"), ("2026/7", "2026-07"), ("2026.7", "2026-07"),
            ("2026年7月", "2026-07"), ("2026年 12 月", "2026-12"), ("202607", "2026-07"),
            ("2026-07-01", "2026-07"), ("2026/7/1", "2026-07"), ("2026年7月1日", "2026-07"), ("20260701", "2026-07"),
        ])
    func text(input: String, period: String) {
        #expect(parsed(input, .period) == .period(period), "\(input)")
    }

    @Test(
        "invalid periods",
        arguments: [
            ("2026Q5", "quarter 5 does not exist"),
            ("2026Q0", "quarter 0 does not exist"),
            ("2026-13", "month 13 does not exist"),
            ("2026-07-15", "a date is not a period"),
            ("2026H1", "half-years"),
            ("26Q3", "two-digit years"),
            ("1899", "year 1899 is outside 1900–2199"),
            ("2026 7", "it is not a period"),
            ("July", "it is not a period"),
            ("2026年第5季度", "quarter 5 does not exist"),
            ("2026-07-32", "day 32 does not exist in July 2026"),
        ])
    func invalid(input: String, reason: String) throws {
        let error = try #require(failure(input, .period))
        #expect(error.reason.contains(reason), "\(error)")
        #expect(error.expected == "a period such as 2026, 2026Q3 or 2026-07")
    }

    @Test func cells() {
        #expect(parsed(numberCell("2026"), .period) == .period("2026"))
        #expect(parsed(numberCell("202607"), .period) == .period("2026-07"))
        #expect(failure(numberCell("2026.07"), .period) != nil)
        #expect(failure(numberCell("202613"), .period)?.reason == "month 13 does not exist")
        // A month typed into Excel is stored as a date on the 1st.
        #expect(parsed(dateCell(serial: 46_204), .period) == .period("2026-07"))
        #expect(parsed(.date(ExcelDateTime(year: 2026, month: 7, day: 1)), .period) == .period("2026-07"))
        #expect(failure(dateCell(serial: 46_210), .period)?.reason.contains("a date is not a period") == true)
        #expect(failure(.boolean(true), .period) != nil)
    }
}

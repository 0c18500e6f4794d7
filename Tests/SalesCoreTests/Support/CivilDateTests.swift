import Foundation
import Testing

@testable import SalesCore

@Suite("Civil dates: the one parser of stored dates")
struct CivilDateTests {
    @Test("stored dates and day numbers round-trip across leap days")
    func roundTrip() {
        for text in ["1970-01-01", "2024-02-29", "2024-03-01", "2000-02-29", "2100-03-01", "2026-12-31", "1900-01-01"] {
            let date = CivilDate(stored: text)
            #expect(date?.iso == text)
            #expect(date.map { CivilDate(daysSinceUnixEpoch: $0.daysSinceUnixEpoch) } == date)
        }
        #expect(CivilDate(stored: "1970-01-01")?.daysSinceUnixEpoch == 0)
        #expect(
            CivilDate(stored: "2024-03-01")!.daysSinceUnixEpoch - CivilDate(stored: "2024-02-28")!.daysSinceUnixEpoch
                == 2)
    }

    @Test("only exactly YYYY-MM-DD of a day that exists is a stored date; the bytes reader agrees")
    func strictness() {
        for text in [
            "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-05", "2026/01/05", "2026-01-05 ", "20260105",
            "2026-01-0x", "", "２０２６-01-05", "-026-01-05", "2026-01-05T00:00:00",
        ] {
            #expect(CivilDate(stored: text) == nil, "\(text)")
            var bytes = Array(text.utf8)
            let days = bytes.withUnsafeMutableBytes { CivilDate.daysSinceUnixEpoch(stored: UnsafeRawBufferPointer($0)) }
            #expect(days == nil, "\(text)")
        }
        var bytes = Array("2025-07-01".utf8)
        let days = bytes.withUnsafeMutableBytes { CivilDate.daysSinceUnixEpoch(stored: UnsafeRawBufferPointer($0)) }
        #expect(days == CivilDate(year: 2025, month: 7, day: 1)?.daysSinceUnixEpoch)
    }

    @Test("a clock gives UTC timestamps to the second and today in its own zone")
    func clock() {
        let instant = Date(timeIntervalSince1970: 1_772_357_400)  // 2026-03-01T09:30:00Z
        #expect(Clock.timestamp(instant) == "2026-03-01T09:30:00Z")
        let late = Date(timeIntervalSince1970: 1_772_406_000)  // 2026-03-01T23:00:00Z
        #expect(Clock(timeZone: TimeZone(identifier: "Asia/Shanghai")!, now: { late }).today().iso == "2026-03-02")
        #expect(Clock(timeZone: TimeZone(identifier: "UTC")!, now: { late }).today().iso == "2026-03-01")
        #expect(Clock(timeZone: TimeZone(identifier: "UTC")!, now: { late }).timestamp() == "2026-03-01T23:00:00Z")
    }
}
